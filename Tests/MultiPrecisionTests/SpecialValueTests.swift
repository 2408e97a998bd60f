import MultiPrecision
import Testing

/// NaN, ±∞ and ±0 through arithmetic and functions (IEEE 754 / C99 Annex F
/// conventions, which MPFR follows).
@Suite("Special values")
struct SpecialValueTests {
  static let p = 113
  static let zero = MPFloat(0, precision: p)
  static let negZero = -MPFloat(0, precision: p)
  static let one = MPFloat(1, precision: p)
  static let inf = MPFloat(Double.infinity, precision: p)
  static let nan = MPFloat(precision: p)

  /// (case, result, expected) where expected is a Double giving the class
  /// and sign to match (NaN, ±∞, ±0, or a finite value).
  static let cases: [(String, MPFloat, Double)] = [
    ("nan + 1", nan + one, .nan),
    ("inf - inf", inf - inf, .nan),
    ("0 * inf", zero * inf, .nan),
    ("0 / 0", zero / zero, .nan),
    ("inf / inf", inf / inf, .nan),
    ("1 / 0", one / zero, .infinity),
    ("1 / -0", one / negZero, -.infinity),
    ("-1 / 0", -one / zero, -.infinity),
    ("1 / inf", one / inf, 0),
    ("-1 / inf", -one / inf, -0.0),
    ("0 + -0", zero + negZero, 0),
    ("-0 + -0", negZero + negZero, -0.0),
    ("-0 - 0", negZero - zero, -0.0),
    ("1 - 1", one - one, 0),
    ("-0 * 1", negZero * one, -0.0),
    ("-0 * -1", negZero * -one, 0),
    ("-(0)", -zero, -0.0),
    ("inf + 1", inf + one, .infinity),
    ("-inf * -1", -inf * -one, .infinity),
    ("sqrt(-0)", .sqrt(negZero), -0.0),
    ("sqrt(-1)", .sqrt(-one), .nan),
    ("sqrt(inf)", .sqrt(inf), .infinity),
    ("log(0)", .log(zero), -.infinity),
    ("log(-0)", .log(negZero), -.infinity),
    ("log(-1)", .log(-one), .nan),
    ("log(inf)", .log(inf), .infinity),
    ("log1p(-1)", .log(onePlus: -one), -.infinity),
    ("exp(-inf)", .exp(-inf), 0),
    ("exp(inf)", .exp(inf), .infinity),
    ("exp(nan)", .exp(nan), .nan),
    ("expm1(-0)", .expMinusOne(negZero), -0.0),
    ("expm1(-inf)", .expMinusOne(-inf), -1),
    ("sin(-0)", .sin(negZero), -0.0),
    ("sin(inf)", .sin(inf), .nan),
    ("cos(-0)", .cos(negZero), 1),
    ("tan(-0)", .tan(negZero), -0.0),
    ("atan(-0)", .atan(negZero), -0.0),
    ("asin(2)", .asin(MPFloat(2, precision: p)), .nan),
    ("atanh(1)", .atanh(one), .infinity),
    ("atanh(-1)", .atanh(-one), -.infinity),
    ("acosh(0.5)", .acosh(MPFloat(0.5, precision: p)), .nan),
    ("sinh(-inf)", .sinh(-inf), -.infinity),
    ("cosh(-inf)", .cosh(-inf), .infinity),
    ("tanh(inf)", .tanh(inf), 1),
    ("tanh(-0)", .tanh(negZero), -0.0),
    ("erf(-inf)", .erf(-inf), -1),
    ("erf(-0)", .erf(negZero), -0.0),
    ("erfc(-inf)", .erfc(-inf), 2),
    ("erfc(inf)", .erfc(inf), 0),
    ("gamma(0)", .gamma(zero), .infinity),
    ("gamma(-0)", .gamma(negZero), -.infinity),
    ("gamma(-1)", .gamma(-one), .nan),
    ("gamma(-inf)", .gamma(-inf), .nan),
    ("lgamma(1)", .logGamma(one), 0),
    ("lgamma(-1)", .logGamma(-one), .infinity),
    ("zeta(1)", .zeta(one), .infinity),
    ("zeta(inf)", .zeta(inf), 1),
    ("pow(0, -1)", .pow(zero, -one), .infinity),
    ("pow(-0, -1)", .pow(negZero, -one), -.infinity),
    ("pow(-0, -2)", .pow(negZero, MPFloat(-2, precision: p)), .infinity),
    ("pow(nan, 0)", .pow(nan, zero), 1),
    ("pow(1, nan)", .pow(one, nan), 1),
    ("pow(-1, 0.5)", .pow(-one, MPFloat(0.5, precision: p)), .nan),
    ("pow(-1, inf)", .pow(-one, inf), 1),
    ("pow(x, Int) -0^-3", .pow(negZero, -3), -.infinity),
    ("cbrt(-inf)", .cbrt(-inf), -.infinity),
    ("cbrt(-0)", .cbrt(negZero), -0.0),
    ("atan2(0, -1)", .atan2(y: zero, x: -one), Double.pi),
    ("atan2(-0, -1)", .atan2(y: negZero, x: -one), -Double.pi),
    ("atan2(-0, 1)", .atan2(y: negZero, x: one), -0.0),
    ("hypot(inf, nan)", .hypot(inf, nan), .infinity),
    ("besselJ(0, inf)", .besselJ(0, inf), 0),
    ("besselY(0, 0)", .besselY(0, zero), -.infinity),
    ("ei(0)", .expIntegralEi(zero), -.infinity),
    ("fma(inf, 0, 1)", .fusedMultiplyAdd(inf, zero, one), .nan),
  ]

  @Test(arguments: cases.indices)
  func specialValue(_ i: Int) {
    let (name, result, expected) = Self.cases[i]
    if expected.isNaN {
      #expect(result.isNaN, "\(name) = \(result), expected nan")
    } else if expected.isZero || expected.isInfinite || expected == 1 || expected == -1 || expected == 2 {
      #expect(
        result.doubleValue == expected && result.sign == expected.sign,
        "\(name) = \(result), expected \(expected)")
    } else {
      // A finite non-trivial value (±π): compare at 53 bits.
      #expect(result.doubleValue == expected, "\(name) = \(result), expected \(expected)")
    }
  }

  @Test func comparisonsWithNaN() {
    // NaN values made two ways (a fresh result slot, and 0/0).
    let a = Self.nan, b = Self.zero / Self.zero, one = Self.one
    #expect(!(a == b) && a != b)
    #expect(!(a < one) && !(a > one) && !(a <= one) && !(a >= one))
    #expect(!(one < b) && !(one == b))
    #expect(a.isNaN && !a.isFinite && !a.isInfinite && !a.isZero)
    #expect(MPFloat.nan.isNaN)
  }

  @Test func signedZeros() {
    #expect(Self.zero == Self.negZero)
    #expect(Self.zero.sign == .plus && Self.negZero.sign == .minus)
    #expect(Self.negZero.isZero && Self.negZero.isFinite)
    #expect(Self.negZero.isTotallyOrdered(belowOrEqualTo: Self.zero))
    #expect(!Self.zero.isTotallyOrdered(belowOrEqualTo: Self.negZero))
    #expect(Self.negZero.description == "-0" && Self.zero.description == "0")
    #expect(MPFloat("-0", precision: 53)!.sign == .minus)
    #expect(MPFloat(-0.0, precision: 53).sign == .minus)
    #expect(MPFloat(-0.0, precision: 53).doubleValue.sign == .minus)
    #expect(Self.negZero.hashValue == Self.zero.hashValue)
  }

  @Test func infinities() {
    #expect(MPFloat.infinity > MPFloat.greatestFiniteMagnitude)
    #expect(-MPFloat.infinity < -MPFloat.greatestFiniteMagnitude)
    #expect(MPFloat.greatestFiniteMagnitude.isFinite)
    #expect(MPFloat.greatestFiniteMagnitude.nextUp.isInfinite)
    #expect(MPFloat.leastNonzeroMagnitude > 0 && MPFloat.leastNonzeroMagnitude.nextDown.isZero)
    #expect(MPFloat("inf")!.isInfinite && MPFloat("-inf")!.sign == .minus)
    #expect(MPFloat("nan")!.isNaN)
    #expect(Self.inf.description == "inf" && (-Self.inf).description == "-inf")
    #expect(Self.inf.doubleValue == .infinity)
    #expect(Self.inf.int() == nil && Self.nan.int() == nil)
  }
}
