import MultiPrecision

extension Expression {
  /// The numeric value of the expression.
  ///
  /// - Parameters:
  ///   - type: the scalar (`Double`, `MPFloat`, `MPInterval`, …).
  ///   - variables: values of the variables; each is widened to `precision`.
  ///   - functions: functions beyond the built-ins (they shadow built-ins).
  ///   - precision: bits for literals, constants and widened variables.
  /// - Throws: `ExpressionError` at the offending node: unknown variable or
  ///   function, wrong arity, a truth value where a number is needed, a
  ///   throwing table function.
  public func evaluate<T: ExpressionScalar>(
    as type: T.Type = T.self, variables: [String: T] = [:],
    functions: FunctionTable<T> = FunctionTable(), precision: Int = T.defaultPrecision
  ) throws(ExpressionError) -> T {
    let evaluator = Evaluator(variables: variables, functions: functions, precision: precision)
    return try evaluator.number(self)
  }

  /// The truth value of a boolean expression (comparisons, `and`, `or`,
  /// `not`, table predicates), in three-valued logic.
  public func evaluateTruth<T: ExpressionScalar>(
    as type: T.Type = T.self, variables: [String: T] = [:],
    functions: FunctionTable<T> = FunctionTable(), precision: Int = T.defaultPrecision
  ) throws(ExpressionError) -> Truth {
    let evaluator = Evaluator(variables: variables, functions: functions, precision: precision)
    return try evaluator.truth(self)
  }

  /// The value, number or truth, whichever the expression denotes.
  public func evaluateValue<T: ExpressionScalar>(
    as type: T.Type = T.self, variables: [String: T] = [:],
    functions: FunctionTable<T> = FunctionTable(), precision: Int = T.defaultPrecision
  ) throws(ExpressionError) -> ExpressionValue<T> {
    let evaluator = Evaluator(variables: variables, functions: functions, precision: precision)
    return try evaluator.value(self)
  }
}

/// Tree-walking evaluator. Both operands of `and`/`or` are always evaluated,
/// so errors in either are reported whatever the other's value.
struct Evaluator<T: ExpressionScalar> {
  let variables: [String: T]
  let functions: FunctionTable<T>
  let precision: Int

  func number(_ e: Expression) throws(ExpressionError) -> T {
    switch try value(e) {
    case .number(let x): return x
    case .truth:
      throw ExpressionError(.typeMismatch, expected: "a number", found: "a truth value", at: e.span)
    }
  }

  func truth(_ e: Expression) throws(ExpressionError) -> Truth {
    switch try value(e) {
    case .truth(let t): return t
    case .number:
      throw ExpressionError(.typeMismatch, expected: "a truth value (a comparison)", found: "a number", at: e.span)
    }
  }

  func value(_ e: Expression) throws(ExpressionError) -> ExpressionValue<T> {
    switch e {
    case .number(let text, let span):
      guard let x = T(decimal: text, precision: precision) else {
        throw ExpressionError(.malformedNumber, expected: "a number", found: "'\(text)'", at: span)
      }
      return .number(x)
    case .variable(let name, let span):
      guard let x = variables[name] else { throw Expression.unknownVariable(name, span, known: Array(variables.keys)) }
      return .number(x.widened(toPrecision: precision))
    case .constant(let c, _):
      return .number(T(constant: c, precision: precision))
    case .unary(let op, let x, _):
      let v = try number(x)
      return .number(op == .negate ? -v : v)
    case .binary(let op, let a, let b, _):
      let x = try number(a), y = try number(b)
      switch op {
      case .add: return .number(x + y)
      case .subtract: return .number(x - y)
      case .multiply: return .number(x * y)
      case .divide: return .number(x / y)
      case .power:
        if let n = y.exactInteger { return .number(T.power(x, n)) }
        return .number(T.apply(.pow, x, y))
      }
    case .comparison(let op, let a, let b, _):
      let x = try number(a), y = try number(b)
      return .truth(T.compare(x, op, y))
    case .logical(let op, let a, let b, _):
      let p = try truth(a), q = try truth(b)
      return .truth(op == .and ? p && q : p || q)
    case .not(let x, _):
      return .truth(!(try truth(x)))
    case .call(let name, let args, let span):
      let f = try Expression.resolveCall(name, args.count, span, functions)
      var values: [T] = []
      values.reserveCapacity(args.count)
      for a in args { values.append(try number(a)) }
      switch f {
      case .unary(let g): return .number(T.apply(g, values[0]))
      case .binary(let g): return .number(T.apply(g, values[0], values[1]))
      case .table(let g):
        do {
          switch g.body {
          case .number(let body): return .number(try body(values))
          case .truth(let body): return .truth(try body(values))
          }
        } catch {
          throw ExpressionError(.functionFailed, expected: name, found: String(describing: error), at: span)
        }
      }
    }
  }
}

// MARK: - Static checks

extension Expression {
  /// Checks, without evaluating, that every function exists with the right
  /// number of arguments, that every variable is in `variables` (unless it is
  /// nil), and that numbers and truth values are used where they belong.
  /// Returns what the whole expression denotes.
  @discardableResult
  public func validate<T: ExpressionScalar>(
    functions: FunctionTable<T>, variables: Set<String>? = nil
  ) throws(ExpressionError) -> ValueKind {
    func expect(_ kind: ValueKind, _ e: Expression) throws(ExpressionError) {
      let k = try e.validate(functions: functions, variables: variables)
      guard k == kind else {
        throw ExpressionError(.typeMismatch, expected: kind == .number ? "a number" : "a truth value (a comparison)",
                              found: k.phrase, at: e.span)
      }
    }
    switch self {
    case .number, .constant: return .number
    case .variable(let name, let span):
      if let variables, !variables.contains(name) {
        throw Expression.unknownVariable(name, span, known: Array(variables))
      }
      return .number
    case .unary(_, let x, _):
      try expect(.number, x)
      return .number
    case .binary(_, let a, let b, _):
      try expect(.number, a); try expect(.number, b)
      return .number
    case .comparison(_, let a, let b, _):
      try expect(.number, a); try expect(.number, b)
      return .truth
    case .logical(_, let a, let b, _):
      try expect(.truth, a); try expect(.truth, b)
      return .truth
    case .not(let x, _):
      try expect(.truth, x)
      return .truth
    case .call(let name, let args, let span):
      let f = try Expression.resolveCall(name, args.count, span, functions)
      for a in args { try expect(.number, a) }
      return f.resultKind
    }
  }

  /// `validate` with the built-in functions only.
  @discardableResult
  public func validate(variables: Set<String>? = nil) throws(ExpressionError) -> ValueKind {
    try validate(functions: FunctionTable<Double>(), variables: variables)
  }

  static func resolveCall<T>(_ name: String, _ count: Int, _ span: SourceSpan,
                             _ functions: FunctionTable<T>) throws(ExpressionError) -> ResolvedFunction<T> {
    guard let f = ResolvedFunction.resolve(name, in: functions) else {
      let known = builtinFunctionNames + Array(functions.functions.keys)
      var expected = "a built-in or registered function"
      if let near = closestName(to: name, among: known) { expected += " (did you mean '\(near)'?)" }
      throw ExpressionError(.unknownFunction, expected: expected, found: "'\(name)'", at: span.prefix(name.count))
    }
    guard f.arity.contains(count) else {
      throw ExpressionError(.wrongArity, expected: "\(describeArity(f.arity)) for \(name)",
                            found: describeArity(count...count), at: span)
    }
    return f
  }

  static func unknownVariable(_ name: String, _ span: SourceSpan, known: [String]) -> ExpressionError {
    var expected: String
    if known.isEmpty { expected = "a bound variable (none are set)" } else {
      expected = "one of " + known.sorted().map { "'\($0)'" }.joined(separator: ", ")
    }
    if RealFunction(name: name) != nil || RealFunction2(rawValue: name) != nil {
      expected += "; '\(name)' is a function: write \(name)(…)"
    }
    return ExpressionError(.unknownVariable, expected: expected, found: "'\(name)'", at: span)
  }
}
