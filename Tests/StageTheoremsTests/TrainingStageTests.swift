import Foundation
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
      widths: [1, 8, 1], activation: Tanh(),
      initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 1)),
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

/// The population quadrature of the training stages: split at the kinks, its
/// loss and gradient converge in the number of nodes per piece, agree with a
/// fine uniform grid, and the Chebyshev table of the target is used only when it
/// reproduces the target.
@Suite struct PopulationQuadratureTests {
  static let net = Network<Double>(
    widths: [1, 20, 1], activation: ReLU(), initializer: Initializer(weights: .lecun, biases: .normal(std: 1)),
    seed: 1)

  @Test func gradientConvergesAndMatchesAFineGrid() throws {
    let target = try StageTarget("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")
    let density = SampleDensity.normal(mean: 0, sd: 1)
    let theta = Self.net.parameters
    let q8 = try PopulationQuadrature(network: Self.net, target: target, density: density, order: 8)
    let q24 = try PopulationQuadrature(network: Self.net, target: target, density: density, order: 24)
    #expect(q8.chebyshev != nil)
    let a = q8.lossAndGradient(theta, loss: MeanSquaredError())
    let b = q24.lossAndGradient(theta, loss: MeanSquaredError())
    let scale = b.gradient.map { abs($0) }.max()!
    // 8 nodes per cell: L to ~4e-10 relative, ∇L to ~1e-10 (measured; the rule converges geometrically).
    #expect(abs(a.loss - b.loss) <= 1e-9 * b.loss)
    for i in theta.indices { #expect(abs(a.gradient[i] - b.gradient[i]) <= 1e-10 * scale, "\(i)") }
    // An independent estimate: the rectangle rule on 2^16 points. Its error is O(Δx²) for L (u²ρ is
    // continuous with kinks) but O(Δx) for ∇L (∂_θh of ReLU jumps at each kink).
    let grid = StageGrid(density: density, count: 1 << 16, digits: 15)
    let x = grid.nodes
    let f = x.map { Foundation.sin(0.6 * Double.pi * $0) + 0.5 * Foundation.sin(1.6 * Double.pi * $0) }
    let w = x.map { density.value($0) * grid.spacing }
    let c = Self.net.lossAndGradient(inputs: x, targets: f, weights: w, loss: MeanSquaredError())
    #expect(abs(c.loss - b.loss) <= 1e-6 * b.loss)
    for i in theta.indices { #expect(abs(c.gradient[i] - b.gradient[i]) <= grid.spacing * scale, "\(i)") }
  }

  /// A target with a kink is not interpolated (it is evaluated at every node), and the
  /// rule still converges because the kink of the target is at a cell boundary (x = 0).
  @Test func nonSmoothTargetIsEvaluatedDirectly() throws {
    let q = try PopulationQuadrature(
      network: Self.net, target: try StageTarget("abs(x)"), density: .normal(mean: 0, sd: 1), order: 8)
    #expect(q.chebyshev == nil)
    let smooth = try PopulationQuadrature(
      network: Self.net, target: try StageTarget("exp(-x^2)"), density: .normal(mean: 0, sd: 1), order: 8)
    #expect(smooth.chebyshev != nil)
  }

  /// Along the flow of a ReLU network the loss does not depend on the measurement grid
  /// (it is the quadrature's), and the intermediate ratio converges in that grid.
  @Test func reluFlowRatioConvergesInTheGrid() throws {
    let target = try StageTarget("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")
    var o = StageTrainingOptions(times: [1])
    o.kSamples = 0
    o.points = 1 << 13
    let coarse = try TrainingStages.run(
      network: Self.net, target: target, density: .normal(mean: 0, sd: 1), etas: [2, 4], options: o)
    o.points = 1 << 14
    let fine = try TrainingStages.run(
      network: Self.net, target: target, density: .normal(mean: 0, sd: 1), etas: [2, 4], options: o)
    #expect(coarse.loss == fine.loss)
    for e in 0..<2 { #expect(abs(coarse.ratio[0][e] - fine.ratio[0][e]) <= 0.05 * fine.ratio[0][e]) }
  }
}
