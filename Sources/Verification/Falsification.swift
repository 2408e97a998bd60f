import Foundation

/// A falsification search (`fprinciple falsify`, and `verify` for a conjecture with
/// a `[falsify]` table): the point of the axes named in `[falsify]` where the
/// claim's margin is smallest.
///
/// An evaluation at a point x of the search box sets each searched axis to one
/// value (x, rounded to 12 significant digits, the text a counterexample file
/// reproduces) and keeps every other axis at its `[sweep]` values; the claim's
/// groups are then computed and checked by the `Runner` exactly as `verify`
/// checks them (same providers, retries at doubled precision, verdict rules). The
/// evaluation's margin is that of its worst group: the failing group with the
/// smallest margin if one fails, else the smallest margin. The search minimises
/// it: Latin-hypercube points over the box (seeded), then Nelder–Mead from the
/// best few, in rounds until the budget of evaluations is spent. A negative
/// margin beyond its error (a `fail`) is a counterexample; a spent budget without
/// one is no proof that the claim holds.
public struct Falsifier: Sendable {
  public var runner: Runner
  public var budget: Int
  public var seed: UInt64
  /// Local refinements started per round (from the best points not yet refined).
  public var localStarts = 2

  public init(runner: Runner, budget: Int, seed: UInt64) {
    self.runner = runner; self.budget = budget; self.seed = seed
  }

  /// The default budget when neither the file nor the command line gives one.
  public static let defaultBudget = 64

  /// One evaluation: where, its worst group's margin and error, and its verdict.
  public struct Evaluation: Sendable, Equatable {
    /// The searched axes' values (decimal text, as a sweep value).
    public var values: [String: String]
    /// The worst group's coordinates (the searched axes and the enumerated ones).
    public var point: [String: String]
    /// The worst group's margin and its numerical error; nil when no group gave one.
    public var margin: Double?
    public var error: Double?
    public var verdict: Verdict
    /// Why no group gave a margin (an `error`, a vacuous check), when so.
    public var reason: String?
  }

  /// The decimal text of a searched value: 12 significant digits, written the way
  /// the loader writes a TOML number read back (so that a counterexample file
  /// holding this text evaluates the same point).
  static func text(_ x: Double) -> String {
    let d = Double(String(format: "%.12g", x)) ?? x
    return TableReader.decimalText(d) ?? "\(d)"
  }

  /// The spec at one point: the searched axes set to one value each, the others
  /// at their `[sweep]` values (the quick and full sweeps and the search table dropped).
  static func pointSpec(_ spec: TheoremSpec, values: [String: String]) -> TheoremSpec {
    var s = spec
    s.sweep = Sweep(
      axes: spec.sweep.axes.map { a in
        values[a.name].map { SweepAxis(name: a.name, values: [.number($0)]) } ?? a
      }, mode: spec.sweep.mode)
    s.quickSweep = nil
    s.fullSweep = nil
    s.falsify = nil
    return s
  }

  /// Evaluates the claim with the searched axes at `values`.
  func evaluate(_ spec: TheoremSpec, values: [String: String]) async -> Evaluation {
    let s = Self.pointSpec(spec, values: values)
    let groups = Runner.groups(s, s.sweep.points(seed: s.seed)).enumerated().map { (index: $0, points: $1) }
    let results = await runner.runGroups(s, groups) { _ in }
    func margin(_ g: GroupResult) -> Double? { g.outcome.margin.flatMap(Self.number) }
    let failing = results.filter { $0.outcome.verdict == .fail }
    let candidates = failing.isEmpty ? results.filter { margin($0) != nil } : failing
    guard let worst = candidates.min(by: { (margin($0) ?? .infinity) < (margin($1) ?? .infinity) }) else {
      let first = results.first?.outcome
      return Evaluation(
        values: values, point: results.first?.coordinates ?? values, margin: nil, error: nil,
        verdict: first?.verdict ?? .error,
        reason: first?.reason ?? "no check could be evaluated")
    }
    var point = worst.coordinates
    for (k, v) in values { point[k] = v }
    return Evaluation(
      values: values, point: point, margin: margin(worst), error: worst.outcome.error.flatMap(Self.number) ?? 0,
      verdict: worst.outcome.verdict, reason: worst.outcome.reason)
  }

  /// A margin or error as a number (`inf`, `-∞` included).
  static func number(_ text: String) -> Double? {
    let t = text.replacingOccurrences(of: "∞", with: "inf")
    return Double(t)
  }
}

/// What a falsification search found (recorded in a conjecture's results by
/// `verify`, printed by `fprinciple falsify`).
public struct FalsificationResult: Sendable, Codable, Equatable {
  public struct Worst: Sendable, Codable, Equatable {
    /// The worst group's coordinates: the searched axes and the enumerated ones.
    public var point: [String: String]
    /// The searched axes' values alone (what a counterexample file sets).
    public var values: [String: String]
    /// Margin and numerical error, as report numbers (`inf` possible).
    public var margin: String
    public var error: String
    public var verdict: Verdict
  }
  public var axes: [TheoremSpec.FalsifySpec.Axis]
  public var budget: Int
  public var seed: UInt64
  /// Distinct points evaluated.
  public var evaluations: Int
  /// The point of smallest margin found (nil when no evaluation gave a margin).
  public var worst: Worst?
  /// Evaluations that gave no margin, and the first reason.
  public var unevaluable: Int
  public var problem: String?

  /// The worst point fails: its margin is negative beyond its error.
  public var foundCounterexample: Bool { worst?.verdict == .fail }
}
