import CArb
import MultiPrecision

// Elementary and special functions on complex balls, with the holomorphy
// checks certified quadrature needs. Real functions of the expression
// language keep their real meaning: on a real argument outside a function's
// real domain (log of a negative number, √ of a negative number) the result is
// indeterminate (MPFR gives NaN there), never the complex continuation.

extension AcbBall {
  // MARK: Entire and meromorphic functions (holomorphic wherever finite)

  public static func exp(_ x: AcbBall) -> AcbBall { unary(x) { acb_exp($0, $1, $2) } }
  public static func expMinusOne(_ x: AcbBall) -> AcbBall { unary(x) { acb_expm1($0, $1, $2) } }
  public static func sin(_ x: AcbBall) -> AcbBall { unary(x) { acb_sin($0, $1, $2) } }
  public static func cos(_ x: AcbBall) -> AcbBall { unary(x) { acb_cos($0, $1, $2) } }
  public static func tan(_ x: AcbBall) -> AcbBall { unary(x) { acb_tan($0, $1, $2) } }
  public static func cot(_ x: AcbBall) -> AcbBall { unary(x) { acb_cot($0, $1, $2) } }
  public static func sec(_ x: AcbBall) -> AcbBall { unary(x) { acb_sec($0, $1, $2) } }
  public static func csc(_ x: AcbBall) -> AcbBall { unary(x) { acb_csc($0, $1, $2) } }
  public static func sinh(_ x: AcbBall) -> AcbBall { unary(x) { acb_sinh($0, $1, $2) } }
  public static func cosh(_ x: AcbBall) -> AcbBall { unary(x) { acb_cosh($0, $1, $2) } }
  public static func tanh(_ x: AcbBall) -> AcbBall { unary(x) { acb_tanh($0, $1, $2) } }
  public static func coth(_ x: AcbBall) -> AcbBall { unary(x) { acb_coth($0, $1, $2) } }
  public static func sech(_ x: AcbBall) -> AcbBall { unary(x) { acb_sech($0, $1, $2) } }
  public static func csch(_ x: AcbBall) -> AcbBall { unary(x) { acb_csch($0, $1, $2) } }
  public static func erf(_ x: AcbBall) -> AcbBall { unary(x) { acb_hypgeom_erf($0, $1, $2) } }
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
  public static func erfc(_ x: AcbBall) -> AcbBall { unary(x) { acb_hypgeom_erfc($0, $1, $2) } }
  /// Γ(x) (meromorphic: poles at 0, −1, …).
  public static func gamma(_ x: AcbBall) -> AcbBall { unary(x) { acb_gamma($0, $1, $2) } }

  // MARK: Functions with branch cuts (checked)

  /// log x, principal branch; indeterminate if the ball meets (−∞, 0] (the cut),
  /// both for the holomorphy check and for the real meaning on real arguments.
  public static func log(_ x: AcbBall) -> AcbBall { unary(x) { acb_log_analytic($0, $1, 1, $2) } }
  /// log(1 + x), same cut as log at x ≤ −1.
  public static func log(onePlus x: AcbBall) -> AcbBall {
    if x.analytic || !x.isRealPositiveAfterAddingOne { return log(x + 1) }
    return unary(x) { acb_log1p($0, $1, $2) }
  }
  /// √x, principal branch; indeterminate if the ball meets the cut (−∞, 0], except that a
  /// real ball with a nonnegative midpoint (a piece [0, w] of the line, whose radius
  /// may reach below 0 by rounding) gets √ of its nonnegative part when holomorphy is
  /// not required.
  public static func sqrt(_ x: AcbBall) -> AcbBall {
    if !x.analytic, x.isReal, arf_sgn(fp_arb_mid(x.real)) >= 0 {
      return unary(x) { r, z, p in arb_sqrtpos(fp_acb_re(r), fp_acb_re(z), p) }
    }
    return unary(x) { acb_sqrt_analytic($0, $1, 1, $2) }
  }
  /// x^(1/3) as the real odd cube root on real arguments (a ball that contains 0
  /// is indeterminate when holomorphy is required, else [−∛m, ∛m] with m ≥ |x|).
  public static func cbrt(_ x: AcbBall) -> AcbBall {
    if arb_is_positive(x.real) != 0 { return unary(x) { acb_root_ui($0, $1, 3, $2) } }
    if arb_is_negative(x.real) != 0 { return -unary(-x) { acb_root_ui($0, $1, 3, $2) } }
    if !x.analytic, x.isReal {
      return unary(x) { r, z, p in
        var m = mag_struct(); mag_init(&m); defer { mag_clear(&m) }
        arb_get_mag(&m, fp_acb_re(z))
        let t = fp_acb_re(r)
        arf_set_mag(fp_arb_mid(t), &m)
        mag_zero(fp_arb_rad(t))
        arb_root_ui(t, t, 3, p)
        arb_get_mag(&m, t)
        arb_zero(t)
        mag_set(fp_arb_rad(t), &m)
      }
    }
    return indeterminate(precision: x.precision, analytic: x.analytic)
  }
  /// atan x; cuts on the imaginary axis |Im x| ≥ 1.
  public static func atan(_ x: AcbBall) -> AcbBall {
    if x.analytic && x.meetsImaginaryCut { return indeterminate(precision: x.precision, analytic: true) }
    return unary(x) { acb_atan($0, $1, $2) }
  }
  /// asinh x; cuts on the imaginary axis |Im x| ≥ 1.
  public static func asinh(_ x: AcbBall) -> AcbBall {
    if x.analytic && x.meetsImaginaryCut { return indeterminate(precision: x.precision, analytic: true) }
    return unary(x) { acb_asinh($0, $1, $2) }
  }
  /// asin x; cuts on the real axis |x| ≥ 1.
  public static func asin(_ x: AcbBall) -> AcbBall {
    if x.meetsRealCut(outside: 1) { return indeterminate(precision: x.precision, analytic: x.analytic) }
    return unary(x) { acb_asin($0, $1, $2) }
  }
  /// acos x; cuts on the real axis |x| ≥ 1.
  public static func acos(_ x: AcbBall) -> AcbBall {
    if x.meetsRealCut(outside: 1) { return indeterminate(precision: x.precision, analytic: x.analytic) }
    return unary(x) { acb_acos($0, $1, $2) }
  }
  /// atanh x; cuts on the real axis |x| ≥ 1.
  public static func atanh(_ x: AcbBall) -> AcbBall {
    if x.meetsRealCut(outside: 1) { return indeterminate(precision: x.precision, analytic: x.analytic) }
    return unary(x) { acb_atanh($0, $1, $2) }
  }
  /// acosh x = log(x + √(x − 1)·√(x + 1)); cut (−∞, 1].
  public static func acosh(_ x: AcbBall) -> AcbBall {
    let s = sqrt(x - 1) * sqrt(x + 1)
    return log(x + s)
  }
  /// log Γ(x) for Re x > 0 (= log|Γ(x)| there); indeterminate elsewhere.
  public static func logGamma(_ x: AcbBall) -> AcbBall {
    guard arb_is_positive(x.real) != 0 else { return indeterminate(precision: x.precision, analytic: x.analytic) }
    return unary(x) { acb_lgamma($0, $1, $2) }
  }
  /// x^y = exp(y log x) with log's cut (for a non-integer exponent).
  public static func pow(_ x: AcbBall, _ y: AcbBall) -> AcbBall {
    binary(x, y) { acb_pow_analytic($0, $1, $2, 1, $3) }
  }

  // MARK: Piecewise real functions (not holomorphic where they switch)

  /// |x| on the real line: x or −x on a box in one half-plane, else (holomorphy
  /// required) indeterminate, or (a real ball) the real ball of |x|.
  public static func abs(_ x: AcbBall) -> AcbBall {
    unary(x) { [a = x.analytic] in acb_real_abs($0, $1, a ? 1 : 0, $2) }
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

  /// Whether the box meets {iy : |y| ≥ 1} (the cuts of atan and asinh).
  @usableFromInline var meetsImaginaryCut: Bool {
    guard arb_contains_zero(real) != 0 else { return false }
    var m = mag_struct(); mag_init(&m); defer { mag_clear(&m) }
    arb_get_mag(&m, imaginary)
    return mag_cmp_2exp_si(&m, 0) >= 0
  }

  /// Whether the box meets the real rays |x| ≥ `outside` (cuts of asin, acos, atanh).
  @usableFromInline func meetsRealCut(outside t: Int) -> Bool {
    precondition(t == 1)
    guard arb_contains_zero(imaginary) != 0 else { return false }
    var m = mag_struct(); mag_init(&m); defer { mag_clear(&m) }
    arb_get_mag(&m, real)
    return mag_cmp_2exp_si(&m, 0) >= 0
  }

  @usableFromInline var isRealPositiveAfterAddingOne: Bool {
    guard isReal else { return false }
    let y = self + 1
    return arb_is_positive(y.real) != 0
  }
}
