import XCTest
import MultiPrecision
import NeuralNetworks
@testable import StageTheorems

final class ScratchTests: XCTestCase {
  func testScratch() throws {
    let target = try StageTarget("1")
    var net = Network<Double>(widths: [1, 3, 1], activation: Tanh(), initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 1)), seed: 1)
    for i in net.weightOffset(1)..<net.parameterCount { net.parameters[i] = 0 }
    let d = try InitialStage.computeGrid(network: net, target: target, density: .normal(mean: 0, sd: 0.1), etas: [1, 2, 3], points: 1 << 12)
    let q = try InitialStage.compute(Double.self, network: net, target: target, density: .normal(mean: 0, sd: 0.1), etas: [1, 2, 3], options: InitialStageOptions(digits: 12))
    for i in d.eta.indices { print(d.eta[i], d.lossAbove[i].double / d.loss.double, q.lossAbove[i].double / q.loss.double, erfc(2 * 2.0.squareRoot() * Double.pi * 0.1 * d.eta[i])) }
    let t2 = try StageTarget("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")
    let net2 = Network<Double>(widths: [1, 20, 1], activation: Tanh(), initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 1)), seed: 1)
    let d2 = try InitialStage.computeGrid(network: net2, target: t2, density: .normal(mean: 0, sd: 1), etas: [0.5, 1, 2, 4], points: 1 << 13)
    let q2 = try InitialStage.compute(Double.self, network: net2, target: t2, density: .normal(mean: 0, sd: 1), etas: [0.5, 1, 2, 4], options: InitialStageOptions(digits: 12))
    for i in d2.eta.indices { print(d2.eta[i], d2.R[i], q2.R[i], d2.B[i], q2.B[i]) }
  }
}
