import MultiPrecision

/// Certified complex evaluation: every literal, constant and operation
/// encloses the exact value in a rectangle (`ComplexInterval`), so a compiled
/// expression evaluates on complex rectangles directly (e.g. |f| on a contour).
///
/// Comparisons: between real rectangles (imaginary parts exactly 0) as for
/// `MPInterval`; `==` and `!=` componentwise in three-valued logic; an ordering
/// of a rectangle that is not real is `.unknown`.
extension ComplexInterval: ExpressionScalar {
  public init?(decimal text: String, precision: Int) {
    guard let x = MPInterval(decimal: text, precision: precision) else { return nil }
    self.init(x)
  }

  public init(constant: MathConstant, precision: Int) {
    self.init(MPInterval(constant: constant, precision: precision))
  }

  public init(integer n: Int, precision: Int) { self.init(MPInterval(n, precision: precision)) }

  public static func compare(_ lhs: ComplexInterval, _ op: ComparisonOperator, _ rhs: ComplexInterval) -> Truth {
    if lhs.isReal && rhs.isReal { return MPInterval.compare(lhs.real, op, rhs.real) }
    switch op {
    case .equal:
      return MPInterval.compare(lhs.real, .equal, rhs.real) && MPInterval.compare(lhs.imaginary, .equal, rhs.imaginary)
    case .notEqual:
      return MPInterval.compare(lhs.real, .notEqual, rhs.real)
        || MPInterval.compare(lhs.imaginary, .notEqual, rhs.imaginary)
    default: return .unknown
    }
  }

  public var exactInteger: Int? { isReal ? real.exactInteger : nil }

  public func widened(toPrecision precision: Int) -> ComplexInterval {
    ComplexInterval(real: real.widened(toPrecision: precision), imaginary: imaginary.widened(toPrecision: precision))
  }

  public static var defaultPrecision: Int { MPFloat.workingPrecision }

  public static var isComplex: Bool { true }

  public static func imaginaryUnit(precision: Int) -> ComplexInterval? {
    ComplexInterval(real: MPInterval(MPFloat(0, precision: precision)), imaginary: MPInterval(1, precision: precision))
  }
}
