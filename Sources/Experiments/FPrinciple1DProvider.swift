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
public struct FPrinciple1DProvider: QuantityProvider {
  public init() {}
  public var name: String { "fprinciple_1d" }
  public var summary: String {
    "1-D F-Principle: train on a sum of sines, Δ_F(k) at the target's peaks, convergence step of a peak"
  }

  static let measurementKeys: Set<String> = [
    "quantity", "peak", "threshold", "measure", "peak_threshold", "figures", "figure_seed",
  ]
  static let dataKeys: Set<String> = ["frequencies", "amplitudes", "from", "to", "points"]
  static var allowed: Set<String> { measurementKeys.union(dataKeys).union(TrainingSetup.keys) }

  static var defaults: TrainingSetup.Defaults { TrainingSetup.Defaults() }

  /// One training run, measured at every snapshot.
  struct Run: Sendable {
    var peaks: [Int]
    var frequencies: [Double]
    var steps: [Int]
    /// errors[s][p] = Δ_F(peak p) at snapshot s.
    var errors: [[Double]]
    var finalLoss: Double
    var diverged: Bool
  }

  static let cache = RunCache<Run>()

  struct Configuration: Sendable {
    var setup: TrainingSetup
    var frequencies: [Double]
    var amplitudes: [Double]
    var from: Double
    var to: Double
    var points: Int
    var measure: FrequencyErrorMeasure
    var peakThreshold: Double

    init(_ p: ExperimentParameters) throws(ProviderError) {
      setup = try TrainingSetup(p, defaults: FPrinciple1DProvider.defaults)
      frequencies = try p.doubles("frequencies", default: [1, 3, 5])
      amplitudes = try p.doubles("amplitudes", default: [1, 2, 3])
      guard frequencies.count == amplitudes.count, !frequencies.isEmpty else {
        throw ProviderError(argument: "amplitudes", message: "needs one amplitude per frequency")
      }
      from = try p.double("from", default: -5)
      to = try p.double("to", default: 5)
      guard to > from else { throw ProviderError(argument: "to", message: "must exceed `from`") }
      points = try p.int("points", default: 101, min: 8)
      measure = try p.choice("measure", ["complex", "magnitude"], default: "complex") == "complex"
        ? .complexDifference : .magnitudeDifference
      peakThreshold = try p.double("peak_threshold", default: 0.1)
    }

    var key: String {
      "\(setup.key) target=\(frequencies)/\(amplitudes) on [\(from), \(to)] n=\(points) \(measure) peaks≥\(peakThreshold)"
    }
  }

  public func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    try ExperimentParameters.validate(arguments, sweepAxes: sweepAxes, allowed: Self.allowed)
    try ignoringAxes(sweepAxes) { () throws(ProviderError) in
      let p = ExperimentParameters(arguments, point: nil)
      _ = try Configuration(p)
      _ = try p.choice("quantity", ["epoch", "frequency", "final_error", "peak_count", "final_loss"], default: "epoch")
    }
  }

  static func run(_ c: Configuration) -> Run {
    let x = SyntheticData.grid(c.from, c.to, count: c.points)
    let data = SyntheticData.sumOfSines(x: x, frequencies: c.frequencies, amplitudes: c.amplitudes)
    let result = c.setup.train(c.setup.network(inputs: 1, outputs: 1), on: data, loss: MeanSquaredError(), evaluationPoints: x)
    let history = FrequencyErrorHistory<Double>(
      target: data.targets, snapshots: result.snapshots.map(\.outputs), epochs: result.snapshots.map(\.step),
      peakThreshold: c.peakThreshold, measure: c.measure)
    let h = (c.to - c.from) / Double(c.points - 1)
    return Run(peaks: history.peaks, frequencies: history.peaks.map { Double($0) / (Double(c.points) * h) },
               steps: history.epochs, errors: history.errors, finalLoss: result.losses.last ?? .nan,
               diverged: result.status == .diverged)
  }

  public func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    let p = ExperimentParameters(arguments, point: point)
    let c = try Configuration(p)
    let quantity = try p.choice("quantity", ["epoch", "frequency", "final_error", "peak_count", "final_loss"], default: "epoch")
    let run = try Self.cache.value(for: c.key) { Self.run(c) }
    if run.diverged { throw ProviderError(message: "training diverged (\(c.setup.key))") }
    switch quantity {
    case "peak_count": return .singleRun(Double(run.peaks.count))
    case "final_loss": return .singleRun(run.finalLoss)
    default: break
    }
    let peak = try p.int("peak", min: 1)
    guard peak <= run.peaks.count else {
      throw ProviderError(argument: "peak", message: "the target has \(run.peaks.count) peaks (DFT indices \(run.peaks)), not \(peak)")
    }
    let index = peak - 1
    let meta = ["dft_index": String(run.peaks[index]), "frequency": String(run.frequencies[index]), "run": c.setup.key]
    var q: Quantity
    switch quantity {
    case "frequency":
      q = .singleRun(run.frequencies[index], metadata: meta)
    case "final_error":
      q = .singleRun(run.errors.last![index], metadata: meta)
    default:
      let threshold = try p.double("threshold", default: 0.05)
      let history = FrequencyErrorHistory<Double>(peaks: run.peaks, epochs: run.steps, errors: run.errors)
      // A peak that never stays below the threshold within the budget is the
      // value `never` (+∞), ordered after every finite step; not an error.
      let step = history.convergenceEpochs(threshold: threshold)[index]
      var m = meta
      if step == nil { m["last_error"] = run.errors.last![index].formatted6 }
      q = .convergenceStep(step, interval: c.setup.interval, steps: c.setup.steps, metadata: m)
    }
    if try Self.wantsFigures(p, setup: c.setup), peak == 1 { q.figures = Self.figures(run, c) }
    return q
  }

  static func wantsFigures(_ p: ExperimentParameters, setup: TrainingSetup) throws(ProviderError) -> Bool {
    guard try p.bool("figures", default: true) else { return false }
    if p.has("figure_seed") { return UInt64(try p.int("figure_seed", min: 0)) == setup.seed }
    return true
  }

  static func figures(_ run: Run, _ c: Configuration) -> [AttachedFigure] {
    let rows = run.frequencies.map { "ξ=\($0.formatted3)" }
    let labels = zip(run.peaks, run.frequencies).map { "k=\($0) (ξ=\($1.formatted3))" }
    let byPeak = run.peaks.indices.map { p in run.errors.map { $0[p] } }
    let what = "\(c.setup.label), \(c.setup.hidden.map(String.init).joined(separator: "-")), lr \(c.setup.learningRate)"
    return [
      ExperimentFigures.stepHeatmap(title: "Δ_F (capped at 1): \(what)", steps: run.steps, rows: rows,
                                    rowLabel: "peak frequency ξ", values: byPeak, valueLabel: "Δ_F", cap: 1),
      ExperimentFigures.stepCurves(title: "Δ_F per peak: \(what)", steps: run.steps, labels: labels,
                                   values: byPeak, yLabel: "Δ_F"),
    ]
  }
}

/// Runs a validation, ignoring errors about parameters that are sweep axes
/// (their values are only known at compute time).
func ignoringAxes(_ axes: [String], _ body: () throws(ProviderError) -> Void) throws(ProviderError) {
  do { try body() } catch {
    if let a = error.argument, axes.contains(a) { return }
    throw error
  }
}

extension Double {
  var formatted3: String { String(format: "%.3g", self) }
  var formatted6: String { String(format: "%.6g", self) }
}
