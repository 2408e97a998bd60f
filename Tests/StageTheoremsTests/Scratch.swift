import XCTest
import MultiPrecision
import NeuralNetworks
@testable import StageTheorems

final class ScratchTests: XCTestCase {
  func testScratch() throws {
    let t2 = try StageTarget("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")
    for act in ["relu", "tanh"] {
    let net2 = Network<Double>(widths: [1, 20, 1], activation: builtInActivation(named: act)!, initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 1)), seed: 1)
    let clock = ContinuousClock()
    let t0 = clock.now
    var o = StageTrainingOptions(times: [1, 5, 10])
    o.points = 1 << 11
    let r = try TrainingStages.run(network: net2, target: t2, density: .normal(mean: 0, sd: 1), etas: [1, 2, 4, 8, 16, 32], options: o)
    print(act, "flow", clock.now - t0, r.loss, r.K)
    for i in r.times.indices { print(r.times[i], r.ratio[i], r.bound[i], r.outputChangeShare[i]) }
    }
  }
}
