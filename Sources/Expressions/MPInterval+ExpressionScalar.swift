import MultiPrecision

/// Certified evaluation: every literal, constant and operation encloses the
/// exact value, so a comparison is `.true` or `.false` only when it holds (or
/// fails) for every point of the enclosures, and `.unknown` otherwise.
extension MPInterval: ExpressionScalar {
  public init(integer n: Int, precision: Int) { self.init(n, precision: precision) }

  public static func power(_ x: MPInterval, _ n: Int) -> MPInterval { pow(x, n) }

  /// Certain comparison of enclosures: `.true` if it holds for all pairs of
  /// points, `.false` if for none, `.unknown` if for some, or if either side
  /// is empty or possibly undefined (an argument left a function's domain).
  public static func compare(_ lhs: MPInterval, _ op: ComparisonOperator, _ rhs: MPInterval) -> Truth {
    if lhs.isEmpty || rhs.isEmpty || lhs.possiblyUndefined || rhs.possiblyUndefined { return .unknown }
    func decide(_ certainly: Bool, _ possibly: Bool) -> Truth {
      certainly ? .true : (possibly ? .unknown : .false)
    }
    switch op {
    case .less: return decide(lhs.certainlyLess(than: rhs), lhs.possiblyLess(than: rhs))
    case .lessOrEqual: return decide(lhs.certainlyLessOrEqual(to: rhs), lhs.possiblyLessOrEqual(to: rhs))
    case .greater: return decide(rhs.certainlyLess(than: lhs), rhs.possiblyLess(than: lhs))
    case .greaterOrEqual: return decide(rhs.certainlyLessOrEqual(to: lhs), rhs.possiblyLessOrEqual(to: lhs))
    case .equal: return decide(lhs.certainlyEqual(to: rhs), lhs.possiblyEqual(to: rhs))
    case .notEqual: return !decide(lhs.certainlyEqual(to: rhs), lhs.possiblyEqual(to: rhs))
    }
  }

  /// The integer when the interval is a single integer point.
  public var exactInteger: Int? {
    guard isPoint, !possiblyUndefined else { return nil }
    return lower.exactInteger
  }

  /// The same set with endpoints carried at ≥ `precision` bits (exact).
  public func widened(toPrecision precision: Int) -> MPInterval {
    self.precision >= precision ? self : roundedOutward(toPrecision: precision)
  }

  public static var defaultPrecision: Int { MPFloat.workingPrecision }
}
