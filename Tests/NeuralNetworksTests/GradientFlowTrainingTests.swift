import GradientFlow
import MultiPrecision
import NeuralNetworks
import Testing

/// Exact gradient flow dθ/dt = −∇L(θ) (module GradientFlow's integrators on the
/// network's backprop gradient), checked against independent routes.
@Suite("Exact gradient-flow training")
struct GradientFlowTrainingTests {
  static func objective() -> TrainingObjective<Double> {
    let net = Network<Double>(
      widths: [1, 8, 8, 1], activation: Tanh(), initializer: Initializer(weights: .xavier), seed: 11)
    return TrainingObjective(network: net, data: referenceData(), loss: MeanSquaredError())
  }

  /// Gradient descent is explicit Euler on the flow: after k steps of size η it
  /// approximates θ(kη) with error O(η). Halving η (doubling the steps) must
  /// roughly halve the distance of GD's loss to the flow's loss at t = 2.
  @Test func gradientDescentConvergesToTheFlowAtFirstOrder() throws {
    let objective = Self.objective()
    let flow = try objective.trainByGradientFlow(
      using: RungeKuttaPair.dop853(), options: ODEOptions(rtol: 1e-12, atol: 1e-14), times: [2.0])
    let exact = flow.losses[1]
    var errors: [Double] = []
    for steps in [100, 200, 400] {
      let eta = 2.0 / Double(steps)
      let gd = train(
        objective.network, on: referenceData(), loss: MeanSquaredError(),
        optimizer: GradientDescent(learningRate: eta), options: TrainingOptions(steps: steps))
      errors.append(abs(gd.losses.last! - exact))
    }
    let ratios = [errors[0] / errors[1], errors[1] / errors[2]]
    for r in ratios { #expect(r > 1.8 && r < 2.2, "Euler error ratio \(r) (errors \(errors))") }
  }

  /// Two integrators (DOP853 and Gragg–Bulirsch–Stoer extrapolation) agree,
  /// and the loss never increases along the flow: dL/dt = −‖∇L‖² ≤ 0.
  @Test func integratorsAgreeAndLossDecreases() throws {
    let objective = Self.objective()
    let times = [0.25, 0.5, 1, 2, 4]
    let tight = ODEOptions<Double>(rtol: 1e-12, atol: 1e-14)
    let a = try objective.trainByGradientFlow(
      using: RungeKuttaPair.dop853(), options: tight, times: times, recordParameters: true)
    let b = try objective.trainByGradientFlow(
      using: GraggBulirschStoer(), options: tight, times: times, recordParameters: true)
    for (sa, sb) in zip(a.snapshots, b.snapshots) {
      let d = zip(sa.parameters!, sb.parameters!).map { abs($0 - $1) }.max()!
      #expect(d < 1e-9, "θ differs by \(d) at snapshot \(sa.step)")
    }
    for i in 1..<a.losses.count { #expect(a.losses[i] <= a.losses[i - 1]) }
    #expect(a.snapshots.map(\.step) == [1, 2, 3, 4, 5])
  }

  /// In MPFloat at 192 bits the extrapolation route agrees with the Double
  /// run to Double accuracy, and a coarse DOP853 run in MPFloat agrees with it
  /// to its tolerance (a second precision as an oracle for the first).
  @Test func mpfloatFlowAgreesWithDouble() throws {
    try MPFloat.withPrecision(192) {
      let net = Network<Double>(widths: [1, 3, 1], activation: Tanh(), seed: 5)
      let data = SyntheticData.sumOfSines(x: SyntheticData.grid(-1, 1, count: 7), frequencies: [Double.pi])
      let hi = TrainingObjective(network: net.converted(to: MPFloat.self), data: data, loss: MeanSquaredError())
      let lo = TrainingObjective(network: net, data: data, loss: MeanSquaredError())
      let exact = try hi.trainByGradientFlow(
        using: GraggBulirschStoer(), options: ODEOptions(rtol: MPFloat("1e-40")!, atol: MPFloat("1e-45")!),
        times: [1], recordParameters: true)
      let double = try lo.trainByGradientFlow(
        using: RungeKuttaPair.dop853(), options: ODEOptions(rtol: 1e-13, atol: 1e-15), times: [1],
        recordParameters: true)
      let d = zip(exact.snapshots[0].parameters!, double.snapshots[0].parameters!).map { abs($0.doubleValue - $1) }
        .max()!
      #expect(d < 1e-11, "MPFloat vs Double flow: \(d)")
    }
  }

  /// A flow that blows up is reported with its status, not a number.
  @Test func blowUpIsReported() {
    let net = Network<Double>(widths: [1, 4, 1], activation: ReLU(), initializer: Initializer(weights: .he), seed: 3)
    // L(θ) = −MSE is unbounded below: maximising the error makes θ grow without bound.
    let objective = TrainingObjective(network: net, data: referenceData(), loss: NegatedLoss())
    #expect(throws: GradientFlowTrainingError.self) {
      var options = ODEOptions<Double>(rtol: 1e-10, atol: 1e-12)
      options.blowUpNorm = 1e6
      _ = try objective.trainByGradientFlow(options: options, times: [1, 10, 100, 1000])
    }
  }
}

/// −MSE: a deliberately unbounded objective for the blow-up test.
struct NegatedLoss: Loss {
  var name: String { "negated_mse" }
  func value<T: RealScalar>(output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>) -> T {
    -MeanSquaredError().value(output: output, target: target)
  }
  func gradient<T: RealScalar>(
    output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>, into gradient: UnsafeMutableBufferPointer<T>
  ) {
    MeanSquaredError().gradient(output: output, target: target, into: gradient)
    for j in gradient.indices { gradient[j] = -gradient[j] }
  }
}
