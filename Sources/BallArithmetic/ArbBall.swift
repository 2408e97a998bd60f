import CArb
import CMPFR
import MultiPrecision

/// A real ball of Arb (`arb_t`): [m ± r] with a binary midpoint m and an error
/// radius r, such that every operation returns a ball that contains the exact
/// result for every point of its arguments (F. Johansson, "Arb: efficient
/// arbitrary-precision midpoint-radius interval arithmetic", IEEE Trans. Comput.
/// 66 (2017), arXiv:1611.02831).
///
/// The suite's certified real scalar: claims' three-valued truth, the
/// certified evaluation of the expression language, enclosures of quantities.
/// A ball that meets a point outside a function's real domain (log of a ball
/// that reaches 0, √ of one that reaches below 0, a pole of Γ) gives an
/// *indeterminate* ball (NaN midpoint, infinite radius): no information, never a
/// wrong number; a comparison with it is undecided.
///
/// Precision (bits) is carried by each value; an operation works at the larger
/// precision of its arguments. Values are immutable (each operation allocates
/// its result), so they are `Sendable`.
public struct ArbBall: @unchecked Sendable {
  @usableFromInline let storage: ArbStorage
  /// Bits at which operations on this value are rounded.
  public let precision: Int

  /// A fresh ball (zero) to write into.
  @inlinable
  public init(precision: Int) {
    storage = ArbStorage()
    self.precision = precision
  }

  /// The Arb handle, valid while `self` is alive.
  @inlinable public var pointer: arb_ptr { storage.p }

  /// The exact integer n.
  public init(_ n: Int, precision: Int) {
    self.init(precision: precision)
    arb_set_si(storage.p, n)
  }

  /// The exact value of `x` (its binary value; NaN gives an indeterminate ball,
  /// ±∞ the exact infinity).
  public init(_ x: MPFloat, precision: Int? = nil) {
    self.init(precision: precision ?? x.precision)
    x.withUnsafeMPFR { m in
      arf_set_mpfr(fp_arb_mid(storage.p), UnsafeRawPointer(m).assumingMemoryBound(to: __mpfr_struct.self))
    }
    if x.isNaN { arb_indeterminate(storage.p) }
  }

  /// The ball around the closed interval [lower, upper]: midpoint (lower + upper)/2
  /// exactly, radius (upper − lower)/2, exact when it has at most 30 significant bits
  /// (else rounded up), so a dyadic interval such as [1, 2] is the ball 1.5 ± 0.5
  /// with the same ends; when the ends' binary exponents differ by more than
  /// `exactIntervalSpread` the exact midpoint would be huge, and the ball is Arb's
  /// `arb_set_interval_mpfr` at the precision (it contains the interval); indeterminate if an end is NaN or lower > upper; the exact point
  /// ±∞ for [±∞, ±∞], and every real ([0 ± ∞]) for an interval with one infinite end.
  /// The largest difference of the ends' binary exponents for which
  /// `init(lower:upper:precision:)` computes the midpoint exactly (2¹⁶ bits).
  public static let exactIntervalSpread = 1 << 16

  public init(lower: MPFloat, upper: MPFloat, precision: Int? = nil) {
    let p = precision ?? Swift.max(lower.precision, upper.precision)
    self.init(precision: p)
    guard !lower.isNaN, !upper.isNaN, lower <= upper else { arb_indeterminate(storage.p); return }
    let x = storage.p
    lower.withUnsafeMPFR { a in
      upper.withUnsafeMPFR { b in
        let ma = UnsafeRawPointer(a).assumingMemoryBound(to: __mpfr_struct.self)
        let mb = UnsafeRawPointer(b).assumingMemoryBound(to: __mpfr_struct.self)
        guard mpfr_number_p(ma) != 0, mpfr_number_p(mb) != 0 else {
          // An infinite end: the exact point ±∞ when both ends are it (an event that never
          // happened, an epoch of ∞), else the whole line [0 ± ∞] (no half-infinite balls).
          if mpfr_equal_p(ma, mb) != 0 {
            arf_set_mpfr(fp_arb_mid(x), ma)
            mag_zero(fp_arb_rad(x))
          } else {
            arb_zero_pm_inf(x)
          }
          return
        }
        // Ends of far-apart magnitudes (e.g. −2^(−10⁹) and 2^(10⁹)) would need a midpoint of
        // 10⁹ bits: Arb's outward-rounded ball at the precision instead.
        let spread = { (m: UnsafePointer<__mpfr_struct>) in mpfr_zero_p(m) != 0 ? 0 : Int(mpfr_get_exp(m)) }
        if abs(spread(ma) - spread(mb)) > ArbBall.exactIntervalSpread {
          arb_set_interval_mpfr(x, ma, mb, p)
          return
        }
        let lo = UnsafeMutablePointer<arf_struct>.allocate(capacity: 3)
        defer { lo.deallocate() }
        let hi = lo + 1, r = lo + 2
        arf_init(lo); arf_init(hi); arf_init(r)
        defer { arf_clear(lo); arf_clear(hi); arf_clear(r) }
        arf_set_mpfr(lo, ma)
        arf_set_mpfr(hi, mb)
        arf_add(fp_arb_mid(x), lo, hi, ARF_PREC_EXACT, ARF_RND_DOWN)
        arf_mul_2exp_si(fp_arb_mid(x), fp_arb_mid(x), -1)
        arf_sub(r, hi, lo, ARF_PREC_EXACT, ARF_RND_DOWN)
        arf_mul_2exp_si(r, r, -1)
        var man = fmpz(), e = fmpz()
        fmpz_init(&man); fmpz_init(&e)
        defer { fmpz_clear(&man); fmpz_clear(&e) }
        arf_get_fmpz_2exp(&man, &e, r)
        if arf_is_zero(r) != 0 {
          mag_zero(fp_arb_rad(x))
        } else if fmpz_bits(&man) <= 30, fmpz_fits_si(&e) != 0 {
          mag_set_ui_2exp_si(fp_arb_rad(x), UInt(fmpz_get_ui(&man)), fmpz_get_si(&e))
        } else {
          arf_get_mag(fp_arb_rad(x), r)
        }
      }
    }
  }

  /// The decimal `text` enclosed: [text rounded down, text rounded up] at `precision`
  /// bits (MPFR's correctly rounded reading, so the tightest enclosure; exact when the
  /// decimal is a binary number of at most `precision` bits); nil if it is not a number.
  public init?(decimal text: String, precision: Int) {
    guard let lo = MPFloat(text, precision: precision, rounding: .down),
      let hi = MPFloat(text, precision: precision, rounding: .up)
    else { return nil }
    self.init(lower: lo, upper: hi, precision: precision)
  }

  /// The constant enclosed at `precision` bits.
  public init(constant: MathConstant, precision: Int) {
    self.init(precision: precision)
    switch constant {
    case .pi: arb_const_pi(storage.p, precision)
    case .e: arb_const_e(storage.p, precision)
    case .log2: arb_const_log2(storage.p, precision)
    case .euler: arb_const_euler(storage.p, precision)
    case .catalan: arb_const_catalan(storage.p, precision)
    }
  }

  /// An indeterminate ball (NaN midpoint, infinite radius): "no information".
  public static func indeterminate(precision: Int) -> ArbBall {
    let r = ArbBall(precision: precision)
    arb_indeterminate(r.storage.p)
    return r
  }

  /// The ball [−∞, +∞] with a finite (zero) midpoint: every real number.
  public static func entire(precision: Int) -> ArbBall {
    let r = ArbBall(precision: precision)
    arb_zero_pm_inf(r.storage.p)
    return r
  }

  // MARK: Predicates (certain: they hold for every point of the ball)

  /// Whether midpoint and radius are finite.
  public var isFinite: Bool { arb_is_finite(storage.p) != 0 }
  /// Whether the ball is a single point.
  public var isExact: Bool { arb_is_exact(storage.p) != 0 }
  /// Whether 0 is in the ball.
  public var containsZero: Bool { arb_contains_zero(storage.p) != 0 }
  /// Whether every point of the ball is > 0.
  public var isPositive: Bool { arb_is_positive(storage.p) != 0 }
  /// Whether every point of the ball is < 0.
  public var isNegative: Bool { arb_is_negative(storage.p) != 0 }
  /// Whether every point of the ball is ≥ 0.
  public var isNonnegative: Bool { arb_is_nonnegative(storage.p) != 0 }
  /// Whether every point of the ball is ≤ 0.
  public var isNonpositive: Bool { arb_is_nonpositive(storage.p) != 0 }
  /// Whether the ball is exactly 0.
  public var isZero: Bool { arb_is_zero(storage.p) != 0 }
  /// Whether the ball is one exact integer.
  public var isExactInteger: Bool { arb_is_int(storage.p) != 0 }
  /// Whether the ball contains the exact value `x`.
  public func contains(_ x: MPFloat) -> Bool {
    x.withUnsafeMPFR { m in
      arb_contains_mpfr(storage.p, UnsafeRawPointer(m).assumingMemoryBound(to: __mpfr_struct.self)) != 0
    }
  }
  /// Whether the ball contains every point of `other`.
  public func contains(_ other: ArbBall) -> Bool {
    let r = arb_contains(storage.p, other.storage.p) != 0
    withExtendedLifetime(other.storage) {}
    return r
  }
  /// Whether the two balls have a point in common.
  public func overlaps(_ other: ArbBall) -> Bool {
    let r = arb_overlaps(storage.p, other.storage.p) != 0
    withExtendedLifetime(other.storage) {}
    return r
  }

  // MARK: Reading the ball

  /// The interval [m − r, m + r] with ends rounded outward to `precision` bits
  /// (NaN ends when the ball is indeterminate, ±∞ when the radius is infinite).
  public func bounds(precision p: Int? = nil) -> (lower: MPFloat, upper: MPFloat) {
    let bits = p ?? precision
    if arf_is_nan(fp_arb_mid(storage.p)) != 0 { return (MPFloat.nan, MPFloat.nan) }
    var lo = MPFloat(precision: bits), hi = MPFloat(precision: bits)
    var la = arf_struct(), lb = arf_struct()
    arf_init(&la); arf_init(&lb)
    defer { arf_clear(&la); arf_clear(&lb) }
    arb_get_lbound_arf(&la, storage.p, bits)
    arb_get_ubound_arf(&lb, storage.p, bits)
    lo.withUnsafeMutableMPFR { m in
      _ = arf_get_mpfr(UnsafeMutableRawPointer(m).assumingMemoryBound(to: __mpfr_struct.self), &la, MPFR_RNDD)
    }
    hi.withUnsafeMutableMPFR { m in
      _ = arf_get_mpfr(UnsafeMutableRawPointer(m).assumingMemoryBound(to: __mpfr_struct.self), &lb, MPFR_RNDU)
    }
    return (lo, hi)
  }

  /// The lower end m − r, rounded down.
  public var lower: MPFloat { bounds().lower }
  /// The upper end m + r, rounded up.
  public var upper: MPFloat { bounds().upper }

  /// The midpoint rounded to nearest at `precision` bits (NaN when indeterminate).
  public func midpoint(precision p: Int? = nil) -> MPFloat {
    var m = MPFloat(precision: p ?? precision)
    m.withUnsafeMutableMPFR { out in
      _ = arf_get_mpfr(
        UnsafeMutableRawPointer(out).assumingMemoryBound(to: __mpfr_struct.self), fp_arb_mid(storage.p), MPFR_RNDN)
    }
    return m
  }

  /// The midpoint, exactly (at its own precision; NaN when indeterminate).
  public var midpoint: MPFloat {
    let bits = Swift.max(Int(arf_bits(fp_arb_mid(storage.p))), 2)
    return midpoint(precision: bits)
  }

  /// The radius as an `MPFloat` (exact: a radius has 30 bits; ∞ if not finite).
  public var radius: MPFloat {
    guard isFinite else { return MPFloat.infinity }
    var m = MPFloat(precision: 64)
    var t = arf_struct(); arf_init(&t); defer { arf_clear(&t) }
    arf_set_mag(&t, fp_arb_rad(storage.p))
    m.withUnsafeMutableMPFR { out in
      _ = arf_get_mpfr(UnsafeMutableRawPointer(out).assumingMemoryBound(to: __mpfr_struct.self), &t, MPFR_RNDU)
    }
    return m
  }

  /// The width upper − lower = 2·radius.
  public var width: MPFloat { 2 * radius }

  /// log₂ of the relative accuracy (Arb's `arb_rel_accuracy_bits`): about how
  /// many leading bits of the midpoint are certain.
  public var relativeAccuracyBits: Int { Int(arb_rel_accuracy_bits(storage.p)) }

  /// The value correctly rounded to `precision` bits in the direction `rounding`,
  /// when the whole ball rounds to one number (both ends agree); nil when the
  /// radius is too large to decide (compute again at a higher precision) or the
  /// ball is not finite. An exact ball always rounds.
  public func correctlyRounded(precision p: Int, rounding: MPFloat.RoundingMode = .toNearest) -> MPFloat? {
    guard isFinite else { return nil }
    let rnd = mpfrRounding(rounding)
    var a = MPFloat(precision: p)
    if isExact {
      a.withUnsafeMutableMPFR { out in
        _ = arf_get_mpfr(
          UnsafeMutableRawPointer(out).assumingMemoryBound(to: __mpfr_struct.self), fp_arb_mid(storage.p), rnd)
      }
      return a
    }
    var b = MPFloat(precision: p)
    var la = arf_struct(), lb = arf_struct()
    arf_init(&la); arf_init(&lb)
    defer { arf_clear(&la); arf_clear(&lb) }
    arb_get_lbound_arf(&la, storage.p, p + 64)
    arb_get_ubound_arf(&lb, storage.p, p + 64)
    // The ends at p + 64 bits are outward: a value between them rounds into [round(a), round(b)].
    a.withUnsafeMutableMPFR { out in
      _ = arf_get_mpfr(UnsafeMutableRawPointer(out).assumingMemoryBound(to: __mpfr_struct.self), &la, rnd)
    }
    b.withUnsafeMutableMPFR { out in
      _ = arf_get_mpfr(UnsafeMutableRawPointer(out).assumingMemoryBound(to: __mpfr_struct.self), &lb, rnd)
    }
    guard a == b else { return nil }
    return a
  }
}

/// The heap cell of one `arb_struct` (initialised, cleared on release).
public final class ArbStorage: @unchecked Sendable {
  public let p: arb_ptr
  @inlinable init() {
    p = arb_ptr.allocate(capacity: 1)
    arb_init(p)
  }
  deinit {
    arb_clear(p)
    p.deallocate()
  }
}

extension ArbBall: CustomStringConvertible {
  /// Arb's decimal printing of the ball, e.g. `[3.14159 +/- 2.7e-6]`.
  public var description: String { string(digits: 20) }

  /// The ball printed with `digits` significant digits (Arb's `arb_get_str`:
  /// the printed ball contains this one).
  public func string(digits: Int) -> String {
    guard let s = arb_get_str(storage.p, digits, 0) else { return "?" }
    defer { flint_free(s) }
    return String(cString: s)
  }
}

/// The MPFR rounding constant of `mode`, as CArb sees it.
@usableFromInline
func mpfrRounding(_ mode: MPFloat.RoundingMode) -> mpfr_rnd_t {
  switch mode {
  case .toNearest: return MPFR_RNDN
  case .towardZero: return MPFR_RNDZ
  case .up: return MPFR_RNDU
  case .down: return MPFR_RNDD
  case .awayFromZero: return MPFR_RNDA
  case .faithful: return MPFR_RNDN
  }
}

extension ArbBall {
  /// `[lower, upper]` with `digits` significant digits, the lower end rounded down
  /// and the upper up, so the printed interval still encloses the ball
  /// (`[nan]` when indeterminate).
  public func formatted(digits: Int) -> String {
    let (lo, hi) = bounds()
    if lo.isNaN || hi.isNaN { return "[nan]" }
    return "[\(lo.formatted(digits: digits, rounding: .down)), \(hi.formatted(digits: digits, rounding: .up))]"
  }

  /// The value's decimal with `digits` significant digits, correctly rounded, when
  /// the ball is narrow enough that every point of it rounds to the same decimal; nil
  /// otherwise (evaluate again at a higher precision).
  public func decimal(digits: Int) -> String? {
    let (lo, hi) = bounds(precision: Swift.max(precision, 64) + 8)
    guard lo.isFinite, hi.isFinite else { return nil }
    if isExact { return lo.formatted(digits: digits) }
    let a = lo.formatted(digits: digits), b = hi.formatted(digits: digits)
    return a == b ? a : nil
  }
}
