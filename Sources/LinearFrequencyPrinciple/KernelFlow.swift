import GradientFlow
import LinearAlgebra
import MultiPrecision
import RealModule

/// The gradient flow of a kernel model on the sum loss ½Σ_i (h(x_i) − y_i)² from
/// h₀ = 0 (the antisymmetric initialisation): on the data the linear flow
///
///     h_t(X) = y − e^{−K(X, X) t} y        (`GradientFlow.LinearFlow`, eigen route),
///
/// and off the data h_t(x) = K(x, X) K(X, X)⁻¹ h_t(X) (the parameters move in the
/// span of the data's gradient features); t = ∞ gives the interpolant
/// K(x, X) K(X, X)⁻¹ y. With K the empirical kernel Θ_m/m this is the linearised
/// network in time units of 1/m; with the exact NTK, its infinite-width limit; with
/// the LFP kernel p_b·G, the LFP model in the same time units.
public struct KernelFlow: Sendable {
  public let gram: Matrix<Double>
  /// K(p, X) for each evaluation point p.
  public let cross: [[Double]]
  public let y: [Double]
  let flow: LinearFlow<Double>

  public init(gram: Matrix<Double>, cross: [[Double]], y: [Double]) throws(LFPError) {
    guard gram.isSquare, gram.rows == y.count, cross.allSatisfy({ $0.count == y.count }) else {
      throw LFPError("kernel flow: K(X, X) is \(gram.rows)×\(gram.columns) for \(y.count) labels")
    }
    do { flow = try LinearFlow(k: gram, y: y) } catch {
      throw LFPError("kernel flow: K(X, X) is not positive semi-definite: \(error)")
    }
    self.gram = gram
    self.cross = cross
    self.y = y
  }

  /// The smallest eigenvalue of K(X, X): the slowest relaxation rate on the data.
  public var slowestRate: Double { flow.eigen.values.min() ?? 0 }

  /// h_t on the data X (t = `.infinity`: y).
  public func dataValues(at t: Double) throws(LFPError) -> [Double] {
    guard t >= 0 else { throw LFPError("kernel flow: time must be ≥ 0, found \(t)") }
    return t == .infinity ? y : flow.exact(u0: [Double](repeating: 0, count: y.count), at: t)
  }

  /// h_t at the evaluation points (t = `.infinity`: the interpolant).
  public func values(at t: Double) throws(LFPError) -> [Double] {
    let hX = try dataValues(at: t)
    let c: [Double]
    do { c = try gram.solve(hX) } catch { throw LFPError("kernel Gram matrix is singular: \(error)") }
    return cross.map { row in zip(row, c).reduce(0) { $0 + $1.0 * $1.1 } }
  }
}
