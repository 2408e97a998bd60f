import CMPFR

/// The named real functions of one variable that the suite evaluates in
/// arbitrary precision, each correctly rounded by MPFR.
///
/// This enumeration is the single table that the `MPFloat` static functions,
/// the ball types of BallArithmetic and the expression language all use, so a
/// function is added in one place. `name` is the spelling in expressions.
///
/// Conventions: `lgamma` is log|Γ(x)|; `digamma` is ψ = Γ′/Γ; `zeta` is the
/// Riemann ζ; `ai` is the Airy function Ai; `ei` is the exponential integral
/// Ei(x) = −PV∫_{−x}^∞ e^{−t}/t dt; `li2` is the dilogarithm Li₂;
/// `j0`, `j1`, `y0`, `y1` are Bessel functions of the first and second kinds.
///
/// Beyond MPFR (see `SpecialFunctions.swift`): `sign` (−1, 0, 1), `heaviside`
/// (H(0) = 1/2, the midpoint convention H = (1 + sign)/2), `relu` = max(x, 0),
/// `frac` = x − ⌊x⌋ ∈ [0, 1), `lambertw` (principal branch W₀ on [−1/e, ∞));
/// and the complex parts of a real: `re(x) = x`, `im(x) = 0`, `conj(x) = x`,
/// `arg(x)` = 0 for x ≥ 0 and π for x < 0. `lambertw` is computed as a certified
/// enclosure refined until it rounds to one number (Ziv's strategy), so it too is
/// correctly rounded.
public enum RealFunction: String, CaseIterable, Sendable {
  case exp, expm1, exp2, exp10, log, log1p, log2, log10
  case sqrt, cbrt, abs
  case sin, cos, tan, sec, csc, cot
  case asin, acos, atan
  case sinh, cosh, tanh, sech, csch, coth
  case asinh, acosh, atanh
  case erf, erfc, gamma, lgamma, digamma, zeta, ai, ei, li2
  case j0, j1, y0, y1
  case floor, ceil, trunc, round
  case sign, heaviside, relu, frac, lambertw
  case re, im, conj, arg

  /// The spelling used in expressions.
  public var name: String { rawValue }

  /// Looks a function up by its expression name (also accepts a few aliases:
  /// `ln`, `loggamma`, `psi`, `airyai`, `erfcx` is not an alias).
  public init?(name: String) {
    if let f = RealFunction(rawValue: name) { self = f; return }
    switch name {
    case "ln": self = .log
    case "loggamma", "lngamma": self = .lgamma
    case "psi": self = .digamma
    case "airyai": self = .ai
    case "eint": self = .ei
    case "fabs": self = .abs
    case "real": self = .re
    case "imag": self = .im
    case "step": self = .heaviside
    default: return nil
    }
  }

  /// The MPFR routine.
  @inlinable
  public var mpfr: MPFRUnaryOperation {
    switch self {
    case .exp: return mpfr_exp
    case .expm1: return mpfr_expm1
    case .exp2: return mpfr_exp2
    case .exp10: return mpfr_exp10
    case .log: return mpfr_log
    case .log1p: return mpfr_log1p
    case .log2: return mpfr_log2
    case .log10: return mpfr_log10
    case .sqrt: return mpfr_sqrt
    case .cbrt: return mpfr_cbrt
    case .abs: return mpfr_abs
    case .sin: return mpfr_sin
    case .cos: return mpfr_cos
    case .tan: return mpfr_tan
    case .sec: return mpfr_sec
    case .csc: return mpfr_csc
    case .cot: return mpfr_cot
    case .asin: return mpfr_asin
    case .acos: return mpfr_acos
    case .atan: return mpfr_atan
    case .sinh: return mpfr_sinh
    case .cosh: return mpfr_cosh
    case .tanh: return mpfr_tanh
    case .sech: return mpfr_sech
    case .csch: return mpfr_csch
    case .coth: return mpfr_coth
    case .asinh: return mpfr_asinh
    case .acosh: return mpfr_acosh
    case .atanh: return mpfr_atanh
    case .erf: return mpfr_erf
    case .erfc: return mpfr_erfc
    case .gamma: return mpfr_gamma
    case .lgamma:
      return { r, x, rnd in
        var s: Int32 = 0; return mpfr_lgamma(r, &s, x, rnd)
      }
    case .digamma: return mpfr_digamma
    case .zeta: return mpfr_zeta
    case .ai: return SpecialFunctions.airyAi
    case .ei: return mpfr_eint
    case .li2: return mpfr_li2
    case .j0: return mpfr_j0
    case .j1: return mpfr_j1
    case .y0: return mpfr_y0
    case .y1: return mpfr_y1
    case .floor: return { r, x, _ in mpfr_floor(r, x) }
    case .ceil: return { r, x, _ in mpfr_ceil(r, x) }
    case .trunc: return { r, x, _ in mpfr_trunc(r, x) }
    case .round: return { r, x, _ in mpfr_round(r, x) }
    case .sign:
      return SpecialFunctions.exact { x in
        x.isNaN ? x : MPFloat(x.isZero ? 0 : (x.sign == .minus ? -1 : 1), precision: 2)
      }
    case .heaviside:
      return SpecialFunctions.exact { x in
        x.isNaN ? x : (x.isZero ? MPFloat(0.5, precision: 2) : MPFloat(x.sign == .minus ? 0 : 1, precision: 2))
      }
    case .relu:
      return { r, x, rnd in
        SpecialFunctions.isNegative(x) ? mpfr_set_si(r, 0, rnd) : mpfr_set(r, x, rnd)
      }
    case .frac: return SpecialFunctions.fractionalPart
    case .lambertw: return SpecialFunctions.lambertW(branch: 0)
    case .re, .conj: return { r, x, rnd in mpfr_set(r, x, rnd) }
    case .im: return SpecialFunctions.exact { x in x.isNaN ? x : MPFloat(0, precision: 2) }
    case .arg:
      return { r, x, rnd in
        if mpfr_nan_p(x) != 0 { mpfr_set_nan(r); return 0 }
        return SpecialFunctions.isNegative(x) ? mpfr_const_pi(r, rnd) : mpfr_set_si(r, 0, rnd)
      }
    }
  }

  /// f(x), correctly rounded to `precision` bits (default: x's precision).
  @inlinable
  public func callAsFunction(
    _ x: MPFloat, precision: Int? = nil,
    rounding: MPFloat.RoundingMode = .toNearest
  ) -> MPFloat {
    MPFloat.apply(mpfr, x, precision: precision, rounding: rounding).value
  }
}

/// The named real functions of two arguments.
public enum RealFunction2: String, CaseIterable, Sendable {
  /// x^y
  case pow
  /// atan2(y, x), the angle of (x, y)
  case atan2
  /// √(x² + y²)
  case hypot
  case min, max
  /// IEEE remainder x − n·y, n = round-to-nearest(x/y)
  case remainder
  /// x − n·y, n = trunc(x/y)
  case fmod
  /// Arithmetic-geometric mean
  case agm
  /// Euler's beta function B(a, b) = Γ(a)Γ(b)/Γ(a+b)
  case beta
  /// Upper incomplete gamma function Γ(a, x)
  case gammainc
  /// Bessel J_ν(x) and Y_ν(x) of real order ν (MPFR for integer ν, Arb otherwise)
  case besselj, bessely
  /// x^(1/n) for integer n
  case root
  /// Modified Bessel functions I_ν(x) and K_ν(x) of real order ν (K for x > 0):
  /// Arb's enclosures, correctly rounded (see `SpecialFunctions`)
  case besseli, besselk
  /// Lambert W on branch k: `lambertw(x, 0)` = W₀(x) on [−1/e, ∞),
  /// `lambertw(x, -1)` = W₋₁(x) on [−1/e, 0) (the real branches; NaN otherwise)
  case lambertw

  public var name: String { rawValue }

  @inlinable
  public var mpfr: MPFRBinaryOperation {
    switch self {
    case .pow: return mpfr_pow
    case .atan2: return mpfr_atan2
    case .hypot: return mpfr_hypot
    case .min: return mpfr_min
    case .max: return mpfr_max
    case .remainder: return mpfr_remainder
    case .fmod: return mpfr_fmod
    case .agm: return mpfr_agm
    case .beta: return mpfr_beta
    case .gammainc: return mpfr_gamma_inc
    case .besselj:
      return { r, n, x, rnd in
        guard let k = RealFunction2.integerArgument(n), k.magnitude <= RealFunction2.mpfrBesselOrderLimit else {
          return SpecialFunctions.bessel(kind: 0)(r, n, x, rnd)
        }
        return RealFunction2.nonNegativeOrder(r, k, x, rnd, mpfr_jn)
      }
    case .bessely:
      return { r, n, x, rnd in
        guard let k = RealFunction2.integerArgument(n), k.magnitude <= RealFunction2.mpfrBesselOrderLimit else {
          return SpecialFunctions.bessel(kind: 1)(r, n, x, rnd)
        }
        return RealFunction2.nonNegativeOrder(r, k, x, rnd, mpfr_yn)
      }
    case .root:
      return { r, x, n, rnd in
        guard let k = RealFunction2.integerArgument(n), k > 0 else { mpfr_set_nan(r); return 0 }
        return mpfr_rootn_ui(r, x, UInt(k), rnd)
      }
    case .besseli: return SpecialFunctions.bessel(kind: 2)
    case .besselk: return SpecialFunctions.bessel(kind: 3)
    case .lambertw:
      return { r, x, k, rnd in
        guard let b = RealFunction2.integerArgument(k), b == 0 || b == -1 else { mpfr_set_nan(r); return 0 }
        return SpecialFunctions.lambertW(branch: b)(r, x, rnd)
      }
    }
  }

  /// The largest integer order |n| for which besselj/bessely call MPFR's `mpfr_jn`/`mpfr_yn`;
  /// beyond it Arb's `arb_hypgeom_bessel_*` (correctly rounded as every bridge value).
  /// MPFR's cost grows with the order where x is not large against n²: at 17 digits
  /// `mpfr_yn(500, 10⁴)` takes 3.5 s, `mpfr_yn(1000, 10⁴)` 3.5 s, `mpfr_jn(1000, 10⁵)` 9 s,
  /// `mpfr_yn` at n = x = 10⁴ does not finish in minutes; up to n = 64 every case tried
  /// (x up to 10⁸) takes ≤ 0.04 s. Arb answers each in milliseconds.
  @usableFromInline static let mpfrBesselOrderLimit: UInt = 64

  /// J₋ₙ = (−1)ⁿJₙ and Y₋ₙ = (−1)ⁿYₙ: MPFR's functions at order |n| (its `mpfr_yn` at
  /// n = −10, x = 10⁴ took 2.6 s against 0.01 s at n = 10), negated for odd n with the
  /// rounding direction mirrored, so the result stays correctly rounded.
  @usableFromInline
  static func nonNegativeOrder(
    _ r: mpfr_ptr, _ k: Int, _ x: mpfr_srcptr, _ rnd: mpfr_rnd_t,
    _ f: (mpfr_ptr, Int, mpfr_srcptr, mpfr_rnd_t) -> Int32
  ) -> Int32 {
    // |k| ≤ mpfrBesselOrderLimit here (no overflow in abs).
    guard k < 0, k % 2 != 0 else { return f(r, abs(k), x, rnd) }
    let mirrored = rnd == MPFR_RNDU ? MPFR_RNDD : rnd == MPFR_RNDD ? MPFR_RNDU : rnd
    let t = f(r, -k, x, mirrored)
    mpfr_neg(r, r, MPFR_RNDN)
    return -t
  }

  @usableFromInline
  static func integerArgument(_ n: mpfr_srcptr) -> Int? {
    guard mpfr_integer_p(n) != 0, mpfr_fits_slong_p(n, MPFR_RNDN) != 0 else { return nil }
    return mpfr_get_si(n, MPFR_RNDN)
  }

  @inlinable
  public func callAsFunction(
    _ a: MPFloat, _ b: MPFloat, precision: Int? = nil,
    rounding: MPFloat.RoundingMode = .toNearest
  ) -> MPFloat {
    MPFloat.apply(mpfr, a, b, precision: precision, rounding: rounding).value
  }
}

// MARK: - Static spellings on MPFloat beyond swift-numerics' RealFunctions

extension MPFloat {
  @inlinable public static func cbrt(_ x: MPFloat) -> MPFloat { RealFunction.cbrt(x) }
  @inlinable public static func digamma(_ x: MPFloat) -> MPFloat { RealFunction.digamma(x) }
  @inlinable public static func zeta(_ x: MPFloat) -> MPFloat { RealFunction.zeta(x) }
  @inlinable public static func airyAi(_ x: MPFloat) -> MPFloat { RealFunction.ai(x) }
  @inlinable public static func expIntegralEi(_ x: MPFloat) -> MPFloat { RealFunction.ei(x) }
  /// J_n(x) (MPFR's `mpfr_jn` up to |n| = 64, Arb beyond: `RealFunction2.besselj`).
  @inlinable public static func besselJ(_ n: Int, _ x: MPFloat) -> MPFloat {
    RealFunction2.besselj(MPFloat(n, precision: 64), x, precision: x.precision)
  }
  /// Y_n(x) (MPFR's `mpfr_yn` up to |n| = 64, Arb beyond: `RealFunction2.bessely`).
  @inlinable public static func besselY(_ n: Int, _ x: MPFloat) -> MPFloat {
    RealFunction2.bessely(MPFloat(n, precision: 64), x, precision: x.precision)
  }
  @inlinable public static func sec(_ x: MPFloat) -> MPFloat { RealFunction.sec(x) }
  @inlinable public static func csc(_ x: MPFloat) -> MPFloat { RealFunction.csc(x) }
  @inlinable public static func cot(_ x: MPFloat) -> MPFloat { RealFunction.cot(x) }
  @inlinable public static func sech(_ x: MPFloat) -> MPFloat { RealFunction.sech(x) }
  @inlinable public static func csch(_ x: MPFloat) -> MPFloat { RealFunction.csch(x) }
  @inlinable public static func coth(_ x: MPFloat) -> MPFloat { RealFunction.coth(x) }
  @inlinable public static func dilogarithm(_ x: MPFloat) -> MPFloat { RealFunction.li2(x) }
}
