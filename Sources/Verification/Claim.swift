import CMPFR
import Expressions
import MultiPrecision

/// Why a term or claim could not be evaluated.
public struct ClaimEvaluationError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// A real-valued part of a claim (a side of a comparison), evaluated in a scope
/// to an enclosure. Built from the expression language by `Claim.init(parsing:…)`.
public struct Term: Sendable {
  /// The term's source text (for reports).
  public var text: String
  /// The names of quantities and sweep axes it reads.
  public var names: Set<String>
  let body: @Sendable (ClaimScope) throws -> Quantity

  public init(text: String, names: Set<String>, _ body: @escaping @Sendable (ClaimScope) throws -> Quantity) {
    self.text = text; self.names = names; self.body = body
  }
  public func evaluate(in scope: ClaimScope) throws -> Quantity { try body(scope) }

  /// A quantity or sweep coordinate by name.
  public static func variable(_ name: String) -> Term {
    Term(text: name, names: [name]) {
      let q = try $0.value(of: name)
      if let im = q.imaginary, !im.isZero {
        throw ClaimEvaluationError("`\(name)` is complex: compare re(\(name)), im(\(name)) or abs(\(name))")
      }
      return q
    }
  }
  /// A number written in decimal, enclosed at the scope's precision.
  public static func number(_ decimal: String) -> Term {
    Term(text: decimal, names: []) { Quantity.enclosing(decimal: decimal, precision: $0.precision) }
  }
}

/// A claim as a tree of checks. Leaves compare two terms; `and`, `or`, `not`
/// combine; `forall(axis, c)` checks `c` at every value of a sweep axis;
/// `ordered(axis, t)` checks that `t` is non-decreasing along the axis.
public indirect enum ClaimNode: Sendable {
  case compare(ComparisonOperator, Term, Term, text: String)
  case and([ClaimNode])
  case or([ClaimNode])
  case not(ClaimNode)
  case forall(axis: String, ClaimNode)
  case ordered(axis: String, Term, text: String)
  case literal(Bool)
}

/// A parsed claim: its tree and the sweep axes it aggregates over. Points that
/// differ only in aggregated axes form one group, checked together; every other
/// axis is universally quantified (each group gets its own verdict).
public struct Claim: Sendable {
  public var text: String
  public var root: ClaimNode
  public var aggregatedAxes: Set<String>
  /// Figures the claim implies: a log-log plot for each `slope(axis, quantity)`.
  public var autoFigures: [TheoremSpec.FigureSpec]
  public init(text: String, root: ClaimNode, aggregatedAxes: Set<String>, autoFigures: [TheoremSpec.FigureSpec] = []) {
    self.text = text; self.root = root; self.aggregatedAxes = aggregatedAxes; self.autoFigures = autoFigures
  }
}

/// What a claim is evaluated on: a group of sweep points with their quantities.
public struct ClaimScope: Sendable {
  public var points: [SweepPoint]
  /// Quantities by point index, then by name.
  public var quantities: [Int: [String: Quantity]]
  public var precision: Int
  /// Absolute tolerance of `==` and `!=`.
  public var tolerance: String
  public var safetyFactor: Double

  public init(points: [SweepPoint], quantities: [Int: [String: Quantity]], precision: Int,
              tolerance: String = "0", safetyFactor: Double = 10) {
    self.points = points; self.quantities = quantities; self.precision = precision
    self.tolerance = tolerance; self.safetyFactor = safetyFactor
  }

  /// A quantity or a numeric sweep coordinate. Throws when it differs across the
  /// group's points (it must then be used inside an aggregate over that axis).
  public func value(of name: String) throws -> Quantity {
    var found: Quantity?
    var first: String?
    for p in points {
      let q: Quantity
      let key: String
      if let v = quantities[p.index]?[name] {
        q = v; key = v.lower.description + "," + v.upper.description
      } else if let c = p[name] {
        guard let d = c.decimal else { throw ClaimEvaluationError("sweep value `\(name)` = \(c) is not a number") }
        q = Quantity.enclosing(decimal: d, precision: precision); key = d
      } else {
        throw ClaimEvaluationError("unknown name `\(name)`")
      }
      if let first, first != key {
        throw ClaimEvaluationError("`\(name)` varies within the group; use it inside an aggregate (slope, forall, ordered, …) over the axis it varies with")
      }
      first = key
      if found == nil { found = q }
    }
    guard let found else { throw ClaimEvaluationError("empty group") }
    return found
  }

  /// The group split by the values of `axis`, in the order the values first appear.
  public func split(by axis: String) throws -> [(value: SweepValue, scope: ClaimScope)] {
    var order: [SweepValue] = []
    var members: [SweepValue: [SweepPoint]] = [:]
    for p in points {
      guard let v = p[axis] else { throw ClaimEvaluationError("`\(axis)` is not a sweep axis") }
      if members[v] == nil { order.append(v) }
      members[v, default: []].append(p)
    }
    return order.map { v in
      var s = self
      s.points = members[v]!
      return (v, s)
    }
  }

  /// Coordinates shared by every point of the scope (for locating counterexamples).
  public var sharedCoordinates: [String: String] {
    guard let first = points.first else { return [:] }
    var out: [String: String] = [:]
    for (k, v) in first.coordinates where points.allSatisfy({ $0[k] == v }) { out[k] = v.description }
    return out
  }
}

extension ClaimNode {
  /// The verdict of this claim in `scope`.
  public func check(in scope: ClaimScope) -> Outcome {
    switch self {
    case .literal(let b):
      return Outcome(verdict: b ? .certified : .fail, rigorous: true, comparison: String(b),
                     point: scope.sharedCoordinates)
    case .compare(let op, let lhs, let rhs, let text):
      do {
        let l = try lhs.evaluate(in: scope)
        let r = try rhs.evaluate(in: scope)
        var o = Verification.compare(l, op, r, scope: scope)
        o.comparison = text
        o.point = scope.sharedCoordinates
        return o
      } catch {
        var o = Outcome.failure("\(error)", comparison: text)
        o.point = scope.sharedCoordinates
        return o
      }
    case .and(let parts):
      return Self.conjunction(parts.map { $0.check(in: scope) })
    case .or(let parts):
      let outcomes = parts.map { $0.check(in: scope) }
      if let best = outcomes.filter(\.verdict.holds).min(by: { $0.verdict < $1.verdict }) { return best }
      if let e = outcomes.first(where: { $0.verdict == .error }) { return e }
      if let i = outcomes.first(where: { $0.verdict == .inconclusive }) { return i }
      return outcomes.first ?? Outcome.failure("empty `or`")
    case .not(let inner):
      var o = inner.check(in: scope)
      switch o.verdict {
      case .certified: o.verdict = .fail
      case .pass: o.verdict = .fail
      case .fail: o.verdict = o.rigorous ? .certified : .pass
      default: break
      }
      o.comparison = "not (" + (o.comparison ?? "") + ")"
      return o
    case .forall(let axis, let inner):
      do {
        return Self.conjunction(try scope.split(by: axis).map { inner.check(in: $0.scope) })
      } catch {
        return Outcome.failure("\(error)")
      }
    case .ordered(let axis, let term, let text):
      do {
        let slices = try scope.split(by: axis)
        var outcomes: [Outcome] = []
        var previous: (Quantity, ClaimScope)?
        for (_, s) in slices {
          let q = try term.evaluate(in: s)
          if let (p, ps) = previous {
            var o = Verification.compare(p, .lessOrEqual, q, scope: s)
            o.comparison = "\(text): \(term.text) at \(Self.coordinates(ps)) <= at \(Self.coordinates(s))"
            o.point = s.sharedCoordinates
            outcomes.append(o)
          }
          previous = (q, s)
        }
        return outcomes.isEmpty ? Outcome(verdict: .certified, rigorous: true, comparison: text) : Self.conjunction(outcomes)
      } catch {
        return Outcome.failure("\(error)", comparison: text)
      }
    }
  }

  static func coordinates(_ s: ClaimScope) -> String {
    s.sharedCoordinates.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
  }

  /// `and`: the worst outcome decides; among equally bad ones, the smallest
  /// relative margin margin / (|lhs| + |rhs|) (the tightest comparison), then the first.
  static func conjunction(_ outcomes: [Outcome]) -> Outcome {
    guard var worst = outcomes.first else { return Outcome(verdict: .certified, rigorous: true) }
    func margin(_ o: Outcome) -> Double {
      func size(_ s: String?) -> Double { abs(s.flatMap { Double($0.split(separator: " ").first ?? "") } ?? 0) }
      guard let m = o.margin.flatMap(Double.init) else { return .infinity }
      let scale = size(o.lhs) + size(o.rhs)
      return scale > 0 ? m / scale : m
    }
    for o in outcomes.dropFirst() where o.verdict > worst.verdict || (o.verdict == worst.verdict && margin(o) < margin(worst)) {
      worst = o
    }
    worst.rigorous = outcomes.allSatisfy(\.rigorous)
    return worst
  }
}

/// The verdict of `l op r` from the enclosures (see `Verdict`).
public func compare(_ l: Quantity, _ op: ComparisonOperator, _ r: Quantity, scope: ClaimScope) -> Outcome {
  let rigorous = l.rigorous && r.rigorous
  guard l.isValid, r.isValid else {
    return Outcome(verdict: .error, rigorous: false, lhs: l.formatted(), rhs: r.formatted(),
                   reason: "a side is not a number (NaN)")
  }
  let p = scope.precision
  let margin: Quantity
  let strict: Bool
  switch op {
  case .lessOrEqual, .less:
    margin = r.minus(l, precision: p); strict = op == .less
  case .greaterOrEqual, .greater:
    margin = l.minus(r, precision: p); strict = op == .greater
  case .equal, .notEqual:
    let d = l.minus(r, precision: p).magnitude
    let tol = Quantity.enclosing(decimal: scope.tolerance, precision: p)
    if op == .equal { margin = tol.minus(d, precision: p); strict = false }
    else { margin = d.minus(tol, precision: p); strict = true }
  }
  let verdict = classify(margin: margin, strict: strict, rigorous: rigorous, safetyFactor: scope.safetyFactor)
  // Enough digits to see the agreement the precision allows (capped for the tables).
  let digits = max(15, min(30, p * 3 / 10 - 2))
  var note: String?
  if op == .equal || op == .notEqual {
    note = "|lhs − rhs| = \(l.minus(r, precision: p).magnitude.value.formatted(digits: 3)), tolerance \(scope.tolerance)"
  }
  return Outcome(verdict: verdict, rigorous: rigorous, lhs: l.formatted(digits: digits), rhs: r.formatted(digits: digits),
                 margin: margin.value.formatted(digits: 6), error: margin.radius.formatted(digits: 3), reason: note)
}

/// The verdict for a margin enclosure m (the claim holds iff m ≥ 0, or m > 0 when strict).
public func classify(margin m: Quantity, strict: Bool, rigorous: Bool, safetyFactor: Double) -> Verdict {
  let zero = MPFloat(0, precision: m.lower.precision)
  if rigorous && (strict ? m.lower > zero : m.lower >= zero) { return .certified }
  if strict ? m.upper <= zero : m.upper < zero { return .fail }
  guard m.lower.isFinite, m.upper.isFinite else { return .inconclusive }
  let mid = m.value
  let bound = m.radius * MPFloat(safetyFactor, precision: 64)
  if mid > zero && mid > bound { return .pass }
  return .inconclusive
}
