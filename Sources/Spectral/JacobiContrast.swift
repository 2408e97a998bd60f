import MultiPrecision
import RealModule

/// The Jacobi contrast of 1901.06523: −u'' = f on (0, 1) with u(0) = u(1) = 0,
/// discretised on n interior points x_j = j h, h = 1/(n+1), as A u = f with
/// A = h⁻² tridiag(−1, 2, −1), solved by weighted Jacobi
///
///     u^{t+1} = u^t + ω D⁻¹ (f − A u^t),   D = 2h⁻² I.
///
/// The eigenvectors of A are v_k(j) = sin(kπ x_j), k = 1 … n, so the error
/// e^t = u^t − u* has components c_k(t) = (2/(n+1)) Σ_j e^t_j sin(kπ x_j) that
/// evolve independently: c_k(t) = μ_k^t c_k(0) with
///
///     μ_k = 1 − ω (1 − cos(kπh)).
///
/// Low frequencies have μ_k ≈ 1 − ωπ²k²h²/2 and converge slowest; for
/// 0 < ω ≤ 2/3 |μ_k| decreases with k (high frequencies first, the reverse of
/// the F-Principle); for ω = 1, μ_n = −μ_1 and the highest mode is slow too.
public struct JacobiPoisson<T: RealScalar>: Sendable {
  /// n, the number of interior points.
  public let count: Int
  /// ω, the relaxation weight.
  public let omega: T

  public init(interiorPoints n: Int, omega: T) {
    precondition(n >= 1, "JacobiPoisson: need at least one interior point, got \(n)")
    precondition(omega > 0, "JacobiPoisson: ω must be positive, got \(omega)")
    self.count = n
    self.omega = omega
  }

  /// h = 1/(n+1).
  public var spacing: T { T(1) / T(count + 1) }

  /// (A u)_j = h⁻² (2u_j − u_{j−1} − u_{j+1}), u_0 = u_{n+1} = 0.
  public func apply(_ u: [T]) -> [T] {
    let h = spacing, inv = T(1) / (h * h)
    return (0..<count).map { j in
      let left = j > 0 ? u[j - 1] : T.zero
      let right = j + 1 < count ? u[j + 1] : T.zero
      return (T(2) * u[j] - left - right) * inv
    }
  }

  /// One weighted Jacobi step u + ω D⁻¹ (f − A u), D⁻¹ = h²/2.
  public func step(_ u: [T], rightHandSide f: [T]) -> [T] {
    precondition(
      u.count == count && f.count == count,
      "JacobiPoisson.step: u has \(u.count), f has \(f.count) entries, need \(count)")
    let au = apply(u)
    let h = spacing
    let factor = omega * h * h / T(2)
    return (0..<count).map { u[$0] + factor * (f[$0] - au[$0]) }
  }

  /// The components c_k = (2/(n+1)) Σ_j e_j sin(kπ x_j), k = 1 … n (index k−1).
  public func modes(_ e: [T]) -> [T] {
    modes(e, sines: sineTable())
  }

  /// sin(mπh) for m = 0 … 2n+1 (m = kj reduced modulo 2(n+1), exactly).
  func sineTable() -> [T] {
    let h = spacing
    return (0..<(2 * (count + 1))).map { T.sin(T.pi * T($0) * h) }
  }

  func modes(_ e: [T], sines: [T]) -> [T] {
    precondition(e.count == count, "JacobiPoisson.modes: \(e.count) entries, need \(count)")
    let scale = T(2) / T(count + 1)
    let period = 2 * (count + 1)
    return (1...count).map { k in
      var s = T.zero
      for j in 1...count { s += e[j - 1] * sines[(k * j) % period] }
      return s * scale
    }
  }

  /// μ_k = 1 − ω(1 − cos(kπh)).
  public func amplification(_ k: Int) -> T {
    T(1) - omega * (T(1) - T.cos(T(k) * T.pi * spacing))
  }

  /// Runs `iterations` steps from u⁰ toward the exact discrete solution u*
  /// (f = A u*), and returns the error components c(t) for t = 0 … iterations.
  public func errorModes(initial u0: [T], solution uStar: [T], iterations: Int) -> [[T]] {
    let f = apply(uStar)
    let sines = sineTable()
    var u = u0
    var out: [[T]] = [modes(zip(u, uStar).map { $0 - $1 }, sines: sines)]
    for _ in 0..<iterations {
      u = step(u, rightHandSide: f)
      out.append(modes(zip(u, uStar).map { $0 - $1 }, sines: sines))
    }
    return out
  }

  /// The convergence iteration of mode k: the first t after which
  /// |c_k(t)| < ε |c_k(0)| stays true (as for the networks' Δ_F), from a
  /// history returned by `errorModes`; nil if not reached.
  public static func convergenceIteration(history: [[T]], mode k: Int, threshold epsilon: T) -> Int? {
    let c0 = history[0][k - 1].magnitude
    return history.firstIndexStayingBelow(epsilon) { $0[k - 1].magnitude / c0 }
  }

  /// The analytic convergence iteration of mode k: the least t ≥ 0 with
  /// |μ_k|^t < ε, i.e. ⌊log ε / log|μ_k|⌋ + 1 (nil when |μ_k| ≥ 1).
  public func analyticConvergenceIteration(mode k: Int, threshold epsilon: T) -> Int? {
    let mu = amplification(k).magnitude
    if mu >= 1 { return nil }
    if mu == 0 { return 1 }
    let q = T.log(epsilon) / T.log(mu)
    return Int((q.rounded(.down)).doubleValue) + 1
  }
}
