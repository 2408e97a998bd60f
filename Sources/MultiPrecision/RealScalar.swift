import CMPFR
import RealModule

/// The scalar every numeric algorithm of the suite is generic over: `Double`
/// (fast, for training and sweeps) and `MPFloat` (MPFR precision, for the
/// theory side). It is swift-numerics `Real` plus what precision-aware code
/// needs: the working precision, exact conversions, decimal text, and the
/// special functions of the theory that `Real` lacks.
///
/// For `Double` the special functions are MPFR's evaluated at 53 bits, so
/// they too are correctly rounded.
public protocol RealScalar: Real, Sendable, CustomStringConvertible {
  /// Bits of precision of this value (53 for `Double`).
  var precisionBits: Int { get }
  /// Bits of precision of new values: 53 for `Double`, the task-local working
  /// precision for `MPFloat`.
  static var workingPrecisionBits: Int { get }
  /// `value` rounded to the working precision.
  init(_ value: Double)
  /// A decimal string rounded once to the working precision; nil if malformed.
  init?(decimal: String)
  /// The nearest `Double`.
  var doubleValue: Double { get }
  /// Decimal text with `digits` significant digits.
  func decimalString(digits: Int) -> String
  /// The value as an `MPFloat` of its own precision (exact).
  var mpFloat: MPFloat { get }
  /// An `MPFloat` rounded to the working precision.
  init(_ value: MPFloat)

  static func cbrt(_ x: Self) -> Self
  /// ψ(x) = Γ′(x)/Γ(x).
  static func digamma(_ x: Self) -> Self
  /// Riemann ζ(x).
  static func zeta(_ x: Self) -> Self
  /// Airy Ai(x).
  static func airyAi(_ x: Self) -> Self
  /// Ei(x).
  static func expIntegralEi(_ x: Self) -> Self
  /// Bessel function of the first kind J_n(x).
  static func besselJ(_ n: Int, _ x: Self) -> Self
  /// Bessel function of the second kind Y_n(x).
  static func besselY(_ n: Int, _ x: Self) -> Self

  /// `self = a·b` in place: the customisation point of hot loops (quadrature
  /// sums). Default `self = a * b`; `MPFloat` multiplies into its own storage
  /// (no temporary), at its own precision.
  mutating func formProduct(_ a: Self, _ b: Self)
  /// `self = a + b·c` in place. Default `self = a + b * c`; `MPFloat` copies a into
  /// its own storage and adds b·c with one rounding (a fused multiply-add).
  mutating func formAffine(_ a: Self, _ b: Self, _ c: Self)
}

extension RealScalar {
  @inlinable
  public mutating func formProduct(_ a: Self, _ b: Self) { self = a * b }
  @inlinable
  public mutating func formAffine(_ a: Self, _ b: Self, _ c: Self) { self = a + b * c }

  /// Relative precision ε = 2^(1 − p) of new values.
  @inlinable
  public static var epsilon: Self { ulpOfOne }
}

extension MPFloat: RealScalar {
  @inlinable public var precisionBits: Int { precision }
  @inlinable public static var workingPrecisionBits: Int { workingPrecision }
  public init?(decimal: String) { self.init(decimal, precision: nil) }
  public func decimalString(digits: Int) -> String { formatted(digits: digits) }
  @inlinable public var mpFloat: MPFloat { self }
  public init(_ value: MPFloat) { self = value.rounded(toPrecision: MPFloat.workingPrecision) }
  @inlinable
  public mutating func formAffine(_ a: MPFloat, _ b: MPFloat, _ c: MPFloat) {
    assign(a)
    addProduct(b, c)
  }
}

extension Double: RealScalar {
  @inlinable public var precisionBits: Int { 53 }
  @inlinable public static var workingPrecisionBits: Int { 53 }
  /// The decimal correctly rounded to `Double`, subnormals included (Swift's
  /// own parser; rounding through a 53-bit MPFloat would round twice in the
  /// subnormal range). Falls back to MPFR for the forms only it accepts.
  public init?(decimal: String) {
    let text = decimal.trimmingSpaces
    if let d = Double(text) { self = d; return }
    guard let x = MPFloat(String(text), precision: 53) else { return nil }
    self = x.doubleValue
  }
  @inlinable public var doubleValue: Double { self }
  public func decimalString(digits: Int) -> String { MPFloat(self, precision: 53).formatted(digits: digits) }
  public var mpFloat: MPFloat { MPFloat(self, precision: 53) }
  public init(_ value: MPFloat) { self = value.doubleValue }

  /// A function evaluated by MPFR and rounded once to `Double`, subnormal
  /// results included: MPFR's exponent range is set to binary64's for the
  /// call (it is thread-local) and the result is subnormalized, as the MPFR
  /// manual describes for emulating IEEE double.
  static func viaMPFR(_ x: Double, _ body: (mpfr_ptr, mpfr_srcptr) -> Int32) -> Double {
    let emin = mpfr_get_emin(), emax = mpfr_get_emax()
    _ = mpfr_set_emin(-1073)
    _ = mpfr_set_emax(1024)
    defer { _ = mpfr_set_emin(emin); _ = mpfr_set_emax(emax) }
    let input = MPFloat(x, precision: 53)
    let result = MPFloat(precision: 53)
    return result.withUnsafeMPFR { r in
      let rp = UnsafeMutablePointer(mutating: r)
      var t = input.withUnsafeMPFR { body(rp, $0) }
      t = mpfr_check_range(rp, t, MPFR_RNDN)
      _ = mpfr_subnormalize(rp, t, MPFR_RNDN)
      return mpfr_get_d(r, MPFR_RNDN)
    }
  }
  static func viaMPFR(_ f: RealFunction, _ x: Double) -> Double {
    let op = f.mpfr
    return viaMPFR(x) { op($0, $1, MPFR_RNDN) }
  }
  public static func cbrt(_ x: Double) -> Double { viaMPFR(.cbrt, x) }
  public static func digamma(_ x: Double) -> Double { viaMPFR(.digamma, x) }
  public static func zeta(_ x: Double) -> Double { viaMPFR(.zeta, x) }
  public static func airyAi(_ x: Double) -> Double { viaMPFR(.ai, x) }
  public static func expIntegralEi(_ x: Double) -> Double { viaMPFR(.ei, x) }
  public static func besselJ(_ n: Int, _ x: Double) -> Double { viaMPFR(.besselj, n, x) }
  public static func besselY(_ n: Int, _ x: Double) -> Double { viaMPFR(.bessely, n, x) }
  static func viaMPFR(_ f: RealFunction2, _ n: Int, _ x: Double) -> Double {
    let op = f.mpfr, order = MPFloat(n, precision: 64)
    return order.withUnsafeMPFR { o in viaMPFR(x) { op($0, o, $1, MPFR_RNDN) } }
  }
}
