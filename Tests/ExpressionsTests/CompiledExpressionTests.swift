import BallArithmetic
import Foundation
import MultiPrecision
import Testing

@testable import Expressions

@Suite struct CompiledExpressionTests {
  /// One compilation, many evaluations, against the same formula written in Swift.
  @Test func gridAgainstSwiftFormula() throws {
    let compiled = try CompiledExpression<Double>(
      try Expression.parse("exp(-x^2) * cos(5*x) + a * sin(x)^2"), variables: ["x", "a"])
    #expect(compiled.kind == .number)
    #expect(compiled.variableNames == ["x", "a"])
    for i in 0...200 {
      let x = -2 + Double(i) / 50, a = 0.25 * Double(i % 7)
      let expected = Foundation.exp(-x * x) * Foundation.cos(5 * x) + a * Foundation.sin(x) * Foundation.sin(x)
      let v = try compiled.evaluate([x, a])
      #expect(Swift.abs(v - expected) <= 4e-16 * Swift.max(1, Swift.abs(expected)), "x = \(x)")
    }
  }

  /// The compiled form of a claim over intervals: certified per grid cell.
  @Test func certifiedClaimOverCells() throws {
    // x^2 - 2x + 1 >= 0 holds everywhere; (x - 1)^2 > 0 fails to be certain near 1.
    let always = try CompiledExpression<ArbBall>(
      try Expression.parse("(x - 1)^2 >= 0"), variables: ["x"], precision: 64)
    let strict = try CompiledExpression<ArbBall>(
      try Expression.parse("(x - 1)^2 > 0"), variables: ["x"], precision: 64)
    var unknownCells = 0
    for i in 0..<20 {
      let cell = ArbBall(
        lower: MPFloat(Double(i) / 10, precision: 64), upper: MPFloat(Double(i + 1) / 10, precision: 64))
      #expect(try always.evaluateTruth([cell]) == .true)
      let t = try strict.evaluateTruth([cell])
      #expect(t != .false)
      if t == .unknown { unknownCells += 1 }
    }
    #expect(unknownCells == 2)  // the two cells touching x = 1
  }

  @Test func literalsAreReadOnceAtThePrecision() throws {
    let c = try CompiledExpression<MPFloat>(try Expression.parse("x + 0.1"), variables: ["x"], precision: 200)
    let v = try c.evaluate([MPFloat(1, precision: 53)])
    #expect(v.precision == 200)
    #expect(v == MPFloat(1, precision: 200) + MPFloat("0.1", precision: 200)!)
  }

  /// Closed subexpressions are evaluated once at compile time, to the same value.
  @Test func constantFolding() throws {
    let e = try Expression.parse("exp(-x^2) * cos(5*x) + gamma(1/3)")
    let folded = try CompiledExpression<MPFloat>(e, variables: ["x"], precision: 256)
    // load x, ^2, negate, exp, push 5, load x, *, cos, *, push Γ(1/3), +
    #expect(folded.program.count == 11)
    var unfolded: [CompiledExpression<MPFloat>.Instruction] = []
    try CompiledExpression<MPFloat>.emit(
      e, into: &unfolded, slots: ["x": 0], functions: FunctionTable(),
      precision: 256, fold: false)
    #expect(unfolded.count == 15)  // push 1, push 3, /, gamma instead of one push
    let x = MPFloat("0.5", precision: 256)!
    guard case .number(let a) = try CompiledExpression<MPFloat>.run(unfolded, [x], precision: 256, kind: .number)
    else { Issue.record("kind"); return }
    #expect(try folded.evaluate([x]) == a)
    // Table functions are never folded (they may be impure or throw).
    var t = FunctionTable<MPFloat>()
    t.define("one", arity: 0) { _ in MPFloat(1) }
    let withTable = try CompiledExpression<MPFloat>(try Expression.parse("one() + 1"), variables: [], functions: t)
    #expect(withTable.program.count == 3)
  }

  /// Constant exponents: integer ones compile to integer powers, others to pow.
  @Test func constantExponents() throws {
    func eval(_ text: String, _ x: Double) throws -> Double {
      try CompiledExpression<Double>(try Expression.parse(text), variables: ["x"]).evaluate([x])
    }
    #expect(try eval("x^3", -2) == -8)
    #expect(try eval("x^(1+1)", -3) == 9)
    #expect(try eval("x^-2", -2) == 0.25)
    #expect(try eval("x^0.5", 2) == 2.0.squareRoot())
    #expect(try eval("x^0.5", -2).isNaN)
    #expect(try eval("x^(1/3)", 8) == 2)
    #expect(try eval("2^x", 10) == 1024)
  }

  @Test func compileTimeErrors() throws {
    let e = try Expression.parse("x + y")
    let error = #expect(throws: ExpressionError.self) { try CompiledExpression<Double>(e, variables: ["x"]) }
    #expect(error?.kind == .unknownVariable && error?.offset == 4)
    let truth = try CompiledExpression<Double>(try Expression.parse("x < 1"), variables: ["x"])
    #expect(throws: ExpressionError.self) { try truth.evaluate([0]) }
    #expect(try truth.evaluateTruth([0]) == .true)
  }
}

@Suite struct UnevaluatedFunctionTests {
  /// A predicate over named series held by the caller: both series rise together.
  static func table(_ series: [String: [Double]]) -> FunctionTable<Double> {
    var t = FunctionTable<Double>()
    t.defineUnevaluated("sameorder", arity: 2...2, result: .truth) { args in
      guard case .variable(let a, _) = args[0], case .variable(let b, _) = args[1],
        let x = series[a], let y = series[b]
      else { throw CancellationError() }
      func order(_ v: [Double]) -> [Int] { v.indices.sorted { v[$0] < v[$1] } }
      return .truth(Truth(order(x) == order(y)))
    }
    t.defineUnevaluated("len", arity: 1...1, result: .number) { args in
      guard case .variable(let a, _) = args[0], let x = series[a] else { throw CancellationError() }
      return .number(Double(x.count))
    }
    return t
  }

  @Test func namedSeries() throws {
    let t = Self.table(["epoch": [3, 10, 40], "freq": [1, 2, 5], "noise": [5, 1, 9]])
    #expect(try Expression.parse("sameorder(epoch, freq) and len(epoch) == 3").evaluateTruth(functions: t) == .true)
    #expect(try Expression.parse("sameorder(epoch, noise)").evaluateTruth(functions: t) == .false)
    let error = #expect(throws: ExpressionError.self) {
      try Expression.parse("1 + len(nothing)").evaluate(functions: t)
    }
    #expect(error?.kind == .functionFailed && error?.offset == 4)
  }
}
