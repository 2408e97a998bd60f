import BallArithmetic
import CArb
import MultiPrecision

/// Evaluation on Arb's complex balls: the certified complex scalar of the
/// language (the unbound name `i` is the imaginary unit), and the integrand of
/// certified quadrature. Every literal, constant and operation encloses the exact
/// value; functions follow `AcbBall.apply` (principal branches; on exactly real
/// balls the real functions, so real results stay exactly real; with `analytic`
/// set, a function that is not holomorphic on the whole ball gives an
/// indeterminate ball, Arb's convention for certified integration).
///
/// Comparisons: between real balls (imaginary parts exactly 0) as for `ArbBall`;
/// `==` and `!=` componentwise in three-valued logic; an ordering of a ball that is
/// not real is `.unknown`.
extension AcbBall: ExpressionScalar {
  public init(integer n: Int, precision: Int) { self.init(n, precision: precision) }

  public static var isComplex: Bool { true }

  /// The imaginary unit i (exact).
  public static func imaginaryUnit(precision: Int) -> AcbBall? { AcbBall.i(precision: precision) }

  public static func power(_ x: AcbBall, _ n: Int) -> AcbBall { pow(x, n) }

  public static func compare(_ lhs: AcbBall, _ op: ComparisonOperator, _ rhs: AcbBall) -> Truth {
    if lhs.isReal && rhs.isReal { return ArbBall.compare(lhs.realBall, op, rhs.realBall) }
    guard lhs.isFinite, rhs.isFinite else { return .unknown }
    switch op {
    case .equal:
      return ArbBall.compare(lhs.realBall, .equal, rhs.realBall)
        && ArbBall.compare(lhs.imaginaryBall, .equal, rhs.imaginaryBall)
    case .notEqual:
      return ArbBall.compare(lhs.realBall, .notEqual, rhs.realBall)
        || ArbBall.compare(lhs.imaginaryBall, .notEqual, rhs.imaginaryBall)
    default: return .unknown
    }
  }

  public static var defaultPrecision: Int { MPFloat.workingPrecision }
}
