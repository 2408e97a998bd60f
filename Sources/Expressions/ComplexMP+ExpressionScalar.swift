import ComplexModule
import MultiPrecision

/// Complex evaluation in `Complex<MPFloat>` (`ComplexMP`): the unbound name `i`
/// is the imaginary unit, every function is evaluated on its principal branch
/// (`ComplexMP.apply`, see `Sources/MultiPrecision/BRANCHES.md`).
///
///     let z = try Expression.parse("exp(i*pi) + 1").evaluate(as: ComplexMP.self, precision: 200)
///
/// Comparisons: between real values (imaginary parts exactly 0) as for
/// `MPFloat`; `==` and `!=` also between complex values; an ordering of a
/// non-real value is `.unknown`.
extension Complex: ExpressionScalar where RealType == MPFloat {
  public init?(decimal text: String, precision: Int) {
    guard let x = MPFloat(text, precision: precision) else { return nil }
    self.init(real: x)
  }

  public init(constant: MathConstant, precision: Int) {
    self.init(real: constant.value(precision: precision))
  }

  public init(integer n: Int, precision: Int) { self.init(real: MPFloat(n, precision: precision)) }

  public static func compare(_ lhs: ComplexMP, _ op: ComparisonOperator, _ rhs: ComplexMP) -> Truth {
    guard lhs.isFinite || !lhs.real.isNaN, rhs.isFinite || !rhs.real.isNaN else { return .unknown }
    if lhs.isReal && rhs.isReal { return MPFloat.compare(lhs.real, op, rhs.real) }
    switch op {
    case .equal: return Truth(lhs.real == rhs.real && lhs.imaginary == rhs.imaginary)
    case .notEqual: return Truth(lhs.real != rhs.real || lhs.imaginary != rhs.imaginary)
    default: return .unknown
    }
  }

  public var exactInteger: Int? { isReal ? real.exactInteger : nil }

  public func widened(toPrecision precision: Int) -> ComplexMP {
    self.precision >= precision
      ? self
      : ComplexMP(
        real.widened(toPrecision: precision),
        imaginary.widened(toPrecision: precision))
  }

  public static var defaultPrecision: Int { MPFloat.workingPrecision }

  public static var isComplex: Bool { true }

  public static func imaginaryUnit(precision: Int) -> ComplexMP? {
    ComplexMP(MPFloat(0, precision: precision), MPFloat(1, precision: precision))
  }
}
