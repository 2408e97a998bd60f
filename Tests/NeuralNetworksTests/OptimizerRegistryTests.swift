import MultiPrecision
import NeuralNetworks
import Testing

/// `OptimizerChoice`: a name and its parameters become the optimiser the
/// command line and the experiments train with.
@Suite("Optimizer registry")
struct OptimizerRegistryTests {
  @Test func namesMapToTheirOptimizersWithTheirParameters() throws {
    #expect(builtInOptimizerNames == ["gd", "sgd", "momentum", "adam"])
    for name in builtInOptimizerNames { #expect(OptimizerChoice(named: name, learningRate: 0.1) != nil, "\(name)") }
    #expect(OptimizerChoice(named: "adagrad", learningRate: 0.1) == nil)
    #expect(OptimizerChoice(named: "ADAM", learningRate: 0.1)?.kind == .adam)

    let gd = try #require(
      OptimizerChoice(named: "gd", learningRate: 0.25)?.optimizer(Double.self) as? GradientDescent<Double>)
    #expect(gd.learningRate == 0.25)
    let sgd = try #require(OptimizerChoice(named: "sgd", learningRate: 0.5))
    #expect(sgd.needsBatchSize && sgd.optimizer(Double.self) is GradientDescent<Double>)
    #expect(!OptimizerChoice(.gd, learningRate: 1).needsBatchSize)
    let momentum = try #require(
      OptimizerChoice(named: "momentum", learningRate: 0.1, momentum: 0.5)?.optimizer(Double.self) as? Momentum<Double>)
    #expect(momentum.learningRate == 0.1 && momentum.momentum == 0.5)
    let adam = try #require(OptimizerChoice(named: "adam", learningRate: 1e-3)?.optimizer(Double.self) as? Adam<Double>)
    #expect(adam.learningRate == 1e-3 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-8)
    // In MPFR precision: the same parameters, rounded to the working precision.
    let mp = try #require(OptimizerChoice(.adam, learningRate: 0.5).optimizer(MPFloat.self) as? Adam<MPFloat>)
    #expect(mp.learningRate == MPFloat(0.5))
  }

  /// Training through the registry is training with the optimiser itself, bit
  /// for bit; a different μ (the parameter reaches the optimiser) changes the run.
  @Test func trainingThroughTheRegistryIsBitIdentical() {
    let net = Network<Double>(
      widths: [1, 8, 8, 1], activation: Tanh(), initializer: Initializer(weights: .xavier),
      seed: 3)
    let options = TrainingOptions(steps: 40)
    let direct = [
      train(
        net, on: referenceData(), loss: MeanSquaredError(), optimizer: GradientDescent(learningRate: 0.05),
        options: options),
      train(
        net, on: referenceData(), loss: MeanSquaredError(), optimizer: Momentum(learningRate: 0.05),
        options: options),
      train(net, on: referenceData(), loss: MeanSquaredError(), optimizer: Adam(learningRate: 0.01), options: options),
    ]
    let registry = [
      OptimizerChoice(.gd, learningRate: 0.05), OptimizerChoice(.momentum, learningRate: 0.05),
      OptimizerChoice(.adam, learningRate: 0.01),
    ].map {
      $0.train(net, on: referenceData(), loss: MeanSquaredError(), options: options)
    }
    for (a, b) in zip(direct, registry) {
      #expect(a.losses == b.losses)
      #expect(a.network.parameters == b.network.parameters)
    }
    let otherMomentum = OptimizerChoice(.momentum, learningRate: 0.05, momentum: 0.5)
      .train(net, on: referenceData(), loss: MeanSquaredError(), options: options)
    #expect(otherMomentum.losses != direct[1].losses)
  }
}
