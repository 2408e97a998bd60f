/// An error in the text or the evaluation of an expression, with where it
/// happened and a caret rendering:
///
///     exp(-x^2 *
///               ^ expected an operand, found end of input
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// The text does not follow the grammar.
    case syntax
    /// A number that does not follow the literal syntax (`1e`, `1.2.3`, `2x`).
    case malformedNumber
    /// A character that starts no token.
    case unexpectedCharacter
    /// A call of a name that is neither built in nor in the function table.
    case unknownFunction
    /// A call with the wrong number of arguments.
    case wrongArity
    /// A variable that is not bound.
    case unknownVariable
    /// A truth value where a number is needed, or the reverse.
    case typeMismatch
    /// A user function threw.
    case functionFailed
  }

  public let kind: Kind
  /// What the parser or evaluator expected (`"an operand"`, `"2 arguments"`).
  public let expected: String
  /// What it found (`"end of input"`, `"')'"`, `"3 arguments"`).
  public let found: String
  /// Where: character offsets in the source (`nil` for nodes built in code).
  public let span: SourceSpan

  public init(_ kind: Kind, expected: String, found: String, at span: SourceSpan) {
    self.kind = kind
    self.expected = expected
    self.found = found
    self.span = span
  }

  /// Character offset of the start of the error (0-based), if known.
  public var offset: Int? { span.range?.lowerBound }
  /// 1-based line, if known.
  public var line: Int? { span.lineAndColumn?.line }
  /// 1-based column (in characters), if known.
  public var column: Int? { span.lineAndColumn?.column }

  /// One-line message: `expected an operand, found end of input`.
  public var message: String {
    switch kind {
    case .unknownFunction: return "unknown function \(found); expected \(expected)"
    case .unknownVariable: return "unknown variable \(found); expected \(expected)"
    case .functionFailed: return "\(expected) failed: \(found)"
    default: return "expected \(expected), found \(found)"
    }
  }

  /// The offending source line and a caret line under the error, then the
  /// message; prefixed by `line L, column C:` when the source has several lines.
  public var description: String {
    guard let range = span.range, let source = span.source else { return "error: \(message)" }
    let (line, column) = source.lineAndColumn(of: range.lowerBound)
    let text = source.line(line)
    let lineLength = text.count
    let width = Swift.max(1, Swift.min(range.count, lineLength - (column - 1)))
    let marker = "^" + String(repeating: "~", count: width - 1)
    var out = ""
    if source.lineStarts.count > 1 { out += "line \(line), column \(column):\n" }
    out += text + "\n"
    out += String(repeating: " ", count: column - 1) + marker + " " + message
    return out
  }

  public static func == (a: ExpressionError, b: ExpressionError) -> Bool {
    a.kind == b.kind && a.expected == b.expected && a.found == b.found && a.span.range == b.span.range
  }
}
