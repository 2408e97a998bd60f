import BallArithmetic
import Expressions
import MultiPrecision
import NeuralNetworks
import Verification

/// The rounding floor of the 1-D trajectory quantities, derived instead of assumed.
///
/// The grid residual g_j = (h(x_j) − f(x_j))√ρ(x_j) is computed in Double; its rounding error
/// is bounded point by point, |fl(g_j) − g_j| ≤ e_j, by
///
///     e_j = (δh_j + δf_j + u|u_j|)√ρ_j + |u_j|√ρ_j κ_ρ(x_j),
///
/// δh the network's running error bound (`Network.outputsWithRoundingBound`, with the input
/// map's own error), δf the target's (the Double value against an Arb ball enclosure at 64 bits),
/// κ_ρ the relative error of √ρ (exp of a quadratic: u(8 + 2 max_c z_c²), z_c the standardised
/// distance to each Gaussian component; 2u for a uniform density). With the energy
/// E_in = Δ Σ e_j² of that error and the FFT's, ‖fl(ĝ) − ĝ‖ ≤ c log₂(M) u ‖ĝ‖ (Higham, *Accuracy
/// and Stability of Numerical Algorithms*, Thm 24.2, with c = 8 covering the twiddle factors),
/// the triangle inequality gives √E = √E_in + 8 log₂(M) u √L, and for any part of the spectrum
/// selected by weights in [0, 1] (the tail above η with its fractional edge bin), Cauchy–Schwarz:
///
///     |fl(L⁺_η) − L⁺_η| ≤ 2√(L⁺_η E) + E + γ_{M/2+3} L⁺_η,
///
/// the last term the summation of the M/2 + 1 non-negative power bins (no cancellation: the
/// 1-D tail is a sum of |ĝ_k|², never a difference of O(L) numbers). The same bound with L in
/// place of L⁺_η holds for the grid loss. This replaces a fixed floor of 1e-13 L(0) that was
/// not derived and that left the shares of analytic activations below it unresolved (the true
/// floor is many orders of magnitude lower; the bound is printed in the trajectory output).
struct RoundingFloor {
  /// √E: the root energy of the residual's rounding error plus the FFT's.
  var energyRoot: Double

  static let unit = RoundingErrorBound.unit

  /// γ_k = ku/(1 − ku) (`RoundingErrorBound`).
  static func gamma(_ k: Int) -> Double { RoundingErrorBound.gamma(k) }

  /// The bound on the rounding error of a tail (or of the loss: pass L) summed over `bins` bins.
  func bound(_ tail: Double, bins: Int) -> Double {
    let e = energyRoot * energyRoot
    return 2 * (max(0, tail) * e).squareRoot() + e + RoundingFloor.gamma(bins + 3) * max(0, tail)
  }

  /// The floor of a residual g = (h − f)√ρ on a grid of spacing Δ, padded to `paddedCount`
  /// points for the FFT, from the pointwise bounds `pointError` (e_j) and the grid loss L.
  init(pointError: [Double], spacing: Double, paddedCount: Int, loss: Double) {
    var s = 0.0
    for e in pointError { s += e * e }
    let input = (spacing * s * (1 + RoundingFloor.gamma(pointError.count + 2))).squareRoot()
    let logM = Double(Int.bitWidth - max(1, paddedCount).leadingZeroBitCount)
    energyRoot = input + 8 * logM * RoundingFloor.unit * max(0, loss).squareRoot()
  }
}

extension TrainingTrajectory.InputMap {
  /// Bounds on the rounding error of each mapped input (n × width): 0 for the identity; for the
  /// Fourier features cos(2π bᵀx), sin(2π bᵀx): 2π(γ_d + 3u) Σ_k |b_k x_k| + 2u (the inner
  /// product, 2π and its product, and a libm cos/sin within one ulp, all of derivative ≤ 1).
  func roundingError(_ x: [Double]) -> [Double] {
    let n = x.count / d
    guard m > 0 else { return [Double](repeating: 0, count: x.count) }
    let u = RoundingFloor.unit
    let g = RoundingFloor.gamma(d) + 3 * u
    var out = [Double](repeating: 0, count: n * 2 * m)
    for i in 0..<n {
      for r in 0..<m {
        var s = 0.0
        for k in 0..<d { s += abs(b[r * d + k] * x[i * d + k]) }
        let e = 2 * Double.pi * g * s + 2 * u
        out[i * 2 * m + r] = e
        out[i * 2 * m + m + r] = e
      }
    }
    return out
  }
}

extension SampleDensity {
  /// A bound on the relative rounding error of √ρ(x) as `value` computes it in Double:
  /// u(8 + 2 max_c z_c²), z_c = (x − m_c)/s_c, for normal densities and mixtures (the exponent
  /// −z²/2 carries a relative error of a few u, so the exponential one of u z² absolutely);
  /// 2u for a uniform density (a constant).
  func sqrtRelativeRoundingError(_ x: Double) -> Double {
    let u = RoundingFloor.unit
    let cs = components
    guard !cs.isEmpty else { return 2 * u }
    var z2 = 0.0
    for c in cs {
      let z = (x - c.mean) / c.sd
      z2 = max(z2, z * z)
    }
    return u * (8 + 2 * z2 + Double(cs.count))
  }
}

extension StageTargetAnyDimension {
  /// |fl(f(x_j)) − f(x_j)| for the Double values `f` at the 1-D points `x`: the distance from
  /// f_j to the farther end of an Arb ball enclosing f(x_j) at 64 bits, plus one ulp for the
  /// rounding of the ball's ends to Double. Kept per target and grid (`roundingErrors`): every
  /// seed of a file measures on the same grid.
  func roundingError(at x: [Double], values f: [Double]) throws(StageError) -> [Double] {
    guard case .one(let t, _) = self else {
      throw StageError("the target's rounding bound is for 1-D targets")
    }
    let key = TargetGridKey(target: t.text, first: x.first ?? 0, last: x.last ?? 0, count: x.count)
    do {
      return try StageTargetAnyDimension.roundingErrors.value(for: key) {
        try Self.enclosureDistances(t, at: x, values: f)
      }
    } catch let e as StageError {
      throw e
    } catch {
      throw StageError("target `\(t.text)`: \(error)")
    }
  }

  /// A target on a uniform grid (its first and last node and count fix every node, and so f).
  struct TargetGridKey: Hashable, Sendable {
    var target: String
    var first: Double
    var last: Double
    var count: Int
  }

  static let roundingErrors = ProviderCache<TargetGridKey, [Double]>(capacity: 64)

  static func enclosureDistances(_ t: StageTarget, at x: [Double], values f: [Double]) throws(StageError) -> [Double] {
    let balls: CompiledExpression<ArbBall>
    do {
      balls = try CompiledExpression<ArbBall>(t.expression, variables: ["x", "x1"], precision: 64)
    } catch {
      throw StageError("target `\(t.text)`: \(error.message)")
    }
    var out: [Double] = []
    out.reserveCapacity(x.count)
    for (xi, fi) in zip(x, f) {
      let p = ArbBall(MPFloat(xi, precision: 64), precision: 64)
      let b: ArbBall
      do { b = try balls.evaluate([p, p]) } catch {
        throw StageError("target `\(t.text)` cannot be enclosed at x = \(xi): \(error.message)")
      }
      let lo = b.lower.doubleValue, hi = b.upper.doubleValue
      guard lo.isFinite, hi.isFinite else {
        throw StageError("target `\(t.text)`: no finite enclosure at x = \(xi)")
      }
      // + one ulp of the largest: the bounds' own rounding to Double (to nearest, not outward).
      out.append(max(abs(fi - lo), abs(hi - fi)) + max(abs(fi), abs(lo), abs(hi)).ulp)
    }
    return out
  }
}
