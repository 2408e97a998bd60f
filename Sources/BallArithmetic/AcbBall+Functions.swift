import CArb
import MultiPrecision

// The functions of the expression language on complex balls, each Arb's own.
//
// Contract of every function f on a ball z (see the module README):
// - z exactly real (imaginary part 0): the real function (`ArbBall.apply`), so a
//   real result keeps an exactly zero imaginary part; where the real function is
//   undefined on the ball (log of a negative number, a pole) the principal branch
//   below takes over (log(−2) = log 2 + iπ), except for the real-only functions
//   (floor, ceil, trunc, round, heaviside, relu, frac, min, max), which stay
//   indeterminate. Two functions keep their real meaning on the whole real line
//   where the complex principal value differs: lgamma (log|Γ(x)|) and li2 (Re Li₂(x)
//   for x > 1); cbrt and root use the principal branch off the positive axis
//   (cbrt(−8) = 1 + √3 i).
// - z not real, `analytic` not set: the principal branch (Arb's `acb_*`, mpmath's
//   conventions; `Sources/MultiPrecision/BRANCHES.md`); the result contains f(w)
//   for every w of the ball (a ball across a cut encloses the values on both sides).
//   abs, arg, re, im, conj, sign are |z|, Arg z, Re z, Im z, z̄, z/|z|; the real-only
//   functions are indeterminate.
// - `analytic` set (a box around a piece of the real line in certified quadrature):
//   f must be holomorphic on the whole ball, else the result is indeterminate (Arb's
//   `analytic` convention of `acb_calc_integrate`): cuts are checked, the piecewise
//   real functions are their holomorphic extensions where they are analytic (Arb's
//   `acb_real_abs`, `acb_real_floor`, `acb_real_max`, …) and indeterminate where
//   they switch; re, im, conj, arg (not holomorphic) are indeterminate.

extension AcbBall {
  /// The real ball `x` as a complex ball (imaginary part exactly 0).
  public init(_ x: ArbBall, analytic: Bool = false) {
    self.init(precision: x.precision, analytic: analytic)
    acb_set_arb(pointer, x.pointer)
    withExtendedLifetime(x.storage) {}
  }

  /// The real part as a real ball.
  public var realBall: ArbBall {
    let r = ArbBall(precision: precision)
    arb_set(r.pointer, fp_acb_re(pointer))
    withExtendedLifetime(storage) {}
    return r
  }
  /// The imaginary part as a real ball.
  public var imaginaryBall: ArbBall {
    let r = ArbBall(precision: precision)
    arb_set(r.pointer, fp_acb_im(pointer))
    withExtendedLifetime(storage) {}
    return r
  }

  /// f(z) for a function of the language's one-argument table (contract above). As
  /// for `ArbBall.apply`, a result that lost more than 24 bits against the argument's
  /// accuracy (cancellation inside Arb's formula, e.g. asin near 0) is computed again
  /// at a higher precision; not under `analytic` (boxes are wide on purpose).
  public static func apply(_ f: RealFunction, _ z: AcbBall) -> AcbBall {
    if z.analytic { return apply1(f, z) }
    return refined(z.precision, [z]) { apply1(f, $0[0]) }
  }

  /// f(a, b) for a function of the language's two-argument table.
  public static func apply(_ f: RealFunction2, _ a: AcbBall, _ b: AcbBall) -> AcbBall {
    if a.analytic || b.analytic { return apply2(f, a, b) }
    return refined(Swift.max(a.precision, b.precision), [a, b]) { apply2(f, $0[0], $0[1]) }
  }

  /// `body(args)`, again at p + deficit + 32 bits (then twice that) while the result has
  /// lost more than 24 bits against min(p, the arguments' accuracy).
  static func refined(_ p: Int, _ args: [AcbBall], _ body: ([AcbBall]) -> AcbBall) -> AcbBall {
    func accuracy(_ z: AcbBall) -> Int {
      z.isExact ? 4 * p : Swift.min(Swift.max(Int(acb_rel_accuracy_bits(z.pointer)), -4 * p), 4 * p)
    }
    var r = body(args)
    guard r.isFinite, !r.isExact, args.allSatisfy(\.isFinite) else { return r }
    let target = Swift.min(p, args.map(accuracy).min() ?? p)
    var bits = p
    for _ in 0..<2 {
      let deficit = target - accuracy(r)
      guard deficit > 24 else { break }
      bits = bits + deficit + 32
      let w = body(args.map { $0.widened(toPrecision: bits) })
      if w.isFinite && accuracy(w) > accuracy(r) { r = w }
    }
    if r.precision == p { return r }
    let out = AcbBall(precision: p, analytic: r.analytic)
    acb_set(out.pointer, r.pointer)
    return out
  }

  static func apply1(_ f: RealFunction, _ z: AcbBall) -> AcbBall {
    let p = z.precision
    // cbrt off [0, ∞) is the principal branch in complex evaluation (the real odd root only
    // as the holomorphic extension under `analytic`).
    let principalCbrt = f == .cbrt && !z.analytic && !z.realBall.isNonnegative
    if z.isReal && !(z.analytic && f.isPiecewise) && !principalCbrt {
      let r = ArbBall.apply(f, z.realBall)
      if r.isFinite || f.isRealOnly { return AcbBall(r, analytic: z.analytic) }
      switch f {
      case .lgamma, .li2: return AcbBall(r, analytic: z.analytic)
      default: break
      }
      if !z.isFinite { return indeterminate(precision: p, analytic: z.analytic) }
    }
    if z.analytic { return analyticApply(f, z) }
    switch f {
    case .exp: return unary(z) { acb_exp($0, $1, $2) }
    case .expm1: return unary(z) { acb_expm1($0, $1, $2) }
    case .exp2: return exp(z * AcbBall(constant: .log2, precision: p))
    case .exp10: return exp(z * log(AcbBall(10, precision: p)))
    case .log: return unary(z) { acb_log($0, $1, $2) }
    case .log1p: return unary(z) { acb_log1p($0, $1, $2) }
    case .log2: return unary(z) { acb_log($0, $1, $2) } / AcbBall(constant: .log2, precision: p)
    case .log10: return unary(z) { acb_log($0, $1, $2) } / log(AcbBall(10, precision: p))
    case .sqrt: return unary(z) { acb_sqrt($0, $1, $2) }
    case .cbrt: return unary(z) { acb_root_ui($0, $1, 3, $2) }
    case .abs: return modulus(z)
    case .sin: return unary(z) { acb_sin($0, $1, $2) }
    case .cos: return unary(z) { acb_cos($0, $1, $2) }
    case .tan: return unary(z) { acb_tan($0, $1, $2) }
    case .cot: return unary(z) { acb_cot($0, $1, $2) }
    case .sec: return unary(z) { acb_sec($0, $1, $2) }
    case .csc: return unary(z) { acb_csc($0, $1, $2) }
    case .asin: return unary(z) { acb_asin($0, $1, $2) }
    case .acos: return unary(z) { acb_acos($0, $1, $2) }
    case .atan: return unary(z) { acb_atan($0, $1, $2) }
    case .sinh: return unary(z) { acb_sinh($0, $1, $2) }
    case .cosh: return unary(z) { acb_cosh($0, $1, $2) }
    case .tanh: return unary(z) { acb_tanh($0, $1, $2) }
    case .sech: return unary(z) { acb_sech($0, $1, $2) }
    case .csch: return unary(z) { acb_csch($0, $1, $2) }
    case .coth: return unary(z) { acb_coth($0, $1, $2) }
    case .asinh: return unary(z) { acb_asinh($0, $1, $2) }
    case .acosh: return unary(z) { acb_acosh($0, $1, $2) }
    case .atanh: return unary(z) { acb_atanh($0, $1, $2) }
    case .erf: return unary(z) { acb_hypgeom_erf($0, $1, $2) }
    case .erfc: return unary(z) { acb_hypgeom_erfc($0, $1, $2) }
    case .gamma: return unary(z) { acb_gamma($0, $1, $2) }
    case .lgamma: return unary(z) { acb_lgamma($0, $1, $2) }
    case .digamma: return unary(z) { acb_digamma($0, $1, $2) }
    case .zeta: return unary(z) { acb_zeta($0, $1, $2) }
    case .ai: return unary(z) { r, x, p in acb_hypgeom_airy(r, nil, nil, nil, x, p) }
    case .ei: return unary(z) { acb_hypgeom_ei($0, $1, $2) }
    case .li2: return unary(z) { r, x, p in acb_polylog_si(r, 2, x, p) }
    case .j0: return bessel(.besselj, AcbBall(0, precision: p), z)
    case .j1: return bessel(.besselj, AcbBall(1, precision: p), z)
    case .y0: return bessel(.bessely, AcbBall(0, precision: p), z)
    case .y1: return bessel(.bessely, AcbBall(1, precision: p), z)
    case .lambertw: return lambertW(z, branch: 0)
    case .re: return z.realPart
    case .im: return z.imaginaryPart
    case .conj: return unary(z) { r, x, _ in acb_conj(r, x) }
    case .arg:
      return unary(z) { r, x, p in
        acb_arg(fp_acb_re(r), x, p); arb_zero(fp_acb_im(r))
      }
    case .sign: return unary(z) { acb_sgn($0, $1, $2) }
    case .floor, .ceil, .trunc, .round, .heaviside, .relu, .frac:
      return indeterminate(precision: p, analytic: false)
    }
  }

  static func apply2(_ f: RealFunction2, _ a: AcbBall, _ b: AcbBall) -> AcbBall {
    let p = Swift.max(a.precision, b.precision)
    let analytic = a.analytic || b.analytic
    let principalRoot = f == .root && !a.realBall.isNonnegative
    if a.isReal && b.isReal && !(analytic && f.isRealOnly) && !principalRoot {
      let r = ArbBall.apply(f, a.realBall, b.realBall)
      if r.isFinite || f.isRealOnly { return AcbBall(r.widened(to: p), analytic: analytic) }
      if !a.isFinite || !b.isFinite { return indeterminate(precision: p, analytic: analytic) }
    }
    switch f {
    case .pow:
      if let n = b.exactInteger { return pow(a, n) }
      return pow(a, b)
    case .min, .max:
      guard analytic else { return indeterminate(precision: p) }
      return f == .min ? min(a, b) : max(a, b)
    case .hypot: return sqrt(a * a + b * b)
    case .atan2:
      // On the right half-plane x > 0 atan2(y, x) = atan(y/x) (holomorphic there).
      if arb_is_positive(fp_acb_re(b.pointer)) != 0 { return apply(.atan, a / b) }
      return indeterminate(precision: p, analytic: analytic)
    case .besselj, .bessely, .besseli, .besselk: return bessel(f, a, b)
    case .beta: return apply(.gamma, a) * apply(.gamma, b) / apply(.gamma, a + b)
    case .gammainc:
      if analytic && b.meetsCut(atOrBelow: 0) { return indeterminate(precision: p, analytic: true) }
      return binary(a, b) { r, s, z, p in acb_hypgeom_gamma_upper(r, s, z, 0, p) }
    case .agm:
      if analytic { return indeterminate(precision: p, analytic: true) }
      return binary(a, b) { acb_agm($0, $1, $2, $3) }
    case .root:
      guard let n = b.exactInteger, n > 0 else { return indeterminate(precision: p, analytic: analytic) }
      if analytic { return n == 2 ? sqrt(a) : n == 3 ? cbrt(a) : indeterminate(precision: p, analytic: true) }
      return unary(a) { acb_root_ui($0, $1, UInt(n), $2) }
    case .lambertw:
      guard let k = b.exactInteger else { return indeterminate(precision: p, analytic: analytic) }
      return lambertW(a, branch: k)
    case .remainder, .fmod:
      return indeterminate(precision: p, analytic: analytic)
    }
  }

  /// The one-argument functions on a box where f must be holomorphic.
  static func analyticApply(_ f: RealFunction, _ z: AcbBall) -> AcbBall {
    let p = z.precision
    switch f {
    case .exp, .expm1, .sin, .cos, .tan, .cot, .sec, .csc, .sinh, .cosh, .tanh, .sech, .csch, .coth, .erf, .erfc,
      .gamma, .digamma, .zeta, .ai, .exp2, .exp10:
      // Entire or meromorphic: the principal formula (a pole gives a non-finite ball).
      var w = z; w.analytic = false
      var r = apply1(f, w); r.analytic = true
      return r
    case .log: return log(z)
    case .log1p: return log(z + 1)
    case .log2: return log(z) / AcbBall(constant: .log2, precision: p)
    case .log10: return log(z) / log(AcbBall(10, precision: p))
    case .sqrt: return sqrt(z)
    case .cbrt: return cbrt(z)
    case .abs: return abs(z)
    case .asin: return asin(z)
    case .acos: return acos(z)
    case .atan: return atan(z)
    case .asinh: return asinh(z)
    case .acosh: return acosh(z)
    case .atanh: return atanh(z)
    case .lgamma: return logGamma(z)
    case .ei: return z.meetsCut(atOrBelow: 0) ? indeterminate(precision: p, analytic: true) : principal(f, z)
    case .li2:
      // Cut [1, ∞).
      if arb_contains_zero(fp_acb_im(z.pointer)) != 0 && !(1 - z.realBall).isPositive {
        return indeterminate(precision: p, analytic: true)
      }
      return principal(f, z)
    case .j0, .j1: return principal(f, z)
    case .y0, .y1: return z.meetsCut(atOrBelow: 0) ? indeterminate(precision: p, analytic: true) : principal(f, z)
    case .lambertw: return lambertW(z, branch: 0)
    case .floor: return floor(z)
    case .ceil: return ceil(z)
    case .trunc:
      if arb_is_positive(fp_acb_re(z.pointer)) != 0 { return floor(z) }
      if arb_is_negative(fp_acb_re(z.pointer)) != 0 { return ceil(z) }
      return indeterminate(precision: p, analytic: true)
    case .round:
      if arb_is_positive(fp_acb_re(z.pointer)) != 0 { return floor(z + AcbBall.half(p)) }
      if arb_is_negative(fp_acb_re(z.pointer)) != 0 { return ceil(z - AcbBall.half(p)) }
      return indeterminate(precision: p, analytic: true)
    case .sign: return unary(z) { acb_real_sgn($0, $1, 1, $2) }
    case .heaviside: return unary(z) { acb_real_heaviside($0, $1, 1, $2) }
    case .relu: return max(z, AcbBall(0, precision: p).requiringHolomorphy(true))
    case .frac: return z - floor(z)
    case .re, .im, .conj, .arg: return indeterminate(precision: p, analytic: true)
    }
  }

  /// f on its principal branch with the flag cleared for the call (for functions whose
  /// cut the caller has checked).
  static func principal(_ f: RealFunction, _ z: AcbBall) -> AcbBall {
    var w = z; w.analytic = false
    var r = apply1(f, w); r.analytic = z.analytic
    return r
  }

  // MARK: Entire and meromorphic functions (holomorphic wherever finite)

  public static func exp(_ x: AcbBall) -> AcbBall { unary(x) { acb_exp($0, $1, $2) } }
  public static func expMinusOne(_ x: AcbBall) -> AcbBall { unary(x) { acb_expm1($0, $1, $2) } }
  public static func sin(_ x: AcbBall) -> AcbBall { unary(x) { acb_sin($0, $1, $2) } }
  public static func cos(_ x: AcbBall) -> AcbBall { unary(x) { acb_cos($0, $1, $2) } }
  public static func tan(_ x: AcbBall) -> AcbBall { unary(x) { acb_tan($0, $1, $2) } }
  public static func sinh(_ x: AcbBall) -> AcbBall { unary(x) { acb_sinh($0, $1, $2) } }
  public static func cosh(_ x: AcbBall) -> AcbBall { unary(x) { acb_cosh($0, $1, $2) } }
  public static func tanh(_ x: AcbBall) -> AcbBall { unary(x) { acb_tanh($0, $1, $2) } }
  public static func sech(_ x: AcbBall) -> AcbBall { unary(x) { acb_sech($0, $1, $2) } }
  public static func csch(_ x: AcbBall) -> AcbBall { unary(x) { acb_csch($0, $1, $2) } }
  public static func erf(_ x: AcbBall) -> AcbBall { unary(x) { acb_hypgeom_erf($0, $1, $2) } }
  public static func erfc(_ x: AcbBall) -> AcbBall { unary(x) { acb_hypgeom_erfc($0, $1, $2) } }
  /// Γ(x) (meromorphic: poles at 0, −1, …).
  public static func gamma(_ x: AcbBall) -> AcbBall { unary(x) { acb_gamma($0, $1, $2) } }
  /// The exact imaginary unit i.
  public static func i(precision: Int) -> AcbBall {
    let r = AcbBall(precision: precision)
    acb_onei(r.pointer)
    return r
  }
  /// |z| (the complex modulus, Arb's `acb_abs`) as a real ball.
  public static func modulus(_ x: AcbBall) -> AcbBall {
    unary(x) { r, z, p in
      acb_abs(fp_acb_re(r), z, p)
      arb_zero(fp_acb_im(r))
    }
  }
  /// The real part as a real ball.
  public var realPart: AcbBall {
    AcbBall.unary(self) { r, z, _ in
      arb_set(fp_acb_re(r), fp_acb_re(z))
      arb_zero(fp_acb_im(r))
    }
  }
  /// The imaginary part as a real ball.
  public var imaginaryPart: AcbBall {
    AcbBall.unary(self) { r, z, _ in
      arb_set(fp_acb_re(r), fp_acb_im(z))
      arb_zero(fp_acb_im(r))
    }
  }
  /// sin(x)/x, entire (1 at 0: Arb's `acb_sinc` handles balls containing 0).
  public static func sinc(_ x: AcbBall) -> AcbBall { unary(x) { acb_sinc($0, $1, $2) } }
  /// sinh(x)/x = sinc(ix), entire (1 at 0), so x/sinh x = 1/sinhc(x) has a finite ball near 0.
  public static func sinhc(_ x: AcbBall) -> AcbBall {
    unary(x) { r, z, p in
      acb_mul_onei(r, z)
      acb_sinc(r, r, p)
    }
  }

  // MARK: Functions with branch cuts

  /// log x, principal branch; with `analytic` indeterminate where the ball meets the cut (−∞, 0].
  public static func log(_ x: AcbBall) -> AcbBall {
    if x.analytic { return unary(x) { acb_log_analytic($0, $1, 1, $2) } }
    return apply(.log, x)
  }
  /// log(1 + x), cut x ≤ −1.
  public static func log(onePlus x: AcbBall) -> AcbBall {
    if x.analytic { return log(x + 1) }
    return apply(.log1p, x)
  }
  /// √x, principal branch; with `analytic` indeterminate where the ball meets the cut (−∞, 0].
  public static func sqrt(_ x: AcbBall) -> AcbBall {
    if x.analytic { return unary(x) { acb_sqrt_analytic($0, $1, 1, $2) } }
    return apply(.sqrt, x)
  }
  /// x^(1/3): with `analytic`, the holomorphic extension of the real odd cube root on a
  /// box in one half-plane Re x > 0 or Re x < 0; otherwise as `apply(.cbrt, x)`.
  public static func cbrt(_ x: AcbBall) -> AcbBall {
    guard x.analytic else { return apply(.cbrt, x) }
    if arb_is_positive(fp_acb_re(x.pointer)) != 0 { return unary(x) { acb_root_ui($0, $1, 3, $2) } }
    if arb_is_negative(fp_acb_re(x.pointer)) != 0 { return -unary(-x) { acb_root_ui($0, $1, 3, $2) } }
    return indeterminate(precision: x.precision, analytic: true)
  }
  /// atan x; with `analytic` indeterminate on boxes meeting the cuts |Im x| ≥ 1 of the imaginary axis.
  public static func atan(_ x: AcbBall) -> AcbBall {
    if x.analytic && x.meetsImaginaryCut { return indeterminate(precision: x.precision, analytic: true) }
    return x.analytic ? unary(x) { acb_atan($0, $1, $2) } : apply(.atan, x)
  }
  /// asinh x; cuts on the imaginary axis |Im x| ≥ 1.
  public static func asinh(_ x: AcbBall) -> AcbBall {
    if x.analytic && x.meetsImaginaryCut { return indeterminate(precision: x.precision, analytic: true) }
    return x.analytic ? unary(x) { acb_asinh($0, $1, $2) } : apply(.asinh, x)
  }
  /// asin x; cuts on the real axis |x| ≥ 1.
  public static func asin(_ x: AcbBall) -> AcbBall {
    if x.analytic && x.meetsRealCut(outside: 1) { return indeterminate(precision: x.precision, analytic: true) }
    return x.analytic ? unary(x) { acb_asin($0, $1, $2) } : apply(.asin, x)
  }
  /// acos x; cuts on the real axis |x| ≥ 1.
  public static func acos(_ x: AcbBall) -> AcbBall {
    if x.analytic && x.meetsRealCut(outside: 1) { return indeterminate(precision: x.precision, analytic: true) }
    return x.analytic ? unary(x) { acb_acos($0, $1, $2) } : apply(.acos, x)
  }
  /// atanh x; cuts on the real axis |x| ≥ 1.
  public static func atanh(_ x: AcbBall) -> AcbBall {
    if x.analytic && x.meetsRealCut(outside: 1) { return indeterminate(precision: x.precision, analytic: true) }
    return x.analytic ? unary(x) { acb_atanh($0, $1, $2) } : apply(.atanh, x)
  }
  /// acosh x; cut (−∞, 1] (with `analytic`: log(x + √(x − 1)·√(x + 1)) with the cut checks).
  public static func acosh(_ x: AcbBall) -> AcbBall {
    guard x.analytic else { return apply(.acosh, x) }
    let s = sqrt(x - 1) * sqrt(x + 1)
    return log(x + s)
  }
  /// log Γ(x): with `analytic`, on boxes in Re x > 0 (where it is log|Γ(x)| on the line); indeterminate elsewhere.
  public static func logGamma(_ x: AcbBall) -> AcbBall {
    guard x.analytic else { return apply(.lgamma, x) }
    guard arb_is_positive(fp_acb_re(x.pointer)) != 0 else {
      return indeterminate(precision: x.precision, analytic: true)
    }
    return unary(x) { acb_lgamma($0, $1, $2) }
  }
  /// x^y = exp(y log x), principal branch; with `analytic` indeterminate on the cut of log.
  public static func pow(_ x: AcbBall, _ y: AcbBall) -> AcbBall {
    binary(x, y) { [a = x.analytic || y.analytic] in acb_pow_analytic($0, $1, $2, a ? 1 : 0, $3) }
  }
  /// Lambert W on branch k (any integer; Arb's `acb_lambertw` with the standard cuts,
  /// mpmath's `lambertw(z, k)`); on the real line branches 0 and −1 are the real ones.
  /// With `analytic`, indeterminate on boxes that meet the cut ((−∞, −1/e] for k = 0,
  /// (−∞, 0] for k = −1; any real point for other k).
  public static func lambertW(_ z: AcbBall, branch k: Int) -> AcbBall {
    let p = z.precision
    if z.isReal && (k == 0 || k == -1) {
      let r = ArbBall.lambertW(z.realBall, branch: k)
      if r.isFinite { return AcbBall(r, analytic: z.analytic) }
    }
    if z.analytic {
      let cut = k == 0 ? -ArbBall.inverseE(p) : ArbBall(0, precision: p)
      let crosses = arb_contains_zero(fp_acb_im(z.pointer)) != 0 && !(z.realBall - cut).isPositive
      if k != 0 && k != -1 || crosses { return indeterminate(precision: p, analytic: true) }
    }
    return unary(z) { r, x, p in
      var kk = fmpz(); fmpz_init(&kk); defer { fmpz_clear(&kk) }
      fmpz_set_si(&kk, k)
      acb_lambertw(r, x, &kk, 0, p)
    }
  }
  /// J_ν, Y_ν, I_ν, K_ν of complex order and argument (Arb's `acb_hypgeom_bessel_*`,
  /// principal branches, cut (−∞, 0] in z for Y, K and non-integer ν); with `analytic`
  /// indeterminate on boxes meeting that cut.
  public static func bessel(_ kind: RealFunction2, _ nu: AcbBall, _ z: AcbBall) -> AcbBall {
    let analytic = nu.analytic || z.analytic
    let p = Swift.max(nu.precision, z.precision)
    let integerOrder = nu.exactInteger != nil
    if analytic {
      let cut = kind == .bessely || kind == .besselk || !integerOrder
      if cut && z.meetsCut(atOrBelow: 0) || !nu.isReal { return indeterminate(precision: p, analytic: true) }
    }
    switch kind {
    case .besselj: return binary(nu, z) { acb_hypgeom_bessel_j($0, $1, $2, $3) }
    case .bessely: return binary(nu, z) { acb_hypgeom_bessel_y($0, $1, $2, $3) }
    case .besseli: return binary(nu, z) { acb_hypgeom_bessel_i($0, $1, $2, $3) }
    case .besselk: return binary(nu, z) { acb_hypgeom_bessel_k($0, $1, $2, $3) }
    default: preconditionFailure("bessel: \(kind)")
    }
  }

  // MARK: Piecewise real functions (holomorphic extensions, not holomorphic where they switch)

  /// |x| on the real line: x or −x on a box in one half-plane, else (holomorphy
  /// required) indeterminate, or (a real ball) the real ball of |x|.
  public static func abs(_ x: AcbBall) -> AcbBall {
    if !x.analytic && !x.isReal { return modulus(x) }
    return unary(x) { [a = x.analytic] in acb_real_abs($0, $1, a ? 1 : 0, $2) }
  }
  public static func floor(_ x: AcbBall) -> AcbBall {
    unary(x) { [a = x.analytic] in acb_real_floor($0, $1, a ? 1 : 0, $2) }
  }
  public static func ceil(_ x: AcbBall) -> AcbBall {
    unary(x) { [a = x.analytic] in acb_real_ceil($0, $1, a ? 1 : 0, $2) }
  }
  public static func max(_ x: AcbBall, _ y: AcbBall) -> AcbBall {
    binary(x, y) { [a = x.analytic || y.analytic] in acb_real_max($0, $1, $2, a ? 1 : 0, $3) }
  }
  public static func min(_ x: AcbBall, _ y: AcbBall) -> AcbBall {
    binary(x, y) { [a = x.analytic || y.analytic] in acb_real_min($0, $1, $2, a ? 1 : 0, $3) }
  }

  // MARK: Helpers

  static func half(_ p: Int) -> AcbBall {
    let r = AcbBall(precision: p)
    acb_set_d(r.pointer, 0.5)
    return r
  }

  /// Whether the box meets the real ray (−∞, t].
  func meetsCut(atOrBelow t: Int) -> Bool {
    guard arb_contains_zero(fp_acb_im(pointer)) != 0 else { return false }
    return !(realBall - t).isPositive
  }

  /// Whether the box meets {iy : |y| ≥ 1} (the cuts of atan and asinh).
  @usableFromInline var meetsImaginaryCut: Bool {
    guard arb_contains_zero(fp_acb_re(pointer)) != 0 else { return false }
    var m = mag_struct(); mag_init(&m); defer { mag_clear(&m) }
    arb_get_mag(&m, fp_acb_im(pointer))
    return mag_cmp_2exp_si(&m, 0) >= 0
  }

  /// Whether the box meets the real rays |x| ≥ `outside` (cuts of asin, acos, atanh).
  @usableFromInline func meetsRealCut(outside t: Int) -> Bool {
    precondition(t == 1)
    guard arb_contains_zero(fp_acb_im(pointer)) != 0 else { return false }
    var m = mag_struct(); mag_init(&m); defer { mag_clear(&m) }
    arb_get_mag(&m, fp_acb_re(pointer))
    return mag_cmp_2exp_si(&m, 0) >= 0
  }

  var isPositiveReal: Bool { isReal && arb_is_positive(fp_acb_re(pointer)) != 0 }
}

extension ArbBall {
  /// 1/e enclosed.
  static func inverseE(_ p: Int) -> ArbBall {
    let r = ArbBall(precision: p)
    arb_const_e(r.pointer, p)
    arb_inv(r.pointer, r.pointer, p)
    return r
  }
}

extension RealFunction {
  /// Functions defined on the real line only (no complex continuation in the language).
  public var isRealOnly: Bool {
    switch self {
    case .floor, .ceil, .trunc, .round, .heaviside, .relu, .frac: return true
    default: return false
    }
  }
}

extension RealFunction {
  /// Functions not holomorphic at some real point where they are finite (kinks, jumps,
  /// the branch point of cbrt at 0): with `analytic` they never take the real shortcut.
  public var isPiecewise: Bool {
    switch self {
    case .floor, .ceil, .trunc, .round, .heaviside, .relu, .frac, .abs, .sign, .cbrt, .arg: return true
    default: return false
    }
  }
}

extension RealFunction2 {
  /// Functions defined on the real line only.
  public var isRealOnly: Bool {
    switch self {
    case .min, .max, .remainder, .fmod, .atan2, .hypot: return true
    default: return false
    }
  }
}
