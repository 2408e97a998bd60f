import CMPFR

// MARK: - Directed-rounding building blocks

extension MPInterval {
  /// `op(a, b)` rounded down (`up == false`) or up, at `p` bits. A NaN (∞ − ∞,
  /// ∞/∞, 0·∞ from infinite endpoints) is replaced by the safe bound −∞ for a
  /// lower and +∞ for an upper endpoint.
  static func directed(
    _ op: MPFRBinaryOperation, _ a: MPFloat, _ b: MPFloat, _ p: Int,
    up: Bool
  ) -> MPFloat {
    let r = MPFloat.apply(op, a, b, precision: p, rounding: up ? .up : .down).value
    if r.isNaN { return MPFloat.signedInfinity(up ? .plus : .minus, precision: p) }
    return r
  }

  /// An endpoint product with the interval convention 0 · ∞ = 0.
  static func endpointProduct(_ a: MPFloat, _ b: MPFloat, _ p: Int, up: Bool) -> MPFloat {
    if a.isZero || b.isZero { return MPFloat(0, precision: p) }
    return directed(mpfr_mul, a, b, p, up: up)
  }

  /// The tightest enclosure `[op(x)↓, op(x)↑]` of a correctly rounded MPFR
  /// function at a point, at `p` bits; nil when the value is NaN. One call
  /// suffices when the result is finite and nonzero: MPFR's ternary flag says
  /// whether the round-down result is exact, and otherwise the exact value
  /// lies strictly between it and the next number up.
  static func pointEnclosure(_ op: MPFRUnaryOperation, _ x: MPFloat, _ p: Int) -> MPInterval? {
    let (lo, t) = MPFloat.apply(op, x, precision: p, rounding: .down)
    if lo.isNaN { return nil }
    if t == 0 { return MPInterval(unchecked: lo, lo) }
    if lo.isFinite && !lo.isZero { return MPInterval(unchecked: lo, lo.nextUp) }
    let hi = MPFloat.apply(op, x, precision: p, rounding: .up).value
    return hi.isNaN ? nil : MPInterval(unchecked: lo, hi)
  }

  /// Two-argument version of `pointEnclosure`.
  static func pointEnclosure(
    _ op: MPFRBinaryOperation, _ a: MPFloat, _ b: MPFloat,
    _ p: Int
  ) -> MPInterval? {
    let (lo, t) = MPFloat.apply(op, a, b, precision: p, rounding: .down)
    if lo.isNaN { return nil }
    if t == 0 { return MPInterval(unchecked: lo, lo) }
    if lo.isFinite && !lo.isZero { return MPInterval(unchecked: lo, lo.nextUp) }
    let hi = MPFloat.apply(op, a, b, precision: p, rounding: .up).value
    return hi.isNaN ? nil : MPInterval(unchecked: lo, hi)
  }

  /// The hull of a list of enclosures (empty list: the empty set).
  static func hull(_ parts: [MPInterval], precision p: Int) -> MPInterval {
    var r = MPInterval.emptyInterval(precision: p)
    for part in parts { r = r.hull(part) }
    return r
  }

  /// Copy with the domain flag raised when `flag` is true.
  func flagged(_ flag: Bool = true) -> MPInterval {
    var r = self
    r.possiblyUndefined = r.possiblyUndefined || flag
    return r
  }

  /// The point interval of an exact integer at `p` bits (outward if inexact).
  static func integer(_ n: Int, _ p: Int) -> MPInterval { MPInterval(n, precision: p) }
}

// MARK: - Field operations

extension MPInterval {
  /// `[a.lo + b.lo ↓, a.hi + b.hi ↑]`.
  public static func + (a: MPInterval, b: MPInterval) -> MPInterval {
    let p = Swift.max(a.precision, b.precision)
    let flag = a.possiblyUndefined || b.possiblyUndefined
    if a.isEmpty || b.isEmpty { return .emptyInterval(precision: p, possiblyUndefined: flag) }
    return MPInterval(
      unchecked: directed(mpfr_add, a.lower, b.lower, p, up: false),
      directed(mpfr_add, a.upper, b.upper, p, up: true), possiblyUndefined: flag)
  }

  /// `[a.lo − b.hi ↓, a.hi − b.lo ↑]`.
  public static func - (a: MPInterval, b: MPInterval) -> MPInterval {
    let p = Swift.max(a.precision, b.precision)
    let flag = a.possiblyUndefined || b.possiblyUndefined
    if a.isEmpty || b.isEmpty { return .emptyInterval(precision: p, possiblyUndefined: flag) }
    return MPInterval(
      unchecked: directed(mpfr_sub, a.lower, b.upper, p, up: false),
      directed(mpfr_sub, a.upper, b.lower, p, up: true), possiblyUndefined: flag)
  }

  /// `[−hi, −lo]` (exact).
  public static prefix func - (a: MPInterval) -> MPInterval {
    if a.isEmpty { return a }
    return MPInterval(unchecked: -a.upper, -a.lower, possiblyUndefined: a.possiblyUndefined)
  }

  /// The hull of the four endpoint products, each rounded outward
  /// (with 0 · ∞ = 0).
  public static func * (a: MPInterval, b: MPInterval) -> MPInterval {
    let p = Swift.max(a.precision, b.precision)
    let flag = a.possiblyUndefined || b.possiblyUndefined
    if a.isEmpty || b.isEmpty { return .emptyInterval(precision: p, possiblyUndefined: flag) }
    let pairs = [(a.lower, b.lower), (a.lower, b.upper), (a.upper, b.lower), (a.upper, b.upper)]
    var lo = endpointProduct(pairs[0].0, pairs[0].1, p, up: false)
    var hi = endpointProduct(pairs[0].0, pairs[0].1, p, up: true)
    for (x, y) in pairs.dropFirst() {
      let l = endpointProduct(x, y, p, up: false), h = endpointProduct(x, y, p, up: true)
      if l < lo { lo = l }
      if h > hi { hi = h }
    }
    return MPInterval(unchecked: lo, hi, possiblyUndefined: flag)
  }

  /// Quotient. When `b` contains 0 the result is `[−∞, +∞]` (flagged as
  /// possibly undefined: x/0 is undefined); `b = [0, 0]` gives the empty set.
  public static func / (a: MPInterval, b: MPInterval) -> MPInterval {
    let p = Swift.max(a.precision, b.precision)
    let flag = a.possiblyUndefined || b.possiblyUndefined
    if a.isEmpty || b.isEmpty { return .emptyInterval(precision: p, possiblyUndefined: flag) }
    if b.lower.isZero && b.upper.isZero { return .emptyInterval(precision: p, possiblyUndefined: true) }
    if b.contains(MPFloat(0, precision: 2)) { return .undefinedEntire(precision: p) }
    let pairs = [(a.lower, b.lower), (a.lower, b.upper), (a.upper, b.lower), (a.upper, b.upper)]
    var lo = directed(mpfr_div, pairs[0].0, pairs[0].1, p, up: false)
    var hi = directed(mpfr_div, pairs[0].0, pairs[0].1, p, up: true)
    for (x, y) in pairs.dropFirst() {
      let l = directed(mpfr_div, x, y, p, up: false), h = directed(mpfr_div, x, y, p, up: true)
      if l < lo { lo = l }
      if h > hi { hi = h }
    }
    return MPInterval(unchecked: lo, hi, possiblyUndefined: flag)
  }

  public static func += (a: inout MPInterval, b: MPInterval) { a = a + b }
  public static func -= (a: inout MPInterval, b: MPInterval) { a = a - b }
  public static func *= (a: inout MPInterval, b: MPInterval) { a = a * b }
  public static func /= (a: inout MPInterval, b: MPInterval) { a = a / b }

  /// The square `{x² : x ∈ self}` (tight: non-negative, unlike `self * self`).
  public static func square(_ x: MPInterval) -> MPInterval { pow(x, 2) }

  /// `x^n` for an integer `n`, tight: odd powers are increasing; even
  /// positive powers give `[0, max|x|^n]` when `x` straddles 0; negative
  /// powers are split at the pole 0 (which raises `possiblyUndefined`;
  /// `[0, 0]^n` with `n < 0` is empty). `x^0 = 1` for every `x`.
  public static func pow(_ x: MPInterval, _ n: Int) -> MPInterval {
    let p = x.precision
    if x.isEmpty { return x }
    let op: MPFRUnaryOperation = { r, a, rnd in mpfr_pow_si(r, a, n, rnd) }
    func at(_ v: MPFloat) -> MPInterval {
      pointEnclosure(op, v, p) ?? .undefinedEntire(precision: p)
    }
    var result: MPInterval
    if n == 0 {
      result = MPInterval(1, precision: p)
    } else if n > 0 {
      if n % 2 != 0 || x.lower >= MPFloat(0, precision: 2) || x.upper <= MPFloat(0, precision: 2) {
        result = at(x.lower).hull(at(x.upper))
      } else {
        let top = at(x.lower).upper > at(x.upper).upper ? at(x.lower).upper : at(x.upper).upper
        result = MPInterval(unchecked: MPFloat(0, precision: p), top)
      }
    } else {
      let zero = MPFloat(0, precision: 2)
      if x.lower > zero || x.upper < zero {
        result = at(x.lower).hull(at(x.upper))
      } else if x.lower.isZero && x.upper.isZero {
        return .emptyInterval(precision: p, possiblyUndefined: true)
      } else {
        // Split at the pole: [lo, −0] and [+0, hi]; x^n → ±∞ at ∓0/±0.
        var parts: [MPInterval] = []
        if x.lower < zero {
          parts.append(at(x.lower).hull(at(MPFloat.signedZero(.minus, precision: p))))
        }
        if x.upper > zero {
          parts.append(at(MPFloat.signedZero(.plus, precision: p)).hull(at(x.upper)))
        }
        result = hull(parts, precision: p).flagged()
      }
    }
    return result.flagged(x.possiblyUndefined)
  }
}
