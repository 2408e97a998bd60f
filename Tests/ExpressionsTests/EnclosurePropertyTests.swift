import BallArithmetic
import MultiPrecision
import Testing

@testable import Expressions

/// Property: the enclosure contains the point value. For random well-formed
/// expressions in `x`, `y` at random points, the `ArbBall` evaluation at p bits
/// contains the `MPFloat` evaluation at p + 256 bits (correctly rounded at each
/// step, so within 2⁻²⁵⁶ relative of the exact value times the expression's
/// condition number, far inside any enclosure Arb computes at p bits for these
/// shallow trees). Seeded; the same 400 expressions per seed on every run.
///
/// Twin: the same MPFR value moved by 2⁻⁴⁰ of itself lies outside every
/// enclosure that Arb reports accurate to 50 bits or more; if `contains`
/// accepted everything, or the enclosures were wide, the twin would catch it.
@Suite struct EnclosurePropertyTests {
  /// Functions both MPFR and Arb evaluate (one and two arguments).
  static let unary = ["exp", "sin", "cos", "atan", "sqrt", "log", "tanh", "erf", "gamma", "abs", "cbrt", "sinh"]
  static let binary = ["hypot", "atan2", "pow"]
  static let literals = ["0.5", "2", "3", "0.1", "1e-3", "7.25", "10"]

  static func expression<G: RandomNumberGenerator>(_ g: inout G, depth: Int) -> Expression {
    if depth <= 0 || Int.random(in: 0..<10, using: &g) < 2 {
      switch Int.random(in: 0..<4, using: &g) {
      case 0: return .number(literals.randomElement(using: &g)!)
      case 1: return .constant(MathConstant.allCases.randomElement(using: &g)!)
      case 2: return .variable("x")
      default: return .variable("y")
      }
    }
    switch Int.random(in: 0..<6, using: &g) {
    case 0: return .unary(.negate, expression(&g, depth: depth - 1))
    case 1, 2:
      return .binary(
        [BinaryOperator.add, .subtract, .multiply, .divide].randomElement(using: &g)!,
        expression(&g, depth: depth - 1), expression(&g, depth: depth - 1))
    case 3:
      return .binary(.power, expression(&g, depth: depth - 1), .number(["2", "3", "-1"].randomElement(using: &g)!))
    case 4: return .call(unary.randomElement(using: &g)!, [expression(&g, depth: depth - 1)])
    default:
      return .call(
        binary.randomElement(using: &g)!, [expression(&g, depth: depth - 1), expression(&g, depth: depth - 1)])
    }
  }

  @Test(arguments: [(1, 64), (2, 64), (3, 128), (4, 128)])
  func pointValueInsideEnclosure(_ seed: Int, _ precision: Int) throws {
    var g = SplitMix64(seed: UInt64(seed) &* 0x2545_F491_4F6C_DD1D &+ 3)
    let wide = precision + 256
    var checked = 0, accurate = 0, twinOutside = 0
    for _ in 0..<400 {
      let e = Self.expression(&g, depth: 4)
      // Points with a few decimal digits, exact in binary at 53 bits and above.
      let x = Double(Int.random(in: -300...300, using: &g)) / 64
      let y = Double(Int.random(in: 1...400, using: &g)) / 32
      let ball = try e.evaluate(
        as: ArbBall.self,
        variables: ["x": ArbBall(MPFloat(x, precision: 53)), "y": ArbBall(MPFloat(y, precision: 53))],
        precision: precision)
      let point = try e.evaluate(
        as: MPFloat.self, variables: ["x": MPFloat(x, precision: 53), "y": MPFloat(y, precision: 53)], precision: wide)
      // Outside a function's domain (log of a negative, a pole) MPFR gives NaN or ±∞
      // and Arb a non-finite ball: nothing to compare.
      guard ball.isFinite, point.isFinite else { continue }
      checked += 1
      #expect(ball.contains(point), "\(e.description) at x = \(x), y = \(y): \(point) ∉ \(ball)")
      if ball.relativeAccuracyBits >= 50 && !point.isZero {
        accurate += 1
        let moved = point + point * MPFloat(0x1p-40, precision: wide)
        if !ball.contains(moved) { twinOutside += 1 }
      }
    }
    // Most random trees stay inside the domains; a generator that produced only
    // NaN would make the property vacuous.
    #expect(checked >= 200, "only \(checked) of 400 expressions had a finite value")
    #expect(accurate >= 100, "only \(accurate) enclosures accurate to 50 bits")
    #expect(twinOutside == accurate, "a value moved by 2⁻⁴⁰ was inside \(accurate - twinOutside) enclosures")
  }
}
