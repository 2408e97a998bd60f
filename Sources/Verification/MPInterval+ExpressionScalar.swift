import Expressions
import MultiPrecision

// Lets claims and the `expression` provider evaluate in interval arithmetic
// (certified enclosures). Kept here until the Expressions module provides the
// conformance itself; then this file is deleted.
extension MPInterval: ExpressionScalar {
  public init(integer n: Int, precision: Int) { self.init(n, precision: precision) }

  public static func power(_ x: MPInterval, _ n: Int) -> MPInterval { pow(x, n) }

  /// `.true`/`.false` when the enclosures decide the comparison, `.unknown` when they overlap.
  public static func compare(_ lhs: MPInterval, _ op: ComparisonOperator, _ rhs: MPInterval) -> Truth {
    if lhs.isEmpty || rhs.isEmpty || lhs.possiblyUndefined || rhs.possiblyUndefined { return .unknown }
    switch op {
    case .less:
      return lhs.certainlyLess(than: rhs) ? .true : (rhs.certainlyLessOrEqual(to: lhs) ? .false : .unknown)
    case .lessOrEqual:
      return lhs.certainlyLessOrEqual(to: rhs) ? .true : (rhs.certainlyLess(than: lhs) ? .false : .unknown)
    case .greater: return compare(rhs, .less, lhs)
    case .greaterOrEqual: return compare(rhs, .lessOrEqual, lhs)
    case .equal:
      return lhs.certainlyEqual(to: rhs) ? .true : (lhs.possiblyEqual(to: rhs) ? .unknown : .false)
    case .notEqual: return !compare(lhs, .equal, rhs)
    }
  }

  /// The integer when the enclosure is that single integer.
  public var exactInteger: Int? { isPoint ? lower.exactInteger : nil }

  public func widened(toPrecision precision: Int) -> MPInterval {
    self.precision >= precision ? self : roundedOutward(toPrecision: precision)
  }

  public static var defaultPrecision: Int { MPFloat.workingPrecision }
}

extension Quantity {
  /// The quantity as an interval (its enclosure; rigour is tracked separately).
  var interval: MPInterval { MPInterval(lower: lower, upper: upper) }

  /// An interval result; rigorous when every input was.
  init(_ x: MPInterval, rigorous: Bool) throws {
    guard !x.isEmpty, !x.possiblyUndefined else {
      throw ClaimEvaluationError("the value is undefined for part of the enclosure (e.g. log or sqrt of a negative, division by 0)")
    }
    self.init(lower: x.lower, upper: x.upper, rigorous: rigorous)
  }
}
