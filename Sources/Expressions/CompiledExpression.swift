import MultiPrecision

/// An expression prepared for repeated evaluation in `T` at one precision:
/// checked once (`validate`), literals and constants read once, calls
/// resolved once, variables bound to argument slots. Running it is a loop
/// over a postfix program with a number stack and a truth stack, so it uses no
/// recursion and no dictionary look-ups.
///
///     let claim = try CompiledExpression<ArbBall>(
///       try Expression.parse("ratio <= C * eta^(-k)"),
///       variables: ["ratio", "C", "eta", "k"], precision: 128)
///     let t = try claim.evaluateTruth([r, c, eta, k])
///
/// `Expression.evaluate(as:variables:functions:precision:)` compiles and runs
/// once; compile explicitly to evaluate many times.
public struct CompiledExpression<T: ExpressionScalar>: Sendable {
  @usableFromInline
  enum Instruction: Sendable {
    /// Push a number read at compile time (literal or constant).
    case push(T)
    /// Push variable slot i (widened to the precision).
    case load(Int)
    case negate
    case arithmetic(BinaryOperator)
    /// xⁿ for an exponent known at compile time to be the integer n.
    case integerPower(Int)
    /// Pop two numbers, push a truth.
    case compare(ComparisonOperator)
    case logical(LogicalOperator)
    case not
    case unary(RealFunction)
    case binary(RealFunction2)
    /// A table function of `count` numbers; `span` for its errors.
    case table(FunctionTable<T>.Function, count: Int, span: SourceSpan)
    /// A table function given its argument expressions.
    case unevaluated(FunctionTable<T>.Function, arguments: [Expression], span: SourceSpan)
  }

  /// The source tree.
  public let expression: Expression
  /// The variables, in the order `evaluate(_:)` takes their values.
  public let variableNames: [String]
  /// Whether the expression denotes a number or a truth value.
  public let kind: ValueKind
  /// Bits at which literals and constants were read and variables are widened.
  public let precision: Int
  @usableFromInline let program: [Instruction]

  /// Checks and compiles `expression`.
  ///
  /// - Parameters:
  ///   - variables: the names the values of `evaluate(_:)` are given for; every
  ///     variable of the expression must be among them (extra names are fine).
  ///   - functions: functions beyond the built-ins (they shadow built-ins).
  ///   - precision: bits for literals, constants and variables.
  /// - Throws: `ExpressionError` with the node's position: unknown function or
  ///   variable, wrong arity, number/truth mismatch.
  public init(
    _ expression: Expression, variables: [String],
    functions: FunctionTable<T> = FunctionTable(),
    precision: Int = T.defaultPrecision
  ) throws(ExpressionError) {
    self.kind = try expression.validate(functions: functions, variables: Set(variables))
    var slots: [String: Int] = [:]
    for (i, name) in variables.enumerated() where slots[name] == nil { slots[name] = i }
    var program: [Instruction] = []
    try CompiledExpression.emit(expression, into: &program, slots: slots, functions: functions, precision: precision)
    self.expression = expression
    self.variableNames = variables
    self.precision = precision
    self.program = program
  }

  /// Appends the postfix code of `e`. Subtrees made only of literals,
  /// constants, arithmetic and built-in functions are evaluated here, once
  /// (`gamma(1/3)` becomes one number), unless `fold` is false.
  static func emit(
    _ e: Expression, into program: inout [Instruction], slots: [String: Int],
    functions: FunctionTable<T>, precision: Int, fold: Bool = true
  ) throws(ExpressionError) {
    func emit(_ child: Expression) throws(ExpressionError) {
      try CompiledExpression.emit(
        child, into: &program, slots: slots, functions: functions,
        precision: precision, fold: fold)
    }
    if fold, !e.children.isEmpty, isClosedArithmetic(e, functions) {
      var sub: [Instruction] = []
      try CompiledExpression.emit(e, into: &sub, slots: slots, functions: functions, precision: precision, fold: false)
      guard case .number(let x) = try run(sub, [], precision: precision, kind: .number) else {
        preconditionFailure("closed arithmetic is a number")
      }
      program.append(.push(x))
      return
    }
    switch e {
    case .number(let text, let span):
      guard let x = T(decimal: text, precision: precision) else {
        throw ExpressionError(.malformedNumber, expected: "a number", found: "'\(text)'", at: span)
      }
      program.append(.push(x))
    case .variable(let name, let span) where slots[name] == nil && name == imaginaryUnitName:
      guard let unit = T.imaginaryUnit(precision: precision) else {
        throw ExpressionError(
          .typeMismatch, expected: "a real number (evaluate as complex to use i)",
          found: "the imaginary unit 'i'", at: span)
      }
      program.append(.push(unit))
    case .variable(let name, let span):
      guard let slot = slots[name] else {
        throw Expression.unknownVariable(name, span, known: Array(slots.keys))
      }
      program.append(.load(slot))
    case .constant(let c, _):
      program.append(.push(T(constant: c, precision: precision)))
    case .unary(let op, let x, _):
      try emit(x)
      if op == .negate { program.append(.negate) }
    case .binary(.power, let a, let b, _) where fold && isClosedArithmetic(b, functions):
      // A constant exponent is examined once: an integer exponent compiles
      // to an integer power (x^2 costs one mpfr_pow_si, no test per call).
      var sub: [Instruction] = []
      try CompiledExpression.emit(b, into: &sub, slots: slots, functions: functions, precision: precision, fold: false)
      guard case .number(let y) = try run(sub, [], precision: precision, kind: .number) else {
        preconditionFailure("closed arithmetic is a number")
      }
      try emit(a)
      if let n = y.exactInteger {
        program.append(.integerPower(n))
      } else {
        program.append(.push(y))
        program.append(.arithmetic(.power))
      }
    case .binary(let op, let a, let b, _):
      try emit(a); try emit(b)
      program.append(.arithmetic(op))
    case .comparison(let op, let a, let b, _):
      try emit(a); try emit(b)
      program.append(.compare(op))
    case .logical(let op, let a, let b, _):
      try emit(a); try emit(b)
      program.append(.logical(op))
    case .not(let x, _):
      try emit(x)
      program.append(.not)
    case .call(let name, let args, let span):
      let f = try Expression.resolveCall(name, args.count, span, functions)
      if case .table(let g) = f, g.takesExpressions {
        program.append(.unevaluated(g, arguments: args, span: span))
        return
      }
      for a in args { try emit(a) }
      switch f {
      case .unary(let g): program.append(.unary(g))
      case .binary(let g): program.append(.binary(g))
      case .table(let g): program.append(.table(g, count: args.count, span: span))
      }
    }
  }

  /// Whether `e` is made only of literals, constants, arithmetic and
  /// built-in functions (no variables, no table functions, no comparisons).
  static func isClosedArithmetic(_ e: Expression, _ functions: FunctionTable<T>) -> Bool {
    switch e {
    case .number, .constant: return true
    case .variable, .comparison, .logical, .not: return false
    case .unary, .binary: return e.children.allSatisfy { isClosedArithmetic($0, functions) }
    case .call(let name, let args, _):
      guard functions[name] == nil,
        (args.count == 1 && RealFunction(name: name) != nil)
          || (args.count == 2 && RealFunction2(rawValue: name) != nil)
      else { return false }
      // (a name in both tables resolves by the argument count, as here)
      return args.allSatisfy { isClosedArithmetic($0, functions) }
    }
  }

  /// The value for `values` (one per `variableNames`, in that order).
  @inlinable
  public func value(_ values: [T]) throws(ExpressionError) -> ExpressionValue<T> {
    precondition(
      values.count == variableNames.count,
      "\(values.count) values for \(variableNames.count) variables \(variableNames)")
    return try CompiledExpression.run(program, values, precision: precision, kind: kind)
  }

  @inlinable
  static func run(
    _ program: [Instruction], _ values: [T], precision: Int,
    kind: ValueKind
  ) throws(ExpressionError) -> ExpressionValue<T> {
    var numbers: [T] = []
    var truths: [Truth] = []
    numbers.reserveCapacity(8)
    for instruction in program {
      switch instruction {
      case .push(let x): numbers.append(x)
      case .load(let i): numbers.append(values[i].widened(toPrecision: precision))
      case .negate: numbers.append(-numbers.removeLast())
      case .arithmetic(let op):
        let y = numbers.removeLast(), x = numbers.removeLast()
        switch op {
        case .add: numbers.append(x + y)
        case .subtract: numbers.append(x - y)
        case .multiply: numbers.append(x * y)
        case .divide: numbers.append(x / y)
        case .power:
          if let n = y.exactInteger { numbers.append(T.power(x, n)) } else { numbers.append(T.apply(.pow, x, y)) }
        }
      case .integerPower(let n): numbers.append(T.power(numbers.removeLast(), n))
      case .compare(let op):
        let y = numbers.removeLast(), x = numbers.removeLast()
        truths.append(T.compare(x, op, y))
      case .logical(let op):
        let q = truths.removeLast(), p = truths.removeLast()
        truths.append(op == .and ? p && q : p || q)
      case .not: truths.append(!truths.removeLast())
      case .unary(let f): numbers.append(T.apply(f, numbers.removeLast()))
      case .binary(let f):
        let b = numbers.removeLast(), a = numbers.removeLast()
        numbers.append(T.apply(f, a, b))
      case .table(let f, let count, let span):
        let args = Array(numbers.suffix(count))
        numbers.removeLast(count)
        do {
          switch f.body {
          case .number(let body): numbers.append(try body(args))
          case .truth(let body): truths.append(try body(args))
          case .unevaluated: preconditionFailure("compiled as .unevaluated")
          }
        } catch {
          throw ExpressionError(.functionFailed, expected: f.name, found: String(describing: error), at: span)
        }
      case .unevaluated(let f, let arguments, let span):
        guard case .unevaluated(let kind, let body) = f.body else { preconditionFailure("compiled as .table") }
        let result: ExpressionValue<T>
        do { result = try body(arguments) } catch {
          throw ExpressionError(.functionFailed, expected: f.name, found: String(describing: error), at: span)
        }
        switch result {
        case .number(let x) where kind == .number: numbers.append(x)
        case .truth(let t) where kind == .truth: truths.append(t)
        default:
          throw ExpressionError(
            .functionFailed, expected: f.name,
            found: "it returned \(result.kind.phrase) instead of \(kind.phrase)", at: span)
        }
      }
    }
    return kind == .number ? .number(numbers.removeLast()) : .truth(truths.removeLast())
  }

  /// The number for `values`; throws `typeMismatch` if the expression is boolean.
  @inlinable
  public func evaluate(_ values: [T]) throws(ExpressionError) -> T {
    guard kind == .number else {
      throw ExpressionError(.typeMismatch, expected: "a number", found: "a truth value", at: expression.span)
    }
    guard case .number(let x) = try value(values) else { fatalError("unreachable: kind is number") }
    return x
  }

  /// The truth for `values`; throws `typeMismatch` if the expression is a number.
  @inlinable
  public func evaluateTruth(_ values: [T]) throws(ExpressionError) -> Truth {
    guard kind == .truth else {
      throw ExpressionError(
        .typeMismatch, expected: "a truth value (a comparison)", found: "a number",
        at: expression.span)
    }
    guard case .truth(let t) = try value(values) else { fatalError("unreachable: kind is truth") }
    return t
  }
}
