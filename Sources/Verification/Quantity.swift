import Foundation
import MultiPrecision

/// A computed value with its error bound: the enclosure [lower, upper].
///
/// When `rigorous` is true the enclosure is guaranteed to contain the exact
/// value (interval arithmetic with directed rounding). Otherwise it is
/// value ± estimate, where the estimate is a numerical error estimate (a
/// quadrature or integration error, a heuristic) and carries no guarantee.
public struct Quantity: Sendable {
  public var lower: MPFloat
  public var upper: MPFloat
  public var rigorous: Bool
  /// Free-form facts for the report: method, evaluations, status, …
  public var metadata: [String: String]
  /// Figures drawn in the report (training curves, heatmaps, …); see `AttachedFigure`.
  public var figures: [AttachedFigure] = []
  /// Per-seed values when the quantity was measured over a seed ensemble
  /// (`init(ensemble:)`); `nil` for computed quantities.
  public var ensemble: [Double]? = nil
  /// The reported value when it is not the midpoint of the enclosure (a single
  /// run: the enclosure is unbounded, the value is still the measurement).
  public var center: MPFloat? = nil
  /// Measured quantities: the half-width of one measurement (0 when exact).
  public var resolution: Double = 0
  /// Measured quantities: each seed's own half-width when the seeds differ (nil: `resolution`
  /// for every seed); read by the paired comparison of each seed (`seedValue`).
  public var sampleResolutions: [Double]? = nil
  /// Measured quantities: the largest value a run could report (a `never`
  /// sample, +∞, lies beyond it), e.g. the number of training steps.
  public var budget: Double? = nil
  /// The imaginary part of a complex quantity (`Quantity+Complex.swift`); nil for a real one.
  public var imaginary: ImaginaryPart? = nil

  /// A rigorous enclosure [lower, upper].
  public init(lower: MPFloat, upper: MPFloat, rigorous: Bool, metadata: [String: String] = [:]) {
    self.lower = lower; self.upper = upper; self.rigorous = rigorous; self.metadata = metadata
  }

  /// A value with a non-rigorous error estimate: [value − |estimate|, value + |estimate|],
  /// the endpoints rounded outward.
  public init(value: MPFloat, errorEstimate: MPFloat, metadata: [String: String] = [:]) {
    let e = errorEstimate.magnitude
    self.lower = MPFloat.difference(value, e, rounding: .down)
    self.upper = MPFloat.sum(value, e, rounding: .up)
    self.rigorous = false
    self.metadata = metadata
  }

  /// An exact value (its enclosure is the point).
  public init(exact value: MPFloat, metadata: [String: String] = [:]) {
    self.init(lower: value, upper: value, rigorous: true, metadata: metadata)
  }

  /// The midpoint of the enclosure (the reported value).
  public var value: MPFloat {
    if let center { return center }
    if lower == upper { return lower }
    if !lower.isFinite || !upper.isFinite { return lower.isFinite ? upper : lower }
    return (lower + upper) / 2
  }

  /// The half-width of the enclosure, rounded up (the reported error bound).
  public var radius: MPFloat {
    if lower == upper { return MPFloat(0, precision: lower.precision) }
    let w = MPFloat.difference(upper, lower, rounding: .up)
    return w / 2  // exact in binary
  }

  /// True when the enclosure is a well-formed, finite or infinite interval (no NaN).
  public var isValid: Bool { !lower.isNaN && !upper.isNaN && lower <= upper }

  /// `value ± radius` with `digits` significant digits.
  public func formatted(digits: Int = 12) -> String {
    // A one-sided enclosure without a measured value (a logarithm bounded above only): its bound.
    if center == nil, isValid, !(lower.isFinite && upper.isFinite), lower != upper {
      if !lower.isFinite && !upper.isFinite { return "unbounded" }
      return lower.isFinite ? "≥ \(lower.formatted(digits: digits))" : "≤ \(upper.formatted(digits: digits))"
    }
    return "\(value.formatted(digits: digits)) ± \(radius.formatted(digits: 3))"
  }
}

// MARK: Measured quantities (seed ensembles)

extension Quantity {
  /// A quantity measured on trained networks over a seed ensemble: the value is the
  /// sample mean x̄ = (1/n) Σ xᵢ and the error is its standard error
  /// s/√n with s² = Σ (xᵢ − x̄)² / (n − 1), plus `resolution` (the half-width of
  /// one measurement, e.g. half a snapshot interval for a convergence step). The
  /// error is statistical, not a bound (`rigorous` is false); the per-seed values
  /// are kept in `ensemble` for the report. A single run (n = 1) has no spread:
  /// its error is unbounded, so no claim on it can `pass` (it is `inconclusive`),
  /// and the metadata says it is a single run.
  ///
  /// A sample +∞ means `never` within the budget (a convergence that did not
  /// happen in `budget` steps): it is ordered after every finite value. With k of
  /// n samples `never` the mean is censored: it is at least the mean x̄_c with
  /// every `never` replaced by `budget`, so the enclosure is
  /// [x̄_c − (s_c/√n + resolution), +∞) and a claim can still decide on its
  /// lower end. All n `never`: the enclosure is [budget, +∞). A NaN sample is a
  /// precondition failure (an error is not a measurement).
  public init(
    ensemble samples: [Double], resolution: Double = 0, budget: Double? = nil, precision: Int = 64,
    metadata: [String: String] = [:]
  ) {
    precondition(!samples.isEmpty, "an ensemble needs at least one sample")
    precondition(!samples.contains { $0.isNaN }, "a NaN is not a measurement")
    var meta = metadata
    meta["seeds"] = String(samples.count)
    let never = samples.filter { $0 == .infinity }.count
    let inf = MPFloat(Double.infinity, precision: precision)
    if samples.count == 1 {
      meta["error"] = "single run: no seed spread"
      if never == 1 { meta["never"] = "did not converge within the budget" }
      self.init(lower: -inf, upper: inf, rigorous: false, metadata: meta)
      self.center = MPFloat(samples[0], precision: precision)
    } else if never > 0 {
      let cap = budget ?? samples.filter(\.isFinite).max() ?? 0
      let capped = samples.map { $0.isFinite ? $0 : cap }
      let (mean, se) = Self.meanAndStandardError(capped)
      meta["never"] =
        "\(never) of \(samples.count) seeds never within the budget\(budget.map { " (\(Self.short($0)))" } ?? ""); the mean is at least \(Self.short(mean))"
      meta["error"] =
        "censored: standard error over \(samples.count) seeds\(resolution > 0 ? " + resolution \(Self.short(resolution))" : "") below, unbounded above"
      let lower = MPFloat(mean, precision: precision) - MPFloat(se + resolution, precision: precision)
      self.init(lower: lower, upper: inf, rigorous: false, metadata: meta)
      self.center = never == samples.count ? inf : MPFloat(mean, precision: precision)
    } else {
      let (mean, se) = Self.meanAndStandardError(samples)
      let spread = se + resolution
      meta["error"] =
        "standard error over \(samples.count) seeds" + (resolution > 0 ? " + resolution \(Self.short(resolution))" : "")
        + (se == 0 ? " (the seeds agree)" : "")
      self.init(
        value: MPFloat(mean, precision: precision), errorEstimate: MPFloat(spread, precision: precision), metadata: meta
      )
    }
    self.ensemble = samples
    self.resolution = resolution
    self.budget = budget
  }

  /// One run's measurement, to be pooled with the other seeds' (`Runner` groups a
  /// theorem's `ensemble` axis): a single-run ensemble. `+∞` is `never`.
  public static func singleRun(
    _ x: Double, resolution: Double = 0, budget: Double? = nil,
    metadata: [String: String] = [:]
  ) -> Quantity {
    Quantity(ensemble: [x == 0 ? 0 : x], resolution: resolution, budget: budget, metadata: metadata)
  }

  /// Pools single-run (or ensemble) measurements of the same quantity over seeds.
  /// Nil when one of them is not a measurement (`ensemble` is nil).
  public static func pooled(_ parts: [Quantity], precision: Int = 64) -> Quantity? {
    guard !parts.isEmpty, parts.allSatisfy({ $0.ensemble != nil }) else { return nil }
    var meta = parts[0].metadata
    for key in ["seeds", "error", "never"] { meta[key] = nil }
    let budgets = parts.compactMap(\.budget)
    var q = Quantity(
      ensemble: parts.flatMap { $0.ensemble! }, resolution: parts.map(\.resolution).max() ?? 0,
      budget: budgets.max(), precision: precision, metadata: meta)
    var seen = Set<String>()
    q.figures = parts.flatMap(\.figures).filter { seen.insert($0.title).inserted }
    if parts.contains(where: { $0.sampleResolutions != nil }) {
      q.sampleResolutions = parts.flatMap {
        $0.sampleResolutions ?? [Double](repeating: $0.resolution, count: $0.ensemble!.count)
      }
    }
    return q
  }

  /// Seed `i`'s value of a measured quantity as a point with its resolution as
  /// the error (nil for a quantity that is not a measurement). A `never` (+∞)
  /// reads as the budget (`never` = 1) or as 2 × budget + 1 (`never` = 2).
  func seedValue(_ i: Int, never substitute: Int) -> Quantity? {
    guard let samples = ensemble, i < samples.count || samples.count == 1 else { return nil }
    var x = samples.count == 1 ? samples[0] : samples[i]
    if x.isInfinite {
      let b = budget ?? samples.filter(\.isFinite).max() ?? 0
      x = substitute == 1 ? b : 2 * b + 1
    }
    let r = sampleResolutions.flatMap { i < $0.count ? $0[i] : nil } ?? resolution
    return Quantity(
      value: MPFloat(x, precision: lower.precision), errorEstimate: MPFloat(r, precision: lower.precision),
      metadata: isNonnegative ? [Quantity.domainKey: "nonnegative"] : [:])
  }

  /// The metadata key a provider sets to "nonnegative" for a quantity that is ≥ 0 by
  /// construction (a share of an energy, a loss): its logarithm is then taken one-sided when
  /// the error reaches 0 (`log(precision:)`), instead of being unresolved.
  public static let domainKey = "domain"

  /// Whether the quantity is ≥ 0 by construction (`domainKey`); kept through seed pooling.
  public var isNonnegative: Bool { metadata[Quantity.domainKey] == "nonnegative" }

  static func meanAndStandardError(_ x: [Double]) -> (mean: Double, standardError: Double) {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    guard x.count > 1 else { return (mean, .infinity) }
    let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, (variance / n).squareRoot())
  }

  static func short(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.6g", x)
  }
}
