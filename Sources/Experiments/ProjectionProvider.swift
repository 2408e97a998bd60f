import Foundation
import MultiPrecision
import NeuralNetworks
import Spectral
import Verification

/// `projection_hd`: the high-dimensional F-Principle by the projection method
/// of 1901.06523 (`Spectral.ProjectionSpectrum` states the method and our
/// conventions).
///
/// The training runs are `filtering_hd`'s: the same configuration (network,
/// optimiser, data, loss, seed, steps, snapshot interval; its defaults) and the
/// same process-wide cache (`FilteringProvider.runs`), so a projection file
/// with the sweep of a filtering file measures the very networks the filtering
/// file measured, at the cost of the non-uniform DFTs only.
///
/// The direction p (`direction`): `principal` — the `component`-th principal
/// component of the training inputs (1 = p₁, the paper's); `orthogonal` — a
/// seeded random unit vector (`direction_seed`) orthogonal to the leading
/// `orthogonal_to` components (a control: the inputs vary least along it).
/// The grid: `frequency_count` frequencies k_i = i · `max_frequency` / (N − 1)
/// in cycles per unit of p·x; peaks: interior strict local maxima of ‖ŷ_{p,k}‖
/// with ‖ŷ_{p,k}‖ ≥ `peak_threshold` × max, numbered 1, 2, … by frequency.
///
/// `quantity` (default `epoch`):
/// - `epoch`: the convergence step of peak `peak`: the first snapshot step after
///   which Δ_F stays below `threshold` (as `fprinciple_1d`; `never` when it does
///   not within the budget, with its last Δ_F in the metadata);
/// - `frequency`: k of peak `peak`; `final_error`: its Δ_F at the last step;
/// - `peak_count`: the number of peaks; `peak_magnitude`: ‖ŷ_{p,k}‖ at peak `peak`.
struct ProjectionProvider: ExperimentProvider {
  var name: String { "projection_hd" }
  var summary: String {
    "high-dimensional F-Principle by projection: Δ_F at the peaks of the NUDFT along the first principal component, convergence step of a peak"
  }

  enum QuantityName: String, ProviderChoice {
    case epoch, frequency
    case finalError = "final_error", peakCount = "peak_count", peakMagnitude = "peak_magnitude"
  }

  /// The direction p (`direction`).
  enum DirectionChoice: String, ProviderChoice { case principal, orthogonal }

  static let measurementArguments: [ProviderParameter] =
    [
      .init("peak", .integer(atLeast: 1), "the peak, 1, 2, … by frequency"),
      .init("threshold", .number, default: "0.2", "epoch: the Δ_F to stay below"),
      .init(
        "direction", .choice(of: DirectionChoice.self), default: "principal",
        "p: a principal component or a random direction orthogonal to the leading ones"),
      .init("component", .integer(atLeast: 1), default: "1", "principal: which component (1 = the first)"),
      .init("orthogonal_to", .integer(atLeast: 0), default: "10", "orthogonal: how many leading components p avoids"),
      .init("direction_seed", .integer(atLeast: 0), default: "0", "orthogonal: the seed of the random direction"),
      .init("max_frequency", .number, default: "4", "the grid's largest k (cycles per unit of p·x)"),
      .init("frequency_count", .integer(atLeast: 3), default: "201", "grid frequencies, k = 0 included"),
      .init("peak_threshold", .number, default: "0.1", "peaks: ‖ŷ_k‖ ≥ this × max"),
    ] + ExperimentFigures.arguments

  typealias Configuration = FilteringProvider.Configuration
  typealias Run = FilteringProvider.Run

  /// `filtering_hd`'s cache: one training run serves both methods.
  static var runs: ProviderCache<Configuration, Run> { FilteringProvider.runs }
  static func run(_ c: Configuration) throws -> Run { try FilteringProvider.run(c) }

  /// The projection measurement of a run (everything but the peak and ε).
  struct AnalysisKey: Hashable, Sendable {
    var configuration: Configuration
    var direction: DirectionChoice
    var component: Int
    var orthogonalTo: Int
    var directionSeed: UInt64
    var maxFrequency: Double
    var frequencyCount: Int
    var peakThreshold: Double
  }

  /// The target's spectrum along p and Δ_F at its peaks over the snapshots.
  struct Analysis: Sendable {
    var spectrum: ProjectionSpectrum
    /// errors[s][q] = Δ_F(peak q) at snapshot s.
    var errors: [[Double]]
    /// The variance of the inputs along p (λ_component for a principal direction).
    var projectedVariance: Double
  }

  static let analyses = ProviderCache<AnalysisKey, Analysis>()

  static func analysisKey(_ p: ExperimentParameters, _ c: Configuration) throws(ProviderError) -> AnalysisKey {
    let maxFrequency = try p.double("max_frequency", default: 4)
    guard maxFrequency > 0 else {
      throw ProviderError(argument: "max_frequency", message: "must be positive")
    }
    let peakThreshold = try p.double("peak_threshold", default: 0.1)
    guard peakThreshold >= 0, peakThreshold < 1 else {
      throw ProviderError(argument: "peak_threshold", message: "must lie in [0, 1)")
    }
    return AnalysisKey(
      configuration: c, direction: try p.choice("direction", DirectionChoice.self),
      component: try p.int("component", default: 1, min: 1),
      orthogonalTo: try p.int("orthogonal_to", default: 10, min: 0),
      directionSeed: UInt64(try p.int("direction_seed", default: 0, min: 0)),
      maxFrequency: maxFrequency, frequencyCount: try p.int("frequency_count", default: 201, min: 3),
      peakThreshold: peakThreshold)
  }

  static func validateMeasurement(_ p: ExperimentParameters) throws(ProviderError) {
    if p.has("max_frequency") {
      guard try p.double("max_frequency") > 0 else {
        throw ProviderError(argument: "max_frequency", message: "must be positive")
      }
    }
    if p.has("peak_threshold") {
      let t = try p.double("peak_threshold")
      guard t >= 0, t < 1 else { throw ProviderError(argument: "peak_threshold", message: "must lie in [0, 1)") }
    }
    _ = try p.choice("direction", DirectionChoice.self)
  }

  static func analyse(_ run: Run, _ key: AnalysisKey) throws -> Analysis {
    let points = PointSet(coordinates: run.inputs, dimension: run.dimension)
    let pca = try PrincipalComponents(points: points)
    let p: [Double]
    switch key.direction {
    case .principal:
      guard key.component <= run.dimension else {
        throw ProviderError(argument: "component", message: "the inputs have \(run.dimension) components")
      }
      p = pca.directions[key.component - 1]
    case .orthogonal:
      guard key.orthogonalTo < run.dimension else {
        throw ProviderError(
          argument: "orthogonal_to", message: "must be below the input dimension \(run.dimension)")
      }
      p = pca.orthogonalDirection(toLeading: key.orthogonalTo, seed: key.directionSeed)
    }
    let n = key.frequencyCount
    let grid = (0..<n).map { key.maxFrequency * Double($0) / Double(n - 1) }
    let spectrum = ProjectionSpectrum(
      points: points, targets: run.targets, channels: run.channels, direction: p, frequencies: grid,
      peakThreshold: key.peakThreshold)
    let t = spectrum.projections
    let mean = t.reduce(0, +) / Double(t.count)
    let variance = t.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(t.count)
    return Analysis(
      spectrum: spectrum, errors: run.snapshots.map { spectrum.relativeErrors(of: $0) },
      projectedVariance: variance)
  }

  static func measure(
    _ quantity: QuantityName, of run: Run, configuration c: Configuration,
    parameters p: ExperimentParameters
  ) throws -> Quantity {
    let key = try analysisKey(p, c)
    let a = try analyses.value(for: key) { try analyse(run, key) }
    let peaks = a.spectrum.peaks
    if quantity == .peakCount { return .singleRun(Double(peaks.count)) }
    let peak = try p.int("peak", min: 1)
    guard peak <= peaks.count else {
      let ks = peaks.map { ExperimentFigures.label(a.spectrum.frequencies[$0]) }
      throw ProviderError(
        argument: "peak", message: "the target has \(peaks.count) peaks along p (k = \(ks)), not \(peak)")
    }
    let q = peak - 1
    let k = a.spectrum.frequencies[peaks[q]]
    let meta = [
      "frequency": String(format: "%.6g", k),
      "peak_magnitude": String(format: "%.6g", a.spectrum.targetMagnitudes[peaks[q]]),
      "direction": key.direction == .principal
        ? "principal component \(key.component)"
        : "random, orthogonal to the leading \(key.orthogonalTo) components (seed \(key.directionSeed))",
      "projected_variance": String(format: "%.6g", a.projectedVariance),
      "run": c.setup.key,
    ]
    var out: Quantity
    switch quantity {
    case .frequency: out = .singleRun(k, metadata: meta)
    case .peakMagnitude: out = .singleRun(a.spectrum.targetMagnitudes[peaks[q]], metadata: meta)
    case .finalError: out = .singleRun(a.errors.last![q], metadata: meta)
    default:
      let threshold = try p.double("threshold", default: 0.2)
      let s = a.errors.firstIndexStayingBelow(threshold) { $0[q] }
      out = .convergenceStep(
        s.map { run.steps[$0] }, interval: c.setup.interval, steps: c.setup.steps,
        lastValue: a.errors.last![q], metadata: meta)
    }
    if peak == 1, try ExperimentFigures.wanted(p, seed: c.setup.seed) { out.figures = figures(run, a, key, c) }
    return out
  }

  /// The epoch × frequency heatmap of Δ_F along p (capped at 1, as the 1-D
  /// experiment), the spectrum ‖ŷ_{p,k}‖ with ‖ĥ_{p,k}‖ at three snapshots, and
  /// the projected target and output (channel 1) against p·x at those snapshots,
  /// as means over 40 equal bins of p·x.
  static func figures(_ run: Run, _ a: Analysis, _ key: AnalysisKey, _ c: Configuration) -> [AttachedFigure] {
    let s = a.spectrum
    let along = key.direction == .principal ? "p\(key.component)" : "p ⊥ p1…p\(key.orthogonalTo)"
    let what = "\(c.data.kind.rawValue), \(c.setup.label), along \(along)"
    let rows = s.peaks.map { "k=\(ExperimentFigures.label(s.frequencies[$0]))" }
    let byPeak = s.peaks.indices.map { q in a.errors.map { $0[q] } }
    let last = run.snapshots.count - 1
    let shown = Array(Set([0, last / 10, last])).sorted()
    var spectra = [AttachedFigure.Series(label: "target ‖ŷ_k‖", x: s.frequencies, y: s.targetMagnitudes)]
    spectra += shown.map { i in
      AttachedFigure.Series(
        label: "output, step \(run.steps[i])", x: s.frequencies, y: s.magnitudes(of: run.snapshots[i]))
    }
    spectra.append(
      AttachedFigure.Series(
        label: "peaks", x: s.peaks.map { s.frequencies[$0] }, y: s.peaks.map { s.targetMagnitudes[$0] },
        pointsOnly: true))
    // The projected data as means over 40 equal bins of p·x (scattered points of
    // 10 one-hot channels do not read as curves).
    let m = run.channels, bins = 40
    let (lo, hi) = (s.projections.min()!, s.projections.max()!)
    let width = max(hi - lo, .leastNormalMagnitude) / Double(bins)
    let bin = s.projections.map { min(Int(($0 - lo) / width), bins - 1) }
    func binMeans(_ values: [Double]) -> (x: [Double], y: [Double]) {
      var sum = [Double](repeating: 0, count: bins), count = sum
      for (j, b) in bin.enumerated() {
        sum[b] += values[j * m]
        count[b] += 1
      }
      let kept = (0..<bins).filter { count[$0] > 0 }
      return (kept.map { lo + (Double($0) + 0.5) * width }, kept.map { sum[$0] / count[$0] })
    }
    let target = binMeans(run.targets)
    var spatial = [AttachedFigure.Series(label: "target", x: target.x, y: target.y)]
    spatial += shown.map { i in
      let h = binMeans(run.snapshots[i])
      return AttachedFigure.Series(label: "output, step \(run.steps[i])", x: h.x, y: h.y)
    }
    return [
      ExperimentFigures.stepHeatmap(
        title: "Δ_F along the projection (capped at 1): \(what)", steps: run.steps, rows: rows,
        rowLabel: "peak frequency k", values: byPeak, valueLabel: "Δ_F", cap: 1),
      .line(
        title: "‖ŷ_k‖ and ‖ĥ_k‖ along the projection: \(what)", xLabel: "k (cycles per unit of p·x)",
        yLabel: "amplitude", series: spectra),
      .line(
        title:
          "projected target and output\(m > 1 ? " (channel 1 of \(m))" : ""), means over \(bins) bins of p·x: \(what)",
        xLabel: "p·x", yLabel: "bin mean of y, h", series: spatial),
    ]
  }
}
