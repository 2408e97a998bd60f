import MultiPrecision

/// What an expression denotes: a number or a truth value.
public enum ValueKind: String, Sendable, Hashable {
  case number
  case truth

  @usableFromInline var phrase: String { self == .number ? "a number" : "a truth value" }
}

/// The value of an expression: a number of the evaluation's scalar type, or
/// a three-valued truth.
public enum ExpressionValue<T: ExpressionScalar>: Sendable {
  case number(T)
  case truth(Truth)

  public var kind: ValueKind {
    if case .number = self { return .number }
    return .truth
  }
}

/// Functions that evaluation knows beyond the built-in `RealFunction` (one
/// argument) and `RealFunction2` (two arguments) tables: modules add their
/// own (`slope(…)`, `ordered(…)`) by name, with an arity range, returning a
/// number or a truth value. A table entry shadows a built-in of the same name.
public struct FunctionTable<T: ExpressionScalar>: Sendable {
  /// One function: its accepted argument counts and its body.
  public struct Function: Sendable {
    public enum Body: Sendable {
      /// Evaluated number arguments, a number result.
      case number(@Sendable ([T]) throws -> T)
      /// Evaluated number arguments, a truth result.
      case truth(@Sendable ([T]) throws -> Truth)
      /// The argument expressions themselves, unevaluated and unchecked (for
      /// functions of named data the caller holds, e.g. `sameorder(epochs,
      /// frequencies)` over two series); the result has the declared kind.
      case unevaluated(result: ValueKind, @Sendable ([Expression]) throws -> ExpressionValue<T>)
    }

    public let name: String
    /// Accepted numbers of arguments (`2...Int.max` for "two or more").
    public let arity: ClosedRange<Int>
    public let body: Body

    public init(name: String, arity: ClosedRange<Int>, body: Body) {
      self.name = name
      self.arity = arity
      self.body = body
    }

    /// Whether the function returns a number or a truth value.
    public var resultKind: ValueKind {
      switch body {
      case .number: return .number
      case .truth: return .truth
      case .unevaluated(let kind, _): return kind
      }
    }

    /// Whether the arguments are passed as expressions, unevaluated.
    public var takesExpressions: Bool {
      if case .unevaluated = body { return true }
      return false
    }
  }

  public private(set) var functions: [String: Function] = [:]

  public init() {}

  /// Adds (or replaces) a function returning a number.
  public mutating func define(
    _ name: String, arity: ClosedRange<Int>,
    _ body: @escaping @Sendable ([T]) throws -> T
  ) {
    functions[name] = Function(name: name, arity: arity, body: .number(body))
  }

  /// Adds (or replaces) a function of exactly `arity` arguments returning a number.
  public mutating func define(
    _ name: String, arity: Int,
    _ body: @escaping @Sendable ([T]) throws -> T
  ) {
    define(name, arity: arity...arity, body)
  }

  /// Adds (or replaces) a predicate: a function returning a truth value.
  public mutating func definePredicate(
    _ name: String, arity: ClosedRange<Int>,
    _ body: @escaping @Sendable ([T]) throws -> Truth
  ) {
    functions[name] = Function(name: name, arity: arity, body: .truth(body))
  }

  /// Adds (or replaces) a predicate of exactly `arity` arguments.
  public mutating func definePredicate(
    _ name: String, arity: Int,
    _ body: @escaping @Sendable ([T]) throws -> Truth
  ) {
    definePredicate(name, arity: arity...arity, body)
  }

  /// Adds (or replaces) a function that receives its argument expressions
  /// unevaluated (names of series, say) and returns a value of `result` kind.
  public mutating func defineUnevaluated(
    _ name: String, arity: ClosedRange<Int>, result: ValueKind,
    _ body: @escaping @Sendable ([Expression]) throws -> ExpressionValue<T>
  ) {
    functions[name] = Function(name: name, arity: arity, body: .unevaluated(result: result, body))
  }

  public subscript(name: String) -> Function? { functions[name] }

  /// This table with `other`'s functions added (`other` wins on a clash).
  public func merging(_ other: FunctionTable<T>) -> FunctionTable<T> {
    var result = self
    result.functions.merge(other.functions) { _, new in new }
    return result
  }
}

/// How a call resolves: a table function or a built-in.
enum ResolvedFunction<T: ExpressionScalar> {
  case table(FunctionTable<T>.Function)
  case unary(RealFunction)
  case binary(RealFunction2)

  var arity: ClosedRange<Int> {
    switch self {
    case .table(let f): return f.arity
    case .unary: return 1...1
    case .binary: return 2...2
    }
  }

  var resultKind: ValueKind {
    if case .table(let f) = self { return f.resultKind }
    return .number
  }

  /// A table function, else the built-in of that name; a name in both
  /// built-in tables (`lambertw(x)`, `lambertw(x, k)`) resolves by `count`.
  static func resolve(_ name: String, count: Int? = nil, in table: FunctionTable<T>) -> ResolvedFunction? {
    if let f = table[name] { return .table(f) }
    if count == 2, let f = RealFunction2(rawValue: name) { return .binary(f) }
    if let f = RealFunction(name: name) { return .unary(f) }
    if let f = RealFunction2(rawValue: name) { return .binary(f) }
    return nil
  }
}

/// Every built-in function name (with aliases), for messages and suggestions.
let builtinFunctionNames: [String] =
  RealFunction.allCases.map(\.name)
  + ["ln", "loggamma", "lngamma", "psi", "airyai", "eint", "fabs", "real", "imag", "step"]
  + RealFunction2.allCases.map(\.name)

func describeArity(_ r: ClosedRange<Int>) -> String {
  func n(_ k: Int) -> String { k == 1 ? "1 argument" : "\(k) arguments" }
  if r.lowerBound == r.upperBound { return n(r.lowerBound) }
  if r.upperBound == Int.max { return "\(n(r.lowerBound)) or more" }
  return "\(r.lowerBound) to \(r.upperBound) arguments"
}

/// Levenshtein distance between two strings.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  var row = Array(0...b.count)
  for i in 0..<a.count {
    var next = [i + 1]
    for j in 0..<b.count {
      next.append(Swift.min(row[j + 1] + 1, next[j] + 1, row[j] + (a[i] == b[j] ? 0 : 1)))
    }
    row = next
  }
  return row[b.count]
}

/// The known name closest to `name` in edit distance (at most 2), if any.
func closestName(to name: String, among candidates: [String]) -> String? {
  var best: (name: String, distance: Int)? = nil
  for c in candidates.sorted() {
    let d = editDistance(name, c)
    if d <= 2, d < (best?.distance ?? Int.max) { best = (c, d) }
  }
  return best?.name
}
