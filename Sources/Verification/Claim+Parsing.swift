import BallArithmetic
import Expressions
import MultiPrecision

/// A claim that does not parse, or names something that does not exist.
public struct ClaimParseError: Error, Sendable, CustomStringConvertible {
  public var message: String
  /// 1-based column in the claim text.
  public var column: Int?
  /// A syntax error (as opposed to an unknown name or a misuse of an aggregate).
  public var isSyntax: Bool
  public var description: String { (column.map { "column \($0): " } ?? "") + message }
}

/// The aggregate helpers over a sweep axis that a claim may use inside its terms.
///
/// Each takes the axis first and a term second, and reduces the term over the
/// points of the group that differ only in that axis:
/// - `slope(axis, y)`: the least-squares slope of log y against log axis (a power-law exponent);
/// - `mean(axis, y)`, `maximum(axis, y)`, `minimum(axis, y)`.
/// `forall(axis, predicate)` and `ordered(axis, y)` (y non-decreasing along the axis)
/// are predicates and stand where a comparison may.
public enum ClaimAggregate: String, Sendable, CaseIterable {
  case slope, mean, maximum, minimum
}

extension Claim {
  /// Parses `text` in the shared expression language and binds it to the theorem's
  /// quantities and sweep axes.
  public init(parsing text: String, quantities: Set<String>, axes: [String]) throws(ClaimParseError) {
    let expression = try ClaimLowering.parse(text)
    var lowering = ClaimLowering(quantities: quantities, axes: axes)
    let root = try lowering.predicate(expression)
    self.init(text: text, root: root, aggregatedAxes: lowering.aggregatedAxes, autoFigures: lowering.figures)
  }
}

extension Term {
  /// Parses a numeric term of the claim language on its own (a `versus` figure's
  /// coordinate) and returns it with the axes its aggregates reduce over.
  public static func parsing(
    _ text: String, quantities: Set<String>, axes: [String]
  ) throws(ClaimParseError) -> (term: Term, aggregatedAxes: Set<String>) {
    let expression = try ClaimLowering.parse(text)
    var lowering = ClaimLowering(quantities: quantities, axes: axes)
    let term = try lowering.term(expression)
    return (term, lowering.aggregatedAxes)
  }
}

/// Lowers an expression tree into a `ClaimNode`, checking names.
struct ClaimLowering {
  let quantities: Set<String>
  let axes: [String]
  var aggregatedAxes: Set<String> = []
  var counter = 0
  var figures: [TheoremSpec.FigureSpec] = []

  init(quantities: Set<String>, axes: [String]) { self.quantities = quantities; self.axes = axes }

  /// The expression of a claim or term; a syntax error keeps its column.
  static func parse(_ text: String) throws(ClaimParseError) -> Expression {
    do {
      return try Expression.parse(text)
    } catch {
      throw ClaimParseError(message: error.message, column: error.column, isSyntax: true)
    }
  }

  func fail(_ message: String, _ e: Expression) -> ClaimParseError {
    ClaimParseError(message: message, column: e.span.lineAndColumn?.column, isSyntax: false)
  }

  mutating func axis(_ e: Expression, in name: String) throws(ClaimParseError) -> String {
    guard case .variable(let a, _) = e else {
      throw fail("the first argument of \(name) is a sweep axis name", e)
    }
    guard axes.contains(a) else {
      throw fail("`\(a)` is not a sweep axis (axes: \(axes.joined(separator: ", ")))", e)
    }
    aggregatedAxes.insert(a)
    return a
  }

  mutating func predicate(_ e: Expression) throws(ClaimParseError) -> ClaimNode {
    switch e {
    case .comparison(let op, let a, let b, _):
      return .compare(op, try term(a), try term(b), text: e.description)
    case .logical(let op, let a, let b, _):
      let l = try predicate(a), r = try predicate(b)
      switch (op, l, r) {
      case (.and, .and(let x), .and(let y)): return .and(x + y)
      case (.and, .and(let x), _): return .and(x + [r])
      case (.and, _, _): return .and([l, r])
      case (.or, .or(let x), _): return .or(x + [r])
      case (.or, _, _): return .or([l, r])
      }
    case .not(let x, _):
      return .not(try predicate(x))
    case .call("forall", let args, _):
      guard args.count == 2 else { throw fail("forall takes (axis, predicate)", e) }
      let a = try axis(args[0], in: "forall")
      return .forall(axis: a, try predicate(args[1]))
    case .call("ordered", let args, _):
      guard args.count == 2 else {
        throw fail("ordered takes (axis, term): the term is non-decreasing along the axis", e)
      }
      let a = try axis(args[0], in: "ordered")
      return .ordered(axis: a, try term(args[1]), text: e.description)
    default:
      throw fail(
        "a claim is a comparison (<, <=, >, >=, ==, !=), `and`/`or`/`not` of claims, forall(axis, claim) or ordered(axis, term); found `\(e.description)`",
        e)
    }
  }

  /// A numeric term: aggregate calls are computed first and bound to fresh
  /// variables, the rest is evaluated by the expression language in intervals.
  mutating func term(_ e: Expression) throws(ClaimParseError) -> Term {
    var aggregates: [(placeholder: String, kind: ClaimAggregate, axis: String, inner: Term)] = []
    let rewritten = try rewrite(e, &aggregates)
    let placeholders = Set(aggregates.map(\.placeholder))
    let known = quantities.union(axes).union(placeholders)
    do {
      let kind = try rewritten.validate(variables: known)
      guard kind == .number else { throw fail("expected a number, found a truth value", e) }
    } catch let error as ExpressionError {
      throw ClaimParseError(message: error.message, column: error.column, isSyntax: false)
    } catch let error as ClaimParseError {
      throw error
    } catch {
      throw fail("\(error)", e)
    }
    // The unbound name `i` is the imaginary unit, not a quantity.
    let unit: Set<String> = known.contains(imaginaryUnitName) ? [] : [imaginaryUnitName]
    let names = rewritten.variables.subtracting(placeholders).subtracting(unit)
      .union(aggregates.reduce(into: Set<String>()) { $0.formUnion($1.inner.names) })
    let text = e.description
    if case .variable(let name, _) = rewritten, !placeholders.contains(name) {
      return Term.variable(name)
    }
    // −q: the ends negated exactly, on the extended reals (an epoch of ∞ that never happened
    // gives [−∞, −a]; a ball cannot carry a half-infinite interval).
    if case .unary(.negate, .variable(let name, _), _) = rewritten, !placeholders.contains(name) {
      let inner = Term.variable(name)
      return Term(text: text, names: names) { scope in
        let q = try inner.evaluate(in: scope)
        return Quantity(lower: -q.upper, upper: -q.lower, rigorous: q.rigorous)
      }
    }
    let captured = aggregates
    return Term(text: text, names: names) { scope in
      var variables: [String: ArbBall] = [:]
      var rigorous = true
      for a in captured {
        let q = try a.kind.reduce(a.inner, over: a.axis, in: scope)
        // A term that is one aggregate with a one-sided enclosure (a slope bounded above only)
        // keeps it: as a ball it would become the whole line.
        if case .variable(let name, _) = rewritten, name == a.placeholder, captured.count == 1,
          q.isValid, !(q.lower.isFinite && q.upper.isFinite)
        {
          return q
        }
        rigorous = rigorous && q.rigorous
        variables[a.placeholder] = q.ball
      }
      var complexValues: [String: AcbBall] = [:]
      for name in rewritten.variables.subtracting(unit) where variables[name] == nil {
        let q = try scope.value(of: name)
        rigorous = rigorous && q.rigorous
        variables[name] = q.ball
        if q.imaginary != nil { complexValues[name] = q.complexBall }
      }
      if !complexValues.isEmpty || rewritten.variables.contains(where: unit.contains) {
        // Complex quantities or the imaginary unit: evaluated in complex balls.
        return try Self.complexTerm(
          rewritten, text: text, variables, complexValues, rigorous: rigorous, scope.precision)
      }
      let value: ArbBall
      do {
        value = try rewritten.evaluate(as: ArbBall.self, variables: variables, precision: scope.precision)
      } catch {
        throw ClaimEvaluationError("\(text): \((error as? ExpressionError)?.message ?? "\(error)")")
      }
      return try Quantity(value, rigorous: rigorous)
    }
  }

  /// A term over complex quantities (or using `i`), evaluated in complex balls (`AcbBall`):
  /// its value must be real (`re(q)`, `im(q)`, `abs(q - w)`, …), i.e. its imaginary
  /// enclosure must contain 0; it is then the real part.
  static func complexTerm(
    _ e: Expression, text: String, _ real: [String: ArbBall],
    _ complex: [String: AcbBall], rigorous: Bool, _ precision: Int
  ) throws -> Quantity {
    var variables = real.mapValues { AcbBall($0) }
    for (k, v) in complex { variables[k] = v }
    let value: AcbBall
    do {
      value = try e.evaluate(as: AcbBall.self, variables: variables, precision: precision)
    } catch {
      throw ClaimEvaluationError("\(text): \(error.message)")
    }
    guard value.imaginaryBall.contains(MPFloat(0, precision: 2)) else {
      throw ClaimEvaluationError(
        "\(text) is not real (imaginary part \(value.imaginaryBall.string(digits: 6))): "
          + "compare re(…), im(…) or abs(…) of a complex value")
    }
    let part = value.isFinite ? value.realBall : ArbBall.indeterminate(precision: precision)
    return try Quantity(part, rigorous: rigorous && value.isReal)
  }

  mutating func rewrite(
    _ e: Expression, _ out: inout [(placeholder: String, kind: ClaimAggregate, axis: String, inner: Term)]
  ) throws(ClaimParseError) -> Expression {
    switch e {
    case .call(let name, let args, let span):
      if let kind = ClaimAggregate(rawValue: name) {
        guard args.count == 2 else { throw fail("\(name) takes (axis, term)", e) }
        let a = try axis(args[0], in: name)
        let inner = try term(args[1])
        if kind == .slope, case .variable(let y, _) = args[1],
          !figures.contains(where: { $0.x == a && $0.y == y })
        {
          figures.append(
            .init(kind: .loglog, x: a, y: y, title: "\(y) against \(a), log-log, with the fitted slope", fit: true))
        }
        counter += 1
        let placeholder = "__\(name)\(counter)"
        out.append((placeholder, kind, a, inner))
        return .variable(placeholder, span: span)
      }
      if name == "forall" || name == "ordered" {
        throw fail("\(name)(…) is a predicate; it cannot stand inside a number", e)
      }
      var newArgs: [Expression] = []
      for x in args { newArgs.append(try rewrite(x, &out)) }
      return .call(name, newArgs, span: span)
    case .unary(let op, let x, let span): return .unary(op, try rewrite(x, &out), span: span)
    case .binary(let op, let a, let b, let span):
      return .binary(op, try rewrite(a, &out), try rewrite(b, &out), span: span)
    case .comparison, .logical, .not:
      throw fail("a comparison cannot stand inside a number", e)
    default: return e
    }
  }
}

extension ClaimAggregate {
  /// The term reduced over the points of `scope` along `axis`.
  func reduce(_ term: Term, over axis: String, in scope: ClaimScope) throws -> Quantity {
    let slices = try scope.split(by: axis)
    let p = scope.precision
    let ys = try slices.map { try term.evaluate(in: $0.scope) }
    switch self {
    case .slope:
      let xs = try slices.map { s throws -> Quantity in
        guard let d = s.value.decimal else {
          throw ClaimEvaluationError("slope: axis `\(axis)` has a non-numeric value \(s.value)")
        }
        return Quantity.enclosing(decimal: d, precision: p)
      }
      return try logLogSlope(x: xs, y: ys, precision: p)
    case .mean:
      var sum = Quantity(exact: MPFloat(0, precision: p))
      for y in ys { sum = sum.plus(y, precision: p) }
      return try sum.divided(by: Quantity(exact: MPFloat(ys.count, precision: p)), precision: p)
    case .maximum:
      return Quantity(lower: ys.map(\.lower).max()!, upper: ys.map(\.upper).max()!, rigorous: ys.allSatisfy(\.rigorous))
    case .minimum:
      return Quantity(lower: ys.map(\.lower).min()!, upper: ys.map(\.upper).min()!, rigorous: ys.allSatisfy(\.rigorous))
    }
  }
}
