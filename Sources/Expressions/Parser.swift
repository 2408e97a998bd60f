import MultiPrecision

extension Expression {
  /// Parses an expression (grammar in Sources/Expressions/README.md).
  ///
  /// The parse is syntactic: any name may be called with any number of
  /// arguments, and any identifier that is not a constant is a variable.
  /// Function names, arities, variables and number/truth types are checked by
  /// `validate(functions:variables:)` and by evaluation, with positions.
  ///
  /// - Throws: `ExpressionError` pointing at the first offending token.
  public static func parse(_ text: String) throws(ExpressionError) -> Expression {
    let source = SourceText(text)
    let tokens = try Lexer(source).tokenize()
    var parser = Parser(source: source, tokens: tokens)
    let e = try parser.parseAll()
    try e.checkHeight()
    return e
  }

  /// Trees deeper than this are rejected by `parse`: evaluation, printing and
  /// comparison recurse once per level.
  public static let maximumHeight = 500

  /// Throws if the tree is more than `maximumHeight` levels deep (checked
  /// without recursion).
  func checkHeight() throws(ExpressionError) {
    var stack: [(Expression, Int)] = [(self, 1)]
    while let (node, level) = stack.popLast() {
      if level > Expression.maximumHeight {
        throw ExpressionError(
          .syntax, expected: "at most \(Expression.maximumHeight) levels of nested operations",
          found: "a deeper expression", at: node.span)
      }
      for child in node.children { stack.append((child, level + 1)) }
    }
  }
}

/// Recursive-descent parser, one method per precedence level (lowest first):
/// or, and, not, comparison, sum, product, unary, power, primary.
struct Parser {
  let source: SourceText
  let tokens: [Token]
  var position = 0
  /// Current depth of nested parentheses, calls, prefix operators and powers.
  var depth = 0
  /// Deeper input is rejected rather than risking the stack.
  static let maximumDepth = 256

  init(source: SourceText, tokens: [Token]) {
    self.source = source
    self.tokens = tokens
  }

  var current: Token { tokens[position] }

  mutating func advance() -> Token {
    let t = tokens[position]
    if position < tokens.count - 1 { position += 1 }
    return t
  }

  func span(_ range: Range<Int>) -> SourceSpan { SourceSpan(range, in: source) }

  /// Enters one level of nesting (an operand of a prefix operator, a power,
  /// a parenthesized expression or a call's arguments).
  mutating func nest(at range: Range<Int>) throws(ExpressionError) {
    depth += 1
    if depth > Parser.maximumDepth {
      throw ExpressionError(
        .syntax, expected: "at most \(Parser.maximumDepth) levels of nesting",
        found: "deeper nesting", at: span(range))
    }
  }

  func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }
  func isKeyword(_ k: String) -> Bool { current.kind == .identifier(k) }

  func error(expected: String) -> ExpressionError {
    ExpressionError(.syntax, expected: expected, found: current.display, at: span(current.range))
  }

  mutating func parseAll() throws(ExpressionError) -> Expression {
    if case .end = current.kind { throw error(expected: "an expression") }
    let e = try parseOr()
    guard case .end = current.kind else {
      if isSymbol(")") { throw error(expected: "an operator or end of input ('(' missing)") }
      throw error(expected: "an operator or end of input")
    }
    return e
  }

  mutating func parseOr() throws(ExpressionError) -> Expression {
    var lhs = try parseAnd()
    while isKeyword("or") {
      _ = advance()
      let rhs = try parseAnd()
      lhs = .logical(.or, lhs, rhs, span: lhs.span.through(rhs.span))
    }
    return lhs
  }

  mutating func parseAnd() throws(ExpressionError) -> Expression {
    var lhs = try parseNot()
    while isKeyword("and") {
      _ = advance()
      let rhs = try parseNot()
      lhs = .logical(.and, lhs, rhs, span: lhs.span.through(rhs.span))
    }
    return lhs
  }

  mutating func parseNot() throws(ExpressionError) -> Expression {
    if isKeyword("not") {
      let start = advance().range
      try nest(at: start); defer { depth -= 1 }
      let operand = try parseNot()
      return .not(operand, span: span(start).through(operand.span))
    }
    return try parseComparison()
  }

  static let comparisonSymbols: [String: ComparisonOperator] = Dictionary(
    uniqueKeysWithValues: ComparisonOperator.allCases.map { ($0.rawValue, $0) })

  mutating func parseComparison() throws(ExpressionError) -> Expression {
    let lhs = try parseSum()
    guard case .symbol(let s) = current.kind, let op = Parser.comparisonSymbols[s] else { return lhs }
    _ = advance()
    let rhs = try parseSum()
    if case .symbol(let s2) = current.kind, Parser.comparisonSymbols[s2] != nil {
      throw error(expected: "'and' between comparisons (comparisons do not chain)")
    }
    return .comparison(op, lhs, rhs, span: lhs.span.through(rhs.span))
  }

  mutating func parseSum() throws(ExpressionError) -> Expression {
    var lhs = try parseProduct()
    while true {
      let op: BinaryOperator
      if isSymbol("+") { op = .add } else if isSymbol("-") { op = .subtract } else { break }
      _ = advance()
      let rhs = try parseProduct()
      lhs = .binary(op, lhs, rhs, span: lhs.span.through(rhs.span))
    }
    return lhs
  }

  mutating func parseProduct() throws(ExpressionError) -> Expression {
    var lhs = try parseUnary()
    while true {
      let op: BinaryOperator
      if isSymbol("*") { op = .multiply } else if isSymbol("/") { op = .divide } else { break }
      _ = advance()
      let rhs = try parseUnary()
      lhs = .binary(op, lhs, rhs, span: lhs.span.through(rhs.span))
    }
    return lhs
  }

  mutating func parseUnary() throws(ExpressionError) -> Expression {
    let op: UnaryOperator
    if isSymbol("-") { op = .negate } else if isSymbol("+") { op = .plus } else { return try parsePower() }
    let start = advance().range
    try nest(at: start); defer { depth -= 1 }
    let operand = try parseUnary()
    return .unary(op, operand, span: span(start).through(operand.span))
  }

  mutating func parsePower() throws(ExpressionError) -> Expression {
    let base = try parsePrimary()
    guard isSymbol("^") else { return base }
    let caret = advance().range
    try nest(at: caret); defer { depth -= 1 }
    let exponent = try parseUnary()  // right-associative; `2^-3` allowed
    return .binary(.power, base, exponent, span: base.span.through(exponent.span))
  }

  mutating func parsePrimary() throws(ExpressionError) -> Expression {
    let token = current
    switch token.kind {
    case .number(let text):
      _ = advance()
      return .number(text, span: span(token.range))
    case .identifier(let name):
      if ["and", "or", "not"].contains(name) { throw error(expected: "an operand") }
      _ = advance()
      if isSymbol("(") {
        try nest(at: advance().range); defer { depth -= 1 }
        var arguments: [Expression] = []
        if !isSymbol(")") {
          while true {
            arguments.append(try parseOr())
            if isSymbol(",") { _ = advance(); continue }
            if isSymbol(")") { break }
            throw error(expected: "',' or ')' in the arguments of \(name)")
          }
        }
        let close = advance().range
        return .call(name, arguments, span: span(token.range.lowerBound..<close.upperBound))
      }
      if let c = MathConstant(name: name) { return .constant(c, span: span(token.range)) }
      return .variable(name, span: span(token.range))
    case .symbol("("):
      _ = advance()
      try nest(at: token.range); defer { depth -= 1 }
      if isSymbol(")") { throw error(expected: "an expression inside '()'") }
      let inner = try parseOr()
      guard isSymbol(")") else {
        if case .end = current.kind {
          throw ExpressionError(
            .syntax,
            expected: "')' to close the '(' at column \(source.lineAndColumn(of: token.range.lowerBound).column)",
            found: current.display, at: span(current.range))
        }
        throw error(expected: "an operator or ')'")
      }
      _ = advance()
      return inner
    default:
      throw error(expected: "an operand")
    }
  }
}
