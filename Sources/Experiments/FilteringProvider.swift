import Foundation
import MultiPrecision
import NeuralNetworks
import Spectral
import Verification

/// `filtering_hd`: the high-dimensional F-Principle by Gaussian filtering
/// (1901.06523, the authors' `filter_gd.py`).
///
/// A network is trained full batch on `data` (`digits`: a subset of the
/// digits with one-hot labels, or `synthetic`: a d-D sum of sines; see
/// `ExperimentData`), loss `loss` (`mse` default, or `cross_entropy`, whose
/// outputs are compared after a softmax), and its outputs on the training
/// points are recorded every `interval` steps. For the filter width `delta`
/// (δ, the variance of G^δ(x) = exp(−|x|²/(2δ)), rows normalised), the target
/// and each snapshot are split into y^{low,δ} and y^{high,δ} = y − y^{low,δ},
/// and e_low, e_high are the relative errors of the two parts (`Spectral.GaussianFilter`).
///
/// `quantity` (default `step`):
/// - `step`: the step after which e_`part` (`part` = `low` or `high`) stays
///   below `threshold` (enclosure: the snapshot interval, as for `fprinciple_1d`);
///   never reaching it within the budget is `never` (+∞), with the last value in the metadata.
/// - `final_error`: e_`part` at the last step.
/// - `low_energy`: Σ|y^{low,δ}|² / Σ|y|², the share of the target in the low part.
struct FilteringProvider: ExperimentProvider {
  var name: String { "filtering_hd" }
  var summary: String {
    "high-dimensional F-Principle: e_low / e_high of Gaussian-filtered outputs over training, their convergence steps"
  }

  enum QuantityName: String, ProviderChoice {
    case step, finalError = "final_error", lowEnergy = "low_energy"
  }

  /// Which part of the filtered error a measurement follows.
  enum Part: String, ProviderChoice { case low, high }
  /// The training loss (`loss`; cross-entropy outputs are compared after softmax).
  enum LossName: String, ProviderChoice { case mse, crossEntropy = "cross_entropy" }

  static let measurementArguments: [ProviderParameter] =
    [
      .init("part", .choice(of: Part.self), default: "low", "e_low or e_high"),
      .init("delta", .number, "the filter width δ > 0"),
      .init("threshold", .number, default: "0.1", "step: the relative error to stay below"),
    ] + ExperimentFigures.arguments

  /// The network, its training, the data and the loss.
  struct Configuration: ExperimentConfiguration {
    static let arguments: [ProviderParameter] =
      TrainingSetup.arguments(defaults: defaults) + ExperimentData.arguments(defaultKind: .digits)
      + [.init("loss", .choice(of: LossName.self), default: "mse", "the training loss")]
    static var defaults: TrainingSetup.Defaults {
      var d = TrainingSetup.Defaults()
      d.hidden = [200, 100]; d.learningRate = 1e-3; d.steps = 300; d.interval = 5
      return d
    }

    var setup: TrainingSetup
    var data: ExperimentData
    var loss: LossName
    init(_ p: ExperimentParameters) throws(ProviderError) {
      setup = try TrainingSetup(p, defaults: Self.defaults)
      data = try ExperimentData(p, defaultKind: .digits)
      guard [.digits, .synthetic, .shuffledLabels].contains(data.kind) else {
        throw ProviderError(
          argument: "data", message: "filtering_hd and projection_hd take digits, shuffled_labels or synthetic")
      }
      loss = try p.choice("loss", LossName.self)
    }
  }

  /// The training run: inputs, targets and the output snapshots.
  struct Run: Sendable {
    var inputs: [Double]
    var dimension: Int
    var channels: Int
    var targets: [Double]
    var steps: [Int]
    var snapshots: [[Double]]
  }

  static let runs = ProviderCache<Configuration, Run>()
  /// The key of a filtered error history: a run and δ.
  struct HistoryKey: Hashable, Sendable {
    var configuration: Configuration
    var delta: Double
  }
  /// e_low and e_high over a run's snapshots, per run and δ.
  static let histories = ProviderCache<HistoryKey, FilteredErrorHistory<Double>>()

  static func softmaxRows(_ z: [Double], channels m: Int) -> [Double] {
    var out = z
    for i in stride(from: 0, to: z.count, by: m) {
      let top = z[i..<(i + m)].max()!
      var s = 0.0
      for j in i..<(i + m) { out[j] = Foundation.exp(z[j] - top); s += out[j] }
      for j in i..<(i + m) { out[j] /= s }
    }
    return out
  }

  static func run(_ c: Configuration) throws -> Run {
    let data = try c.data.dataset()
    let lossFunction: any Loss = c.loss == .mse ? MeanSquaredError() : SoftmaxCrossEntropy()
    let result = try c.setup.train(
      c.setup.network(inputs: data.inputDimension, outputs: data.outputDimension),
      on: data, loss: lossFunction, evaluationPoints: data.inputs)
    let m = data.outputDimension
    let snaps = result.snapshots.map { c.loss == .mse ? $0.outputs : softmaxRows($0.outputs, channels: m) }
    return Run(
      inputs: data.inputs, dimension: data.inputDimension, channels: m, targets: data.targets,
      steps: result.snapshots.map(\.step), snapshots: snaps)
  }

  static func validateMeasurement(_ p: ExperimentParameters) throws(ProviderError) {
    _ = try p.choice("part", Part.self)
    if p.has("delta") { _ = try delta(p) }
  }

  /// δ > 0.
  static func delta(_ p: ExperimentParameters) throws(ProviderError) -> Double {
    let delta = try p.double("delta")
    guard delta > 0 else { throw ProviderError(argument: "delta", message: "δ must be positive") }
    return delta
  }

  static func measure(
    _ quantity: QuantityName, of run: Run, configuration c: Configuration,
    parameters p: ExperimentParameters
  ) throws -> Quantity {
    let delta = try delta(p)
    let points = PointSet(coordinates: run.inputs, dimension: run.dimension)
    if quantity == .lowEnergy {
      let filter = GaussianFilter(points: points, delta: delta)
      let low = filter.lowPass(run.targets, channels: run.channels)
      return .singleRun(low.reduce(0) { $0 + $1 * $1 } / run.targets.reduce(0) { $0 + $1 * $1 })
    }
    let history = try histories.value(for: HistoryKey(configuration: c, delta: delta)) {
      FilteredErrorHistory(
        filter: GaussianFilter(points: points, delta: delta), target: run.targets,
        snapshots: run.snapshots, epochs: run.steps, channels: run.channels)
    }
    let part = try p.choice("part", Part.self)
    let series = history.errors.map { part == .low ? $0.low : $0.high }
    var q: Quantity
    if quantity == .finalError {
      q = .singleRun(series.last!)
    } else {
      let threshold = try p.double("threshold", default: 0.1)
      // `never` (+∞) when e does not stay below the threshold within the budget.
      let s = series.firstIndexStayingBelow(threshold, { $0 })
      q = .convergenceStep(
        s.map { history.epochs[$0] }, interval: c.setup.interval, steps: c.setup.steps,
        lastValue: series.last!)
    }
    if part == .low, try ExperimentFigures.wanted(p, seed: c.setup.seed) {
      let what = "\(c.data.kind.rawValue), \(c.setup.label), δ = \(delta)"
      q.figures = [
        ExperimentFigures.stepCurves(
          title: "e_low and e_high over training: \(what)", steps: history.epochs, labels: ["e_low", "e_high"],
          values: [history.errors.map(\.low), history.errors.map(\.high)], yLabel: "relative error")
      ]
    }
    return q
  }
}
