import CMPFR
import Expressions
import MultiPrecision
import NeuralNetworks

/// The scalars the stage quantities are computed in: `Double` (fast) and
/// `MPFloat` (any MPFR precision). Besides `RealScalar` and the expression
/// language (targets are expressions in x), one hot loop is a requirement with
/// a generic default and an allocation-free MPFR override: the discrete
/// Fourier sums
///
///     C_r(ξ) = Σ_k v_{r,k} cos(2πξ x_k),   S_r(ξ) = Σ_k v_{r,k} sin(2πξ x_k),
///
/// so that F[φ_r](ξ) ≈ C_r − i S_r for φ_r sampled at quadrature nodes x_k with
/// the weights folded into v (convention F[φ](ξ) = ∫ φ(x) e^{−2πiξx} dx).
public protocol StageScalar: NetworkScalar, ExpressionScalar {
  /// (C_r, S_r) for every row r of `values`; `phases[k]` = 2π x_k.
  static func fourierSums(xi: Self, phases: [Self], values: [[Self]]) -> [(cos: Self, sin: Self)]
  /// The same sums at every node of a ξ panel (offsets |δ| ≤ `maxOffset` from its centre), for x nodes
  /// in pieces of `nodesPerPiece` consecutive nodes about `pieceCentres`. Default: the direct sums
  /// above; `MPFloat`: Taylor moments per piece (`MPFRPanelMoments`), no sine per (ξ, x) pair.
  static func fourierPanelSums(
    nodes: [Self], pieceCentres: [Self], nodesPerPiece: Int, values: [[Self]], maxOffset: Double
  ) -> FourierPanelSums<Self>
}

extension StageScalar {
  public static func fourierSums(xi: Self, phases: [Self], values: [[Self]]) -> [(cos: Self, sin: Self)] {
    var c = [Self](repeating: .zero, count: values.count)
    var s = [Self](repeating: .zero, count: values.count)
    for k in phases.indices {
      let t = xi * phases[k]
      let ct = Self.cos(t), st = Self.sin(t)
      for r in values.indices {
        c[r] += values[r][k] * ct
        s[r] += values[r][k] * st
      }
    }
    return (0..<values.count).map { (c[$0], s[$0]) }
  }

  public static func fourierPanelSums(
    nodes: [Self], pieceCentres: [Self], nodesPerPiece: Int, values: [[Self]], maxOffset: Double
  ) -> FourierPanelSums<Self> {
    .direct(nodes: nodes, pieceCentres: pieceCentres, nodesPerPiece: nodesPerPiece, values: values)
  }
}

extension Double: StageScalar {}

extension MPFloat: StageScalar {
  public static func fourierPanelSums(
    nodes: [MPFloat], pieceCentres: [MPFloat], nodesPerPiece: Int, values: [[MPFloat]], maxOffset: Double
  ) -> FourierPanelSums<MPFloat> {
    let kernel = MPFRPanelMoments(
      nodes: nodes, pieceCentres: pieceCentres, nodesPerPiece: nodesPerPiece, values: values, maxOffset: maxOffset)
    return FourierPanelSums(nodes: nodes, pieceCentres: pieceCentres, nodesPerPiece: nodesPerPiece, values: values) {
      kernel.evaluate(centre: $0, offsets: $1, needed: $2)
    }
  }

  /// In place: one `mpfr_sin_cos` and two fused multiply-adds per node and row.
  public static func fourierSums(xi: MPFloat, phases: [MPFloat], values: [[MPFloat]]) -> [(cos: MPFloat, sin: MPFloat)]
  {
    let p = MPFloat.workingPrecision
    var c = (0..<values.count).map { _ in MPFloat(0, precision: p) }
    var s = c.map { MPFloat($0, precision: p) }
    var t = MPFloat(0, precision: p), ct = MPFloat(0, precision: p), st = MPFloat(0, precision: p)
    for k in phases.indices {
      t.formProduct(xi, phases[k])
      st.withUnsafeMutableMPFR { sp in
        ct.withUnsafeMutableMPFR { cp in
          t.withUnsafeMPFR { tp in _ = mpfr_sin_cos(sp, cp, tp, MPFR_RNDN) }
        }
      }
      for r in values.indices {
        c[r].addProduct(values[r][k], ct)
        s[r].addProduct(values[r][k], st)
      }
    }
    return (0..<values.count).map { (c[$0], s[$0]) }
  }
}
