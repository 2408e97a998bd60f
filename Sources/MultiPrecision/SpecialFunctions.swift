import CArbBridge
import CMPFR

/// The real special functions the suite needs beyond MPFR: Lambert W on its two
/// real branches, the modified Bessel functions I_ν, K_ν, and J_ν, Y_ν of
/// non-integer order, the Airy function Ai (MPFR's does not finish at large |x|), all as MPFR operations (so they join the shared
/// `RealFunction` / `RealFunction2` tables and everything built on them:
/// `MPFloat`, `Double`, the expression language).
///
/// Each value is Arb's rigorous enclosure (`arb_lambertw`, `arb_hypgeom_bessel_*`;
/// F. Johansson, "Computing hypergeometric functions rigorously", ACM TOMS 45
/// (2019); F. Johansson, "Computing the Lambert W function in arbitrary-precision
/// complex interval arithmetic", Numer. Algorithms 83 (2020)) rounded Ziv-style
/// (`Sources/CArbBridge`): the precision is doubled until both ends of the ball round
/// to the same number, so the result is correctly rounded in the asked direction,
/// like an MPFR function; up to max(2⁶(p + 32), 2¹⁴) bits, beyond which the value
/// is NaN (Arb's method did not converge: J, Y at order and argument both beyond
/// about 1.3·10⁴). Also here: the exact helpers of `sign`, `heaviside`, `frac`.
public enum SpecialFunctions {
  // MARK: Bridging to MPFR signatures

  /// A copy of an MPFR value as an `MPFloat` (exact, at its precision).
  static func copy(_ x: mpfr_srcptr) -> MPFloat {
    var v = MPFloat(precision: Int(mpfr_get_prec(x)))
    v.withUnsafeMutableMPFR { _ = mpfr_set($0, x, MPFR_RNDN) }
    return v
  }

  @usableFromInline static func isNegative(_ x: mpfr_srcptr) -> Bool {
    mpfr_nan_p(x) == 0 && mpfr_zero_p(x) == 0 && mpfr_signbit(x) != 0
  }

  /// An operation whose result is exactly representable (at ≥ 2 bits): `value(x)`
  /// is stored into the result with the asked rounding.
  @usableFromInline static func exact(_ value: @escaping @Sendable (MPFloat) -> MPFloat) -> MPFRUnaryOperation {
    { r, x, rnd in
      let v = value(copy(x))
      return v.withUnsafeMPFR { mpfr_set(r, $0, rnd) }
    }
  }

  /// x − ⌊x⌋ ∈ [0, 1), rounded as asked (the floor is exact at x's precision).
  @usableFromInline static func fractionalPart(_ r: mpfr_ptr, _ x: mpfr_srcptr, _ rnd: mpfr_rnd_t) -> Int32 {
    let v = copy(x)
    let f = MPFloat.apply({ r, x, _ in mpfr_floor(r, x) }, v).value
    return MPFloat.apply(mpfr_sub, v, f, precision: v.precision + 1).value.withUnsafeMPFR { mpfr_set(r, $0, rnd) }
  }

  /// Lambert W on the real branch k ∈ {0, −1}: W₀ on [−1/e, ∞) (W₀(∞) = ∞),
  /// W₋₁ on [−1/e, 0) (W₋₁(0⁻) = −∞); NaN elsewhere.
  @usableFromInline static func lambertW(branch k: Int) -> MPFRUnaryOperation {
    { r, x, rnd in
      if mpfr_nan_p(x) != 0 { mpfr_set_nan(r); return 0 }
      if mpfr_inf_p(x) != 0 {
        if k == 0 && mpfr_sgn(x) > 0 { mpfr_set_inf(r, 1) } else { mpfr_set_nan(r) }
        return 0
      }
      if mpfr_zero_p(x) != 0 {
        if k == 0 { mpfr_set_zero(r, 1) } else { mpfr_set_inf(r, -1) }
        return 0
      }
      if k == -1 && mpfr_sgn(x) > 0 { mpfr_set_nan(r); return 0 }
      return fp_arb_lambertw_mpfr(r, x, Int32(k), Int32(rnd.rawValue))
    }
  }

  /// The Airy function Ai(x): Ai(±∞) = +0 (as MPFR's `mpfr_ai`), NaN at NaN.
  ///
  /// From Arb rather than MPFR: `mpfr_ai` (MPFR 4.2) takes seconds at x = 1000,
  /// minutes at |x| = 10⁵, and at x = 10⁸ aborts the process in GMP (it asks for a
  /// 240 TB allocation); found with hand-made inputs of the expressions fuzz target
  /// (Tests/Fuzz/expressions/regressions/airy-large.txt).
  @usableFromInline static func airyAi(_ r: mpfr_ptr, _ x: mpfr_srcptr, _ rnd: mpfr_rnd_t) -> Int32 {
    if mpfr_nan_p(x) != 0 {
      mpfr_set_nan(r)
      return 0
    }
    if mpfr_inf_p(x) != 0 {
      mpfr_set_zero(r, 1)
      return 0
    }
    return fp_arb_airy_ai_mpfr(r, x, Int32(rnd.rawValue))
  }

  /// The Bessel function `kind` (0 = J, 1 = Y, 2 = I, 3 = K) of real order ν:
  /// NaN where it is not real (Y, K for x ≤ 0; J, I of non-integer order for x < 0).
  @usableFromInline static func bessel(kind: Int) -> MPFRBinaryOperation {
    { r, nu, x, rnd in
      if mpfr_nan_p(x) != 0 || mpfr_nan_p(nu) != 0 || mpfr_inf_p(nu) != 0 { mpfr_set_nan(r); return 0 }
      if mpfr_inf_p(x) != 0 {
        // J, Y, K → 0 and I → +∞ at +∞; NaN at −∞.
        if mpfr_sgn(x) < 0 { mpfr_set_nan(r) } else if kind == 2 { mpfr_set_inf(r, 1) } else { mpfr_set_zero(r, 1) }
        return 0
      }
      return fp_arb_bessel_mpfr(r, Int32(kind), nu, x, Int32(rnd.rawValue))
    }
  }
}
