import MultiPrecision

/// An expression of the claim language: real arithmetic, named functions and
/// constants, comparisons and three-valued logic.
///
/// Examples: `exp(-x^2) * cos(5*x) + gamma(1/3)`, `ratio <= C * eta^(-k)`,
/// `slope <= -2 and r2 > 0.9`.
///
/// Every node carries the `SourceSpan` it was parsed from, so that errors in
/// evaluation point at the source. Spans are annotations only: they take no
/// part in `==` or hashing, so two expressions are equal when their trees are.
/// Cases built in code may leave the span out (`.unknown`).
///
/// Number literals keep their source text (`"0.1"`, `"1e-30"`), so a literal is
/// read once, correctly rounded (or enclosed) at whatever precision the
/// evaluation asks for.
public indirect enum Expression: Sendable, Hashable, CustomStringConvertible {
  /// A decimal literal, as written: digits, optional fraction, optional
  /// exponent (`2`, `0.5`, `.5`, `6.02e23`). Never negative: `-2` is
  /// `.unary(.negate, .number("2"))`.
  case number(String, span: SourceSpan = .unknown)
  /// A named variable, bound at evaluation.
  case variable(String, span: SourceSpan = .unknown)
  /// A mathematical constant (`pi`, `e`, `ln2`, `euler`, `catalan`).
  case constant(MathConstant, span: SourceSpan = .unknown)
  /// `-x` or `+x`.
  case unary(UnaryOperator, Expression, span: SourceSpan = .unknown)
  /// `a + b`, `a - b`, `a * b`, `a / b`, `a ^ b`.
  case binary(BinaryOperator, Expression, Expression, span: SourceSpan = .unknown)
  /// `f(a, b, …)`: a built-in `RealFunction` / `RealFunction2` or a function
  /// of the `FunctionTable` given to evaluation.
  case call(String, [Expression], span: SourceSpan = .unknown)
  /// `a < b`, `a <= b`, `a > b`, `a >= b`, `a == b`, `a != b` (a truth value).
  case comparison(ComparisonOperator, Expression, Expression, span: SourceSpan = .unknown)
  /// `p and q`, `p or q` (three-valued).
  case logical(LogicalOperator, Expression, Expression, span: SourceSpan = .unknown)
  /// `not p` (three-valued).
  case not(Expression, span: SourceSpan = .unknown)
}

/// Prefix arithmetic operators.
public enum UnaryOperator: String, Sendable, Hashable, CaseIterable {
  /// `-x`
  case negate = "-"
  /// `+x` (the identity; kept so that printing preserves the source form)
  case plus = "+"
}

/// Infix arithmetic operators.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  /// `a ^ b`, right-associative and tighter than prefix minus: `-x^2 = -(x^2)`,
  /// `a^b^c = a^(b^c)`. An exponent that is an exact integer is applied as an
  /// integer power (defined for negative bases); otherwise as `pow(a, b)`.
  case power = "^"
}

/// Comparisons; each yields a `Truth`.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case equal = "=="
  case notEqual = "!="
}

/// The binary connectives of three-valued (Kleene) logic.
public enum LogicalOperator: String, Sendable, Hashable, CaseIterable {
  case and
  case or
}

// MARK: - Structure

extension Expression {
  /// The source range this node was parsed from (`.unknown` if built in code).
  public var span: SourceSpan {
    switch self {
    case .number(_, let s), .variable(_, let s), .constant(_, let s), .unary(_, _, let s),
      .binary(_, _, _, let s), .call(_, _, let s), .comparison(_, _, _, let s),
      .logical(_, _, _, let s), .not(_, let s):
      return s
    }
  }

  /// The direct subexpressions, left to right.
  public var children: [Expression] {
    switch self {
    case .number, .variable, .constant: return []
    case .unary(_, let x, _), .not(let x, _): return [x]
    case .binary(_, let a, let b, _), .comparison(_, let a, let b, _), .logical(_, let a, let b, _):
      return [a, b]
    case .call(_, let args, _): return args
    }
  }

  /// The names of the variables the expression reads.
  public var variables: Set<String> {
    var names = Set<String>()
    visit { if case .variable(let name, _) = $0 { names.insert(name) } }
    return names
  }

  /// The names of the functions the expression calls.
  public var functionNames: Set<String> {
    var names = Set<String>()
    visit { if case .call(let name, _, _) = $0 { names.insert(name) } }
    return names
  }

  /// Whether the expression denotes a truth value syntactically (a
  /// comparison, `and`, `or` or `not` at the top). Calls of user functions
  /// that return truth values are only known at evaluation.
  public var isBooleanForm: Bool {
    switch self {
    case .comparison, .logical, .not: return true
    default: return false
    }
  }

  /// Calls `body` on every node, parents before children.
  public func visit(_ body: (Expression) throws -> Void) rethrows {
    try body(self)
    for child in children { try child.visit(body) }
  }

  /// The same tree with every span set to `.unknown`.
  public var withoutSpans: Expression {
    switch self {
    case .number(let t, _): return .number(t)
    case .variable(let n, _): return .variable(n)
    case .constant(let c, _): return .constant(c)
    case .unary(let op, let x, _): return .unary(op, x.withoutSpans)
    case .binary(let op, let a, let b, _): return .binary(op, a.withoutSpans, b.withoutSpans)
    case .call(let f, let args, _): return .call(f, args.map(\.withoutSpans))
    case .comparison(let op, let a, let b, _): return .comparison(op, a.withoutSpans, b.withoutSpans)
    case .logical(let op, let a, let b, _): return .logical(op, a.withoutSpans, b.withoutSpans)
    case .not(let x, _): return .not(x.withoutSpans)
    }
  }
}
