import MultiPrecision
import Testing

@testable import Expressions

/// Parsing, printing and their round trip.
@Suite struct ParserTests {
  /// Each text with its fully parenthesized reading, written by hand from the
  /// precedence table (README.md): lowest `or`, `and`, `not`, comparisons,
  /// `+ -`, `* /`, prefix `- +`, `^` (right-associative), primary.
  static let precedence: [(String, String)] = [
    ("1 + 2 * 3", "(1 + (2 * 3))"),
    ("1 * 2 + 3", "((1 * 2) + 3)"),
    ("1 - 2 - 3", "((1 - 2) - 3)"),
    ("1 / 2 / 3", "((1 / 2) / 3)"),
    ("1 / 2 * 3", "((1 / 2) * 3)"),
    ("2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"),
    ("-x ^ 2", "(-(x ^ 2))"),
    ("-x * y", "((-x) * y)"),
    ("x * -y", "(x * (-y))"),
    ("2 ^ -3", "(2 ^ (-3))"),
    ("2 ^ -3 ^ 2", "(2 ^ (-(3 ^ 2)))"),
    ("- -x", "(-(-x))"),
    ("a < b + c", "(a < (b + c))"),
    ("a + b <= c * d", "((a + b) <= (c * d))"),
    ("not a < b", "(not (a < b))"),
    ("not a < b and c > d", "((not (a < b)) and (c > d))"),
    ("a < b or c < d and e < f", "((a < b) or ((c < d) and (e < f)))"),
    ("a < b and c < d or e < f", "(((a < b) and (c < d)) or (e < f))"),
    ("p == 1 or q != 2 or r >= 3", "(((p == 1) or (q != 2)) or (r >= 3))"),
    ("f(x, y + 1) ^ 2", "(f(x, (y + 1)) ^ 2)"),
    ("(1 + 2) * 3", "((1 + 2) * 3)"),
    ("-2 ^ 2", "(-(2 ^ 2))"),
    ("+x - -y", "((+x) - (-y))"),
  ]

  @Test(arguments: precedence)
  func precedenceAndAssociativity(_ text: String, _ grouped: String) throws {
    let e = try Expression.parse(text)
    #expect(fullyParenthesized(e) == grouped)
  }

  @Test func spansArePositions() throws {
    let e = try Expression.parse("exp(-x^2) + y")
    guard case .binary(.add, let lhs, let rhs, let span) = e else { Issue.record("shape"); return }
    #expect(span.range == 0..<13)
    #expect(lhs.span.range == 0..<9)
    #expect(rhs.span.range == 12..<13)
    #expect(lhs.span.text == "exp(-x^2)")
  }

  /// Spans are annotations: the same tree parsed from different layouts is equal.
  @Test func spansDoNotAffectEquality() throws {
    let a = try Expression.parse("x+1")
    let b = try Expression.parse("  ( x )  +  1 ")
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    #expect(a.span.range != b.span.range)
    #expect(a == .binary(.add, .variable("x"), .number("1")))
    #expect(!a.withoutSpans.span.isKnown)
    #expect(try Expression.parse("x+2") != a)
    #expect(try Expression.parse("π") == .constant(.pi))
    #expect(try Expression.parse("η^2").variables == ["η"])
  }

  @Test func literalsKeepTheirText() throws {
    #expect(try Expression.parse("1.50e-3") == .number("1.50e-3"))
    #expect(try Expression.parse(".5") == .number(".5"))
    #expect(try Expression.parse("2.") == .number("2."))
    #expect(try Expression.parse("6.02E+23") == .number("6.02E+23"))
  }

  @Test func identifiersAndConstants() throws {
    #expect(try Expression.parse("model.width_2") == .variable("model.width_2"))
    #expect(try Expression.parse("pi") == .constant(.pi))
    #expect(try Expression.parse("ln2") == .constant(.log2))
    #expect(
      try Expression.parse("euler + catalan + e")
        == .binary(.add, .binary(.add, .constant(.euler), .constant(.catalan)), .constant(.e)))
    let e = try Expression.parse("ratio <= C * eta^(-k) and slope.fit < -2")
    #expect(e.variables == ["ratio", "C", "eta", "k", "slope.fit"])
    #expect(try Expression.parse("besselj(2, x) + f()").functionNames == ["besselj", "f"])
  }

  @Test func canonicalText() throws {
    #expect(
      try Expression.parse("exp(-x^2)*cos(5*x)+gamma(1/3)").description
        == "exp(-x^2) * cos(5 * x) + gamma(1 / 3)")
    #expect(try Expression.parse("((a))-(b-c)").description == "a - (b - c)")
    #expect(try Expression.parse("(2^3)^2").description == "(2^3)^2")
    #expect(try Expression.parse("(-2)^2").description == "(-2)^2")
    #expect(try Expression.parse("-(-x)").description == "- -x")
    #expect(try Expression.parse("not (a<1 and b>2)").description == "not (a < 1 and b > 2)")
    #expect(try Expression.parse("a<1 and (b>2 or c==3)").description == "a < 1 and (b > 2 or c == 3)")
  }

  @Test(arguments: 0..<8)
  func randomRoundTrip(_ seed: Int) throws {
    var g = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 17)
    for _ in 0..<250 {
      let e = RandomExpression.boolean(&g, depth: 5)
      let text = e.description
      let back = try Expression.parse(text)
      #expect(back == e, "\(text)")
      #expect(back.description == text)
      let n = RandomExpression.number(&g, depth: 6)
      #expect(try Expression.parse(n.description) == n, "\(n.description)")
    }
  }
}

/// Every operator in explicit parentheses, for checking the tree's shape.
func fullyParenthesized(_ e: Expression) -> String {
  switch e {
  case .number(let t, _): return t
  case .variable(let n, _): return n
  case .constant(let c, _): return c.name
  case .call(let f, let args, _): return f + "(" + args.map(fullyParenthesized).joined(separator: ", ") + ")"
  case .unary(let op, let x, _): return "(\(op.rawValue)\(fullyParenthesized(x)))"
  case .binary(let op, let a, let b, _): return "(\(fullyParenthesized(a)) \(op.rawValue) \(fullyParenthesized(b)))"
  case .comparison(let op, let a, let b, _): return "(\(fullyParenthesized(a)) \(op.rawValue) \(fullyParenthesized(b)))"
  case .logical(let op, let a, let b, _): return "(\(fullyParenthesized(a)) \(op.rawValue) \(fullyParenthesized(b)))"
  case .not(let x, _): return "(not \(fullyParenthesized(x)))"
  }
}

/// Random well-typed trees over every node kind.
enum RandomExpression {
  static let literals = ["0", "1", "2", "0.5", ".25", "3.", "1e3", "2.5E-4", "10", "7"]
  static let names = ["x", "y", "eta", "r2", "a.b", "_k"]
  static let unaryFunctions = ["exp", "sin", "gamma", "log", "sqrt"]
  static let binaryFunctions = ["pow", "atan2", "hypot", "besselj"]

  static func number<G: RandomNumberGenerator>(_ g: inout G, depth: Int) -> Expression {
    if depth <= 0 || Int.random(in: 0..<10, using: &g) < 2 {
      switch Int.random(in: 0..<3, using: &g) {
      case 0: return .number(literals.randomElement(using: &g)!)
      case 1: return .variable(names.randomElement(using: &g)!)
      default: return .constant(MathConstant.allCases.randomElement(using: &g)!)
      }
    }
    switch Int.random(in: 0..<5, using: &g) {
    case 0: return .unary(UnaryOperator.allCases.randomElement(using: &g)!, number(&g, depth: depth - 1))
    case 1, 2:
      return .binary(
        BinaryOperator.allCases.randomElement(using: &g)!,
        number(&g, depth: depth - 1), number(&g, depth: depth - 1))
    case 3: return .call(unaryFunctions.randomElement(using: &g)!, [number(&g, depth: depth - 1)])
    default:
      return .call(
        binaryFunctions.randomElement(using: &g)!,
        [number(&g, depth: depth - 1), number(&g, depth: depth - 1)])
    }
  }

  static func boolean<G: RandomNumberGenerator>(_ g: inout G, depth: Int) -> Expression {
    if depth <= 0 || Int.random(in: 0..<10, using: &g) < 3 {
      return .comparison(
        ComparisonOperator.allCases.randomElement(using: &g)!,
        number(&g, depth: 3), number(&g, depth: 3))
    }
    switch Int.random(in: 0..<3, using: &g) {
    case 0: return .not(boolean(&g, depth: depth - 1))
    default:
      return .logical(
        LogicalOperator.allCases.randomElement(using: &g)!,
        boolean(&g, depth: depth - 1), boolean(&g, depth: depth - 1))
    }
  }
}
