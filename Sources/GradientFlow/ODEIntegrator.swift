import LinearAlgebra
import MultiPrecision

/// An integrator of u′ = F(t, u), u(t0) = u0: the one call shape of `RK4`,
/// `RungeKuttaPair` (Dormand–Prince 5(4), DOP853) and `GraggBulirschStoer`.
///
/// Every integrator takes the same `ODEOptions` (those it cannot honour make it
/// return `.invalidInput`, never a silently different run) and returns an
/// `ODESolution`: u at each observation time reached, a status and the work done.
/// Observation times must be finite and increase from t0; each is hit exactly.
public protocol ODEIntegrator<Scalar> {
  associatedtype Scalar: DenseScalar
  /// The method's name in messages and reports ("RK4", "DOPRI5", "DOP853", "GBS").
  var name: String { get }
  /// Integrates from t0 through every observation time in `times`.
  func integrate(
    _ f: ODERightHandSide<Scalar>, t0: Scalar, u0: [Scalar], times: [Scalar], options: ODEOptions<Scalar>
  ) -> ODESolution<Scalar>
}

extension RungeKuttaPair: ODEIntegrator {}
