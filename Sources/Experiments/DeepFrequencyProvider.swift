import Foundation
import MultiPrecision
import NeuralNetworks
import Spectral
import Verification

/// `deep_fp`: the deep F-Principle (2007.14313).
///
/// A network of `depth` hidden layers of `width` units (or `widths`) is
/// trained full batch (MSE) on `data` (`ExperimentData`: `synthetic` by
/// default, `digits`, or `noise`); `steps = 0` measures the initial network.
///
/// `quantity`:
/// - `lfr` (default): the low-frequency ratio LFR_δ = Σ|y^{low,δ}|²/Σ|y|² of
///   the effective target {(S_l(x_i), y_i)} of the learning part after hidden
///   layer `layer` (0: the input itself), filtered in S_l-space with δ =
///   `delta` (`Spectral.DeepFrequency`), after training (`at = "end"`) or at
///   initialisation (`at = "start"`). `normalize`: `variance` (default: S_l
///   centred and scaled so that the mean squared distance to its centroid is 1,
///   so one δ means the same for every layer; our choice, the paper's
///   normalisation could not be read), `none`, `max`, `standardize`.
/// - `steps_to_loss`: the first step after which the training loss stays
///   below `loss_threshold` (exact: the loss is recorded every step); never
///   reaching it within the budget is `never` (+∞).
/// - `final_loss`: the training loss after `steps`.
struct DeepFrequencyProvider: ExperimentProvider {
  var name: String { "deep_fp" }
  var summary: String {
    "deep F-Principle: low-frequency ratio of the effective target per hidden layer; steps to a loss threshold"
  }

  enum QuantityName: String, ProviderChoice {
    case lfr, stepsToLoss = "steps_to_loss", finalLoss = "final_loss"
  }

  /// How S_l is scaled before the filter (`normalize`).
  enum Normalization: String, ProviderChoice { case variance, unscaled = "none", max, standardize }
  /// Which network the representations come from (`at`).
  enum Moment: String, ProviderChoice { case end, start }

  static let measurementArguments: [ProviderParameter] = [
    .init("layer", .integer(atLeast: 0), "lfr: the hidden layer (0: the input)"),
    .init("delta", .number, "lfr: the filter width δ"),
    .init("normalize", .choice(of: Normalization.self), default: "variance", "lfr: how S_l is scaled"),
    .init("at", .choice(of: Moment.self), default: "end", "lfr: after training or at initialisation"),
    .init("loss_threshold", .number, "steps_to_loss: the loss to stay below"),
  ]

  /// The network, its training and the data.
  struct Configuration: ExperimentConfiguration {
    static let arguments: [ProviderParameter] =
      TrainingSetup.arguments(defaults: defaults)
      + ExperimentData.arguments(defaultKind: .synthetic)
    static var defaults: TrainingSetup.Defaults {
      var d = TrainingSetup.Defaults()
      d.hidden = [50, 50, 50, 50]; d.learningRate = 1e-3; d.steps = 1000; d.interval = 1000
      return d
    }

    var setup: TrainingSetup
    var data: ExperimentData
    init(_ p: ExperimentParameters) throws(ProviderError) {
      setup = try TrainingSetup(p, defaults: Self.defaults)
      data = try ExperimentData(p, defaultKind: .synthetic)
      guard [.digits, .synthetic, .noise].contains(data.kind) else {
        throw ProviderError(argument: "data", message: "deep_fp takes digits, synthetic or noise")
      }
    }
  }

  struct Run: Sendable {
    var targets: [Double]
    var channels: Int
    /// Layer 0 (the inputs) then each hidden layer, at the start and at the end.
    var start: [PointSet<Double>]
    var end: [PointSet<Double>]
    var losses: [Double]
  }

  static let runs = ProviderCache<Configuration, Run>()

  static func run(_ c: Configuration) throws -> Run {
    let data = try c.data.dataset()
    let net = c.setup.network(inputs: data.inputDimension, outputs: data.outputDimension)
    let result = try c.setup.train(net, on: data, loss: MeanSquaredError(), evaluationPoints: [])
    func layers(_ n: Network<Double>) -> [PointSet<Double>] {
      [PointSet(coordinates: data.inputs, dimension: data.inputDimension)]
        + zip(n.hiddenRepresentations(data.inputs), n.widths.dropFirst().dropLast()).map {
          PointSet(coordinates: $0, dimension: $1)
        }
    }
    return Run(
      targets: data.targets, channels: data.outputDimension, start: layers(net),
      end: layers(result.network), losses: result.losses)
  }

  /// S centred and scaled so that the mean squared distance to the centroid is 1.
  static func unitVariance(_ s: PointSet<Double>) -> PointSet<Double> {
    let n = s.count, d = s.dimension
    var c = s.coordinates
    var total = 0.0
    for k in 0..<d {
      var mean = 0.0
      for i in 0..<n { mean += c[i * d + k] }
      mean /= Double(n)
      for i in 0..<n { c[i * d + k] -= mean; total += c[i * d + k] * c[i * d + k] }
    }
    let scale = (total / Double(n)).squareRoot()
    if scale > 0 { c = c.map { $0 / scale } }
    return PointSet(coordinates: c, dimension: d)
  }

  static func validateMeasurement(_ p: ExperimentParameters) throws(ProviderError) {
    _ = try p.choice("normalize", Normalization.self)
    _ = try p.choice("at", Moment.self)
  }

  static func measure(
    _ quantity: QuantityName, of run: Run, configuration c: Configuration,
    parameters p: ExperimentParameters
  ) throws -> Quantity {
    switch quantity {
    case .finalLoss:
      return .singleRun(run.losses.last!)
    case .stepsToLoss:
      let threshold = try p.double("loss_threshold")
      // `never` (+∞) when the loss does not stay below the threshold within the budget.
      let s = run.losses.firstIndexStayingBelow(threshold, { $0 })
      return .singleRun(
        s.map(Double.init) ?? .infinity, budget: Double(c.setup.steps),
        metadata: ["final_loss": String(run.losses.last!)])
    case .lfr:
      let layer = try p.int("layer", min: 0)
      guard layer < run.end.count else {
        throw ProviderError(argument: "layer", message: "the network has \(run.end.count - 1) hidden layers")
      }
      let delta = try p.double("delta")
      let s = try p.choice("at", Moment.self) == .end ? run.end[layer] : run.start[layer]
      let points: PointSet<Double>
      let mode: DeepFrequency.Normalization
      switch try p.choice("normalize", Normalization.self) {
      case .variance: points = unitVariance(s); mode = .none
      case .max: points = s; mode = .maxAbsolute
      case .standardize: points = s; mode = .standardize
      case .unscaled: points = s; mode = .none
      }
      let r = DeepFrequency.lowFrequencyRatio(
        representations: points, targets: run.targets, channels: run.channels,
        delta: delta, normalization: mode)
      return .singleRun(r)
    }
  }
}
