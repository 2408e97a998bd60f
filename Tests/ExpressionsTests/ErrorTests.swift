import MultiPrecision
import Testing

@testable import Expressions

/// Every class of malformed input gives an error of the right kind at the right place.
@Suite struct ErrorTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let text: String
    let kind: ExpressionError.Kind
    /// 0-based character offset of the caret, and the error's length.
    let offset: Int
    let length: Int
    /// A fragment the message must contain.
    let says: String
    var testDescription: String { "'\(text)'" }
  }

  /// Syntax errors, found by `parse`.
  static let syntax: [Case] = [
    Case(text: "", kind: .syntax, offset: 0, length: 0, says: "expected an expression, found end of input"),
    Case(text: "   ", kind: .syntax, offset: 3, length: 0, says: "expected an expression"),
    Case(text: "exp(-x^2 *", kind: .syntax, offset: 10, length: 0, says: "expected an operand, found end of input"),
    Case(text: "1 +", kind: .syntax, offset: 3, length: 0, says: "expected an operand"),
    Case(text: "* 2", kind: .syntax, offset: 0, length: 1, says: "expected an operand, found '*'"),
    Case(text: "1 + * 2", kind: .syntax, offset: 4, length: 1, says: "found '*'"),
    Case(text: "x ^", kind: .syntax, offset: 3, length: 0, says: "expected an operand"),
    Case(text: "a < b and", kind: .syntax, offset: 9, length: 0, says: "expected an operand"),
    Case(text: "not", kind: .syntax, offset: 3, length: 0, says: "expected an operand"),
    Case(text: "a and or b", kind: .syntax, offset: 6, length: 2, says: "found keyword 'or'"),
    Case(text: "(1 + 2", kind: .syntax, offset: 6, length: 0, says: "expected ')' to close the '(' at column 1"),
    Case(text: "((1 + 2)", kind: .syntax, offset: 8, length: 0, says: "')'"),
    Case(text: "1 + 2)", kind: .syntax, offset: 5, length: 1, says: "('(' missing)"),
    Case(text: "()", kind: .syntax, offset: 1, length: 1, says: "expected an expression inside '()'"),
    Case(text: "f(1, 2", kind: .syntax, offset: 6, length: 0, says: "expected ',' or ')' in the arguments of f"),
    Case(text: "f(1,)", kind: .syntax, offset: 4, length: 1, says: "expected an operand, found ')'"),
    Case(text: "f(,1)", kind: .syntax, offset: 2, length: 1, says: "expected an operand, found ','"),
    Case(
      text: "1 2", kind: .syntax, offset: 2, length: 1, says: "expected an operator or end of input, found number '2'"),
    Case(text: "x y", kind: .syntax, offset: 2, length: 1, says: "found identifier 'y'"),
    Case(text: "(x) (y)", kind: .syntax, offset: 4, length: 1, says: "found '('"),
    Case(text: "a < b < c", kind: .syntax, offset: 6, length: 1, says: "comparisons do not chain"),
    Case(text: "1e", kind: .malformedNumber, offset: 0, length: 2, says: "digits in the exponent"),
    Case(text: "2 * 1e+", kind: .malformedNumber, offset: 4, length: 3, says: "found '1e+'"),
    Case(text: "1.2.3", kind: .malformedNumber, offset: 0, length: 5, says: "found '1.2.3'"),
    Case(text: "3x + 1", kind: .malformedNumber, offset: 0, length: 2, says: "found '3x'"),
    Case(text: "2 $ 3", kind: .unexpectedCharacter, offset: 2, length: 1, says: "found character '$'"),
    Case(text: "x = 1", kind: .unexpectedCharacter, offset: 2, length: 1, says: "expected '==' for equality"),
    Case(text: "a && b", kind: .unexpectedCharacter, offset: 2, length: 1, says: "expected 'and'"),
    Case(text: "x ** 2", kind: .unexpectedCharacter, offset: 2, length: 2, says: "expected '^' for powers"),
    Case(text: "1 +\n  2 +\n  ]", kind: .unexpectedCharacter, offset: 12, length: 1, says: "character ']'"),
  ]

  @Test(arguments: syntax)
  func syntaxErrors(_ c: Case) {
    let error = #expect(throws: ExpressionError.self) { try Expression.parse(c.text) }
    #expect(error?.kind == c.kind)
    #expect(error?.offset == c.offset)
    #expect(error?.span.range?.count == c.length)
    #expect(error?.description.contains(c.says) == true, "\(error?.description ?? "")")
  }

  /// Name and type errors, found by `validate` and by evaluation alike.
  static let semantic: [Case] = [
    Case(text: "1 + gama(2)", kind: .unknownFunction, offset: 4, length: 4, says: "did you mean 'gamma'"),
    Case(text: "frobnicate(2)", kind: .unknownFunction, offset: 0, length: 10, says: "unknown function 'frobnicate'"),
    Case(text: "pi(2)", kind: .unknownFunction, offset: 0, length: 2, says: "'pi'"),
    Case(
      text: "exp(1, 2)", kind: .wrongArity, offset: 0, length: 9, says: "expected 1 argument for exp, found 2 arguments"
    ),
    Case(
      text: "2 * besselj(x)", kind: .wrongArity, offset: 4, length: 10,
      says: "expected 2 arguments for besselj, found 1 argument"),
    Case(text: "sin()", kind: .wrongArity, offset: 0, length: 5, says: "found 0 arguments"),
    Case(
      text: "x + z", kind: .unknownVariable, offset: 4, length: 1, says: "unknown variable 'z'; expected one of 'x'"),
    Case(text: "gamma * x", kind: .unknownVariable, offset: 0, length: 5, says: "'gamma' is a function"),
    Case(
      text: "2 ^ (x < 1)", kind: .typeMismatch, offset: 5, length: 5, says: "expected a number, found a truth value"),
    Case(
      text: "x and x < 1", kind: .typeMismatch, offset: 0, length: 1,
      says: "expected a truth value (a comparison), found a number"),
    Case(text: "not x", kind: .typeMismatch, offset: 4, length: 1, says: "found a number"),
    Case(text: "exp(1 < x)", kind: .typeMismatch, offset: 4, length: 5, says: "found a truth value"),
  ]

  @Test(arguments: semantic)
  func semanticErrors(_ c: Case) throws {
    let e = try Expression.parse(c.text)
    let checked = #expect(throws: ExpressionError.self) { try e.validate(variables: ["x"]) }
    let evaluated = #expect(throws: ExpressionError.self) {
      _ = try e.evaluateValue(as: MPFloat.self, variables: ["x": MPFloat(1)], precision: 64)
    }
    for error in [checked, evaluated] {
      #expect(error?.kind == c.kind)
      #expect(error?.offset == c.offset)
      #expect(error?.span.range?.count == c.length)
      #expect(error?.description.contains(c.says) == true, "\(error?.description ?? "")")
    }
  }

  @Test func evaluateNumberOfABooleanIsAnError() throws {
    let error = #expect(throws: ExpressionError.self) {
      try Expression.parse("x < 1").evaluate(as: Double.self, variables: ["x": 0])
    }
    #expect(error?.kind == .typeMismatch && error?.offset == 0)
    let error2 = #expect(throws: ExpressionError.self) {
      try Expression.parse("x + 1").evaluateTruth(as: Double.self, variables: ["x": 0])
    }
    #expect(error2?.kind == .typeMismatch)
  }

  @Test func caretRendering() {
    let error = #expect(throws: ExpressionError.self) { try Expression.parse("exp(-x^2 *") }
    #expect(error?.description == "exp(-x^2 *\n          ^ expected an operand, found end of input")
    #expect(error?.line == 1 && error?.column == 11)
    let multi = #expect(throws: ExpressionError.self) { try Expression.parse("1 +\n  2 +\n  ]") }
    #expect(multi?.line == 3 && multi?.column == 3)
    #expect(
      multi?.description
        == "line 3, column 3:\n  ]\n  ^ expected a number, name, operator or parenthesis, found character ']'")
    let range = #expect(throws: ExpressionError.self) { try Expression.parse("1 + gama(2)").validate() }
    #expect(range?.description.hasPrefix("1 + gama(2)\n    ^~~~ unknown function 'gama'") == true)
  }

  /// Errors of trees built in code have no position but still a message.
  @Test func unpositionedErrors() {
    let error = #expect(throws: ExpressionError.self) {
      try Expression.binary(.add, .variable("q"), .number("1")).evaluate(as: Double.self)
    }
    #expect(error?.offset == nil)
    #expect(error?.description.hasPrefix("error: unknown variable 'q'") == true)
  }
}

/// Limits that keep evaluation within the stack.
@Suite struct DepthTests {
  @Test func longChainsUpToTheLimitWork() throws {
    let text = Array(repeating: "x", count: Expression.maximumHeight).joined(separator: " + ")
    let e = try Expression.parse(text)
    #expect(try Expression.parse(e.description) == e)
    let v = try e.evaluate(as: MPFloat.self, variables: ["x": MPFloat(1)], precision: 64)
    #expect(v == MPFloat(Expression.maximumHeight - 0) * 1)
  }

  @Test func deeperTreesAreRejected() {
    let chain = Array(repeating: "x", count: Expression.maximumHeight + 2).joined(separator: " + ")
    let error = #expect(throws: ExpressionError.self) { try Expression.parse(chain) }
    #expect(error?.description.contains("at most \(Expression.maximumHeight) levels") == true)
    let nested = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
    let nestError = #expect(throws: ExpressionError.self) { try Expression.parse(nested) }
    #expect(nestError?.offset == 256)
    let minus = String(repeating: "-", count: 10_000) + "1"
    #expect(throws: ExpressionError.self) { try Expression.parse(minus) }
  }
}
