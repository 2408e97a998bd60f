import LinearAlgebra
import MultiPrecision
import RealModule

/// The linear gradient flow u′ = −K(u − y), K symmetric positive
/// semi-definite: the LFP dynamics of the residual on the training points
/// (and the linearised network, f_t = y + e^{−Θt}(f₀ − y)).
///
/// Two independent solutions:
/// - `exact(u0:at:)`: u(t) = y + V e^{−Λt} Vᵀ(u₀ − y) with K = VΛVᵀ
///   (Jacobi in MPFR, LAPACK `dsyevd` in Double);
/// - `integrate(...)`: any of the module's integrators on the ODE itself.
/// `crossCheck` runs both and reports the discrepancy.
public struct LinearFlow<T: DenseScalar>: Sendable {
  public let k: Matrix<T>
  public let y: [T]
  public let eigen: SymmetricEigen<T>

  /// Decomposes K. Throws if K is not square/symmetric, the dimension of y
  /// differs, or K has an eigenvalue below −tolerance·‖K‖ (not PSD; the
  /// default tolerance is 64·n·ε).
  public init(k: Matrix<T>, y: [T], psdTolerance: T? = nil) throws(LinearAlgebraError) {
    guard k.isSquare, k.rows == y.count else {
      throw .dimensionMismatch("LinearFlow: K is \(k.rows)×\(k.columns), y has \(y.count) entries")
    }
    self.k = k
    self.y = y
    self.eigen = try k.symmetricEigen()
    let tol = (psdTolerance ?? T(64 * max(k.rows, 1)) * T.ulpOfOne) * max(k.frobeniusNorm, T.leastNormalMagnitude)
    if let lmin = eigen.values.first, lmin < -tol {
      throw .notPositiveDefinite(pivot: 0)
    }
  }

  /// F(t, u) = −K(u − y).
  public var rightHandSide: ODERightHandSide<T> {
    let k = self.k
    let y = self.y
    return { _, u, du in
      let r = k * Vector.subtract(u, y)
      for i in 0..<r.count { du[i] = -r[i] }
    }
  }

  /// u(t) = y + V e^{−Λt} Vᵀ(u₀ − y). Eigenvalues that are slightly negative
  /// from rounding are clamped to 0 (K is PSD).
  public func exact(u0: [T], at t: T) -> [T] {
    let r = eigen.apply({ T.exp(-max($0, .zero) * t) }, to: Vector.subtract(u0, y))
    return Vector.add(y, r)
  }

  /// The ODE route: integrates u′ = −K(u − y) from t = 0 with any integrator.
  public func integrate(
    u0: [T], times: [T], using integrator: some ODEIntegrator<T>, options: ODEOptions<T>
  ) -> ODESolution<T> {
    integrator.integrate(rightHandSide, t0: .zero, u0: u0, times: times, options: options)
  }

  /// The two routes side by side.
  public struct CrossCheck {
    /// max over times and components of |u_ode − u_exact|.
    public var maxDiscrepancy: T
    /// maxDiscrepancy / max(1, max |u_exact|).
    public var relativeDiscrepancy: T
    public var solution: ODESolution<T>
    public var exact: [[T]]
  }

  /// Runs both routes at `times` and reports their discrepancy. If the
  /// integrator failed, the discrepancy covers the snapshots it produced and
  /// `solution.status` says why.
  public func crossCheck(
    u0: [T], times: [T], using integrator: some ODEIntegrator<T>, options: ODEOptions<T>
  ) -> CrossCheck {
    let sol = integrate(u0: u0, times: times, using: integrator, options: options)
    let ex = sol.times.map { exact(u0: u0, at: $0) }
    var d = T.zero
    var m = T(1)
    for (a, b) in zip(sol.states, ex) {
      d = max(d, Vector.maxDifference(a, b))
      m = max(m, Vector.normInf(b))
    }
    if sol.status != .success { d = .infinity }
    return CrossCheck(maxDiscrepancy: d, relativeDiscrepancy: d / m, solution: sol, exact: ex)
  }
}
