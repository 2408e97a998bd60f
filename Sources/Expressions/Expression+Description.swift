/// Binding strength of each syntactic level; higher binds tighter.
enum Precedence: Int, Comparable {
  case or = 1, and, not, comparison, sum, product, unary, power, primary

  static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

extension Expression {
  /// The level of the node's outermost operator.
  var precedence: Precedence {
    switch self {
    case .number, .variable, .constant, .call: return .primary
    case .unary: return .unary
    case .binary(let op, _, _, _):
      switch op {
      case .add, .subtract: return .sum
      case .multiply, .divide: return .product
      case .power: return .power
      }
    case .comparison: return .comparison
    case .logical(.and, _, _, _): return .and
    case .logical(.or, _, _, _): return .or
    case .not: return .not
    }
  }

  /// Canonical text: spaces around infix operators except `^`, `, ` between
  /// arguments, and only the parentheses the tree needs (left-associative
  /// `+ - * / and or`, right-associative `^`, non-chaining comparisons).
  /// `Expression.parse(e.description) == e` for every tree whose literals and
  /// names are valid tokens.
  public var description: String {
    switch self {
    case .number(let text, _): return text
    case .variable(let name, _): return name
    case .constant(let c, _): return c.name
    case .call(let name, let args, _):
      return name + "(" + args.map(\.description).joined(separator: ", ") + ")"
    case .unary(let op, let x, _):
      let inner = x.printed(atLeast: .unary)
      // `- -x`, not `--x`: keeps the text readable (both parse the same).
      return op.rawValue + (inner.hasPrefix("-") || inner.hasPrefix("+") ? " " : "") + inner
    case .binary(let op, let a, let b, _):
      switch op {
      case .power:
        return a.printed(atLeast: .primary) + "^" + b.printed(atLeast: .unary)
      case .add, .subtract:
        return a.printed(atLeast: .sum) + " \(op.rawValue) " + b.printed(atLeast: .product)
      case .multiply, .divide:
        return a.printed(atLeast: .product) + " \(op.rawValue) " + b.printed(atLeast: .unary)
      }
    case .comparison(let op, let a, let b, _):
      return a.printed(atLeast: .sum) + " \(op.rawValue) " + b.printed(atLeast: .sum)
    case .logical(let op, let a, let b, _):
      let level: Precedence = op == .and ? .and : .or
      let right: Precedence = op == .and ? .not : .and
      return a.printed(atLeast: level) + " \(op.rawValue) " + b.printed(atLeast: right)
    case .not(let x, _):
      return "not " + x.printed(atLeast: .not)
    }
  }

  /// The text, parenthesized if the node binds looser than `level`.
  func printed(atLeast level: Precedence) -> String {
    precedence < level ? "(" + description + ")" : description
  }
}
