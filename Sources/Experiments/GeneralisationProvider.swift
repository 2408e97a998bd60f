import Foundation
import MultiPrecision
import NeuralNetworks
import Verification

/// `generalisation`: train on part of a data set, measure the error on the
/// rest (1807.01251 / 1901.06523: the F-Principle explains good generalisation
/// on low-frequency-dominant targets and poor generalisation on parity).
///
/// `data` (`ExperimentData`): `synthetic` (a smooth d-D sum of sines; default
/// wave numbers [1, 2]), `digits`, `parity` (all 2ᵈ vertices of {−1, 1}ᵈ by
/// default), `random_labels` (digit images with uniformly random classes).
/// A seeded random `train_fraction` (default 0.5) of the points trains the
/// network full batch (MSE, or softmax cross-entropy for `digits` and
/// `random_labels`); the rest is the test set.
///
/// `quantity`: `test_error` (default) or `train_error`:
/// - `synthetic`: the relative L2 error ‖h − y‖ / ‖y‖;
/// - `parity`: the fraction of points with sign(h) ≠ y (chance: 0.5);
/// - `digits`, `random_labels`: the fraction misclassified by argmax (chance: 0.9).
struct GeneralisationProvider: ExperimentProvider {
  var name: String { "generalisation" }
  var summary: String { "test (or training) error of a network trained on part of a data set" }

  enum QuantityName: String, ProviderChoice {
    case testError = "test_error", trainError = "train_error"
  }

  static let measurementArguments: [ProviderParameter] = []

  /// The network, its training, the data and the split.
  struct Configuration: ExperimentConfiguration {
    static let arguments: [ProviderParameter] =
      TrainingSetup.arguments(defaults: defaults)
      + ExperimentData.arguments(defaultKind: .synthetic, defaultWaveNumbers: [1, 2]) + [
        .init("train_fraction", .number, default: "0.5", "the fraction of points that trains")
      ]
    static var defaults: TrainingSetup.Defaults {
      var d = TrainingSetup.Defaults()
      d.hidden = [200, 100]; d.learningRate = 1e-3; d.steps = 1000; d.interval = 1000
      return d
    }

    var setup: TrainingSetup
    var data: ExperimentData
    var trainFraction: Double
    init(_ p: ExperimentParameters) throws(ProviderError) {
      setup = try TrainingSetup(p, defaults: Self.defaults)
      data = try ExperimentData(p, defaultKind: .synthetic, defaultWaveNumbers: [1, 2])
      trainFraction = try p.double("train_fraction", default: 0.5)
      guard trainFraction > 0, trainFraction < 1 else {
        throw ProviderError(argument: "train_fraction", message: "must lie in (0, 1)")
      }
    }
  }

  struct Run: Sendable {
    var trainError: Double
    var testError: Double
  }

  static let runs = ProviderCache<Configuration, Run>()

  /// The error of outputs h against targets y (n × m) for this kind of data.
  static func error(_ h: [Double], _ y: [Double], channels m: Int, kind: ExperimentData.Kind) -> Double {
    let n = y.count / m
    switch kind {
    case .synthetic:
      var num = 0.0, den = 0.0
      for i in 0..<y.count { num += (h[i] - y[i]) * (h[i] - y[i]); den += y[i] * y[i] }
      return (num / den).squareRoot()
    case .parity:
      return Double((0..<n).filter { (h[$0] >= 0) != (y[$0] >= 0) }.count) / Double(n)
    default:
      func argmax(_ v: [Double], _ i: Int) -> Int { (0..<m).max { v[i * m + $0] < v[i * m + $1] }! }
      return Double((0..<n).filter { argmax(h, $0) != argmax(y, $0) }.count) / Double(n)
    }
  }

  static func run(_ c: Configuration) throws -> Run {
    let all = try c.data.dataset()
    var rng = SplitMix64(seed: c.data.dataSeed &+ 0x7E57)
    var order = Array(0..<all.count)
    rng.shuffle(&order)
    let nTrain = max(1, min(all.count - 1, Int((Double(all.count) * c.trainFraction).rounded())))
    let train = all.subset(Array(order.prefix(nTrain))), test = all.subset(Array(order.dropFirst(nTrain)))
    let loss: any Loss = c.data.isClassification ? SoftmaxCrossEntropy() : MeanSquaredError()
    let result = try c.setup.train(
      c.setup.network(inputs: all.inputDimension, outputs: all.outputDimension),
      on: train, loss: loss, evaluationPoints: [])
    let m = all.outputDimension
    return Run(
      trainError: error(result.network.outputs(train.inputs), train.targets, channels: m, kind: c.data.kind),
      testError: error(result.network.outputs(test.inputs), test.targets, channels: m, kind: c.data.kind))
  }

  static func measure(
    _ quantity: QuantityName, of run: Run, configuration: Configuration,
    parameters: ExperimentParameters
  ) throws -> Quantity {
    .singleRun(quantity == .testError ? run.testError : run.trainError)
  }
}
