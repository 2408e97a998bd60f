import CMPFR
import RealModule

// MARK: - Comparison, hashing

extension MPFloat: Equatable, Comparable, Hashable {
  /// Numeric equality across precisions (`1` at 53 bits == `1` at 256 bits);
  /// NaN is unequal to everything.
  @inlinable
  public static func == (a: MPFloat, b: MPFloat) -> Bool {
    withExtendedLifetime((a.storage, b.storage)) { mpfr_equal_p(a.storage.pointer, b.storage.pointer) != 0 }
  }
  @inlinable
  public static func < (a: MPFloat, b: MPFloat) -> Bool {
    withExtendedLifetime((a.storage, b.storage)) { mpfr_less_p(a.storage.pointer, b.storage.pointer) != 0 }
  }
  @inlinable
  public static func <= (a: MPFloat, b: MPFloat) -> Bool {
    withExtendedLifetime((a.storage, b.storage)) { mpfr_lessequal_p(a.storage.pointer, b.storage.pointer) != 0 }
  }
  @inlinable
  public static func > (a: MPFloat, b: MPFloat) -> Bool { b < a }
  @inlinable
  public static func >= (a: MPFloat, b: MPFloat) -> Bool { b <= a }

  /// Hashes the exact value, independent of precision, so that equal values
  /// hash equally. (±0 hash alike, as `==` requires.)
  public func hash(into hasher: inout Hasher) {
    if isNaN { hasher.combine(0x7ff8); return }
    if isZero { hasher.combine(0); return }
    if isInfinite { hasher.combine(sign == .minus ? -1 : 1); hasher.combine(Int.max); return }
    // Sign, exponent and the significand limbs of the value rounded (exactly)
    // to the fewest bits that hold it: a canonical form across precisions.
    let minimal = Swift.max(1, withUnsafeMPFR { Int(mpfr_min_prec($0)) })
    let canonical = rounded(toPrecision: minimal)
    canonical.withUnsafeMPFR { x in
      hasher.combine(mpfr_signbit(x) != 0)
      hasher.combine(Int(mpfr_get_exp(x)))
      let limbBits = MemoryLayout<mp_limb_t>.size * 8
      let limbs = x.pointee._mpfr_d!
      for i in 0..<((minimal + limbBits - 1) / limbBits) { hasher.combine(limbs[i]) }
    }
  }

  /// Three-way comparison of |a| and |b|.
  public static func compareMagnitudes(_ a: MPFloat, _ b: MPFloat) -> Int {
    Int(withExtendedLifetime((a.storage, b.storage)) { mpfr_cmpabs(a.storage.pointer, b.storage.pointer) })
  }
}

// MARK: - FloatingPoint

extension MPFloat: ExpressibleByIntegerLiteral {
  /// An integer literal at the working precision.
  @inlinable
  public init(integerLiteral value: Int) { self.init(value) }
}

extension MPFloat: FloatingPoint {
  public typealias Exponent = Int
  public typealias Magnitude = MPFloat
  public typealias Stride = MPFloat

  @inlinable public static var radix: Int { 2 }

  public init(sign: FloatingPointSign, exponent: Int, significand: MPFloat) {
    var r = significand.rounded(toPrecision: significand.precision)
    r.withUnsafeMutableMPFR { p in
      _ = mpfr_mul_2si(p, p, exponent, MPFR_RNDN)
      if sign == .minus { _ = mpfr_neg(p, p, MPFR_RNDN) }
    }
    self = r
  }

  public init(signOf: MPFloat, magnitudeOf: MPFloat) {
    self = MPFloat.apply(mpfr_copysign, magnitudeOf, signOf, precision: magnitudeOf.precision).value
  }

  /// The integer, exactly, at max(working precision, bit width) bits; nil if
  /// that precision cannot hold it (rounding down and up disagree).
  public init?<Source: BinaryInteger>(exactly value: Source) {
    let bits = Swift.max(MPFloat.workingPrecision, value.bitWidth)
    let down = MPFloat(value, precision: bits, rounding: .down)
    guard down == MPFloat(value, precision: bits, rounding: .up) else { return nil }
    self = down
  }

  public static var nan: MPFloat { MPFloat(precision: workingPrecision) }
  public static var signalingNaN: MPFloat { nan }
  public static var infinity: MPFloat {
    let r = MPFloat(precision: workingPrecision); mpfr_set_inf(r.storage.pointer, 1); return r
  }

  /// The largest finite value at the working precision and MPFR's current
  /// exponent range.
  public static var greatestFiniteMagnitude: MPFloat {
    var r = infinity
    r.withUnsafeMutableMPFR { mpfr_nextbelow($0) }
    return r
  }
  /// The smallest positive value (MPFR has no subnormals, so this is also the
  /// least normal magnitude).
  public static var leastNormalMagnitude: MPFloat {
    var r = MPFloat(0, precision: workingPrecision)
    r.withUnsafeMutableMPFR { mpfr_nextabove($0) }
    return r
  }
  public static var leastNonzeroMagnitude: MPFloat { leastNormalMagnitude }

  /// 2^(1 − precision) at the working precision.
  public static var ulpOfOne: MPFloat { MPFloat(1).ulp }

  /// The distance from |x| to the next larger representable value of the
  /// same precision: 2^(exponent − precision + 1).
  public var ulp: MPFloat {
    guard isFinite else { return MPFloat(precision: precision) }
    if isZero {
      var r = MPFloat(0, precision: precision)
      r.withUnsafeMutableMPFR { mpfr_nextabove($0) }
      return r
    }
    var r = MPFloat(1, precision: precision)
    r.multiplyByPowerOfTwo(exponent - precision + 1)
    return r
  }

  public var sign: FloatingPointSign {
    withUnsafeMPFR { mpfr_signbit($0) != 0 ? .minus : .plus }
  }

  /// e such that |x| = m · 2^e with 1 ≤ m < 2 (`Int.min` for 0, `Int.max` for ∞/NaN).
  public var exponent: Int {
    withUnsafeMPFR { x in
      if mpfr_zero_p(x) != 0 { return Int.min }
      if mpfr_number_p(x) == 0 { return Int.max }
      return Int(mpfr_get_exp(x)) - 1
    }
  }

  /// |x| · 2^−exponent, in [1, 2) for finite nonzero x.
  public var significand: MPFloat {
    if isNaN { return self }
    if isInfinite { return MPFloat.apply(mpfr_abs, self).value }
    if isZero { return MPFloat(0, precision: precision) }
    var r = MPFloat.apply(mpfr_abs, self).value
    r.multiplyByPowerOfTwo(-exponent)
    return r
  }

  public var magnitude: MPFloat { MPFloat.apply(mpfr_abs, self).value }

  public mutating func formRemainder(dividingBy other: MPFloat) { formBinary(mpfr_remainder, other) }
  public mutating func formTruncatingRemainder(dividingBy other: MPFloat) { formBinary(mpfr_fmod, other) }
  public mutating func formSquareRoot() { withUnsafeMutableMPFR { _ = mpfr_sqrt($0, $0, MPFR_RNDN) } }

  public mutating func round(_ rule: FloatingPointRoundingRule) {
    withUnsafeMutableMPFR { p in
      switch rule {
      case .toNearestOrAwayFromZero: _ = mpfr_round(p, p)
      case .toNearestOrEven: _ = mpfr_roundeven(p, p)
      case .up: _ = mpfr_ceil(p, p)
      case .down: _ = mpfr_floor(p, p)
      case .towardZero: _ = mpfr_trunc(p, p)
      case .awayFromZero:
        if mpfr_signbit(p) != 0 { _ = mpfr_floor(p, p) } else { _ = mpfr_ceil(p, p) }
      @unknown default: _ = mpfr_round(p, p)
      }
    }
  }

  public var nextUp: MPFloat {
    var r = self; r.withUnsafeMutableMPFR { mpfr_nextabove($0) }; return r
  }
  public var nextDown: MPFloat {
    var r = self; r.withUnsafeMutableMPFR { mpfr_nextbelow($0) }; return r
  }

  public func isEqual(to other: MPFloat) -> Bool { self == other }
  public func isLess(than other: MPFloat) -> Bool { self < other }
  public func isLessThanOrEqualTo(_ other: MPFloat) -> Bool { self <= other }
  public func isTotallyOrdered(belowOrEqualTo other: MPFloat) -> Bool {
    withExtendedLifetime((storage, other.storage)) {
      mpfr_total_order_p(storage.pointer, other.storage.pointer) != 0
    }
  }

  public var isNormal: Bool { isFinite && !isZero }
  public var isFinite: Bool { withUnsafeMPFR { mpfr_number_p($0) != 0 } }
  public var isZero: Bool { withUnsafeMPFR { mpfr_zero_p($0) != 0 } }
  public var isSubnormal: Bool { false }
  public var isInfinite: Bool { withUnsafeMPFR { mpfr_inf_p($0) != 0 } }
  public var isNaN: Bool { withUnsafeMPFR { mpfr_nan_p($0) != 0 } }
  public var isSignalingNaN: Bool { false }
  public var isCanonical: Bool { true }

  public func distance(to other: MPFloat) -> MPFloat { other - self }
  public func advanced(by n: MPFloat) -> MPFloat { self + n }
}

// MARK: - swift-numerics Real

extension MPFloat: Real {
  @inlinable public static func exp(_ x: MPFloat) -> MPFloat { RealFunction.exp(x) }
  @inlinable public static func expMinusOne(_ x: MPFloat) -> MPFloat { RealFunction.expm1(x) }
  @inlinable public static func cosh(_ x: MPFloat) -> MPFloat { RealFunction.cosh(x) }
  @inlinable public static func sinh(_ x: MPFloat) -> MPFloat { RealFunction.sinh(x) }
  @inlinable public static func tanh(_ x: MPFloat) -> MPFloat { RealFunction.tanh(x) }
  @inlinable public static func cos(_ x: MPFloat) -> MPFloat { RealFunction.cos(x) }
  @inlinable public static func sin(_ x: MPFloat) -> MPFloat { RealFunction.sin(x) }
  @inlinable public static func tan(_ x: MPFloat) -> MPFloat { RealFunction.tan(x) }
  @inlinable public static func log(_ x: MPFloat) -> MPFloat { RealFunction.log(x) }
  @inlinable public static func log(onePlus x: MPFloat) -> MPFloat { RealFunction.log1p(x) }
  @inlinable public static func acosh(_ x: MPFloat) -> MPFloat { RealFunction.acosh(x) }
  @inlinable public static func asinh(_ x: MPFloat) -> MPFloat { RealFunction.asinh(x) }
  @inlinable public static func atanh(_ x: MPFloat) -> MPFloat { RealFunction.atanh(x) }
  @inlinable public static func acos(_ x: MPFloat) -> MPFloat { RealFunction.acos(x) }
  @inlinable public static func asin(_ x: MPFloat) -> MPFloat { RealFunction.asin(x) }
  @inlinable public static func atan(_ x: MPFloat) -> MPFloat { RealFunction.atan(x) }
  @inlinable public static func pow(_ x: MPFloat, _ y: MPFloat) -> MPFloat { RealFunction2.pow(x, y) }
  @inlinable public static func pow(_ x: MPFloat, _ n: Int) -> MPFloat {
    let r = MPFloat(precision: x.precision)
    withExtendedLifetime(x.storage) { _ = mpfr_pow_si(r.storage.pointer, x.storage.pointer, n, MPFR_RNDN) }
    return r
  }
  @inlinable public static func sqrt(_ x: MPFloat) -> MPFloat { RealFunction.sqrt(x) }
  @inlinable public static func root(_ x: MPFloat, _ n: Int) -> MPFloat {
    RealFunction2.root(x, MPFloat(n, precision: 64), precision: x.precision)
  }
  @inlinable public static func atan2(y: MPFloat, x: MPFloat) -> MPFloat { RealFunction2.atan2(y, x) }
  @inlinable public static func erf(_ x: MPFloat) -> MPFloat { RealFunction.erf(x) }
  @inlinable public static func erfc(_ x: MPFloat) -> MPFloat { RealFunction.erfc(x) }
  @inlinable public static func exp2(_ x: MPFloat) -> MPFloat { RealFunction.exp2(x) }
  @inlinable public static func exp10(_ x: MPFloat) -> MPFloat { RealFunction.exp10(x) }
  @inlinable public static func hypot(_ x: MPFloat, _ y: MPFloat) -> MPFloat { RealFunction2.hypot(x, y) }
  @inlinable public static func gamma(_ x: MPFloat) -> MPFloat { RealFunction.gamma(x) }
  @inlinable public static func log2(_ x: MPFloat) -> MPFloat { RealFunction.log2(x) }
  @inlinable public static func log10(_ x: MPFloat) -> MPFloat { RealFunction.log10(x) }
  /// log|Γ(x)|.
  @inlinable public static func logGamma(_ x: MPFloat) -> MPFloat { RealFunction.lgamma(x) }
  /// The sign of Γ(x) (`.plus` where Γ is undefined).
  public static func signGamma(_ x: MPFloat) -> FloatingPointSign {
    let r = MPFloat(precision: x.precision)
    var s: Int32 = 0
    withExtendedLifetime(x.storage) { _ = mpfr_lgamma(r.storage.pointer, &s, x.storage.pointer, MPFR_RNDN) }
    return s < 0 ? .minus : .plus
  }
}
