import MultiPrecision

/// A number type expressions can be evaluated in: `Double`, `MPFloat`,
/// and Arb's balls `ArbBall` (real) and `AcbBall` (complex), in BallArithmetic.
///
/// The requirements are exactly what evaluation needs. `precision` is in bits;
/// types of fixed precision (`Double`) ignore it.
public protocol ExpressionScalar: Sendable {
  /// The literal `text` (decimal syntax of the language) read at `precision`:
  /// correctly rounded for a floating type, the tightest enclosure for an
  /// interval. Nil if the text is not a number.
  init?(decimal text: String, precision: Int)
  /// A constant at `precision` (rounded to nearest, or enclosed).
  init(constant: MathConstant, precision: Int)
  /// An integer at `precision`.
  init(integer n: Int, precision: Int)

  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  static func / (lhs: Self, rhs: Self) -> Self
  static prefix func - (x: Self) -> Self

  /// xⁿ for an integer n (defined for negative x).
  static func power(_ x: Self, _ n: Int) -> Self
  /// f(x) at the precision of x.
  static func apply(_ f: RealFunction, _ x: Self) -> Self
  /// f(a, b) at the larger precision of a and b.
  static func apply(_ f: RealFunction2, _ a: Self, _ b: Self) -> Self

  /// `lhs op rhs`: `.true`/`.false` when decided, `.unknown` when not (NaN, or
  /// overlapping enclosures).
  static func compare(_ lhs: Self, _ op: ComparisonOperator, _ rhs: Self) -> Truth

  /// The value as an `Int` when it is exactly one integer (used to apply `^`
  /// as an integer power); nil otherwise.
  var exactInteger: Int? { get }

  /// The value carried at no less than `precision` bits (exactly: widening
  /// never rounds). Evaluation widens bound variables with it, so that
  /// `exp(x)` at 200 bits does not come out at x's 53 bits.
  func widened(toPrecision precision: Int) -> Self

  /// The precision a caller gets when it names none.
  static var defaultPrecision: Int { get }

  /// Whether the type holds complex values (then the unbound name `i` is the
  /// imaginary unit). False by default.
  static var isComplex: Bool { get }
  /// The imaginary unit at `precision`; nil for real types (the default).
  static func imaginaryUnit(precision: Int) -> Self?
}

extension ExpressionScalar {
  public static var isComplex: Bool { false }
  public static func imaginaryUnit(precision: Int) -> Self? { nil }
}

/// The name of the imaginary unit in the language: `i`, when no variable of
/// that name is bound.
public let imaginaryUnitName = "i"

// MARK: - MPFloat

extension MPFloat: ExpressionScalar {
  public init?(decimal text: String, precision: Int) {
    self.init(text, precision: precision)
  }

  public init(constant: MathConstant, precision: Int) {
    self = constant.value(precision: precision)
  }

  public init(integer n: Int, precision: Int) { self.init(n, precision: precision) }

  /// xⁿ correctly rounded (MPFR `mpfr_pow_si`).
  public static func power(_ x: MPFloat, _ n: Int) -> MPFloat { pow(x, n) }

  public static func apply(_ f: RealFunction, _ x: MPFloat) -> MPFloat { f(x) }

  public static func apply(_ f: RealFunction2, _ a: MPFloat, _ b: MPFloat) -> MPFloat { f(a, b) }

  /// Exact comparison; NaN on either side gives `.unknown`.
  public static func compare(_ lhs: MPFloat, _ op: ComparisonOperator, _ rhs: MPFloat) -> Truth {
    if lhs.isNaN || rhs.isNaN { return .unknown }
    return Truth(op.holds(lhs, rhs))
  }

  public var exactInteger: Int? {
    guard isFinite, self == self.rounded(.towardZero) else { return nil }
    return int(rounding: .towardZero)
  }

  public func widened(toPrecision precision: Int) -> MPFloat {
    self.precision >= precision ? self : rounded(toPrecision: precision)
  }

  public static var defaultPrecision: Int { workingPrecision }
}

// MARK: - Double

extension Double: ExpressionScalar {
  /// The literal correctly rounded to the nearest `Double` (`precision` ignored).
  public init?(decimal text: String, precision: Int) {
    guard let x = MPFloat(text, precision: 53) else { return nil }
    self = x.doubleValue
  }

  /// The constant correctly rounded to the nearest `Double`.
  public init(constant: MathConstant, precision: Int) {
    self = constant.value(precision: 53).doubleValue
  }

  public init(integer n: Int, precision: Int) { self.init(n) }

  /// xⁿ correctly rounded (MPFR at 53 bits).
  public static func power(_ x: Double, _ n: Int) -> Double {
    MPFloat.pow(MPFloat(x, precision: 53), n).doubleValue
  }

  /// f(x) by MPFR at 53 bits, so correctly rounded.
  public static func apply(_ f: RealFunction, _ x: Double) -> Double {
    f(MPFloat(x, precision: 53)).doubleValue
  }

  public static func apply(_ f: RealFunction2, _ a: Double, _ b: Double) -> Double {
    f(MPFloat(a, precision: 53), MPFloat(b, precision: 53)).doubleValue
  }

  /// Exact comparison; NaN on either side gives `.unknown`.
  public static func compare(_ lhs: Double, _ op: ComparisonOperator, _ rhs: Double) -> Truth {
    if lhs.isNaN || rhs.isNaN { return .unknown }
    return Truth(op.holds(lhs, rhs))
  }

  public var exactInteger: Int? {
    guard isFinite, self == rounded(.towardZero), abs(self) < 0x1p62 else { return nil }
    return Int(self)
  }

  public func widened(toPrecision precision: Int) -> Double { self }

  public static var defaultPrecision: Int { 53 }
}

extension ComparisonOperator {
  /// The comparison on a totally ordered type (no NaN).
  public func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
    switch self {
    case .less: return a < b
    case .lessOrEqual: return a <= b
    case .greater: return a > b
    case .greaterOrEqual: return a >= b
    case .equal: return a == b
    case .notEqual: return a != b
    }
  }
}
