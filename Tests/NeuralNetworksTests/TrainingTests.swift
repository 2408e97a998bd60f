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
