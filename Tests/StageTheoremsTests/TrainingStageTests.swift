import MultiPrecision
import NeuralNetworks
import Testing

@testable import StageTheorems

@Suite struct TrainingStageTests {
  static let target = try! StageTarget("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")

  /// Along the exact gradient flow the intermediate ratio stays below its
  /// Cauchy–Schwarz bound, the loss decreases, and GD with a small step follows
  /// the flow (t = step · lr).
  @Test func intermediateBoundHoldsAndGDFollowsTheFlow() throws {
    let net = Network<Double>(
      widths: [1, 8, 1], activation: Tanh(), initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 1)),
      seed: 3)
    var o = StageTrainingOptions(times: [0.5, 1])
    o.points = 512
    let flow = try TrainingStages.run(
      network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: [1, 2, 4], options: o)
    #expect(flow.loss[2] < flow.loss[1] && flow.loss[1] < flow.loss[0])
    for t in 0..<2 { for e in 0..<3 { #expect(flow.ratio[t][e] <= flow.bound[t][e]) } }
    o.trainer = .gradientDescent(lr: 0.0005)
    let gd = try TrainingStages.run(
      network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: [1, 2, 4], options: o)
    // Explicit Euler: first order in lr.
    #expect(abs(gd.loss[2] - flow.loss[2]) <= 1e-2 * (flow.loss[0] - flow.loss[2]))
  }

  @Test func badTimesAndLossesThrow() throws {
    let net = Network<Double>(widths: [1, 4, 1], activation: Tanh(), seed: 1)
    #expect(throws: StageError.self) {
      try TrainingStages.run(
        network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: [1],
        options: StageTrainingOptions(times: [2, 1]))
    }
    var o = StageTrainingOptions(times: [1])
    o.loss = "huber"
    #expect(throws: StageError.self) {
      try TrainingStages.run(network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: [1], options: o)
    }
  }
}
