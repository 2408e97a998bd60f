import BallArithmetic
import MultiPrecision

/// Certified real evaluation on Arb's real balls: every literal, constant and
/// operation encloses the exact value, so a comparison is `.true` or `.false`
/// only when it holds (or fails) for every point of the balls, and `.unknown`
/// otherwise. A function applied outside its domain gives an indeterminate ball
/// (`ArbBall.apply`), and every comparison with it is `.unknown`.
extension ArbBall: ExpressionScalar {
  public init(integer n: Int, precision: Int) { self.init(n, precision: precision) }

  public static func power(_ x: ArbBall, _ n: Int) -> ArbBall { pow(x, n) }

  /// Certain comparison of balls: `.true` if it holds for all pairs of points,
  /// `.false` if for none, `.unknown` if for some, or if either side is not finite.
  public static func compare(_ lhs: ArbBall, _ op: ComparisonOperator, _ rhs: ArbBall) -> Truth {
    guard lhs.isFinite || lhs.isInfinitePoint, rhs.isFinite || rhs.isInfinitePoint else { return .unknown }
    let d = lhs - rhs
    let (lo, hi) = d.bounds()
    if lo.isNaN || hi.isNaN { return .unknown }
    let zero = MPFloat(0, precision: 2)
    func decide(_ certainly: Bool, _ certainlyNot: Bool) -> Truth {
      certainly ? .true : (certainlyNot ? .false : .unknown)
    }
    switch op {
    case .less: return decide(hi < zero, lo >= zero)
    case .lessOrEqual: return decide(hi <= zero, lo > zero)
    case .greater: return decide(lo > zero, hi <= zero)
    case .greaterOrEqual: return decide(lo >= zero, hi < zero)
    case .equal: return decide(lo == zero && hi == zero, lo > zero || hi < zero)
    case .notEqual: return decide(lo > zero || hi < zero, lo == zero && hi == zero)
    }
  }

  /// The integer when the ball is one exact integer.
  public var exactInteger: Int? {
    guard isExact, isExactInteger else { return nil }
    return midpoint(precision: 64).exactInteger
  }

  /// The same ball, operations on it carried out at ≥ `precision` bits (exact).
  public func widened(toPrecision precision: Int) -> ArbBall { widened(to: precision) }

  public static var defaultPrecision: Int { MPFloat.workingPrecision }

  /// Whether the ball is the exact point +∞ or −∞ (an exact infinite value,
  /// comparable with finite balls).
  var isInfinitePoint: Bool { isExact && midpoint(precision: 2).isInfinite }
}
