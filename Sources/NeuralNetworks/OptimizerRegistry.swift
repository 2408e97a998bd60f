import MultiPrecision

/// The optimisers by name with their parameters: the one place where a name
/// from a file or the command line becomes an `Optimizer` (as
/// `builtInActivation(named:)` and `builtInLoss(named:)` for activations and
/// losses).
///
/// | name | optimiser | parameters |
/// |---|---|---|
/// | `gd` | `GradientDescent`: θ ← θ − η g, full batch | η |
/// | `sgd` | `GradientDescent` on mini-batches (the trainer needs `TrainingOptions.batchSize`) | η |
/// | `momentum` | `Momentum`: b ← μ b + g, θ ← θ − η b (PyTorch, dampening 0) | η, μ (0.9) |
/// | `adam` | `Adam`, PyTorch's update | η; β₁ = 0.9, β₂ = 0.999, ε = 1e-8 |
public struct OptimizerChoice: Sendable, Hashable {
  public var kind: OptimizerKind
  /// η.
  public var learningRate: Double
  /// μ of `momentum` (unused by the others).
  public var momentum: Double

  public init(_ kind: OptimizerKind, learningRate: Double, momentum: Double = 0.9) {
    self.kind = kind; self.learningRate = learningRate; self.momentum = momentum
  }

  /// The optimiser named `name` (one of `builtInOptimizerNames`); nil for an unknown name.
  public init?(named name: String, learningRate: Double, momentum: Double = 0.9) {
    guard let kind = OptimizerKind(rawValue: name.lowercased()) else { return nil }
    self.init(kind, learningRate: learningRate, momentum: momentum)
  }

  /// Whether the trainer must be given a mini-batch size (`sgd`).
  public var needsBatchSize: Bool { kind == .sgd }

  /// The optimiser in scalar type `Scalar`, its parameters rounded to the working precision.
  public func optimizer<Scalar: NetworkScalar>(_ scalar: Scalar.Type = Scalar.self) -> any Optimizer<Scalar> {
    switch kind {
    case .gd, .sgd: return GradientDescent(learningRate: Scalar(learningRate))
    case .momentum: return Momentum(learningRate: Scalar(learningRate), momentum: Scalar(momentum))
    case .adam: return Adam(learningRate: Scalar(learningRate))
    }
  }

  /// `train(_:on:loss:optimizer:options:progress:)` with this optimiser.
  public func train<Scalar: NetworkScalar>(
    _ network: Network<Scalar>, on data: Dataset, loss: any Loss, options: TrainingOptions,
    progress: ((Int, Double) -> Void)? = nil
  ) -> TrainingResult<Scalar> {
    NeuralNetworks.train(
      network, on: data, loss: loss, optimizer: optimizer(Scalar.self), options: options,
      progress: progress)
  }
}

/// The names `OptimizerChoice(named:learningRate:momentum:)` knows.
public let builtInOptimizerNames = OptimizerKind.allCases.map(\.rawValue)
