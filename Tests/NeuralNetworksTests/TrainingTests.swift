import MultiPrecision
import Testing

@testable import NeuralNetworks

func referenceData() -> Dataset {
  SyntheticData.sumOfSines(x: SyntheticData.grid(-1, 1, count: 31), frequencies: [1, 4].map { $0 * Double.pi })
}

@Suite("Training runs")
struct TrainingTests {
  /// Same seed (initialisation and shuffles): bit-identical losses, snapshots and θ.
  @Test func sameSeedIsBitIdentical() {
    func run(_ seed: UInt64) -> TrainingResult<Double> {
      let net = Network<Double>(
        widths: [1, 16, 16, 1], activation: Tanh(),
        initializer: Initializer(weights: .xavier, biases: .normal(std: 0.1)),
        seed: seed)
      let options = TrainingOptions(
        steps: 60, batchSize: 8, shuffleSeed: seed, snapshotSteps: TrainingOptions.every(20, upTo: 60),
        evaluationPoints: SyntheticData.grid(-1, 1, count: 11), recordParameters: true)
      return train(
        net, on: referenceData(), loss: MeanSquaredError(), optimizer: Adam(learningRate: 0.01), options: options)
    }
    let a = run(42), b = run(42), c = run(43)
    #expect(a.losses == b.losses)
    #expect(a.network.parameters == b.network.parameters)
    #expect(a.snapshots.map(\.outputs) == b.snapshots.map(\.outputs))
    #expect(a.jsonText() == b.jsonText())
    #expect(a.losses != c.losses)
    #expect(a.snapshots.map(\.step) == [0, 20, 40, 60])
    #expect(a.snapshots.last!.parameters! == a.network.parameters)
  }

  /// A too-large learning rate: status `diverged`, the run stops, snapshots so far kept.
  @Test func divergenceStopsTheRun() {
    let net = Network<Double>(widths: [1, 32, 1], activation: ReLU(), initializer: Initializer(weights: .he), seed: 1)
    let options = TrainingOptions(
      steps: 500, snapshotSteps: TrainingOptions.every(1, upTo: 500), evaluationPoints: [0.5])
    let r = train(
      net, on: referenceData(), loss: MeanSquaredError(), optimizer: GradientDescent(learningRate: 5.0),
      options: options)
    #expect(r.status == .diverged)
    #expect(r.losses.count < 501)
    #expect(!r.losses.last!.isFinite || r.network.parameters.contains { !(abs($0) <= 1e12) })
    #expect(r.snapshots.count == r.losses.count)
    #expect(r.losses.dropLast().allSatisfy { $0.isFinite })
    // The same problem with a small step completes and decreases the loss.
    let ok = train(
      net, on: referenceData(), loss: MeanSquaredError(), optimizer: GradientDescent(learningRate: 0.01),
      options: TrainingOptions(steps: 200))
    #expect(ok.status == .completed && ok.losses.count == 201)
    #expect(ok.losses.last! < ok.losses.first!)
  }

  /// Exploding parameters (finite loss) also count as divergence.
  @Test func parameterBoundDivergence() {
    let net = Network<Double>(widths: [1, 4, 1], activation: Tanh(), seed: 2)
    let options = TrainingOptions(steps: 10, divergenceBound: 1e-3)
    let r = train(
      net, on: referenceData(), loss: MeanSquaredError(), optimizer: GradientDescent(learningRate: 0.1),
      options: options)
    #expect(r.status == .diverged && r.losses.count == 1)
  }

  /// Mini-batch SGD with batch = n equals full-batch GD exactly; momentum with μ = 0 equals GD.
  @Test func optimiserConsistency() {
    let net = Network<Double>(widths: [1, 8, 1], activation: Sigmoid(), seed: 3)
    let data = referenceData()
    let gd = train(
      net, on: data, loss: LogCoshLoss(), optimizer: GradientDescent(learningRate: 0.1),
      options: TrainingOptions(steps: 30))
    let sgd = train(
      net, on: data, loss: LogCoshLoss(), optimizer: GradientDescent(learningRate: 0.1),
      options: TrainingOptions(steps: 30, batchSize: data.count))
    let mom = train(
      net, on: data, loss: LogCoshLoss(), optimizer: Momentum(learningRate: 0.1, momentum: 0),
      options: TrainingOptions(steps: 30))
    #expect(gd.losses == sgd.losses)
    #expect(gd.losses == mom.losses)
    // Real mini-batches: every sample seen once per epoch, loss decreases.
    let mb = train(
      net, on: data, loss: MeanSquaredError(), optimizer: GradientDescent(learningRate: 0.3),
      options: TrainingOptions(steps: 300, batchSize: 5, shuffleSeed: 9))
    #expect(mb.status == .completed && mb.losses.count == 301)
    #expect(mb.losses.last! < mb.losses.first!)
  }

  /// Training in MPFloat follows the Double run to double precision for a few steps.
  @Test func multiPrecisionTrainingTracksDouble() {
    let data = referenceData()
    let netD = Network<Double>(
      widths: [1, 6, 1], activation: GELU(), initializer: Initializer(biases: .normal(std: 0.2)), seed: 4)
    let rD = train(
      netD, on: data, loss: HuberLoss(), optimizer: GradientDescent(learningRate: 0.2),
      options: TrainingOptions(steps: 5))
    MPFloat.withPrecision(128) {
      let netM = netD.converted(to: MPFloat.self)
      let rM = train(
        netM, on: data, loss: HuberLoss(), optimizer: GradientDescent(learningRate: MPFloat("0.2")!),
        options: TrainingOptions(steps: 5))
      for (a, b) in zip(rD.losses, rM.losses) { #expect(abs(a - b) <= 1e-14 * abs(b)) }
    }
  }

  /// Per-sample weights: doubling one sample's weight equals duplicating it.
  @Test func sampleWeightsAreADensity() {
    let net = Network<Double>(widths: [2, 5, 1], activation: Softplus(), seed: 5)
    let x = SyntheticData.uniformPoints(count: 3, dimension: 2, seed: 1)
    let y = [0.3, -0.2, 1.0]
    let weighted = Dataset(inputs: x, targets: y, inputDimension: 2, outputDimension: 1, weights: [0.25, 0.25, 0.5])
    let dup = Dataset(inputs: x + Array(x[4..<6]), targets: y + [1.0], inputDimension: 2, outputDimension: 1)
    let (l1, g1) = TrainingObjective(network: net, data: weighted, loss: MeanSquaredError()).valueAndGradient(
      at: net.parameters)
    let (l2, g2) = TrainingObjective(network: net, data: dup, loss: MeanSquaredError()).valueAndGradient(
      at: net.parameters)
    #expect(abs(l1 - l2) <= 1e-15)
    for j in g1.indices { #expect(abs(g1[j] - g2[j]) <= 1e-15) }
  }

  /// The Double fast paths of Adam and momentum (8 lanes plus a tail; 29 parameters)
  /// against the generic code run in MPFloat at 53 bits.
  @Test func optimiserFastPathsMatchGenericCode() {
    var rng = SplitMix64(seed: 12)
    let theta0 = (0..<29).map { _ in rng.nextGaussian() }
    let grads = (0..<5).map { _ in (0..<29).map { _ in rng.nextGaussian() } }
    var adamD = Adam<Double>(learningRate: 0.01), momD = Momentum<Double>(learningRate: 0.01, momentum: 0.9)
    var a = theta0, m = theta0
    FastPaths.$simdLoops.withValue(true) {  // the 8 lanes, also in debug builds
      for g in grads {
        adamD.step(parameters: &a, gradient: g)
        momD.step(parameters: &m, gradient: g)
      }
    }
    MPFloat.withPrecision(53) {
      var adamM = Adam<MPFloat>(
        learningRate: MPFloat(0.01), beta1: MPFloat(0.9), beta2: MPFloat(0.999), epsilon: MPFloat(1e-8))
      var momM = Momentum<MPFloat>(learningRate: MPFloat(0.01), momentum: MPFloat(0.9))
      var aM = theta0.map { MPFloat($0) }, mM = aM
      for g in grads {
        adamM.step(parameters: &aM, gradient: g.map { MPFloat($0) })
        momM.step(parameters: &mM, gradient: g.map { MPFloat($0) })
      }
      for j in 0..<29 {
        #expect(abs(a[j] - aM[j].doubleValue) <= 1e-14 * max(1, abs(a[j])))
        #expect(m[j] == mM[j].doubleValue)
      }
    }
  }
}

/// The trainer's reuse of its own buffers: snapshot outputs taken from the step's forward pass
/// when the evaluation points are the training inputs, and gradient arrays recycled between steps.
@Suite("Trainer buffer reuse")
struct TrainerReuseTests {
  func network(_ activation: any Activation) -> Network<Double> {
    Network<Double>(
      widths: [1, 12, 12, 2], activation: activation,
      initializer: Initializer(weights: .xavier, biases: .normal(std: 0.1)), seed: 7)
  }

  func data() -> Dataset {
    let x = SyntheticData.grid(-1, 1, count: 21)
    return Dataset(
      inputs: x, targets: x.flatMap { [4 * $0 * $0 * $0 - 3 * $0, $0 * $0] }, inputDimension: 1, outputDimension: 2)
  }

  /// Snapshot outputs on the training inputs (taken from the training step's forward pass) equal a
  /// separate forward pass at the snapshot's θ bit for bit, for each activation kind, and differ
  /// from the forward pass at the next snapshot's θ (the check tells the steps apart). On points
  /// that differ from the inputs in one ulp the trainer runs its own forward pass: the same
  /// losses, and the same outputs at every point not moved.
  @Test(arguments: ["tanh", "relu", "sigmoid", "elu"])
  func snapshotOutputsOnTheInputs(activation: String) {
    let d = data()
    let net = network(builtInActivation(named: activation)!)
    func run(_ points: [Double]) -> TrainingResult<Double> {
      train(
        net, on: d, loss: MeanSquaredError(), optimizer: Adam(learningRate: 0.01),
        options: TrainingOptions(
          steps: 30, snapshotSteps: TrainingOptions.every(10, upTo: 30), evaluationPoints: points,
          recordParameters: true))
    }
    let r = run(d.inputs)
    #expect(r.snapshots.map(\.step) == [0, 10, 20, 30])
    func direct(_ s: Snapshot<Double>) -> [UInt64] {
      var at = net
      at.parameters = s.parameters!
      return at.outputs(d.inputs).map(\.bitPattern)
    }
    for (i, s) in r.snapshots.enumerated() {
      #expect(s.outputs.map(\.bitPattern) == direct(s))
      if i + 1 < r.snapshots.count { #expect(s.outputs.map(\.bitPattern) != direct(r.snapshots[i + 1])) }
    }
    var moved = d.inputs
    moved[3] = moved[3].nextUp
    let m = run(moved)
    #expect(m.losses == r.losses)
    for (a, b) in zip(m.snapshots, r.snapshots) {
      var ia = a.outputs, ib = b.outputs
      ia.removeSubrange(6..<8)
      ib.removeSubrange(6..<8)
      #expect(ia.map(\.bitPattern) == ib.map(\.bitPattern))
    }
  }

  /// `train` against a loop written with the public API (a fresh gradient each step): the same
  /// losses and θ bit for bit for GD, momentum (whose buffer starts as the first gradient array,
  /// the one the trainer recycles) and Adam, full batch.
  @Test(arguments: ["gd", "momentum", "adam"])
  func recycledGradientsChangeNothing(optimizer: String) {
    let d = data()
    let net = network(Tanh())
    let choice = OptimizerChoice(named: optimizer, learningRate: 0.02)!
    let r = choice.train(net, on: d, loss: MeanSquaredError(), options: TrainingOptions(steps: 25))
    let objective = TrainingObjective(network: net, data: d, loss: MeanSquaredError())
    var theta = net.parameters
    var losses: [Double] = []
    func loop<O: Optimizer>(_ o: O) where O.Scalar == Double {
      var o = o
      for _ in 0..<25 {
        let (l, g) = objective.valueAndGradient(at: theta)
        losses.append(l)
        o.step(parameters: &theta, gradient: g)
      }
      losses.append(objective.value(at: theta))
    }
    switch optimizer {
    case "gd": loop(GradientDescent(learningRate: 0.02))
    case "momentum": loop(Momentum(learningRate: 0.02, momentum: 0.9))
    default: loop(Adam(learningRate: 0.02))
    }
    #expect(r.losses == losses)
    #expect(r.network.parameters == theta)
    #expect(r.losses.last! < r.losses.first!)
  }
}

/// `Double.allBounded` through the AVX-512 kernel and through the Swift loop.
@Suite("allBounded kernel")
struct AllBoundedTests {
  @Test func kernelMatchesLoop() {
    var rng = SplitMix64(seed: 11)
    for count in [0, 5, 8, 29, 1000] {
      let base = (0..<count).map { _ in rng.nextGaussian() }
      var cases: [[Double]] = [base]
      for i in [0, count / 2, count - 1] where count > 0 {
        for bad in [Double.nan, 1e13, -1e13, .infinity] {
          var c = base
          c[i] = bad
          cases.append(c)
        }
      }
      for c in cases {
        let wide = FastPaths.$simdLoops.withValue(true) {
          FastPaths.$wideKernelsWanted.withValue(true) { Double.allBounded(c, by: 1e12) }
        }
        let loop = FastPaths.$simdLoops.withValue(true) {
          FastPaths.$wideKernelsWanted.withValue(false) { Double.allBounded(c, by: 1e12) }
        }
        #expect(wide == loop)
        #expect(wide == c.allSatisfy { abs($0) <= 1e12 })
      }
    }
  }
}
