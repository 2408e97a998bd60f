import CArb
import CMPFR
import MultiPrecision

/// A complex ball of Arb (`acb_t`): a rectangle [m_re ± r_re] + i[m_im ± r_im]
/// with binary midpoints and error radii, such that every operation returns a
/// ball that contains the exact result for every point of its arguments
/// (F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval
/// arithmetic", IEEE Trans. Comput. 66 (2017), arXiv:1611.02831).
///
/// This is the fast scalar of certified quadrature: the integrand is
/// evaluated on real points (balls of radius ~2^(−p)) for the Gauss-Legendre
/// sum and on complex boxes around the interval for the bound on a Bernstein
/// ellipse. `analytic` marks a value computed from an argument on which the
/// integrator needs f to be *holomorphic*: functions that are not holomorphic
/// somewhere on the box (|x|, max, floor, a branch cut of log, √, atan) then
/// return an indeterminate ball instead of a bound that would not be one.
/// Binary operations carry the flag of either argument.
///
/// Precision (bits) is carried by each value; an operation works at the larger
/// precision of its arguments. Values are immutable (each operation allocates
/// its result), so they are `Sendable`.
public struct AcbBall: @unchecked Sendable {
  @usableFromInline let storage: AcbStorage
  /// Bits at which operations on this value are rounded.
  public let precision: Int
  /// Whether functions must check holomorphy on this ball (see the type's
  /// documentation).
  public var analytic: Bool

  /// A fresh ball (zero) to write into.
  @inlinable
  public init(precision: Int, analytic: Bool = false) {
    storage = AcbStorage()
    self.precision = precision
    self.analytic = analytic
  }

  /// The Arb handle, valid while `self` is alive.
  @inlinable public var pointer: acb_ptr { storage.p }
  /// The real part's handle.
  @inlinable public var real: arb_ptr { fp_acb_re(storage.p) }
  /// The imaginary part's handle.
  @inlinable public var imaginary: arb_ptr { fp_acb_im(storage.p) }

  /// The exact integer n.
  public init(_ n: Int, precision: Int) {
    self.init(precision: precision)
    acb_set_si(storage.p, n)
  }

  /// The exact value of `x` (its binary value; NaN gives an indeterminate ball).
  public init(_ x: MPFloat, precision: Int? = nil) {
    self.init(precision: precision ?? x.precision)
    let re = fp_acb_re(storage.p)
    x.withUnsafeMPFR { m in
      arf_set_mpfr(fp_arb_mid(re), UnsafeRawPointer(m).assumingMemoryBound(to: __mpfr_struct.self))
    }
    if x.isNaN { acb_indeterminate(storage.p) }
  }

  /// The decimal `text` enclosed as `ArbBall(decimal:precision:)` (the tightest enclosure),
  /// imaginary part 0; nil if it is not a number.
  public init?(decimal text: String, precision: Int) {
    guard let x = ArbBall(decimal: text, precision: precision) else { return nil }
    self.init(precision: precision)
    acb_set_arb(storage.p, x.pointer)
    withExtendedLifetime(x.storage) {}
  }

  /// The constant enclosed at `precision` bits.
  public init(constant: MathConstant, precision: Int) {
    self.init(precision: precision)
    let re = fp_acb_re(storage.p)
    switch constant {
    case .pi: arb_const_pi(re, precision)
    case .e: arb_const_e(re, precision)
    case .log2: arb_const_log2(re, precision)
    case .euler: arb_const_euler(re, precision)
    case .catalan: arb_const_catalan(re, precision)
    }
  }

  /// π enclosed at `precision` bits.
  public static func pi(precision: Int) -> AcbBall { AcbBall(constant: .pi, precision: precision) }

  /// An indeterminate ball (NaN midpoint, infinite radius): "no information".
  public static func indeterminate(precision: Int, analytic: Bool = false) -> AcbBall {
    let r = AcbBall(precision: precision, analytic: analytic)
    acb_indeterminate(r.storage.p)
    return r
  }

  /// Whether both parts have finite midpoints and radii.
  public var isFinite: Bool { acb_is_finite(storage.p) != 0 }
  /// Whether the imaginary part is exactly zero.
  public var isReal: Bool { acb_is_real(storage.p) != 0 }
  /// Whether the ball is a single point.
  public var isExact: Bool { acb_is_exact(storage.p) != 0 }
  /// Whether 0 is in the ball.
  public var containsZero: Bool { acb_contains_zero(storage.p) != 0 }
  /// Whether the ball is real and every point of it is > 0.
  public var isPositive: Bool { isReal && arb_is_positive(fp_acb_re(storage.p)) != 0 }
  /// Whether the ball is real and every point of it is < 0.
  public var isNegative: Bool { isReal && arb_is_negative(fp_acb_re(storage.p)) != 0 }
  /// Whether the ball is real and every point of it is ≥ 0.
  public var isNonnegative: Bool { isReal && arb_is_nonnegative(fp_acb_re(storage.p)) != 0 }
  /// Whether the ball is exactly 0.
  public var isZero: Bool { acb_is_zero(storage.p) != 0 }
  /// Whether the ball is exactly 1.
  public var isOne: Bool { acb_is_one(storage.p) != 0 }

  /// The midpoint of the real part, rounded to nearest at `precision` bits.
  public func realMidpoint(precision p: Int? = nil) -> MPFloat {
    var m = MPFloat(precision: p ?? precision)
    let re = fp_acb_re(storage.p)
    m.withUnsafeMutableMPFR { out in
      _ = arf_get_mpfr(
        UnsafeMutableRawPointer(out).assumingMemoryBound(to: __mpfr_struct.self),
        fp_arb_mid(re), MPFR_RNDN)
    }
    return m
  }

  /// The radius of the real part as a `Double` rounded up (∞ if not finite).
  public var realRadius: Double {
    let re = fp_acb_re(storage.p)
    guard arb_is_finite(re) != 0 else { return .infinity }
    var m = mag_struct()
    mag_init(&m)
    defer { mag_clear(&m) }
    mag_set(&m, fp_arb_rad(re))
    return mag_get_d(&m)
  }

  /// log₂ of the relative accuracy of the real part (Arb's `arb_rel_accuracy_bits`).
  public var relativeAccuracyBits: Int { Int(arb_rel_accuracy_bits(fp_acb_re(storage.p))) }

  /// log₂ of the relative accuracy of the complex ball: −log₂(max radius / |midpoint|)
  /// over both parts (Arb's `acb_rel_accuracy_bits`).
  public var complexRelativeAccuracyBits: Int { Int(acb_rel_accuracy_bits(storage.p)) }

  /// A copy with the `analytic` flag set to `flag`.
  @inlinable
  public func requiringHolomorphy(_ flag: Bool) -> AcbBall {
    var c = self; c.analytic = flag; return c
  }
}

/// The heap cell of one `acb_struct` (initialised, cleared on release).
public final class AcbStorage: @unchecked Sendable {
  public let p: acb_ptr
  @inlinable init() {
    p = acb_ptr.allocate(capacity: 1)
    acb_init(p)
  }
  deinit {
    acb_clear(p)
    p.deallocate()
  }
}

extension AcbBall: CustomStringConvertible {
  /// Arb's decimal printing of the ball, e.g. `[3.14159 +/- 2.7e-6]`.
  public var description: String { string(digits: 20) }

  /// The ball printed with `digits` significant digits.
  public func string(digits: Int) -> String {
    guard let s = acb_get_str(storage.p, digits) else { return "?" }
    defer { flint_free(s) }
    return String(cString: s)
  }
}

// MARK: - acb_get_str

/// Prints a complex ball (real part, and the imaginary part when it is not exactly zero).
@usableFromInline
func acb_get_str(_ z: acb_ptr, _ digits: Int) -> UnsafeMutablePointer<CChar>? {
  let re = arb_get_str(fp_acb_re(z), digits, 0)
  if arb_is_zero(fp_acb_im(z)) != 0 { return re }
  let im = arb_get_str(fp_acb_im(z), digits, 0)
  defer { flint_free(re); flint_free(im) }
  let text = String(cString: re!) + " + i·" + String(cString: im!)
  let out = UnsafeMutablePointer<CChar>(mutating: strdup_flint(text))
  return out
}

@usableFromInline
func strdup_flint(_ s: String) -> UnsafeMutablePointer<CChar> {
  let bytes = Array(s.utf8CString)
  let raw = flint_malloc(bytes.count)!.assumingMemoryBound(to: CChar.self)
  for (i, b) in bytes.enumerated() { raw[i] = b }
  return raw
}

extension AcbBall {
  /// The midpoints of both parts rounded to nearest at `precision` bits.
  public func midpoint(precision p: Int? = nil) -> (real: MPFloat, imaginary: MPFloat) {
    (realBall.midpoint(precision: p ?? precision), imaginaryBall.midpoint(precision: p ?? precision))
  }

  /// The enclosure printed as intervals, `[lo, hi]` for a real ball and
  /// `[lo, hi] + [lo, hi] i` otherwise (ends rounded outward).
  public func formatted(digits: Int) -> String {
    if isReal { return realBall.formatted(digits: digits) }
    return "\(realBall.formatted(digits: digits)) + \(imaginaryBall.formatted(digits: digits)) i"
  }

  /// `a + b i` with `digits` significant digits per part, each correctly rounded, when
  /// every point of the ball rounds to the same decimals (`a` alone when the imaginary
  /// part is exactly 0, `a - b i` when b < 0); nil when the radius is too large to decide.
  public func decimal(digits: Int) -> String? {
    guard let a = realBall.decimal(digits: digits) else { return nil }
    if isReal { return a }
    let im = imaginaryBall
    guard let b = im.decimal(digits: digits) else { return nil }
    if b.hasPrefix("-") { return "\(a) - \(b.dropFirst()) i" }
    return "\(a) + \(b) i"
  }
}

extension AcbBall {
  /// The integer when the ball is one exact real integer.
  public var exactInteger: Int? {
    guard isExact, isReal, arb_is_int(real) != 0 else { return nil }
    return realMidpoint(precision: 64).exactIntegerValue
  }
}

extension AcbBall {
  /// The same ball, operations on it carried out at ≥ `precision` bits.
  public func widened(toPrecision precision: Int) -> AcbBall {
    if self.precision >= precision { return self }
    let r = AcbBall(precision: precision, analytic: analytic)
    acb_set(r.pointer, pointer)
    return r
  }
}
