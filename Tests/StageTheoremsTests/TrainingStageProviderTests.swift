import Foundation
import MultiPrecision
import NeuralNetworks
import Testing
import Verification

@testable import StageTheorems

/// The intermediate bound for a loss other than the MSE and the crossing-time
/// quantities of the final stage (`stage_training`).
@Suite struct TrainingStageProviderTests {
  static let target = try! StageTarget("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")

  /// Along the flow of the L⁴ loss the bound carries the decrease of the training
  /// loss: ratio ≤ K(2πη)^{−2s}√t(ΔL_ℓ)^{1/2}/ΔL with ΔL_ℓ = L_ℓ(0) − L_ℓ(t), ΔL that of the MSE.
  @Test func quarticLossBoundUsesTheTrainingLossDecrease() throws {
    let net = Network<Double>(
      widths: [1, 8, 1], activation: Tanh(),
      initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 1)), seed: 3)
    var o = StageTrainingOptions(times: [0.5, 1])
    o.points = 512
    o.loss = "l4"
    o.sobolevOrder = 2
    let etas = [1.0, 2, 4]
    let r = try TrainingStages.run(
      network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: etas, options: o)
    for i in 0..<2 {
      let dL = r.loss[0] - r.loss[i + 1]
      let dTrain = r.trainingLoss[0] - r.trainingLoss[i + 1]
      #expect(dL > 0 && dTrain > 0)
      // The L⁴ and MSE decreases differ, so the bound is not the MSE one.
      #expect(abs(dTrain - dL) > 1e-3 * dL)
      for (e, eta) in etas.enumerated() {
        #expect(r.ratio[i][e] <= r.bound[i][e])
        let expected = r.K[i] * Double.pow(2 * Double.pi * eta, -4) * o.times[i].squareRoot() * dTrain.squareRoot() / dL
        #expect(abs(r.bound[i][e] - expected) <= 1e-12 * expected)
      }
    }
  }

  static func arguments(_ quantity: String, threshold: Double) -> ProviderArguments {
    ProviderArguments([
      ("quantity", .string(quantity)), ("activation", .string("tanh")), ("widths", .string("8")),
      ("seed", .number("3")), ("density", .string("normal:0,1")), ("points", .number("512")),
      ("k_samples", .number("0")), ("threshold", .number("\(threshold)")),
      ("times", .list([0.5, 1, 2, 4, 8].map { .number("\($0)") })), ("eta", .number("0.5")),
    ])
  }

  /// `low_time` encloses the first crossing of the low-frequency error below the
  /// threshold between two snapshots; `high_at_low_time` is the high-frequency error
  /// at that snapshot; a threshold never reached is an error, not a number.
  @Test func crossingTimeAndHighErrorAtIt() throws {
    let provider = TrainingStageProvider()
    let point = SweepPoint(index: 0, coordinates: [:], seed: 3)
    let net = Network<Double>(
      widths: [1, 8, 1], activation: Tanh(), initializer: Initializer(weights: .lecun, biases: .normal(std: 1)),
      seed: 3)
    var o = StageTrainingOptions(times: [0.5, 1, 2, 4, 8])
    o.points = 512
    o.kSamples = 0
    o.measureK = false
    o.sobolevOrder = 2
    let r = try TrainingStages.run(
      network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: [0.5], options: o)
    let low = r.lowError.map { $0[0] }
    // A threshold between the first and the last low-frequency error.
    let threshold = (low.first! + low.last!) / 2
    let k = try #require(low.firstIndex { $0 < threshold })
    #expect(k > 0)
    let time = try provider.compute(Self.arguments("low_time", threshold: threshold), at: point, precision: 64)
    #expect(time.lower.doubleValue >= o.times[k - 1] - 1e-12 && time.upper.doubleValue <= o.times[k] + 1e-12)
    let high = try provider.compute(Self.arguments("high_at_low_time", threshold: threshold), at: point, precision: 64)
    #expect(abs(high.value.doubleValue - r.highError[k][0]) <= 1e-9 * r.highError[k][0])
    #expect(throws: ProviderError.self) {
      try provider.compute(Self.arguments("high_at_low_time", threshold: 1e-9), at: point, precision: 64)
    }
    #expect(throws: ProviderError.self) {
      try provider.compute(Self.arguments("low_time", threshold: 1.5), at: point, precision: 64)
    }
  }
}
