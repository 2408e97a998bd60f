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

