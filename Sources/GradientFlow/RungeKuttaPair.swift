import LinearAlgebra
import MultiPrecision
import RealModule

/// An explicit embedded Runge–Kutta pair with error estimator and dense
/// output: Dormand–Prince 5(4) ("DOPRI5") or DOP853 8(5,3), with the
/// coefficients of Hairer, Nørsett & Wanner, *Solving ODE I* (2nd ed.), §II.5
/// and §II.10, as in Hairer's `dopri5.f` / `dop853.f`.
///
/// Coefficients are decimal or rational text parsed at the working precision
/// (`T(decimal:)`, `/` in T), so an `MPFloat` run at p bits gets them at p bits.
/// DOPRI5's are exact rationals; DOP853's are published only to 30 digits
/// (several are irrational, involving √6), so in MPFloat DOP853 satisfies its
/// order conditions to about 1e-30 and cannot deliver more than ~30 digits.
/// Use `GraggBulirschStoer` beyond that.
public struct RungeKuttaPair<T: DenseScalar>: Sendable {
  public let name: String
  /// Order of the propagated solution.
  public let order: Int
  /// Order q of the error estimator; the controller uses err^(−1/(q+1)).
  public let estimatorOrder: Int
  /// Main stages s; stage s is the FSAL evaluation F(t + h, u_new).
  public let stages: Int
  /// Nodes cᵢ for all stages (main, FSAL, dense-output extras).
  public let c: [T]
  /// Sparse rows a[i] = [(j, aᵢⱼ)].
  public let a: [[(Int, T)]]
  /// Weights of u_new = u + h Σ bⱼkⱼ.
  public let b: [(Int, T)]
  public let error: ErrorEstimator
  public let dense: DenseOutputRule
  /// |hλ| above which the step is stability- rather than accuracy-limited.
  public let stabilityBoundary: T

  public enum ErrorEstimator: Sendable {
    /// err = h Σ eⱼkⱼ (difference of the two embedded solutions).
    case single([(Int, T)])
    /// DOP853: err5, err3 combined as err5²/√(err5² + 0.01·err3²).
    case dop853(e5: [(Int, T)], e3: [(Int, T)])
  }

  public enum DenseOutputRule: Sendable {
    /// DOPRI5 continuous extension of order 4 (Hairer's d-coefficients).
    case dopri5(d: [(Int, T)])
    /// DOP853 interpolant of order 7: 3 extra stages and 4 rows of d.
    case dop853(extraStages: Int, d: [[(Int, T)]])
  }

  static func q(_ s: String) -> T {
    if let slash = s.firstIndex(of: "/") {
      let num = T(decimal: String(s[..<slash]))!
      let den = T(decimal: String(s[s.index(after: slash)...]))!
      return num / den
    }
    guard let v = T(decimal: s) else { preconditionFailure("tableau: bad coefficient text \(s)") }
    return v
  }
  static func row(_ r: [(Int, String)]) -> [(Int, T)] { r.map { ($0.0, q($0.1)) } }

  /// Dormand & Prince (1980) 5(4), FSAL, with Hairer's order-4 dense output.
  public static func dormandPrince5() -> RungeKuttaPair {
    let c = ["0", "1/5", "3/10", "4/5", "8/9", "1", "1"].map(q)
    let a: [[(Int, String)]] = [
      [],
      [(0, "1/5")],
      [(0, "3/40"), (1, "9/40")],
      [(0, "44/45"), (1, "-56/15"), (2, "32/9")],
      [(0, "19372/6561"), (1, "-25360/2187"), (2, "64448/6561"), (3, "-212/729")],
      [(0, "9017/3168"), (1, "-355/33"), (2, "46732/5247"), (3, "49/176"), (4, "-5103/18656")],
    ]
    let b: [(Int, String)] = [(0, "35/384"), (2, "500/1113"), (3, "125/192"), (4, "-2187/6784"), (5, "11/84")]
    // e = b − b̂, b̂ = (5179/57600, 0, 7571/16695, 393/640, −92097/339200, 187/2100, 1/40).
    let e: [(Int, String)] = [
      (0, "71/57600"), (2, "-71/16695"), (3, "71/1920"), (4, "-17253/339200"), (5, "22/525"), (6, "-1/40"),
    ]
    let d: [(Int, String)] = [
      (0, "-12715105075/11282082432"), (2, "87487479700/32700410799"), (3, "-10690763975/1880347072"),
      (4, "701980252875/199316789632"), (5, "-1453857185/822651844"), (6, "69997945/29380423"),
    ]
    return RungeKuttaPair(
      name: "DOPRI5", order: 5, estimatorOrder: 4, stages: 6, c: c, a: a.map(row), b: row(b),
      error: .single(row(e)), dense: .dopri5(d: row(d)), stabilityBoundary: q("3.25"))
  }

  /// Dormand & Prince / Hairer DOP853: order 8, error estimators of orders 5
  /// and 3, dense output of order 7.
  public static func dop853() -> RungeKuttaPair {
    let c = DOP853Coefficients.c.map(q)
    let a = DOP853Coefficients.a.map(row)
    let b = a[12]
    var e3 = b
    for (j, v) in row(DOP853Coefficients.bhh) {
      if let k = e3.firstIndex(where: { $0.0 == j }) { e3[k].1 -= v } else { e3.append((j, -v)) }
    }
    return RungeKuttaPair(
      name: "DOP853", order: 8, estimatorOrder: 7, stages: 12, c: c, a: a,
      b: b, error: .dop853(e5: row(DOP853Coefficients.e5), e3: e3),
      dense: .dop853(extraStages: 3, d: DOP853Coefficients.d.map(row)), stabilityBoundary: q("6.1"))
  }
}
