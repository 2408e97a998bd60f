import BallArithmetic
import CArb
import MultiPrecision

/// Evaluation on Arb's complex balls, for certified quadrature: every literal,
/// constant and operation encloses the exact value, as for `MPInterval`, and
/// an argument marked `analytic` makes non-holomorphic functions (|x|, min, max,
/// floor, ceil, round, trunc and functions beyond the table below) return an
/// indeterminate ball. Functions without a ball implementation here (digamma,
/// zeta, Ai, Ei, Li₂, Bessel, the two-argument functions other than pow, min,
/// max, hypot, atan2 on the right half-plane) give an indeterminate ball, so
/// a certified integral of them falls back to the non-rigorous estimate.
extension AcbBall: ExpressionScalar {
  public init(integer n: Int, precision: Int) { self.init(n, precision: precision) }

  /// The imaginary unit i (exact), for complex integrands on the certified path.
  public static func imaginaryUnit(precision: Int) -> AcbBall? { AcbBall.i(precision: precision) }

  public static func power(_ x: AcbBall, _ n: Int) -> AcbBall { pow(x, n) }

  public static func apply(_ f: RealFunction, _ x: AcbBall) -> AcbBall {
    switch f {
    case .exp: return exp(x)
    case .expm1: return expMinusOne(x)
    case .exp2: return exp(x * AcbBall(constant: .log2, precision: x.precision))
    case .exp10: return exp(x * log(AcbBall(10, precision: x.precision)))
    case .log: return log(x)
    case .log1p: return log(onePlus: x)
    case .log2: return log(x) / AcbBall(constant: .log2, precision: x.precision)
    case .log10: return log(x) / log(AcbBall(10, precision: x.precision))
    case .sqrt: return sqrt(x)
    case .cbrt: return cbrt(x)
    case .abs: return abs(x)
    case .sin: return sin(x)
    case .cos: return cos(x)
    case .tan: return tan(x)
    case .sec: return sec(x)
    case .csc: return csc(x)
    case .cot: return cot(x)
    case .asin: return asin(x)
    case .acos: return acos(x)
    case .atan: return atan(x)
    case .sinh: return sinh(x)
    case .cosh: return cosh(x)
    case .tanh: return tanh(x)
    case .sech: return sech(x)
    case .csch: return csch(x)
    case .coth: return coth(x)
    case .asinh: return asinh(x)
    case .acosh: return acosh(x)
    case .atanh: return atanh(x)
    case .erf: return erf(x)
    case .erfc: return erfc(x)
    case .gamma: return gamma(x)
    case .lgamma: return logGamma(x)
    case .floor: return floor(x)
    case .ceil: return ceil(x)
    // No ball form here: special functions without an Arb wrapper, and the
    // piecewise or non-holomorphic functions of the language (re, im, conj, arg, sign,
    // heaviside, relu, frac), whose integrals fall back to the estimate.
    case .digamma, .zeta, .ai, .ei, .li2, .j0, .j1, .y0, .y1, .trunc, .round,
      .re, .im, .conj, .arg, .sign, .heaviside, .relu, .frac, .lambertw:
      return indeterminate(precision: x.precision, analytic: x.analytic)
    }
  }

  public static func apply(_ f: RealFunction2, _ a: AcbBall, _ b: AcbBall) -> AcbBall {
    switch f {
    case .pow:
      if let n = b.exactInteger { return pow(a, n) }
      return pow(a, b)
    case .min: return min(a, b)
    case .max: return max(a, b)
    case .hypot: return sqrt(a * a + b * b)
    case .atan2:
      // atan2(y, x) = atan(y/x) on the right half-plane x > 0.
      if arb_is_positive(b.real) != 0 { return atan(a / b) }
      return indeterminate(precision: Swift.max(a.precision, b.precision), analytic: a.analytic || b.analytic)
    case .root:
      if let n = b.exactInteger, n == 2 { return sqrt(a) }
      if let n = b.exactInteger, n == 3 { return cbrt(a) }
      return indeterminate(precision: Swift.max(a.precision, b.precision), analytic: a.analytic || b.analytic)
    default:
      return indeterminate(precision: Swift.max(a.precision, b.precision), analytic: a.analytic || b.analytic)
    }
  }

  /// Certain comparison of the real parts when both balls are real; `.unknown`
  /// otherwise or when they overlap.
  public static func compare(_ lhs: AcbBall, _ op: ComparisonOperator, _ rhs: AcbBall) -> Truth {
    guard lhs.isFinite, rhs.isFinite, lhs.isReal, rhs.isReal else { return .unknown }
    return MPInterval.compare(lhs.realInterval(), op, rhs.realInterval())
  }

  /// The integer when the ball is one exact real integer.
  public var exactInteger: Int? {
    guard isExact, isReal, arb_is_int(real) != 0 else { return nil }
    return realMidpoint(precision: 64).exactInteger
  }

  /// The same ball, operations on it carried out at ≥ `precision` bits.
  public func widened(toPrecision precision: Int) -> AcbBall {
    if self.precision >= precision { return self }
    let r = AcbBall(precision: precision, analytic: analytic)
    acb_set(r.pointer, pointer)
    return r
  }

  public static var defaultPrecision: Int { MPFloat.workingPrecision }
}
