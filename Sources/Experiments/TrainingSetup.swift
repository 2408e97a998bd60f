import MultiPrecision
import NeuralNetworks
import Verification

/// How a network is built and trained, read from the experiment parameters
/// (each of them an `args` key or a sweep axis):
///
/// | key | meaning | default |
/// |---|---|---|
/// | `activation` | `tanh`, `relu`, `sigmoid`, `elu`, … (`builtInActivation`) | provider's |
/// | `widths` | hidden widths, a list `[200, 200, 200, 100]` or the word `"200-200-200-100"` | provider's |
/// | `depth`, `width` | instead of `widths`: `depth` hidden layers of `width` each | — |
/// | `init` | `xavier` (Keras' default variance), `he`, `lecun`, `normal` (N(0, `init_std`²) θ) | `xavier` |
/// | `init_std`, `init_scale` | std for `normal`; factor on all initial parameters | 0.05, 1 |
/// | `optimizer` | `adam`, `gd`, `momentum` (μ = 0.9): the full-batch optimisers of `OptimizerChoice` | provider's |
/// | `lr` | learning rate | provider's |
/// | `steps` | optimiser steps (full batch: one step = one epoch); 0 = the initial network | provider's |
/// | `interval` | snapshot every `interval` steps (the resolution of every convergence step) | provider's |
/// | `seed` | initialisation seed (SplitMix64) | 0 |
public struct TrainingSetup: Sendable, Hashable {
  /// The initialisation (`init`).
  public enum Initialization: String, ProviderChoice {
    case xavier, he, lecun, normal
  }

  public var activation: String
  public var hidden: [Int]
  public var initialization: Initialization
  public var initStd: Double
  public var initScale: Double
  public var optimizer: String
  public var learningRate: Double
  public var steps: Int
  public var interval: Int
  public var seed: UInt64

  /// The training arguments with the defaults `defaults`, for a configuration's `arguments`.
  public static func arguments(defaults d: Defaults) -> [ProviderParameter] {
    [
      .init("activation", .text, default: d.activation, "tanh, relu, sigmoid, elu, … (builtInActivation)"),
      .init("widths", .integers, default: d.hidden.map(String.init).joined(separator: "-"), "hidden widths"),
      .init("depth", .integer(atLeast: 1), "instead of widths: depth hidden layers of `width`"),
      .init("width", .integer(atLeast: 1), "with depth: the hidden width"),
      .init("init", .choice(of: Initialization.self), default: "xavier", "the initialisation"),
      .init("init_std", .number, default: "0.05", "init = normal: the standard deviation"),
      .init("init_scale", .number, default: "1", "a factor on every initial parameter"),
      .init("optimizer", .choice(optimizers), default: d.optimizer, "the full-batch optimiser"),
      .init(
        "lr", .number, default: "\(d.learningRate) (adam), else \(d.gradientDescentLearningRate)", "the learning rate"),
      .init("steps", .integer(atLeast: 0), default: String(d.steps), "optimiser steps (0: the initial network)"),
      .init("interval", .integer(atLeast: 1), default: String(d.interval), "snapshot every interval steps"),
      .init("seed", .integer(atLeast: 0), default: "0", "the initialisation seed"),
    ]
  }

  public struct Defaults: Sendable {
    public var activation = "tanh"
    public var hidden = [200, 200, 200, 100]
    public var optimizer = "adam"
    public var learningRate = 2e-4
    /// The learning rate when `optimizer` is `gd` or `momentum` and `lr` is not given.
    public var gradientDescentLearningRate = 0.01
    public var steps = 3000
    public var interval = 10
    public init() {}
  }

  public init(_ p: ExperimentParameters, defaults: Defaults) throws(ProviderError) {
    activation = try p.string("activation", default: defaults.activation)
    guard builtInActivation(named: activation) != nil else {
      throw ProviderError(
        argument: "activation",
        message: "unknown activation `\(activation)` (known: \(builtInActivationNames.joined(separator: ", ")))")
    }
    if p.has("depth") || p.has("width") {
      guard !p.has("widths") else {
        throw ProviderError(argument: "widths", message: "give either widths or depth and width")
      }
      let depth = try p.int("depth", min: 1), width = try p.int("width", min: 1)
      hidden = Array(repeating: width, count: depth)
    } else {
      hidden = try p.ints("widths", default: defaults.hidden)
      guard !hidden.isEmpty, hidden.allSatisfy({ $0 >= 1 }) else {
        throw ProviderError(argument: "widths", message: "hidden widths must be positive, found \(hidden)")
      }
    }
    initialization = try p.choice("init", Initialization.self)
    initStd = try p.double("init_std", default: 0.05)
    initScale = try p.double("init_scale", default: 1)
    optimizer = try p.choice("optimizer", Self.optimizers, default: defaults.optimizer)
    learningRate = try p.double(
      "lr", default: optimizer == "adam" ? defaults.learningRate : defaults.gradientDescentLearningRate)
    guard learningRate > 0 else { throw ProviderError(argument: "lr", message: "must be positive") }
    steps = try p.int("steps", default: defaults.steps, min: 0)
    interval = try p.int("interval", default: defaults.interval, min: 1)
    seed = UInt64(try p.int("seed", default: 0, min: 0))
  }

  /// Every parameter, for cache keys and figure titles.
  public var key: String {
    "\(activation) \(hidden.map(String.init).joined(separator: "-")) init=\(initialization.rawValue)"
      + (initialization == .normal ? "(\(initStd))" : "") + (initScale != 1 ? "×\(initScale)" : "")
      + " \(optimizer) lr=\(learningRate) steps=\(steps)/\(interval) seed=\(seed)"
  }

  /// Short description for figure titles.
  public var label: String { "\(activation), \(optimizer), seed \(seed)" }

  public var initializer: Initializer {
    switch initialization {
    case .he: return Initializer(weights: .he, scale: initScale)
    case .lecun: return Initializer(weights: .lecun, scale: initScale)
    case .normal: return Initializer(weights: .normal(std: initStd), biases: .normal(std: initStd), scale: initScale)
    case .xavier: return Initializer(weights: .xavier, scale: initScale)
    }
  }

  /// The freshly initialised network for inputs of dimension d and k outputs.
  public func network(inputs d: Int, outputs k: Int) -> Network<Double> {
    Network(
      widths: [d] + hidden + [k], activation: builtInActivation(named: activation)!,
      initializer: initializer, seed: seed)
  }

  /// The snapshot steps 0, interval, 2·interval, …, steps.
  public var snapshotSteps: Set<Int> { TrainingOptions.every(interval, upTo: steps) }

  /// The optimisers a full-batch run takes: the registry's names but those that need a mini-batch size.
  public static let optimizers = builtInOptimizerNames.filter {
    !(OptimizerChoice(named: $0, learningRate: 1)?.needsBatchSize ?? true)
  }

  /// The optimiser with its learning rate (`OptimizerChoice`: μ = 0.9 for `momentum`).
  public var optimizerChoice: OptimizerChoice { OptimizerChoice(named: optimizer, learningRate: learningRate)! }

  /// Trains `network` on `data` full batch, with snapshots of the outputs at
  /// `evaluationPoints` (n × d) every `interval` steps. A run that diverges (a
  /// non-finite loss, or parameters beyond `TrainingOptions.divergenceBound`)
  /// is an error naming the setup: no measurement is made on it.
  public func train(
    _ network: Network<Double>, on data: Dataset, loss: any Loss, evaluationPoints: [Double],
    recordParameters: Bool = false
  ) throws(ProviderError) -> TrainingResult<Double> {
    let options = TrainingOptions(
      steps: steps, snapshotSteps: snapshotSteps, evaluationPoints: evaluationPoints,
      recordParameters: recordParameters)
    let result = optimizerChoice.train(network, on: data, loss: loss, options: options)
    if result.status == .diverged { throw ProviderError(message: "training diverged (\(key))") }
    return result
  }
}
