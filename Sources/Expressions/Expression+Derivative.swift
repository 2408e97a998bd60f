/// Symbolic differentiation, for the derivative z′(t) of a path z(t) in a
/// contour integral ∫ f(z) dz = ∫ f(z(t)) z′(t) dt.
extension Expression {
  /// d/d`variable` of the expression, by the sum, product, quotient, power and
  /// chain rules, with zero and one terms dropped (`0 + u = u`, `1·u = u`).
  ///
  /// Defined for `+ − · / ^`, `pow`, and the functions `exp expm1 exp2 exp10 log
  /// log1p log2 log10 sqrt sin cos tan sinh cosh tanh asin acos atan asinh
  /// acosh atanh`; nil for anything else (comparisons, other functions, the
  /// non-holomorphic `re im conj abs arg`). Names other than `variable`
  /// (including the imaginary unit `i`) are constants.
  public func derivative(with variable: String) -> Expression? {
    func d(_ e: Expression) -> Expression? { e.derivative(with: variable) }
    switch self {
    case .number, .constant: return zero
    case .variable(let name, _): return name == variable ? one : zero
    case .unary(let op, let a, _):
      guard let da = d(a) else { return nil }
      return op == .negate ? negate(da) : da
    case .binary(let op, let a, let b, _):
      guard let da = d(a), let db = d(b) else { return nil }
      switch op {
      case .add: return add(da, db)
      case .subtract: return subtract(da, db)
      case .multiply: return add(multiply(da, b), multiply(a, db))
      case .divide:
        return divide(subtract(multiply(da, b), multiply(a, db)), .binary(.power, b, .number("2")))
      case .power:
        return powerDerivative(a, b, da, db)
      }
    case .call(let name, let args, _):
      if name == "pow", args.count == 2 {
        guard let da = d(args[0]), let db = d(args[1]) else { return nil }
        return powerDerivative(args[0], args[1], da, db)
      }
      guard args.count == 1, let outer = Expression.outerDerivative(name, args[0]), let da = d(args[0]) else {
        return nil
      }
      return multiply(outer, da)
    case .comparison, .logical, .not: return nil
    }
  }

  /// d(a^b) = b·a^(b−1)·da when b is constant, else a^b·(db·log a + b·da/a).
  private func powerDerivative(_ a: Expression, _ b: Expression, _ da: Expression, _ db: Expression) -> Expression {
    if db == zero {
      return multiply(multiply(b, .binary(.power, a, subtract(b, one))), da)
    }
    return multiply(
      .binary(.power, a, b),
      add(multiply(db, .call("log", [a])), divide(multiply(b, da), a)))
  }

  /// f′(a) for the one-argument functions with a derivative rule.
  static func outerDerivative(_ name: String, _ a: Expression) -> Expression? {
    let two = Expression.number("2")
    func call(_ f: String, _ x: Expression) -> Expression { .call(f, [x]) }
    func sq(_ x: Expression) -> Expression { .binary(.power, x, two) }
    func inv(_ x: Expression) -> Expression { .binary(.divide, .number("1"), x) }
    switch name {
    case "exp", "expm1": return call("exp", a)
    case "exp2": return .binary(.multiply, call("exp2", a), .constant(.log2))
    case "exp10": return .binary(.multiply, call("exp10", a), call("log", .number("10")))
    case "log", "ln": return inv(a)
    case "log1p": return inv(.binary(.add, .number("1"), a))
    case "log2": return inv(.binary(.multiply, a, .constant(.log2)))
    case "log10": return inv(.binary(.multiply, a, call("log", .number("10"))))
    case "sqrt": return inv(.binary(.multiply, two, call("sqrt", a)))
    case "sin": return call("cos", a)
    case "cos": return .unary(.negate, call("sin", a))
    case "tan": return .binary(.add, .number("1"), sq(call("tan", a)))
    case "sinh": return call("cosh", a)
    case "cosh": return call("sinh", a)
    case "tanh": return .binary(.subtract, .number("1"), sq(call("tanh", a)))
    case "asin": return inv(call("sqrt", .binary(.subtract, .number("1"), sq(a))))
    case "acos": return .unary(.negate, inv(call("sqrt", .binary(.subtract, .number("1"), sq(a)))))
    case "atan": return inv(.binary(.add, .number("1"), sq(a)))
    case "asinh": return inv(call("sqrt", .binary(.add, sq(a), .number("1"))))
    case "acosh":
      return inv(
        .binary(
          .multiply, call("sqrt", .binary(.subtract, a, .number("1"))),
          call("sqrt", .binary(.add, a, .number("1")))))
    case "atanh": return inv(.binary(.subtract, .number("1"), sq(a)))
    default: return nil
    }
  }
}

private let zero = Expression.number("0")
private let one = Expression.number("1")

private func add(_ a: Expression, _ b: Expression) -> Expression {
  if a == zero { return b }
  if b == zero { return a }
  return .binary(.add, a, b)
}

private func subtract(_ a: Expression, _ b: Expression) -> Expression {
  if b == zero { return a }
  if a == zero { return negate(b) }
  return .binary(.subtract, a, b)
}

private func negate(_ a: Expression) -> Expression {
  if a == zero { return zero }
  return .unary(.negate, a)
}

private func multiply(_ a: Expression, _ b: Expression) -> Expression {
  if a == zero || b == zero { return zero }
  if a == one { return b }
  if b == one { return a }
  return .binary(.multiply, a, b)
}

private func divide(_ a: Expression, _ b: Expression) -> Expression {
  if a == zero { return zero }
  if b == one { return a }
  return .binary(.divide, a, b)
}
