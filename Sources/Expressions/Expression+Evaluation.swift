import MultiPrecision

extension Expression {
  /// The numeric value of the expression.
  ///
  /// - Parameters:
  ///   - type: the scalar (`Double`, `MPFloat`, `ArbBall`, `AcbBall`).
  ///   - variables: values of the variables; each is widened to `precision`.
  ///   - functions: functions beyond the built-ins (they shadow built-ins).
  ///   - precision: bits for literals, constants and widened variables.
  /// - Throws: `ExpressionError` at the offending node: unknown variable or
  ///   function, wrong arity, a truth value where a number is needed, a
  ///   throwing table function.
  ///
  /// Compiles and runs once; see `CompiledExpression` to evaluate repeatedly.
  public func evaluate<T: ExpressionScalar>(
    as type: T.Type = T.self, variables: [String: T] = [:],
    functions: FunctionTable<T> = FunctionTable(), precision: Int = T.defaultPrecision
  ) throws(ExpressionError) -> T {
    let (compiled, values) = try compile(variables, functions, precision)
    return try compiled.evaluate(values)
  }

  /// The truth value of a boolean expression (comparisons, `and`, `or`,
  /// `not`, table predicates), in three-valued logic.
  public func evaluateTruth<T: ExpressionScalar>(
    as type: T.Type = T.self, variables: [String: T] = [:],
    functions: FunctionTable<T> = FunctionTable(), precision: Int = T.defaultPrecision
  ) throws(ExpressionError) -> Truth {
    let (compiled, values) = try compile(variables, functions, precision)
    return try compiled.evaluateTruth(values)
  }

  /// The value, number or truth, whichever the expression denotes.
  public func evaluateValue<T: ExpressionScalar>(
    as type: T.Type = T.self, variables: [String: T] = [:],
    functions: FunctionTable<T> = FunctionTable(), precision: Int = T.defaultPrecision
  ) throws(ExpressionError) -> ExpressionValue<T> {
    let (compiled, values) = try compile(variables, functions, precision)
    return try compiled.value(values)
  }

  private func compile<T: ExpressionScalar>(
    _ variables: [String: T], _ functions: FunctionTable<T>, _ precision: Int
  ) throws(ExpressionError) -> (CompiledExpression<T>, [T]) {
    let names = variables.keys.sorted()
    let compiled = try CompiledExpression(self, variables: names, functions: functions, precision: precision)
    return (compiled, names.map { variables[$0]! })
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
        throw ExpressionError(
          .typeMismatch, expected: kind == .number ? "a number" : "a truth value (a comparison)",
          found: k.phrase, at: e.span)
      }
    }
    switch self {
    case .number, .constant: return .number
    case .variable(let name, let span):
      if let variables, !variables.contains(name), name != imaginaryUnitName {
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
      if case .table(let g) = f, g.takesExpressions { return f.resultKind }
      for a in args { try expect(.number, a) }
      return f.resultKind
    }
  }

  /// `validate` with the built-in functions only.
  @discardableResult
  public func validate(variables: Set<String>? = nil) throws(ExpressionError) -> ValueKind {
    try validate(functions: FunctionTable<Double>(), variables: variables)
  }

  static func resolveCall<T>(
    _ name: String, _ count: Int, _ span: SourceSpan,
    _ functions: FunctionTable<T>
  ) throws(ExpressionError) -> ResolvedFunction<T> {
    guard let f = ResolvedFunction.resolve(name, count: count, in: functions) else {
      let known = builtinFunctionNames + Array(functions.functions.keys)
      var expected = "a built-in or registered function"
      if let near = closestName(to: name, among: known) { expected += " (did you mean '\(near)'?)" }
      throw ExpressionError(.unknownFunction, expected: expected, found: "'\(name)'", at: span.prefix(name.count))
    }
    guard f.arity.contains(count) else {
      throw ExpressionError(
        .wrongArity, expected: "\(describeArity(f.arity)) for \(name)",
        found: describeArity(count...count), at: span)
    }
    return f
  }

  static func unknownVariable(_ name: String, _ span: SourceSpan, known: [String]) -> ExpressionError {
    var expected: String
    if known.isEmpty {
      expected = "a bound variable (none are set)"
    } else {
      expected = "one of " + known.sorted().map { "'\($0)'" }.joined(separator: ", ")
    }
    if RealFunction(name: name) != nil || RealFunction2(rawValue: name) != nil {
      expected += "; '\(name)' is a function: write \(name)(…)"
    }
    return ExpressionError(.unknownVariable, expected: expected, found: "'\(name)'", at: span)
  }
}
