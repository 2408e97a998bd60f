import CMPFR

/// A closed interval `[lower, upper]` of extended reals with `MPFloat`
/// endpoints: a *certified enclosure* of a real quantity.
///
/// Every operation on intervals returns an interval that contains the exact
/// result for every choice of points in the operands (the *inclusion
/// property*). Endpoints are computed with directed rounding: lower endpoints
/// with `RoundingMode.down`, upper endpoints with `.up` ("outward rounding"),
/// so the property holds for the floating-point computation itself, not only
/// for the mathematics.
///
/// ## Domain rule
/// When an operand meets points outside a function's domain (`log` of an
/// interval containing negatives, `sqrt`, `asin` outside [−1, 1], a pole),
/// the result encloses the function over the part of the operand inside the
/// domain and `possiblyUndefined` is set. When the operand lies entirely
/// outside the domain, the result is empty (and flagged). The flag propagates
/// through every later operation; a verdict built on a flagged interval is not
/// certified.
///
/// ## Precision
/// The precision of a result is the largest precision of its operands.
///
/// The empty interval has NaN endpoints; it contains nothing, and every
/// certified or possible comparison involving it is `false`.
public struct MPInterval: Sendable {
  /// The infimum (−∞ allowed); NaN for the empty interval.
  public private(set) var lower: MPFloat
  /// The supremum (+∞ allowed); NaN for the empty interval.
  public private(set) var upper: MPFloat
  /// True when some point of some operand that led to this interval lay
  /// outside the domain of an operation applied to it.
  public var possiblyUndefined: Bool

  /// Unchecked memberwise initializer: callers guarantee `lower <= upper`
  /// or both NaN (empty).
  @usableFromInline
  internal init(unchecked lower: MPFloat, _ upper: MPFloat, possiblyUndefined: Bool = false) {
    self.lower = lower
    self.upper = upper
    self.possiblyUndefined = possiblyUndefined
  }

  /// The interval `[lower, upper]`; requires `lower <= upper` (no NaN).
  public init(lower: MPFloat, upper: MPFloat) {
    precondition(
      !lower.isNaN && !upper.isNaN && lower <= upper,
      "MPInterval(lower:upper:): lower \(lower) must be <= upper \(upper)")
    self.init(unchecked: lower, upper)
  }

  /// The interval `[lower, upper]` with an explicit domain flag.
  public init(lower: MPFloat, upper: MPFloat, possiblyUndefined: Bool) {
    self.init(lower: lower, upper: upper)
    self.possiblyUndefined = possiblyUndefined
  }

  /// The point interval `[x, x]` (exact). A NaN gives the empty interval,
  /// flagged as possibly undefined.
  public init(_ x: MPFloat) {
    if x.isNaN {
      self.init(unchecked: x, x, possiblyUndefined: true)
    } else {
      self.init(unchecked: x, x)
    }
  }

  /// The integer `n` at `precision` bits: exact, or outward-rounded when `n`
  /// needs more bits than `precision`.
  public init(_ n: Int, precision: Int) {
    self.init(
      unchecked: MPFloat(n, precision: precision, rounding: .down),
      MPFloat(n, precision: precision, rounding: .up))
  }

  /// The tightest enclosure at `precision` bits of the number written in
  /// `decimal` (decimal, `0x` hexadecimal or `0b` binary text, as
  /// `MPFloat.init?(_:precision:rounding:)` parses): the text rounded down
  /// and up. Nil when the text is not a number (or is `nan`).
  public init?(decimal: String, precision: Int) {
    guard let lo = MPFloat(decimal, precision: precision, rounding: .down),
      let hi = MPFloat(decimal, precision: precision, rounding: .up),
      !lo.isNaN, !hi.isNaN
    else { return nil }
    self.init(unchecked: lo, hi)
  }

  /// The tightest enclosure at `precision` bits of a mathematical constant.
  public init(constant: MathConstant, precision: Int) {
    self.init(
      unchecked: constant.value(precision: precision, rounding: .down),
      constant.value(precision: precision, rounding: .up))
  }

  /// The empty set (at the working precision).
  public static var empty: MPInterval { emptyInterval(precision: MPFloat.workingPrecision) }

  /// The empty set at `precision` bits, optionally flagged.
  @usableFromInline
  internal static func emptyInterval(precision: Int, possiblyUndefined: Bool = false) -> MPInterval {
    let nan = MPFloat(precision: precision)
    return MPInterval(unchecked: nan, nan, possiblyUndefined: possiblyUndefined)
  }

  /// The whole extended real line `[−∞, +∞]`.
  public static func entire(precision: Int) -> MPInterval {
    MPInterval(
      unchecked: MPFloat.signedInfinity(.minus, precision: precision),
      MPFloat.signedInfinity(.plus, precision: precision))
  }

  /// `[−∞, +∞]`, flagged as possibly undefined.
  internal static func undefinedEntire(precision: Int) -> MPInterval {
    var r = entire(precision: precision)
    r.possiblyUndefined = true
    return r
  }
}

// MARK: - Properties

extension MPInterval {
  /// True for the empty set.
  @inlinable
  public var isEmpty: Bool { lower.isNaN }

  /// The larger of the endpoints' precisions.
  public var precision: Int { Swift.max(lower.precision, upper.precision) }

  /// True when `lower == upper` (a single point).
  public var isPoint: Bool { !isEmpty && lower == upper }

  /// True when both endpoints are finite.
  public var isBounded: Bool { !isEmpty && lower.isFinite && upper.isFinite }

  /// `upper − lower`, rounded up (0 for the empty set).
  public var width: MPFloat {
    if isEmpty { return MPFloat(0, precision: precision) }
    return MPFloat.apply(mpfr_sub, upper, lower, precision: precision, rounding: .up).value
  }

  /// A point of the interval near its centre: `(lower + upper)/2` rounded to
  /// nearest for bounded intervals; 0 for `[−∞, +∞]`; the largest finite
  /// magnitude (with sign) when one endpoint is infinite (the IEEE 1788
  /// convention). NaN for the empty set.
  public var midpoint: MPFloat {
    let p = precision
    if isEmpty { return MPFloat(precision: p) }
    if lower.isInfinite && upper.isInfinite { return MPFloat(0, precision: p) }
    if lower.isInfinite { return -MPFloat.largestFinite(precision: p) }
    if upper.isInfinite { return MPFloat.largestFinite(precision: p) }
    var m = MPFloat.apply(mpfr_add, lower, upper, precision: p).value
    m.multiplyByPowerOfTwo(-1)
    if m.isInfinite {  // overflow of lower + upper: halve first
      var a = lower, b = upper
      a.multiplyByPowerOfTwo(-1); b.multiplyByPowerOfTwo(-1)
      m = MPFloat.apply(mpfr_add, a, b, precision: p).value
    }
    // Guard the enclosure property of `midpoint ± radius` against rounding.
    if m < lower { m = lower }
    if m > upper { m = upper }
    return m
  }

  /// The smallest `r` (rounded up) with `[midpoint − r, midpoint + r] ⊇ self`.
  public var radius: MPFloat {
    let p = precision
    if isEmpty { return MPFloat(0, precision: p) }
    let m = midpoint
    let a = MPFloat.apply(mpfr_sub, m, lower, precision: p, rounding: .up).value
    let b = MPFloat.apply(mpfr_sub, upper, m, precision: p, rounding: .up).value
    return a > b ? a : b
  }

  /// `max |x|` over the interval (exact); NaN for the empty set.
  public var magnitude: MPFloat {
    if isEmpty { return MPFloat(precision: precision) }
    let a = lower.magnitude, b = upper.magnitude
    return a > b ? a : b
  }

  /// True when `x` lies in the interval (false for NaN and for the empty set).
  public func contains(_ x: MPFloat) -> Bool {
    !isEmpty && !x.isNaN && lower <= x && x <= upper
  }

  /// True when `other ⊆ self` (the empty set is contained in everything).
  public func contains(_ other: MPInterval) -> Bool {
    if other.isEmpty { return true }
    if isEmpty { return false }
    return lower <= other.lower && other.upper <= upper
  }

  /// `self ∩ other`; the domain flags are combined.
  public func intersection(_ other: MPInterval) -> MPInterval {
    let p = Swift.max(precision, other.precision)
    let flag = possiblyUndefined || other.possiblyUndefined
    if isEmpty || other.isEmpty { return .emptyInterval(precision: p, possiblyUndefined: flag) }
    let lo = lower > other.lower ? lower : other.lower
    let hi = upper < other.upper ? upper : other.upper
    if lo > hi { return .emptyInterval(precision: p, possiblyUndefined: flag) }
    return MPInterval(unchecked: lo, hi, possiblyUndefined: flag)
  }

  /// The smallest interval containing `self ∪ other`; flags are combined.
  public func hull(_ other: MPInterval) -> MPInterval {
    let flag = possiblyUndefined || other.possiblyUndefined
    if isEmpty { var r = other; r.possiblyUndefined = flag; return r }
    if other.isEmpty { var r = self; r.possiblyUndefined = flag; return r }
    let lo = lower < other.lower ? lower : other.lower
    let hi = upper > other.upper ? upper : other.upper
    return MPInterval(unchecked: lo, hi, possiblyUndefined: flag)
  }

  /// The interval with endpoints rounded outward to `bits` bits.
  public func roundedOutward(toPrecision bits: Int) -> MPInterval {
    if isEmpty { return .emptyInterval(precision: bits, possiblyUndefined: possiblyUndefined) }
    return MPInterval(
      unchecked: lower.rounded(toPrecision: bits, rounding: .down),
      upper.rounded(toPrecision: bits, rounding: .up),
      possiblyUndefined: possiblyUndefined)
  }
}

// MARK: - Certified comparisons

extension MPInterval {
  /// True only if `x < y` for every `x` in `self` and `y` in `other`.
  public func certainlyLess(than other: MPInterval) -> Bool {
    !isEmpty && !other.isEmpty && upper < other.lower
  }
  /// True if `x < y` for some `x` in `self` and `y` in `other`.
  public func possiblyLess(than other: MPInterval) -> Bool {
    !isEmpty && !other.isEmpty && lower < other.upper
  }
  /// True only if `x <= y` for every `x` in `self` and `y` in `other`.
  public func certainlyLessOrEqual(to other: MPInterval) -> Bool {
    !isEmpty && !other.isEmpty && upper <= other.lower
  }
  /// True if `x <= y` for some `x` in `self` and `y` in `other`.
  public func possiblyLessOrEqual(to other: MPInterval) -> Bool {
    !isEmpty && !other.isEmpty && lower <= other.upper
  }
  /// True only if both intervals are the same single point.
  public func certainlyEqual(to other: MPInterval) -> Bool {
    isPoint && other.isPoint && lower == other.lower
  }
  /// True if the intervals share a point.
  public func possiblyEqual(to other: MPInterval) -> Bool {
    !isEmpty && !other.isEmpty && lower <= other.upper && other.lower <= upper
  }
  /// True only if `x > y` for all points.
  public func certainlyGreater(than other: MPInterval) -> Bool { other.certainlyLess(than: self) }
  /// True only if `x >= y` for all points.
  public func certainlyGreaterOrEqual(to other: MPInterval) -> Bool {
    other.certainlyLessOrEqual(to: self)
  }
}

// MARK: - Equality, hashing, text

extension MPInterval: Hashable {
  /// Same endpoints (numerically, across precisions) and same flag; all
  /// empty intervals with the same flag are equal.
  public static func == (a: MPInterval, b: MPInterval) -> Bool {
    guard a.possiblyUndefined == b.possiblyUndefined else { return false }
    if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty }
    return a.lower == b.lower && a.upper == b.upper
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(possiblyUndefined)
    if isEmpty { hasher.combine(0x0e); return }
    hasher.combine(lower)
    hasher.combine(upper)
  }
}

extension MPInterval: CustomStringConvertible, CustomDebugStringConvertible {
  /// `"[lower, upper]"` with enough digits to round-trip the endpoints'
  /// precision, the lower endpoint printed rounded down and the upper rounded
  /// up (so the printed interval still encloses). `"[empty]"` for ∅.
  public var description: String {
    formatted(digits: Swift.max(lower.roundTripDigits, upper.roundTripDigits))
  }

  /// `"[lower, upper]"` with `digits` significant digits, rounded outward.
  public func formatted(digits: Int) -> String {
    if isEmpty { return "[empty]" }
    return "[\(lower.formatted(digits: digits, rounding: .down)), "
      + "\(upper.formatted(digits: digits, rounding: .up))]"
  }

  public var debugDescription: String {
    "MPInterval(\(description), precision: \(precision)"
      + (possiblyUndefined ? ", possiblyUndefined)" : ")")
  }
}

// MARK: - Small MPFloat helpers used by the interval code

extension MPFloat {
  /// ±∞ at the given precision.
  static func signedInfinity(_ sign: FloatingPointSign, precision: Int) -> MPFloat {
    var r = MPFloat(precision: precision)
    r.withUnsafeMutableMPFR { mpfr_set_inf($0, sign == .minus ? -1 : 1) }
    return r
  }

  /// Signed zero at the given precision.
  static func signedZero(_ sign: FloatingPointSign, precision: Int) -> MPFloat {
    var r = MPFloat(precision: precision)
    r.withUnsafeMutableMPFR { mpfr_set_zero($0, sign == .minus ? -1 : 1) }
    return r
  }

  /// The largest finite value at `precision` bits in MPFR's exponent range.
  static func largestFinite(precision: Int) -> MPFloat {
    var r = signedInfinity(.plus, precision: precision)
    r.withUnsafeMutableMPFR { _ = mpfr_nextbelow($0) }
    return r
  }
}

extension MPFloat {
  /// `self · 2^k` (exact barring overflow).
  func multipliedByPowerOfTwo(_ k: Int) -> MPFloat {
    var r = self
    r.multiplyByPowerOfTwo(k)
    return r
  }
}
