import BallArithmetic
import Foundation
import MultiPrecision
import TestSupport
import Testing

@testable import Expressions

/// Foundation also declares `Expression`.
typealias Expression = Expressions.Expression

/// Reference values from Tests/Fixtures/Expressions/generate.py (mpmath, 90 digits).
struct ReferenceCase: Decodable, Sendable, CustomTestStringConvertible {
  let expression: String
  let variables: [String: String]
  let value: String
  var testDescription: String { expression + " at " + variables.description }

  static let all: [ReferenceCase] = {
    struct File: Decodable { let cases: [ReferenceCase] }
    let url = PackagePaths.fixture("Expressions/values.json")
    let data = try! Data(contentsOf: url)
    return try! JSONDecoder().decode(File.self, from: data).cases
  }()
}

@Suite struct EvaluationTests {
  /// MPFloat at 60 digits (+ guard bits) agrees with mpmath to 60 digits.
  @Test(arguments: ReferenceCase.all)
  func mpFloatMatchesMpmath(_ c: ReferenceCase) throws {
    let bits = MPFloat.bits(forDigits: 60) + 32
    let vars = c.variables.mapValues { MPFloat($0, precision: bits)! }
    let value = try Expression.parse(c.expression).evaluate(as: MPFloat.self, variables: vars, precision: bits)
    let reference = MPFloat(c.value, precision: 400)!
    let relative = Swift.abs((value - reference) / reference)
    #expect(relative < MPFloat("1e-60", precision: 64)!, "\(value.formatted(digits: 65)) vs \(c.value)")
  }

  /// Double: every operation correctly rounded, so within a few ulps·terms.
  @Test(arguments: ReferenceCase.all)
  func doubleMatchesMpmath(_ c: ReferenceCase) throws {
    let vars = c.variables.mapValues { Double(decimal: $0, precision: 53)! }
    let value = try Expression.parse(c.expression).evaluate(as: Double.self, variables: vars)
    let reference = Double(c.value)!
    #expect(abs(value - reference) <= 1e-13 * Swift.max(1, abs(reference)), "\(value) vs \(reference)")
  }

  /// The interval encloses the reference and is narrow.
  @Test(arguments: ReferenceCase.all)
  func intervalEnclosesMpmath(_ c: ReferenceCase) throws {
    let bits = 200
    let vars = try c.variables.mapValues { text throws -> ArbBall in
      try #require(ArbBall(decimal: text, precision: bits))
    }
    let value = try Expression.parse(c.expression).evaluate(as: ArbBall.self, variables: vars, precision: bits)
    let reference = MPFloat(c.value, precision: 400)!
    #expect(value.isFinite)
    #expect(value.contains(reference), "\(value.formatted(digits: 70)) vs \(c.value)")
    #expect(value.width <= MPFloat("1e-50", precision: 64)! * Swift.max(MPFloat(1), Swift.abs(reference)))
  }

  @Test func precisionFollowsTheRequest() throws {
    let e = try Expression.parse("exp(x) + 1/3")
    let x53 = MPFloat(0.5, precision: 53)
    let v = try e.evaluate(as: MPFloat.self, variables: ["x": x53], precision: 300)
    #expect(v.precision == 300)  // the 53-bit variable is widened
    let reference = MPFloat.withPrecision(300) { MPFloat.exp(MPFloat(0.5, precision: 300)) + MPFloat(1) / MPFloat(3) }
    #expect(v == reference)
  }

  @Test func literalsAreReadAtThePrecision() throws {
    // 0.1 read at 300 bits differs from 0.1 read at 53 bits then widened.
    let v = try Expression.parse("0.1").evaluate(as: MPFloat.self, precision: 300)
    #expect(v == MPFloat("0.1", precision: 300)!)
    #expect(v != MPFloat(0.1, precision: 300))
  }

  @Test func integerPowersOfNegativeBases() throws {
    #expect(try Expression.parse("(-2)^3").evaluate(as: MPFloat.self, precision: 64) == MPFloat(-8))
    #expect(try Expression.parse("x^k").evaluate(as: Double.self, variables: ["x": -1.5, "k": 2]) == 2.25)
    // A non-integer exponent of a negative base is NaN (real pow).
    #expect(try Expression.parse("(-2)^0.5").evaluate(as: Double.self).isNaN)
    // Ball: x^2 over [-1, 2] is [0, 4] (an even integer power, not exp(2 log x), nor x·x).
    let x = ArbBall(lower: MPFloat(-1), upper: MPFloat(2))
    let sq = try Expression.parse("x^2").evaluate(as: ArbBall.self, variables: ["x": x], precision: 64)
    #expect(sq.lower == 0 && sq.upper == 4)
  }

  @Test func userFunctions() throws {
    var table = FunctionTable<MPFloat>()
    table.define("mean", arity: 1...Int.max) { args in args.reduce(MPFloat(0), +) / MPFloat(args.count) }
    table.definePredicate("ordered", arity: 2...Int.max) { args in
      Truth(zip(args, args.dropFirst()).allSatisfy { $0 < $1 })
    }
    table.define("fail", arity: 0) { _ in throw CancellationError() }
    let m = try Expression.parse("mean(1, 2, 3, 4) * 2").evaluate(as: MPFloat.self, functions: table, precision: 64)
    #expect(m == MPFloat(5))
    #expect(
      try Expression.parse("ordered(1, x, 3) and not ordered(3, 2)")
        .evaluateTruth(as: MPFloat.self, variables: ["x": MPFloat(2)], functions: table, precision: 64) == .true)
    #expect(try Expression.parse("ordered(1, 5, 3)").evaluateTruth(functions: table, precision: 64) == .false)
    let err = #expect(throws: ExpressionError.self) {
      try Expression.parse("1 + fail()").evaluate(as: MPFloat.self, functions: table, precision: 64)
    }
    #expect(err?.kind == .functionFailed)
    #expect(err?.offset == 4)
    // A table entry shadows the built-in of the same name.
    table.define("gamma", arity: 1) { $0[0] }
    #expect(try Expression.parse("gamma(5)").evaluate(as: MPFloat.self, functions: table, precision: 64) == MPFloat(5))
  }

  @Test func validateReportsKinds() throws {
    #expect(try Expression.parse("1 < x and y > 2").validate(variables: ["x", "y"]) == .truth)
    #expect(try Expression.parse("besselj(1, x)").validate(variables: ["x"]) == .number)
    #expect(try Expression.parse("slope <= -2 and r2 > 0.9").validate() == .truth)
  }
}
