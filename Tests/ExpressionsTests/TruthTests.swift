import BallArithmetic
import MultiPrecision
import Testing

@testable import Expressions

/// Three-valued logic: the strong Kleene tables, and comparisons that give them.
@Suite struct TruthTests {
  /// (p, q, p and q, p or q), the strong Kleene tables written out.
  static let table: [(Truth, Truth, Truth, Truth)] = [
    (.true, .true, .true, .true),
    (.true, .false, .false, .true),
    (.true, .unknown, .unknown, .true),
    (.false, .true, .false, .true),
    (.false, .false, .false, .false),
    (.false, .unknown, .false, .unknown),
    (.unknown, .true, .unknown, .true),
    (.unknown, .false, .false, .unknown),
    (.unknown, .unknown, .unknown, .unknown),
  ]

  /// Binds `p` and `q` to the truth values through a predicate of the table.
  static let functions: FunctionTable<ArbBall> = {
    var t = FunctionTable<ArbBall>()
    t.definePredicate("truth", arity: 1) { args in
      // 1 → true, 0 → false, the interval [0, 1] → unknown.
      let x = args[0]
      if x.isExact { return x.lower == 1 ? .true : .false }
      return .unknown
    }
    return t
  }()

  static func interval(_ t: Truth) -> ArbBall {
    switch t {
    case .true: return ArbBall(1, precision: 64)
    case .false: return ArbBall(0, precision: 64)
    case .unknown: return ArbBall(lower: MPFloat(0), upper: MPFloat(1))
    }
  }

  @Test(arguments: table)
  func kleeneTables(_ p: Truth, _ q: Truth, _ and: Truth, _ or: Truth) throws {
    #expect((p && q) == and)
    #expect((p || q) == or)
    let vars = ["p": Self.interval(p), "q": Self.interval(q)]
    func eval(_ s: String) throws -> Truth {
      try Expression.parse(s).evaluateTruth(
        as: ArbBall.self, variables: vars, functions: Self.functions, precision: 64)
    }
    #expect(try eval("truth(p) and truth(q)") == and)
    #expect(try eval("truth(p) or truth(q)") == or)
    #expect(try eval("not truth(p)") == !p)
    // De Morgan holds in Kleene logic.
    #expect(try eval("not (truth(p) and truth(q))") == (try eval("not truth(p) or not truth(q)")))
  }

  @Test func negation() {
    #expect(!Truth.true == .false)
    #expect(!Truth.false == .true)
    #expect(!Truth.unknown == .unknown)
  }

  /// Interval comparisons: decided when the enclosures are separated, unknown when they overlap.
  @Test func intervalComparisons() throws {
    let a = ArbBall(lower: MPFloat(1), upper: MPFloat(2))
    let b = ArbBall(lower: MPFloat(3), upper: MPFloat(4))
    let c = ArbBall(lower: MPFloat("1.5")!, upper: MPFloat(3))
    let vars = ["a": a, "b": b, "c": c, "two": ArbBall(2, precision: 64)]
    func eval(_ s: String) throws -> Truth {
      try Expression.parse(s).evaluateTruth(as: ArbBall.self, variables: vars, precision: 64)
    }
    #expect(try eval("a < b") == .true)
    #expect(try eval("a > b") == .false)
    #expect(try eval("b >= a") == .true)
    #expect(try eval("a <= b") == .true)
    #expect(try eval("a == b") == .false)
    #expect(try eval("a != b") == .true)
    #expect(try eval("a < c") == .unknown)
    #expect(try eval("a == c") == .unknown)
    #expect(try eval("a <= two") == .true)  // touching endpoint: 2 ≤ 2
    #expect(try eval("a < two") == .unknown)
    #expect(try eval("two == 2") == .true)
    #expect(try eval("a < c or a < b") == .true)
    #expect(try eval("a < c and a > b") == .false)
    // Outside a domain: possibly undefined gives unknown.
    #expect(try eval("sqrt(a - 2) >= 0") == .unknown)
  }

  /// A certified claim that is false must come out false, not true.
  @Test func violatedClaimFails() throws {
    // pi < 3.1415926 is false; at 64 bits the enclosure of pi separates.
    #expect(try Expression.parse("pi < 3.1415926").evaluateTruth(as: ArbBall.self, precision: 64) == .false)
    #expect(try Expression.parse("pi < 3.1415927").evaluateTruth(as: ArbBall.self, precision: 64) == .true)
    // Too few bits to decide: unknown, never a wrong answer.
    #expect(try Expression.parse("pi < 3.1415927").evaluateTruth(as: ArbBall.self, precision: 12) == .unknown)
  }

  @Test func pointComparisons() throws {
    #expect(try Expression.parse("0.1 + 0.2 == 0.3").evaluateTruth(as: Double.self) == .false)
    #expect(try Expression.parse("1/0 > 1e308").evaluateTruth(as: Double.self) == .true)
    #expect(try Expression.parse("0/0 < 1").evaluateTruth(as: Double.self) == .unknown)
    #expect(try Expression.parse("0/0 != 0/0").evaluateTruth(as: MPFloat.self, precision: 64) == .unknown)
    #expect(try Expression.parse("sqrt(2)^2 != 2").evaluateTruth(as: MPFloat.self, precision: 64) == .true)
  }
}
