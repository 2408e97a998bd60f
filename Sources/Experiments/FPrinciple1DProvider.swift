import Foundation
import MultiPrecision
import NeuralNetworks
import Spectral
import Verification

/// `fprinciple_1d`: the 1-D F-Principle experiment of 1807.01251 / 1901.06523.
///
/// A network is trained (full batch, MSE) on y = Σⱼ Aⱼ sin(kⱼ x) sampled at
/// `points` evenly spaced points of [`from`, `to`] (both ends, as the authors'
/// `linspace`); its outputs on the training grid are recorded every `interval`
/// steps. Δ_F(k) = |ĥ_k − ŷ_k| / |ŷ_k| (DFT on the grid, `Spectral`) is
/// tracked at the target's spectral peaks (strict local maxima of |ŷ_k| with
/// |ŷ_k| ≥ `peak_threshold` × max), numbered 1, 2, … by increasing frequency.
///
/// `quantity` (default `epoch`):
/// - `epoch`: the convergence step of peak `peak`: the first snapshot step
///   after which Δ_F stays below `threshold`; its enclosure is that step minus
///   the snapshot interval (exclusive) to the step (see `Quantity.convergenceStep`).
///   A peak that never stays below the threshold within the budget is `never`
///   (+∞, ordered after every finite step), with its last Δ_F in the metadata.
///   Every measured quantity is one run's value (`Quantity.singleRun`): the runner
///   pools a theorem's seed ensemble into mean ± standard error.
/// - `frequency`: ξ of peak `peak` in cycles per unit length (k / (n h)).
/// - `final_error`: Δ_F(peak) at the last step.
/// - `peak_count`: the number of peaks tracked.
/// - `final_loss`: the training loss at the last step.
///
/// Training parameters: `TrainingSetup` (paper defaults: tanh, 200-200-200-100,
/// Adam, lr 2e-4, 3000 steps). One training run serves every `peak`,
/// `threshold`, `quantity` (cached by the other parameters).
struct FPrinciple1DProvider: ExperimentProvider {
  var name: String { "fprinciple_1d" }
  var summary: String {
    "1-D F-Principle: train on a sum of sines, Δ_F(k) at the target's peaks, convergence step of a peak"
  }

  enum QuantityName: String, ProviderChoice {
    case epoch, frequency
    case finalError = "final_error", peakCount = "peak_count", finalLoss = "final_loss"
  }

  /// How Δ_F is measured (`measure`).
  enum ErrorMeasure: String, ProviderChoice {
    case complex, magnitude
    var measure: FrequencyErrorMeasure { self == .complex ? .complexDifference : .magnitudeDifference }
  }

  static let measurementArguments: [ProviderParameter] =
    [
      .init("peak", .integer(atLeast: 1), "the peak, 1, 2, … by frequency"),
      .init("threshold", .number, default: "0.05", "epoch: the Δ_F to stay below"),
    ] + ExperimentFigures.arguments

  /// The network, its training and the target on its grid.
  struct Configuration: ExperimentConfiguration {
    static let arguments: [ProviderParameter] =
      TrainingSetup.arguments(defaults: defaults) + [
        .init("frequencies", .numbers, default: "[1, 3, 5]", "the target's wave numbers kⱼ"),
        .init("amplitudes", .numbers, default: "[1, 2, 3]", "the target's amplitudes Aⱼ"),
        .init("from", .number, default: "-5", "the grid's left end"),
        .init("to", .number, default: "5", "its right end"),
        .init("points", .integer(atLeast: 8), default: "101", "grid points (both ends)"),
        .init("measure", .choice(of: ErrorMeasure.self), default: "complex", "Δ_F of the complex DFT or of magnitudes"),
        .init("peak_threshold", .number, default: "0.1", "peaks: |ŷ_k| ≥ this × max"),
      ]
    /// The paper's setting (`TrainingSetup.Defaults()`).
    static var defaults: TrainingSetup.Defaults { TrainingSetup.Defaults() }

    var setup: TrainingSetup
    var frequencies: [Double]
    var amplitudes: [Double]
    var from: Double
    var to: Double
    var points: Int
    var measure: ErrorMeasure
    var peakThreshold: Double

    init(_ p: ExperimentParameters) throws(ProviderError) {
      setup = try TrainingSetup(p, defaults: Self.defaults)
      frequencies = try p.doubles("frequencies", default: [1, 3, 5])
      amplitudes = try p.doubles("amplitudes", default: [1, 2, 3])
      guard frequencies.count == amplitudes.count, !frequencies.isEmpty else {
        throw ProviderError(argument: "amplitudes", message: "needs one amplitude per frequency")
      }
      from = try p.double("from", default: -5)
      to = try p.double("to", default: 5)
      guard to > from else { throw ProviderError(argument: "to", message: "must exceed `from`") }
      points = try p.int("points", default: 101, min: 8)
      measure = try p.choice("measure", ErrorMeasure.self)
      peakThreshold = try p.double("peak_threshold", default: 0.1)
    }
  }

  /// One training run, measured at every snapshot.
  struct Run: Sendable {
    var peaks: [Int]
    var frequencies: [Double]
    var steps: [Int]
    /// errors[s][p] = Δ_F(peak p) at snapshot s.
    var errors: [[Double]]
    var finalLoss: Double
  }

  static let runs = ProviderCache<Configuration, Run>()

  static func run(_ c: Configuration) throws -> Run {
    let x = SyntheticData.grid(c.from, c.to, count: c.points)
    let data = SyntheticData.sumOfSines(x: x, frequencies: c.frequencies, amplitudes: c.amplitudes)
    let result = try c.setup.train(
      c.setup.network(inputs: 1, outputs: 1), on: data, loss: MeanSquaredError(),
      evaluationPoints: x)
    let history = FrequencyErrorHistory<Double>(
      target: data.targets, snapshots: result.snapshots.map(\.outputs), epochs: result.snapshots.map(\.step),
      peakThreshold: c.peakThreshold, measure: c.measure.measure)
    let h = (c.to - c.from) / Double(c.points - 1)
    return Run(
      peaks: history.peaks, frequencies: history.peaks.map { Double($0) / (Double(c.points) * h) },
      steps: history.epochs, errors: history.errors, finalLoss: result.losses.last ?? .nan)
  }

  static func measure(
    _ quantity: QuantityName, of run: Run, configuration c: Configuration,
    parameters p: ExperimentParameters
  ) throws -> Quantity {
    switch quantity {
    case .peakCount: return .singleRun(Double(run.peaks.count))
    case .finalLoss: return .singleRun(run.finalLoss)
    default: break
    }
    let peak = try p.int("peak", min: 1)
    guard peak <= run.peaks.count else {
      throw ProviderError(
        argument: "peak", message: "the target has \(run.peaks.count) peaks (DFT indices \(run.peaks)), not \(peak)")
    }
    let index = peak - 1
    let meta = [
      "dft_index": String(run.peaks[index]), "frequency": String(run.frequencies[index]),
      "run": c.setup.key,
    ]
    var q: Quantity
    switch quantity {
    case .frequency:
      q = .singleRun(run.frequencies[index], metadata: meta)
    case .finalError:
      q = .singleRun(run.errors.last![index], metadata: meta)
    default:
      let threshold = try p.double("threshold", default: 0.05)
      let history = FrequencyErrorHistory<Double>(peaks: run.peaks, epochs: run.steps, errors: run.errors)
      // A peak that never stays below the threshold within the budget is the
      // value `never` (+∞), ordered after every finite step; not an error.
      let step = history.convergenceEpochs(threshold: threshold)[index]
      q = .convergenceStep(
        step, interval: c.setup.interval, steps: c.setup.steps,
        lastValue: run.errors.last![index], metadata: meta)
    }
    if try ExperimentFigures.wanted(p, seed: c.setup.seed), peak == 1 { q.figures = figures(run, c) }
    return q
  }

  /// The epoch × frequency heatmap of Δ_F (capped at 1, as the authors' colour
  /// scale) and the Δ_F curves of every peak.
  static func figures(_ run: Run, _ c: Configuration) -> [AttachedFigure] {
    let rows = run.frequencies.map { "ξ=\(ExperimentFigures.label($0))" }
    let labels = zip(run.peaks, run.frequencies).map { "k=\($0) (ξ=\(ExperimentFigures.label($1)))" }
    let byPeak = run.peaks.indices.map { p in run.errors.map { $0[p] } }
    let what = "\(c.setup.label), \(c.setup.hidden.map(String.init).joined(separator: "-")), lr \(c.setup.learningRate)"
    return [
      ExperimentFigures.stepHeatmap(
        title: "Δ_F (capped at 1): \(what)", steps: run.steps, rows: rows,
        rowLabel: "peak frequency ξ", values: byPeak, valueLabel: "Δ_F", cap: 1),
      ExperimentFigures.stepCurves(
        title: "Δ_F per peak: \(what)", steps: run.steps, labels: labels,
        values: byPeak, yLabel: "Δ_F"),
    ]
  }
}
