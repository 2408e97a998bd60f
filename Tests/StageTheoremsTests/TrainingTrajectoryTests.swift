import Foundation
import MultiPrecision
import NeuralNetworks
import Testing
import Verification

@testable import StageTheorems

/// The step-counted trajectory (`TrainingTrajectory`) and `stage_training`'s path to it.
@Suite struct TrainingTrajectoryTests {
  static let target1 = try! StageTargetAnyDimension("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)", dimension: 1)

  static func network(_ widths: [Int], _ activation: any Activation = ReLU(), seed: UInt64 = 1) -> Network<Double> {
    Network<Double>(
      widths: widths, activation: activation, initializer: Initializer(weights: .lecun, biases: .normal(std: 1)),
      seed: seed)
  }

  /// hf_fraction is L⁺_η/L: near 1 for η far below the spectrum's bulk (the split is exact by
  /// discrete Parseval), decreasing in η; the ratio at the snapshots after training is
  /// |ΔL⁺_η|/ΔL with a loss that decreased; the initial ratio is not defined (NaN).
  @Test func fractionsAndRatiosOfAReLURun() throws {
    var o = TrajectoryOptions()
    o.optimizer = .adam
    o.learningRate = 0.01
    o.steps = 40
    o.snapshots = [20, 40]
    o.points = 4096
    let etas = [0.001, 1, 4, 8]
    let r = try TrainingTrajectory.run(
      network: Self.network([1, 16, 16, 1]), target: Self.target1, density: .one(.normal(mean: 0, sd: 1)),
      etas: etas, options: o)
    #expect(r.steps == [0, 20, 40])
    #expect(r.loss[2] < r.loss[0])
    for s in 0..<3 {
      #expect(abs(r.hfFraction[s][0] - 1) < 1e-2)
      for e in 1..<etas.count { #expect(r.hfFraction[s][e] < r.hfFraction[s][e - 1]) }
      for e in etas.indices { #expect(r.hfFractionError[s][e] >= 0 && r.hfFractionError[s][e].isFinite) }
    }
    #expect(r.ratio[0].allSatisfy { $0.isNaN })
    #expect(r.ratio[2].allSatisfy { $0.isFinite && $0 >= 0 })
    // The training loss is the MSE of the population rule: it agrees with the grid's L to the
    // accuracy of the two rules.
    #expect(abs(r.trainingLoss[0] - r.loss[0]) < 1e-3 * r.loss[0])
  }

  /// SGD on n samples, d = 2, the H¹ loss and random Fourier features all run and are deterministic.
  @Test func everyPathRunsAndRepeats() throws {
    var o = TrajectoryOptions()
    o.optimizer = .sgd
    o.samples = 64
    o.batch = 16
    o.steps = 8
    o.points = 1024
    let n = Self.network([1, 8, 1])
    let a = try TrainingTrajectory.run(
      network: n, target: Self.target1, density: .one(.normal(mean: 0, sd: 1)), etas: [2, 4], options: o)
    let b = try TrainingTrajectory.run(
      network: n, target: Self.target1, density: .one(.normal(mean: 0, sd: 1)), etas: [2, 4], options: o)
    #expect(a.hfFraction == b.hfFraction)

    var o2 = TrajectoryOptions()
    o2.dimension = 2
    o2.steps = 5
    o2.points = 64
    o2.samples = 100
    let t2 = try StageTargetAnyDimension("sin(x1) * cos(0.5*x2)", dimension: 2)
    let r2 = try TrainingTrajectory.run(
      network: Self.network([2, 8, 1]), target: t2, density: try .parse("normal2:0,0,1", dimension: 2),
      etas: [0.25, 0.5],
      options: o2)
    #expect(r2.hfFraction[1].allSatisfy { $0 > 0 && $0 < 1 })

    var o3 = TrajectoryOptions()
    o3.loss = .h1
    o3.steps = 5
    o3.points = 1024
    o3.learningRate = 0.001
    let r3 = try TrainingTrajectory.run(
      network: Self.network([1, 8, 1], Tanh()), target: Self.target1, density: .one(.normal(mean: 0, sd: 1)),
      etas: [1], options: o3)
    #expect(r3.trainingLoss[1] < r3.trainingLoss[0])

    var o4 = TrajectoryOptions()
    o4.features = 4
    o4.steps = 3
    o4.points = 1024
    let r4 = try TrainingTrajectory.run(
      network: Self.network([8, 8, 1]), target: Self.target1, density: .one(.normal(mean: 0, sd: 1)), etas: [1],
      options: o4)
    #expect(r4.hfFraction[1][0] > 0)
  }

  /// The H¹ gradient (one backward pass with the cotangents of u and u′) against central
  /// differences of the H¹ loss in θ.
  @Test func h1GradientMatchesFiniteDifferences() throws {
    let net = Self.network([1, 6, 1], Tanh(), seed: 4)
    let x = [-1.3, -0.4, 0.2, 0.9, 1.7], w = [0.1, 0.3, 0.2, 0.25, 0.15]
    let y = try Self.target1.values(at: x)
    let map = TrainingTrajectory.InputMap(d: 1, b: [], m: 0)
    var o = TrajectoryOptions()
    o.loss = .h1
    o.steps = 1
    o.learningRate = 1
    // One GD step with lr 1 moves θ by −∇L: read ∇L from the two snapshots.
    let (thetas, losses) = try TrainingTrajectory.trainH1(
      net, map: map, x: x, y: y, w: w, target: Self.target1, options: o, snapshots: [0, 1])
    let gradient = zip(thetas[0], thetas[1]).map { $0 - $1 }
    func loss(_ theta: [Double]) throws -> Double {
      var p = o
      p.steps = 0
      return try TrainingTrajectory.trainH1(
        Network(widths: net.widths, activation: net.activation, parameters: theta), map: map, x: x, y: y, w: w,
        target: Self.target1, options: p, snapshots: [0]
      ).1[0]
    }
    #expect(abs(try loss(thetas[0]) - losses[0]) < 1e-14)
    let h = 1e-6
    for j in thetas[0].indices {
      var plus = thetas[0], minus = thetas[0]
      plus[j] += h
      minus[j] -= h
      let fd = (try loss(plus) - loss(minus)) / (2 * h)
      #expect(abs(fd - gradient[j]) <= 1e-6 * max(1, abs(fd)), "θ_\(j): \(fd) vs \(gradient[j])")
    }
  }

  /// The provider: hidden widths "a-b-c", times with "end", the snapshot axis `t`, the
  /// `optimizer`/`trainer` alias, and clear errors for a time-based optimiser with steps, a
  /// snapshot that is not one and both alias spellings at once.
  @Test func providerArguments() throws {
    let provider = TrainingStageProvider()
    func args(_ extra: [(String, ArgumentValue)]) -> ProviderArguments {
      ProviderArguments(
        [
          ("quantity", .string("hf_fraction")), ("activation", .string("relu")), ("widths", .string("6-6-6")),
          ("seed", .number("2")), ("steps", .number("6")), ("points", .number("1024")), ("eta", .number("2")),
          ("etas", .list([.number("2"), .number("4")])),
          ("times", .list([.number("0"), .number("3"), .string("end")])),
        ] + extra)
    }
    let point = SweepPoint(index: 0, coordinates: [:], seed: 0)
    let end = try provider.compute(args([("optimizer", .string("adam"))]), at: point, precision: 64)
    let atT = SweepPoint(index: 0, coordinates: ["t": .text("end")], seed: 0)
    let end2 = try provider.compute(args([("optimizer", .string("adam"))]), at: atT, precision: 64)
    #expect(end.value == end2.value)
    #expect(end.metadata["step"] == "6")
    let alias = try provider.compute(args([("trainer", .string("adam"))]), at: point, precision: 64)
    #expect(alias.value == end.value)
    let t3 = SweepPoint(index: 0, coordinates: ["t": .number("3")], seed: 0)
    let mid = try provider.compute(args([("optimizer", .string("adam"))]), at: t3, precision: 64)
    #expect(mid.metadata["step"] == "3" && mid.value != end.value)
    #expect(throws: ProviderError.self) {
      try provider.compute(args([("optimizer", .string("flow"))]), at: point, precision: 64)
    }
    let t4 = SweepPoint(index: 0, coordinates: ["t": .number("4")], seed: 0)
    #expect(throws: ProviderError.self) {
      try provider.compute(args([("optimizer", .string("adam"))]), at: t4, precision: 64)
    }
    #expect(throws: ProviderError.self) {
      try provider.validate(args([("optimizer", .string("adam")), ("trainer", .string("gd"))]), sweepAxes: [])
    }
    // Every argument is documented with its default.
    let names = Set(provider.parameters.map(\.name))
    for key in [
      "quantity", "widths", "dim", "optimizer", "trainer", "lr", "steps", "batch", "samples", "times", "etas", "seed",
      "loss", "target", "density", "activation",
    ] {
      #expect(names.contains(key), "\(key) is not documented")
    }
  }

  /// A uniform density (jumps) makes the share decay like η^(−1), a smooth one like η^(−3) for
  /// ReLU: the two hypotheses of the theory that the theorem files' controls remove.
  @Test func densityJumpsSetTheExponent() throws {
    var o = TrajectoryOptions()
    o.steps = 1
    o.points = 8192
    let etas = [4.0, 8, 16]
    func slope(_ rho: SampleDensity) throws -> Double {
      let r = try TrainingTrajectory.run(
        network: Self.network([1, 20, 1]), target: Self.target1, density: .one(rho), etas: etas, options: o)
      let y = r.hfFraction[0].map { Double.log($0) }, x = etas.map { Double.log($0) }
      return fittedSlope(x, y, errors: [0, 0, 0]).slope
    }
    let smooth = try slope(.normal(mean: 0, sd: 1)), jumps = try slope(.uniform(lower: -3, upper: 3))
    #expect(smooth < -2.5 && smooth > -3.6, "smooth ρ: \(smooth)")
    #expect(abs(jumps + 1) < 0.1, "uniform ρ: \(jumps)")
  }

  /// `RoundingFloor`: a perturbation δ of the residual with |δ_j| ≤ e_j changes a tail by at most
  /// the bound, whether δ is aligned with the signal's high frequencies (the cross term
  /// 2√(L⁺E)) or not; twin: the bound without the cross term (E alone) is exceeded.
  @Test func roundingFloorBoundsTailPerturbations() {
    let grid = StageGrid(lower: -4, spacing: 8.0 / 1024, count: 1024)
    let x = grid.nodes
    let a = 1e-6, e = 1e-9
    let g = x.indices.map { Double.exp(-x[$0] * x[$0]) + a * (($0 % 2 == 0) ? 1 : -1) }
    let L = grid.spacing * g.reduce(0) { $0 + $1 * $1 }
    let floor = RoundingFloor(
      pointError: [Double](repeating: e, count: g.count), spacing: grid.spacing,
      paddedCount: grid.count * grid.padding, loss: L)
    let etas = [10.0, 40]
    let t = grid.tails(g, nil, etas: etas)
    for delta in [
      x.indices.map { ($0 % 2 == 0) ? e : -e }, x.indices.map { _ in e }, x.indices.map { $0 < 512 ? e : -e },
    ] {
      let tp = grid.tails(zip(g, delta).map { $0 + $1 }, nil, etas: etas)
      for k in etas.indices {
        let change = abs(tp[k] - t[k])
        #expect(change <= floor.bound(t[k], bins: grid.count * grid.padding / 2 + 1))
      }
    }
    // The aligned perturbation: its change is of order 2aeNΔ, far above E = e²NΔ.
    let aligned = grid.tails(zip(g, x.indices.map { ($0 % 2 == 0) ? e : -e }).map { $0 + $1 }, nil, etas: etas)
    let energy = grid.spacing * Double(g.count) * e * e
    #expect(abs(aligned[1] - t[1]) > 10 * energy)
  }

  /// With the derived floor the tiny shares of an analytic (tanh) network at initialisation are
  /// resolved (value above its error), and the rounding bound of the smallest (η = 3) is far below
  /// the 1e-13 that was assumed before. (First versions of this test bounded the rounding at every
  /// η by 1e-18 of L, then by 1e-6 of the share: wrong for the large shares, whose bound carries
  /// the cross term 2√(L⁺E), and for the tiny ones, where E itself is 1e-22 of L.)
  @Test func analyticSharesAreResolved() throws {
    var o = TrajectoryOptions()
    o.steps = 1
    o.snapshots = [0]
    o.points = 8192
    let etas = [1.0, 2, 3]
    let r = try TrainingTrajectory.run(
      network: Self.network([1, 20, 20, 1], Tanh(), seed: 3), target: Self.target1,
      density: .one(.normal(mean: 0, sd: 1)), etas: etas, options: o)
    for k in etas.indices {
      let rounding = r.tailRounding[0][k] / r.loss[0]
      #expect(rounding > 0, "η = \(etas[k]): rounding bound \(rounding)")
      if k == etas.count - 1 { #expect(rounding < 1e-15, "η = 3: rounding bound \(rounding)") }
      #expect(
        r.hfFraction[0][k] > r.hfFractionError[0][k],
        "η = \(etas[k]): \(r.hfFraction[0][k]) ± \(r.hfFractionError[0][k])")
    }
  }
}
