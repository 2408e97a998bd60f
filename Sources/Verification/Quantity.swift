import CMPFR
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
    self.lower = MPFloat.apply(mpfr_sub, value, e, rounding: .down).value
    self.upper = MPFloat.apply(mpfr_add, value, e, rounding: .up).value
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
    let w = MPFloat.apply(mpfr_sub, upper, lower, rounding: .up).value
    return w / 2  // exact in binary
  }

  /// True when the enclosure is a well-formed, finite or infinite interval (no NaN).
  public var isValid: Bool { !lower.isNaN && !upper.isNaN && lower <= upper }

  /// `value ± radius` with `digits` significant digits.
  public func formatted(digits: Int = 12) -> String {
    "\(value.formatted(digits: digits)) ± \(radius.formatted(digits: 3))"
  }
}


// MARK: Measured quantities (seed ensembles)

extension Quantity {
  /// A quantity measured on trained networks over a seed ensemble: the value is the
  /// sample mean x̄ = (1/n) Σ xᵢ and the error is its standard error
  /// s/√n with s² = Σ (xᵢ − x̄)² / (n − 1). The error is statistical, not a bound
  /// (`rigorous` is false); the per-seed values are kept in `ensemble` for the
  /// report. A single run (n = 1) has no spread: its error is +∞, so no claim on
  /// it can `pass` (it is `inconclusive`), and the metadata says it is a single run.
  ///
  /// Non-finite samples are kept: the mean then is non-finite and the claim
  /// decides what that means (for example `never` converged within the budget).
  public init(ensemble samples: [Double], precision: Int = 64, metadata: [String: String] = [:]) {
    precondition(!samples.isEmpty, "an ensemble needs at least one sample")
    let n = Double(samples.count)
    let mean = samples.reduce(0, +) / n
    var meta = metadata
    meta["seeds"] = String(samples.count)
    let standardError: Double
    if samples.count == 1 {
      standardError = .infinity
      meta["error"] = "single run: no seed spread"
    } else if mean.isFinite {
      let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
      standardError = (variance / n).squareRoot()
      meta["error"] = "standard error over \(samples.count) seeds"
    } else {
      standardError = 0
      meta["error"] = "non-finite samples"
    }
    let m = MPFloat(mean, precision: precision)
    if standardError.isInfinite {
      let inf = MPFloat(Double.infinity, precision: precision)
      self.init(lower: -inf, upper: inf, rigorous: false, metadata: meta)
      self.center = m
    } else {
      self.init(value: m, errorEstimate: MPFloat(standardError, precision: precision), metadata: meta)
    }
    self.ensemble = samples
  }
}
