import Expressions
import MultiPrecision

/// Why a term or claim could not be evaluated.
public struct ClaimEvaluationError: Error, Sendable, CustomStringConvertible {
  public var message: String
  /// The term is defined but not resolved by the error of its inputs (e.g. the log of an
  /// enclosure that straddles 0: a value below its own error): the check is `inconclusive`.
  public var unresolved = false
  public init(_ message: String, unresolved: Bool = false) { self.message = message; self.unresolved = unresolved }
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
  /// Why quantities are missing at a point (by point index): a computation that
  /// failed there. A term reading a missing quantity is an `error` with this reason.
  public var errors: [Int: String] = [:]
  /// Seed ensembles: the number of seeds every measured quantity was pooled over
  /// (set by the runner). Comparisons are then made seed by seed (paired).
  public var ensembleSize: Int? = nil
  /// When set, a measured quantity reads as the value of this one seed (its
  /// resolution as the error) instead of the pooled mean.
  public var sample: Int? = nil
  /// With `sample`: what a `never` (+∞) seed value reads as: 1 → its budget, 2 →
  /// 2 × budget + 1 (comparing the two tells on which side a `never` sits).
  public var neverSubstitute = 1

  public init(
    points: [SweepPoint], quantities: [Int: [String: Quantity]], precision: Int,
    tolerance: String = "0", safetyFactor: Double = 10
  ) {
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
        q = sample.flatMap { v.seedValue($0, never: neverSubstitute) } ?? v
        key = q.lower.description + "," + q.upper.description
      } else if let c = p[name] {
        guard let d = c.decimal else { throw ClaimEvaluationError("sweep value `\(name)` = \(c) is not a number") }
        q = Quantity.enclosing(decimal: d, precision: precision); key = d
      } else if let e = errors[p.index] {
        throw ClaimEvaluationError("`\(name)` at \(Self.describe(p)) could not be computed: \(e)")
      } else {
        throw ClaimEvaluationError("unknown name `\(name)`")
      }
      if let first, first != key {
        throw ClaimEvaluationError(
          "`\(name)` varies within the group; use it inside an aggregate (slope, forall, ordered, …) over the axis it varies with"
        )
      }
      first = key
      if found == nil { found = q }
    }
    guard let found else { throw ClaimEvaluationError("empty group") }
    return found
  }

  static func describe(_ p: SweepPoint) -> String {
    p.coordinates.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
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
      return Outcome(
        verdict: b ? .certified : .fail, rigorous: true, comparison: String(b),
        point: scope.sharedCoordinates)
    case .compare(let op, let lhs, let rhs, let text):
      do {
        var o = try Self.pairedCompare(lhs, scope, op, rhs, scope)
        o.comparison = text
        o.point = scope.sharedCoordinates
        return o
      } catch {
        var o = Outcome.failure("\(error)", comparison: text)
        if let e = error as? ClaimEvaluationError, e.unresolved { o.verdict = .inconclusive }
        o.point = scope.sharedCoordinates
        return o
      }
    case .and(let parts):
      return Self.conjunction(parts.map { $0.check(in: scope) }, what: "`and`")
    case .or(let parts):
      let outcomes = parts.map { $0.check(in: scope) }
      guard !outcomes.isEmpty else { return Self.vacuous("an empty `or` states nothing") }
      if let best = outcomes.filter(\.verdict.holds).min(by: { $0.verdict < $1.verdict }) { return best }
      if let i = outcomes.first(where: { $0.verdict == .inconclusive }) { return i }
      if let e = outcomes.first(where: { $0.verdict == .error }) { return e }
      return outcomes.first!
    case .not(let inner):
      return Self.negation(inner.check(in: scope), safetyFactor: scope.safetyFactor)
    case .forall(let axis, let inner):
      do {
        let slices = try scope.split(by: axis)
        if slices.count < 2 {
          return Self.vacuous(
            "`forall(\(axis), …)` over \(slices.count) value\(slices.count == 1 ? "" : "s") of `\(axis)` checks no sweep",
            scope)
        }
        return Self.conjunction(slices.map { inner.check(in: $0.scope) }, what: "`forall`")
      } catch {
        return Outcome.failure("\(error)")
      }
    case .ordered(let axis, let term, let text):
      let slices: [(value: SweepValue, scope: ClaimScope)]
      do { slices = try scope.split(by: axis) } catch { return Outcome.failure("\(error)", comparison: text) }
      if slices.count < 2 {
        var o = Self.vacuous(
          "`\(text)` over \(slices.count) value\(slices.count == 1 ? "" : "s") of `\(axis)` compares nothing", scope)
        o.comparison = text
        return o
      }
      // Each value of the axis is compared with the previous one that could be
      // evaluated; a value that could not is an `error` of its own, and the
      // comparisons around it still count (a `fail` there decides the claim).
      var outcomes: [Outcome] = []
      var previous: ClaimScope?
      for (_, s) in slices {
        do { _ = try term.evaluate(in: s) } catch {
          var o = Outcome.failure("\(error)", comparison: "\(text): \(term.text) at \(Self.coordinates(s))")
          o.point = s.sharedCoordinates
          outcomes.append(o)
          continue
        }
        if let ps = previous {
          var o: Outcome
          do { o = try Self.pairedCompare(term, ps, .lessOrEqual, term, s) } catch { o = Outcome.failure("\(error)") }
          o.comparison = "\(text): \(term.text) at \(Self.coordinates(ps)) <= at \(Self.coordinates(s))"
          o.point = s.sharedCoordinates
          outcomes.append(o)
        }
        previous = s
      }
      return Self.conjunction(outcomes, what: "`\(text)`")
    }
  }

  /// `lhs op rhs` with lhs evaluated in `ls` and rhs in `rs`. Without a seed
  /// ensemble: interval arithmetic on the enclosures (`compare`). With one
  /// (`ClaimScope.ensembleSize` n ≥ 2): paired over the seeds. The margin mᵢ is
  /// computed from seed i's values on both sides (the same training runs), and the
  /// verdict is classified on the pooled margin mean ± standard error of the mᵢ
  /// (+ the largest per-seed resolution), so that the seed-to-seed variation
  /// common to both sides cancels. A `never` value is read as its budget; when
  /// a `never` sits on the side that makes the margin smaller (the budget then
  /// overstates mᵢ) the check cannot `pass`, and when it sits on the other side
  /// (mᵢ understated) it cannot `fail`: both become `inconclusive`.
  static func pairedCompare(
    _ lhs: Term, _ ls: ClaimScope, _ op: ComparisonOperator, _ rhs: Term,
    _ rs: ClaimScope
  ) throws -> Outcome {
    let l = try lhs.evaluate(in: ls)
    let r = try rhs.evaluate(in: rs)
    var pooled = Verification.compare(l, op, r, scope: rs)
    guard let n = rs.ensembleSize, n >= 2 else { return pooled }
    var margins: [Double] = []
    var resolution = 0.0
    var overstated = 0, understated = 0, unresolvedSeeds = 0
    var strict = false
    for i in 0..<n {
      func margin(_ substitute: Int) throws -> (Quantity, Bool) {
        var a = ls, b = rs
        a.sample = i; b.sample = i; a.neverSubstitute = substitute; b.neverSubstitute = substitute
        return Verification.margin(try lhs.evaluate(in: a), op, try rhs.evaluate(in: b), scope: b)
      }
      let (m1, st) = try margin(1)
      let (m2, _) = try margin(2)
      strict = st
      // A one-sided margin (the logarithm of a non-negative value not resolved from 0) counts
      // with its finite end, a bound of the true margin: [lo, ∞) is understated by lo (it
      // cannot make the check fail), (−∞, hi] overstated by hi (it cannot make it pass).
      func representative(_ m: Quantity) throws -> (value: Double, oneSided: Int) {
        guard m.isValid, m.lower.isFinite || m.upper.isFinite else {
          throw ClaimEvaluationError("seed \(i + 1) of \(n): the margin is not finite")
        }
        if !m.upper.isFinite { return (m.lower.doubleValue, 1) }
        if !m.lower.isFinite { return (m.upper.doubleValue, -1) }
        return (m.value.doubleValue, 0)
      }
      let (v1, side) = try representative(m1)
      let v2 = try representative(m2).value
      if v2 < v1 || side < 0 { overstated += 1 } else if v2 > v1 || side > 0 { understated += 1 }
      if side != 0 { unresolvedSeeds += 1 }
      margins.append(v1)
      if side == 0 { resolution = max(resolution, m1.radius.doubleValue) }
    }
    let m = Quantity(ensemble: margins, resolution: resolution, precision: rs.precision)
    var verdict = classify(margin: m, strict: strict, rigorous: false, safetyFactor: rs.safetyFactor)
    var notes: [String] = ["paired over \(n) seeds: margins " + margins.map(ReportNumber.text).joined(separator: ", ")]
    if unresolvedSeeds > 0 {
      notes.append(
        "in \(unresolvedSeeds) seed\(unresolvedSeeds == 1 ? "" : "s") a non-negative value is not resolved from 0: "
          + "its logarithm is bounded above only, and the margin is that bound")
    }
    if verdict == .pass && overstated > 0 {
      verdict = .inconclusive
      notes.append(
        "in \(overstated) seed\(overstated == 1 ? "" : "s") the smaller side is only bounded "
          + "(never converged within the budget, or not resolved from 0)")
    }
    if verdict == .fail && understated > 0 {
      verdict = .inconclusive
      notes.append(
        "in \(understated) seed\(understated == 1 ? "" : "s") the larger side is only bounded "
          + "(never converged within the budget, or not resolved from 0)")
    }
    if let r = pooled.reason { notes.append(r) }
    pooled.verdict = verdict
    pooled.rigorous = false
    pooled.margin = m.value.formatted(digits: 6)
    pooled.error = m.radius.formatted(digits: 3)
    pooled.reason = notes.joined(separator: "; ")
    return pooled
  }

  static func coordinates(_ s: ClaimScope) -> String {
    s.sharedCoordinates.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
  }

  /// A check that states nothing about the quantities (an aggregate over fewer
  /// than two values, an empty conjunction): `inconclusive`, with the reason.
  static func vacuous(_ reason: String, _ scope: ClaimScope? = nil) -> Outcome {
    Outcome(verdict: .inconclusive, rigorous: false, point: scope?.sharedCoordinates, reason: "vacuous: " + reason)
  }

  /// `not c`: holds when c fails beyond its error with the same safety factor a
  /// `pass` needs (the margin of `not c` is −margin(c): it passes when
  /// −upper(m) > safety factor × error, i.e. |midpoint(m)| > (safety factor + 1) ×
  /// error with m < 0), certified when c's failure was rigorous; fails when c
  /// holds; anything else stays as it is.
  static func negation(_ inner: Outcome, safetyFactor: Double) -> Outcome {
    var o = inner
    switch o.verdict {
    case .certified, .pass:
      o.verdict = .fail
    case .fail:
      if o.rigorous {
        o.verdict = .certified
      } else if let m = o.margin.flatMap(Double.init), let e = o.error.flatMap(Double.init) {
        o.verdict = -m > safetyFactor * e ? .pass : .inconclusive
        if o.verdict == .inconclusive {
          o.reason = "violated, but not by \(ReportNumber.text(safetyFactor)) × the error"
        }
      } else if o.margin == "-inf" || o.margin == "-∞" {
        o.verdict = .pass
      } else {
        o.verdict = .inconclusive
      }
    default: break
    }
    if let m = o.margin, let d = Double(m) { o.margin = ReportNumber.text(-d) }
    o.comparison = "not (" + (o.comparison ?? "") + ")"
    return o
  }

  /// `and` (also `forall`, `ordered`): three-valued conjunction. A `fail` decides
  /// it whatever else could not be evaluated (false ∧ unknown = false); then
  /// `error`, `inconclusive`, `pass`, `certified`. Among equally bad outcomes the
  /// smallest relative margin margin / (|lhs| + |rhs|) (the tightest comparison),
  /// then the first. An empty conjunction states nothing: `inconclusive`.
  static func conjunction(_ outcomes: [Outcome], what: String = "`and`") -> Outcome {
    guard var worst = outcomes.first else { return vacuous("an empty \(what) states nothing") }
    func rank(_ v: Verdict) -> Int {
      switch v {
      case .certified: return 0
      case .pass: return 1
      case .inconclusive: return 2
      case .error, .tainted: return 3
      case .fail: return 4
      }
    }
    func margin(_ o: Outcome) -> Double {
      func size(_ s: String?) -> Double { abs(s.flatMap { Double($0.split(separator: " ").first ?? "") } ?? 0) }
      guard let m = o.margin.flatMap(Double.init) else { return .infinity }
      let scale = size(o.lhs) + size(o.rhs)
      return scale > 0 && scale.isFinite ? m / scale : m
    }
    for o in outcomes.dropFirst()
    where rank(o.verdict) > rank(worst.verdict) || (o.verdict == worst.verdict && margin(o) < margin(worst)) {
      worst = o
    }
    worst.rigorous = outcomes.allSatisfy(\.rigorous)
    let errors = outcomes.filter { $0.verdict == .error }.count
    if worst.verdict == .fail && errors > 0 {
      let note = "\(errors) other comparison\(errors == 1 ? "" : "s") could not be evaluated"
      worst.reason = worst.reason.map { $0 + "; " + note } ?? note
    }
    return worst
  }
}

/// The verdict of `l op r` from the enclosures (see `Verdict`).
public func compare(_ l: Quantity, _ op: ComparisonOperator, _ r: Quantity, scope: ClaimScope) -> Outcome {
  let rigorous = l.rigorous && r.rigorous
  guard l.isValid, r.isValid else {
    return Outcome(
      verdict: .error, rigorous: false, lhs: l.formatted(), rhs: r.formatted(),
      reason: "a side is not a number (NaN)")
  }
  let (margin, strict) = Verification.margin(l, op, r, scope: scope)
  let p = scope.precision
  guard margin.isValid else {
    return Outcome(
      verdict: .inconclusive, rigorous: false, lhs: l.formatted(), rhs: r.formatted(),
      reason: "the margin is undefined (∞ − ∞: both sides unbounded)")
  }
  let verdict = classify(margin: margin, strict: strict, rigorous: rigorous, safetyFactor: scope.safetyFactor)
  // Enough digits to see the agreement the precision allows (capped for the tables).
  let digits = max(15, min(30, p * 3 / 10 - 2))
  var note: String?
  if op == .equal || op == .notEqual {
    note =
      "|lhs − rhs| = \(l.minus(r, precision: p).magnitude.value.formatted(digits: 3)), tolerance \(scope.tolerance)"
  }
  return Outcome(
    verdict: verdict, rigorous: rigorous, lhs: l.formatted(digits: digits), rhs: r.formatted(digits: digits),
    margin: margin.value.formatted(digits: 6), error: margin.radius.formatted(digits: 3), reason: note)
}

/// The margin enclosure of `l op r` (rhs − lhs for `<=`, tolerance − |lhs − rhs|
/// for `==`, …) and whether the comparison is strict.
func margin(_ l: Quantity, _ op: ComparisonOperator, _ r: Quantity, scope: ClaimScope) -> (Quantity, Bool) {
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
    if op == .equal {
      margin = tol.minus(d, precision: p); strict = false
    } else {
      margin = d.minus(tol, precision: p); strict = true
    }
  }
  return (margin, strict)
}

/// The verdict for a margin enclosure m (the claim holds iff m ≥ 0, or m > 0 when strict).
///
/// A margin unbounded above ([l, +∞): the larger side is a measurement that did
/// not happen within its budget in some seeds, see `Quantity(ensemble:)`) has no
/// midpoint; it passes when its lower end l, already one error below the
/// estimate, is positive and the safety factor is 1, and is inconclusive
/// otherwise. A margin that is +∞ everywhere (a finite value against `never` in
/// every seed) passes.
public func classify(margin m: Quantity, strict: Bool, rigorous: Bool, safetyFactor: Double) -> Verdict {
  let zero = MPFloat(0, precision: m.lower.precision)
  if rigorous && (strict ? m.lower > zero : m.lower >= zero) { return .certified }
  if strict ? m.upper <= zero : m.upper < zero { return .fail }
  if m.lower.isInfinite && m.lower > zero { return .pass }
  if m.lower.isFinite && m.upper.isInfinite && m.upper > zero {
    return m.lower > zero && safetyFactor <= 1 ? .pass : .inconclusive
  }
  guard m.lower.isFinite, m.upper.isFinite else { return .inconclusive }
  let mid = m.value
  let bound = m.radius * MPFloat(safetyFactor, precision: 64)
  if mid > zero && mid > bound { return .pass }
  return .inconclusive
}
