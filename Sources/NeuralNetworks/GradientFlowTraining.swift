import GradientFlow
import LinearAlgebra
import MultiPrecision

/// Exact gradient flow ended other than by reaching the last requested time.
public struct GradientFlowTrainingError: Error, CustomStringConvertible {
  /// The ODE status (`nonFinite`, `blowUp`, `stepSizeUnderflow`, …).
  public let status: ODEStatus
  /// The integrator's sentence about where and why.
  public let reason: String
  /// The snapshots taken before the run stopped.
  public let snapshots: [Snapshot<Double>]
  public var description: String { "gradient flow stopped (\(status)): \(reason)" }
}

extension TrainingObjective where Scalar: DenseScalar {
  /// Integrates dθ/dt = −∇L(θ) from the network's parameters θ(0) and takes a
  /// snapshot at each requested time tⱼ (strictly increasing, > 0): the loss
  /// L(θ(tⱼ)), the outputs on `evaluationPoints` (n_eval × d, row-major) and,
  /// if asked, θ(tⱼ). `losses[0]` is L(θ(0)); `losses[j]` is L(θ(tⱼ)), and
  /// snapshot j has `step == j`.
  ///
  /// A run that blows up or stops (non-finite state, step-size underflow)
  /// throws `GradientFlowTrainingError` carrying the snapshots before it.
  ///
  /// Gradient descent with learning rate η is the explicit Euler discretisation of
  /// this flow at times t = η·step; the theorems of the general theory are stated
  /// for the flow itself, which `integrator` integrates with error control: DOP853
  /// by default (to ~1e-13 in Double, ~25–30 digits in MPFloat), `GraggBulirschStoer`
  /// for 30+ digits in MPFloat. `options` nil means rtol = 1e-10, atol = 1e-12 and a
  /// blow-up bound ‖θ‖∞ ≤ 1e8.
  public func trainByGradientFlow(
    using integrator: any ODEIntegrator<Scalar> = RungeKuttaPair<Scalar>.dop853(), options: ODEOptions<Scalar>? = nil,
    times: [Double], evaluationPoints: [Double] = [], recordParameters: Bool = false
  ) throws -> (losses: [Double], snapshots: [Snapshot<Scalar>], statistics: ODEStatistics) {
    let field: ODERightHandSide<Scalar> = { _, theta, dtheta in
      let g = self.gradient(at: theta)
      for i in g.indices { dtheta[i] = -g[i] }
    }
    let t = times.map { Scalar($0) }
    let theta0 = network.parameters
    let solution = integrator.integrate(
      field, t0: .zero, u0: theta0, times: t, options: options ?? Self.defaultFlowOptions)
    let points = evaluationPoints.map { Scalar($0) }
    var losses = [value(at: theta0).doubleValue]
    var snapshots: [Snapshot<Scalar>] = []
    for (j, theta) in solution.states.enumerated() {
      let l = value(at: theta).doubleValue
      losses.append(l)
      let outputs = points.isEmpty ? [] : network.outputs(points, parameters: theta).map(\.doubleValue)
      snapshots.append(
        Snapshot(step: j + 1, loss: l, outputs: outputs, parameters: recordParameters ? theta : nil))
    }
    guard solution.succeeded else {
      throw GradientFlowTrainingError(
        status: solution.status, reason: solution.reason,
        snapshots: snapshots.map { Snapshot(step: $0.step, loss: $0.loss, outputs: $0.outputs, parameters: nil) })
    }
    return (losses, snapshots, solution.statistics)
  }

  /// rtol = 1e-10, atol = 1e-12, blow-up bound 1e8: the default of `trainByGradientFlow`.
  static var defaultFlowOptions: ODEOptions<Scalar> {
    var o = ODEOptions<Scalar>(rtol: Scalar(1e-10), atol: Scalar(1e-12))
    o.blowUpNorm = Scalar(1e8)
    return o
  }
}
