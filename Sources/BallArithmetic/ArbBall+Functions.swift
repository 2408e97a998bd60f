import CArb
import MultiPrecision

// The functions of the expression language on real balls, each Arb's own
// (`arb_*`, `arb_hypgeom_*`). Contract of every function f: the result contains
// f(x) for every x of the ball; if the ball meets a point where the real
// function is undefined (outside its domain, a pole, a jump of a function that
// is not defined there), the result is indeterminate (NaN midpoint, infinite
// radius) — MPFR would give NaN there. Step functions (floor, sign, …) are
// defined everywhere, so a ball across a step gives the hull of both sides.

extension ArbBall {
  /// f(x) for a function of the language's one-argument table. When Arb's result has
  /// lost more than 24 bits against min(p, the accuracy of x) (cancellation inside a
  /// special function, e.g. K_ν at large x), it is computed again at a higher
  /// precision (twice at most); the result keeps x's precision.
  public static func apply(_ f: RealFunction, _ x: ArbBall) -> ArbBall {
    refined(x.precision, [x]) { apply1(f, $0[0]) }
  }

  /// f(a, b) for a function of the language's two-argument table (refined as `apply(_:_:)`).
  public static func apply(_ f: RealFunction2, _ a: ArbBall, _ b: ArbBall) -> ArbBall {
    refined(Swift.max(a.precision, b.precision), [a, b]) { apply2(f, $0[0], $0[1]) }
  }

  /// `body(args)`, again at p + deficit + 32 bits (then twice that) while the result
  /// has lost more than 24 bits against min(p, the arguments' accuracy).
  static func refined(_ p: Int, _ args: [ArbBall], _ body: ([ArbBall]) -> ArbBall) -> ArbBall {
    var r = body(args)
    guard r.isFinite, !r.isExact, args.allSatisfy(\.isFinite) else { return r }
    func accuracy(_ x: ArbBall) -> Int {
      x.isExact ? 4 * p : Swift.min(Swift.max(x.relativeAccuracyBits, -4 * p), 4 * p)
    }
    let target = Swift.min(p, args.map(accuracy).min() ?? p)
    var bits = p
    for _ in 0..<2 {
      let deficit = target - accuracy(r)
      guard deficit > 24 else { break }
      bits = bits + deficit + 32
      let w = body(args.map { $0.widened(to: bits) })
      if w.isFinite && w.radius < r.radius { r = w }
    }
    if r.precision == p { return r }
    let out = ArbBall(precision: p)
    arb_set(out.pointer, r.pointer)
    return out
  }

  static func apply1(_ f: RealFunction, _ x: ArbBall) -> ArbBall {
    let p = x.precision
    switch f {
    case .exp: return unary(x) { arb_exp($0, $1, $2) }
    case .expm1: return unary(x) { arb_expm1($0, $1, $2) }
    case .exp2:
      return unary(x) { r, z, p in
        arb_set_si(r, 2); arb_pow(r, r, z, p)
      }
    case .exp10:
      return unary(x) { r, z, p in
        arb_set_si(r, 10); arb_pow(r, r, z, p)
      }
    case .log: return x.isPositive ? unary(x) { arb_log($0, $1, $2) } : .indeterminate(precision: p)
    case .log1p: return (x + 1).isPositive ? unary(x) { arb_log1p($0, $1, $2) } : .indeterminate(precision: p)
    case .log2: return apply(.log, x) / ArbBall(constant: .log2, precision: p)
    case .log10:
      return x.isPositive ? unary(x) { r, z, p in arb_log_base_ui(r, z, 10, p) } : .indeterminate(precision: p)
    case .sqrt: return x.isNonnegative ? unary(x) { arb_sqrt($0, $1, $2) } : .indeterminate(precision: p)
    case .cbrt: return oddRoot(x, 3)
    case .abs: return unary(x) { r, z, _ in arb_abs(r, z) }
    case .sin: return unary(x) { arb_sin($0, $1, $2) }
    case .cos: return unary(x) { arb_cos($0, $1, $2) }
    case .tan: return unary(x) { arb_tan($0, $1, $2) }
    case .cot: return unary(x) { arb_cot($0, $1, $2) }
    case .sec: return unary(x) { arb_sec($0, $1, $2) }
    case .csc: return unary(x) { arb_csc($0, $1, $2) }
    case .asin: return within(x, -1, 1) ? unary(x) { arb_asin($0, $1, $2) } : .indeterminate(precision: p)
    case .acos: return within(x, -1, 1) ? unary(x) { arb_acos($0, $1, $2) } : .indeterminate(precision: p)
    case .atan: return unary(x) { arb_atan($0, $1, $2) }
    case .sinh: return unary(x) { arb_sinh($0, $1, $2) }
    case .cosh: return unary(x) { arb_cosh($0, $1, $2) }
    case .tanh: return unary(x) { arb_tanh($0, $1, $2) }
    case .sech: return unary(x) { arb_sech($0, $1, $2) }
    case .csch: return unary(x) { arb_csch($0, $1, $2) }
    case .coth: return unary(x) { arb_coth($0, $1, $2) }
    case .asinh: return unary(x) { arb_asinh($0, $1, $2) }
    case .acosh: return (x - 1).isNonnegative ? unary(x) { arb_acosh($0, $1, $2) } : .indeterminate(precision: p)
    case .atanh:
      return (x + 1).isPositive && (1 - x).isPositive
        ? unary(x) { arb_atanh($0, $1, $2) } : .indeterminate(precision: p)
    case .erf: return unary(x) { arb_hypgeom_erf($0, $1, $2) }
    case .erfc: return unary(x) { arb_hypgeom_erfc($0, $1, $2) }
    case .gamma: return unary(x) { arb_gamma($0, $1, $2) }
    case .lgamma:
      // MPFR's lgamma: log|Γ(x)| (real on the whole line but the poles).
      if x.isPositive { return unary(x) { arb_lgamma($0, $1, $2) } }
      return unary(x) { r, z, p in
        arb_gamma(r, z, p)
        arb_abs(r, r)
        if arb_is_positive(r) != 0 { arb_log(r, r, p) } else { arb_indeterminate(r) }
      }
    case .digamma: return unary(x) { arb_digamma($0, $1, $2) }
    case .zeta: return unary(x) { arb_zeta($0, $1, $2) }
    case .ai: return unary(x) { r, z, p in arb_hypgeom_airy(r, nil, nil, nil, z, p) }
    case .ei: return x.containsZero ? .indeterminate(precision: p) : unary(x) { arb_hypgeom_ei($0, $1, $2) }
    case .li2: return dilogarithm(x)
    case .j0: return bessel(.besselj, ArbBall(0, precision: p), x)
    case .j1: return bessel(.besselj, ArbBall(1, precision: p), x)
    case .y0: return bessel(.bessely, ArbBall(0, precision: p), x)
    case .y1: return bessel(.bessely, ArbBall(1, precision: p), x)
    case .floor: return monotoneStep(x) { r, a in arf_floor(r, a) }
    case .ceil: return monotoneStep(x) { r, a in arf_ceil(r, a) }
    case .trunc: return monotoneStep(x) { r, a in arf_sgn(a) < 0 ? arf_ceil(r, a) : arf_floor(r, a) }
    case .round:
      // Nearest integer, ties away from 0 (MPFR's mpfr_round).
      return monotoneStep(x) { r, a in
        if arf_sgn(a) < 0 {
          halfShifted(a, by: -1) { arf_ceil(r, $0) }
        } else {
          halfShifted(a, by: 1) { arf_floor(r, $0) }
        }
      }
    case .sign: return monotoneStep(x) { r, a in arf_set_si(r, Int(arf_sgn(a))) }
    case .heaviside:
      // H = (1 + sign)/2, H(0) = 1/2.
      return monotoneStep(x) { r, a in
        arf_set_si(r, Int(arf_sgn(a)) + 1); arf_mul_2exp_si(r, r, -1)
      }
    case .relu: return binary(x, ArbBall(0, precision: p)) { arb_max($0, $1, $2, $3) }
    case .frac:
      // x − ⌊x⌋ ∈ [0, 1): exact shift when ⌊x⌋ is one integer on the ball, else [0, 1].
      let fl = apply(.floor, x)
      if fl.isExact { return x - fl }
      return ArbBall(lower: MPFloat(0, precision: p), upper: MPFloat(1, precision: p), precision: p)
    case .lambertw: return lambertW(x, branch: 0)
    case .re, .conj: return x
    case .im: return x.isFinite ? ArbBall(0, precision: p) : .indeterminate(precision: p)
    case .arg:
      // 0 for x ≥ 0, π for x < 0.
      let pi = ArbBall(constant: .pi, precision: p)
      if x.isNonnegative { return ArbBall(0, precision: p) }
      if x.isNegative { return pi }
      return x.isFinite ? union(ArbBall(0, precision: p), pi) : .indeterminate(precision: p)
    }
  }

  static func apply2(_ f: RealFunction2, _ a: ArbBall, _ b: ArbBall) -> ArbBall {
    let p = Swift.max(a.precision, b.precision)
    switch f {
    case .pow: return power(a, b)
    case .atan2:
      // atan2(y, x) ∈ (−π, π]: the cut is x < 0, y = 0 (and (0, 0) is undefined for a ball).
      if b.isNonpositive || (b.containsZero && a.containsZero) {
        if !(a.isPositive || a.isNegative) { return .indeterminate(precision: p) }
      }
      return binary(a, b) { arb_atan2($0, $1, $2, $3) }
    case .hypot: return binary(a, b) { arb_hypot($0, $1, $2, $3) }
    case .min: return binary(a, b) { arb_min($0, $1, $2, $3) }
    case .max: return binary(a, b) { arb_max($0, $1, $2, $3) }
    case .remainder, .fmod: return remainder(a, b, truncating: f == .fmod)
    case .agm:
      return a.isNonnegative && b.isNonnegative
        ? binary(a, b) { arb_agm($0, $1, $2, $3) } : .indeterminate(precision: p)
    case .beta:
      let r = apply(.gamma, a) * apply(.gamma, b) / apply(.gamma, a + b)
      return r
    case .gammainc:
      // Upper Γ(a, x) for x > 0 (MPFR's domain for non-integer a; x = 0 gives Γ(a) for a > 0).
      if b.isPositive { return binary(a, b) { r, s, z, p in arb_hypgeom_gamma_upper(r, s, z, 0, p) } }
      if b.isZero && a.isPositive { return apply(.gamma, a) }
      return .indeterminate(precision: p)
    case .besselj, .bessely, .besseli, .besselk: return bessel(f, a, b)
    case .root:
      guard b.isExactInteger, b.isPositive, let n = b.midpoint(precision: 64).exactIntegerValue else {
        return .indeterminate(precision: p)
      }
      return oddRoot(a, n)
    case .lambertw:
      guard b.isExactInteger, let k = b.midpoint(precision: 64).exactIntegerValue, k == 0 || k == -1 else {
        return .indeterminate(precision: p)
      }
      return lambertW(a, branch: k)
    }
  }

  // MARK: Special functions

  /// J_ν, Y_ν, I_ν, K_ν of real order ν (any real ν; Arb's `arb_hypgeom_bessel_*`).
  /// Y and K need x > 0; J and I of a non-integer order need x ≥ 0 (else complex).
  /// For an inexact x the value at the midpoint m plus the mean-value bound
  /// |f′(x)|·rad(x) (f′ from the recurrences DLMF 10.6.1, 10.29.1) when that is tighter
  /// than Arb's own propagation (which is loose at large x).
  public static func bessel(_ kind: RealFunction2, _ nu: ArbBall, _ x: ArbBall) -> ArbBall {
    let direct = besselDirect(kind, nu, x)
    guard direct.isFinite, !x.isExact, nu.isExact else { return direct }
    let p = Swift.max(nu.precision, x.precision)
    let m = ArbBall(precision: p)
    arf_set(fp_arb_mid(m.pointer), fp_arb_mid(x.pointer))
    let atMid = refined(p, [nu, m]) { besselDirect(kind, $0[0], $0[1]) }
    // f′ on the ball at a modest precision (it only scales the radius).
    let q = 64
    let lo = besselDirect(kind, (nu - 1).widened(to: q), x), hi = besselDirect(kind, (nu + 1).widened(to: q), x)
    let derivative: ArbBall
    switch kind {
    case .besselj, .bessely: derivative = (lo - hi) / 2
    case .besseli: derivative = (lo + hi) / 2
    default: derivative = -(lo + hi) / 2
    }
    guard atMid.isFinite, derivative.isFinite else { return direct }
    let r = ArbBall(precision: p)
    arb_set(r.pointer, atMid.pointer)
    let bound = UnsafeMutablePointer<mag_struct>.allocate(capacity: 1)
    mag_init(bound)
    defer { mag_clear(bound); bound.deallocate() }
    arb_get_mag(bound, derivative.pointer)
    mag_mul(bound, bound, fp_arb_rad(x.pointer))
    mag_add(fp_arb_rad(r.pointer), fp_arb_rad(r.pointer), bound)
    return r.radius < direct.radius ? r : direct
  }

  static func besselDirect(_ kind: RealFunction2, _ nu: ArbBall, _ x: ArbBall) -> ArbBall {
    let p = Swift.max(nu.precision, x.precision)
    let integerOrder = nu.isExactInteger
    switch kind {
    case .besselj:
      guard integerOrder || x.isNonnegative else { return .indeterminate(precision: p) }
      return binary(nu, x) { arb_hypgeom_bessel_j($0, $1, $2, $3) }
    case .besseli:
      guard integerOrder || x.isNonnegative else { return .indeterminate(precision: p) }
      return binary(nu, x) { arb_hypgeom_bessel_i($0, $1, $2, $3) }
    case .bessely:
      guard x.isPositive else { return .indeterminate(precision: p) }
      return binary(nu, x) { arb_hypgeom_bessel_y($0, $1, $2, $3) }
    case .besselk:
      guard x.isPositive else { return .indeterminate(precision: p) }
      return binary(nu, x) { arb_hypgeom_bessel_k($0, $1, $2, $3) }
    default: preconditionFailure("bessel: \(kind)")
    }
  }

  /// Lambert W on the real branch k = 0 (x ≥ −1/e) or k = −1 (−1/e ≤ x < 0):
  /// Arb's `arb_lambertw` (indeterminate outside the branch's domain).
  public static func lambertW(_ x: ArbBall, branch k: Int) -> ArbBall {
    if k == -1 && !x.isNegative { return .indeterminate(precision: x.precision) }
    return unary(x) { arb_lambertw($0, $1, k == 0 ? 0 : 1, $2) }
  }

  /// Li₂(x) = −∫₀ˣ log(1 − t)/t dt; for x > 1 its real part (MPFR's convention).
  static func dilogarithm(_ x: ArbBall) -> ArbBall {
    let p = x.precision
    if (1 - x).isNonnegative { return binary(ArbBall(2, precision: p), x) { arb_polylog($0, $1, $2, $3) } }
    // Off (−∞, 1]: Re Li₂(x) from the complex polylogarithm (continuous across the cut).
    let r = ArbBall(precision: p)
    let s = AcbStorage(), z = AcbStorage(), w = AcbStorage()
    acb_set_si(s.p, 2)
    acb_set_arb(z.p, x.pointer)
    acb_polylog(w.p, s.p, z.p, p)
    arb_set(r.pointer, fp_acb_re(w.p))
    withExtendedLifetime((x.storage, s, z, w)) {}
    return r
  }

  /// The real n-th root (odd n also of negative numbers; even n needs x ≥ 0).
  static func oddRoot(_ x: ArbBall, _ n: Int) -> ArbBall {
    let p = x.precision
    if x.isNonnegative {
      return n == 2 ? unary(x) { arb_sqrt($0, $1, $2) } : unary(x) { arb_root_ui($0, $1, UInt(n), $2) }
    }
    guard n % 2 == 1 else { return .indeterminate(precision: p) }
    if x.isNegative { return -unary(-x) { arb_root_ui($0, $1, UInt(n), $2) } }
    // A ball around 0: [−ⁿ√m, ⁿ√m] with m ≥ |x|.
    guard x.isFinite else { return .indeterminate(precision: p) }
    return unary(x) { r, z, p in
      var m = mag_struct(); mag_init(&m); defer { mag_clear(&m) }
      arb_get_mag(&m, z)
      arf_set_mag(fp_arb_mid(r), &m)
      mag_zero(fp_arb_rad(r))
      arb_root_ui(r, r, UInt(n), p)
      arb_get_mag(&m, r)
      arb_zero(r)
      mag_set(fp_arb_rad(r), &m)
    }
  }

  /// x^y: an exact integer y is the integer power (any x); otherwise x > 0
  /// (Arb's `arb_pow`), or x ≥ 0 with y > 0; else indeterminate (MPFR: NaN).
  static func power(_ x: ArbBall, _ y: ArbBall) -> ArbBall {
    let p = Swift.max(x.precision, y.precision)
    if y.isExactInteger, let n = y.midpoint(precision: 64).exactIntegerValue {
      return pow(x, n).widened(to: p)
    }
    if x.isPositive || (x.isNonnegative && y.isPositive) { return binary(x, y) { arb_pow($0, $1, $2, $3) } }
    return .indeterminate(precision: p)
  }

  /// fmod (quotient truncated) or remainder (quotient rounded to even): x − n·y
  /// when n is one integer on the boxes, else a ball around 0 of radius
  /// min(|y|, |x|) (fmod) or |y|/2 (remainder).
  static func remainder(_ x: ArbBall, _ y: ArbBall, truncating: Bool) -> ArbBall {
    let p = Swift.max(x.precision, y.precision)
    guard x.isFinite, y.isFinite, !y.containsZero else { return .indeterminate(precision: p) }
    let q = x / y
    let n: ArbBall
    if truncating {
      n = apply(.trunc, q)
    } else {
      // The nearest integer, when it is one integer on the ball and no tie: floor(q + ½) = ceil(q − ½).
      let up = monotoneStep(q) { r, a in halfShifted(a, by: 1) { arf_floor(r, $0) } }
      let down = monotoneStep(q) { r, a in halfShifted(a, by: -1) { arf_ceil(r, $0) } }
      n = up.isExact && down.isExact && arb_equal(up.pointer, down.pointer) != 0 ? up : union(up, down)
    }
    if n.isExact { return x - n * y }
    var bound = apply(.abs, y)
    if !truncating { bound = bound / 2 } else { bound = binary(bound, apply(.abs, x)) { arb_min($0, $1, $2, $3) } }
    let (_, hi) = bound.bounds()
    return ArbBall(lower: -hi, upper: hi, precision: p)
  }

  // MARK: Helpers

  /// body(a + s/2) with s = ±1, computed exactly. Only used with the rounding steps
  /// floor(a + ½) and ceil(a − ½), which are a itself for an integer a: then `body(a)`,
  /// never the exact sum (2^(10¹²) + ½ would need 10¹² bits).
  static func halfShifted(_ a: arf_srcptr, by s: Int, _ body: (arf_srcptr) -> Void) {
    if arf_is_int(a) != 0 {
      body(a)
      return
    }
    let h = UnsafeMutablePointer<arf_struct>.allocate(capacity: 1)
    arf_init(h)
    defer { arf_clear(h); h.deallocate() }
    arf_mul_2exp_si(h, a, 1)
    if s > 0 {
      arf_add_ui(h, h, 1, ARF_PREC_EXACT, ARF_RND_DOWN)
    } else {
      arf_sub_ui(h, h, 1, ARF_PREC_EXACT, ARF_RND_DOWN)
    }
    arf_mul_2exp_si(h, h, -1)
    body(h)
  }

  /// Whether lo ≤ x ≤ hi for every point of the ball.
  static func within(_ x: ArbBall, _ lo: Int, _ hi: Int) -> Bool { (x - lo).isNonnegative && (hi - x).isNonnegative }

  /// A nondecreasing step function g (exact on `arf` values) over the ball:
  /// [g(lower), g(upper)], the ends rounded outward to p + 64 bits. Exact ends of
  /// m ± r would need as many bits as the exponents of m and r lie apart (10¹¹ for
  /// 3^(0.52^(3^24))); for a nondecreasing g, g(round down(lower)) ≤ g(lower) and
  /// g(round up(upper)) ≥ g(upper), so the rounded ends still enclose g on the ball,
  /// and an integer step is not crossed by the rounding below 2^(p + 64).
  static func monotoneStep(_ x: ArbBall, _ g: (arf_ptr, arf_srcptr) -> Void) -> ArbBall {
    let p = x.precision
    guard x.isFinite else { return .indeterminate(precision: p) }
    var la = arf_struct(), lb = arf_struct(), ga = arf_struct(), gb = arf_struct()
    arf_init(&la); arf_init(&lb); arf_init(&ga); arf_init(&gb)
    defer { arf_clear(&la); arf_clear(&lb); arf_clear(&ga); arf_clear(&gb) }
    arb_get_lbound_arf(&la, x.pointer, p + 64)
    arb_get_ubound_arf(&lb, x.pointer, p + 64)
    g(&ga, &la)
    g(&gb, &lb)
    let r = ArbBall(precision: p)
    let a = ArbBall(precision: p), b = ArbBall(precision: p)
    arb_set_arf(a.pointer, &ga)
    arb_set_arf(b.pointer, &gb)
    arb_union(r.pointer, a.pointer, b.pointer, p)
    withExtendedLifetime(x.storage) {}
    return r
  }

  /// The same ball, operations on it carried out at ≥ `precision` bits.
  public func widened(to precision: Int) -> ArbBall {
    if self.precision >= precision { return self }
    let r = ArbBall(precision: precision)
    arb_set(r.pointer, pointer)
    return r
  }
}

extension Int {
  @usableFromInline static func - (a: Int, b: ArbBall) -> ArbBall {
    ArbBall.unary(b) { r, x, p in
      arb_neg(r, x); arb_add_si(r, r, a, p)
    }
  }
}

extension MPFloat {
  /// The value as an `Int` when it is an integer of magnitude < 2⁶², else nil.
  @usableFromInline var exactIntegerValue: Int? {
    guard isFinite, self == rounded(.towardZero), magnitude < MPFloat(Double(1 << 62), precision: 64) else {
      return nil
    }
    return int(rounding: .towardZero)
  }
}
