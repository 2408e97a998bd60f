import Foundation
import NumericProviders
import Reports
import Testing

@testable import Verification

/// The falsification search: closed-form conjectures (the `expression` provider)
/// whose violation lies in a narrow window between grid points, which the grid
/// misses and the search finds; a true bound on which the search spends its whole
/// budget; the counterexample file reproduced by the runner; bad `[falsify]` tables.
@Suite struct FalsificationTests {
  /// A conjecture `q >= 0` with `q` given by `expression` on the sweep `sweep`.
  func conjecture(
    _ expression: String, sweep: String, falsify: String, id: String = "c", extra: String = ""
  )
    -> String
  {
    theoremText(
      id: id, kind: "conjecture", claim: "q >= 0",
      body: """
        [sweep]
        \(sweep)

        [quantities.q]
        provider = "expression"
        args = { expression = "\(expression)" }

        [falsify]
        \(falsify)
        """, extra: "precision = 64\n" + extra)
  }

  func search(_ text: String, budget: Int, seed: UInt64 = 1) async throws -> (TheoremSpec, FalsificationResult) {
    let s = try spec(text)
    return (s, await Falsifier(runner: Runner(registry: .numeric), budget: budget, seed: seed).search(s))
  }

  func gridVerdict(_ s: TheoremSpec) async throws -> Verdict {
    var plain = s
    plain.falsify = nil
    return try await Runner(registry: .numeric).run([plain]).theorems[0].verdict
  }

  /// (x − 0.537)² − 10⁻⁴ ≥ 0 fails only on |x − 0.537| < 0.01; the grid 0, 0.1, …, 1
  /// misses it (nearest point 0.5: margin 1.27e-3), the search does not.
  @Test func findsAViolationBetweenGridPoints() async throws {
    let text = conjecture(
      "c * ((x - 0.537)^2 - 1e-4)", sweep: "x = { from = 0, to = 1, step = 0.1 }\nc = [1, 2]",
      falsify: "x = [0, 1]")
    let (s, r) = try await search(text, budget: 40)
    #expect(try await gridVerdict(s) == .certified)
    #expect(r.foundCounterexample)
    #expect(r.evaluations == 40)
    let w = try #require(r.worst)
    let x = try #require(Double(w.values["x"] ?? ""))
    #expect(abs(x - 0.537) < 0.01)
    #expect(w.point["c"] == "2")  // the enumerated axis of the worst group
    #expect(try #require(Double(w.margin)) < -1e-4)  // c = 2: at best −2e-4
    #expect(w.verdict == .fail)
    // The counterexample file reproduces under the runner, at the point found.
    let (id, file) = try Falsifier.counterexampleFile(original: text, spec: s, result: r)
    #expect(id == "c-counterexample")
    let reproduced = try spec(file, file: "c-counterexample.toml")
    #expect(reproduced.kind == .conjecture && reproduced.falsify == nil)
    #expect(reproduced.sweep.axes.first { $0.name == "x" }?.values == [.number(w.values["x"]!)])
    let run = try await Runner(registry: .numeric).run([reproduced])
    #expect(run.theorems[0].verdict == .fail)
    let failing = run.theorems[0].groups.filter { $0.outcome.verdict == .fail }
    let margins = failing.compactMap { $0.outcome.margin.flatMap(Double.init) }
    #expect(margins.contains { abs($0 - Double(w.margin)!) <= 1e-9 })
  }

  /// Two searched axes: a disc of radius 0.01 around (0.537, 0.291) between the
  /// points of a 5 × 5 grid.
  @Test func findsAViolationInTwoDimensions() async throws {
    let text = conjecture(
      "(x - 0.537)^2 + (y - 0.291)^2 - 1e-4", sweep: "x = [0, 0.25, 0.5, 0.75, 1]\ny = [0, 0.25, 0.5, 0.75, 1]",
      falsify: "x = [0, 1]\ny = [0, 1]\nbudget = 80")
    let (s, r) = try await search(text, budget: 80)
    #expect(try await gridVerdict(s) == .certified)
    #expect(r.foundCounterexample, "\(String(describing: r.worst))")
  }

  /// A true bound: (x − 0.537)² + 10⁻⁴ ≥ 0. The search spends its whole budget, finds
  /// no counterexample, and its worst point is near the true minimum 10⁻⁴ (within
  /// 10⁻⁵: |x − 0.537| < 0.0032, ten times finer than the grid).
  @Test func aTrueBoundExhaustsTheBudget() async throws {
    let (_, r) = try await search(
      conjecture("(x - 0.537)^2 + 1e-4", sweep: "x = [0, 0.5, 1]", falsify: "x = [0, 1]"), budget: 30)
    #expect(!r.foundCounterexample)
    #expect(r.evaluations == 30)
    let w = try #require(r.worst)
    #expect(w.verdict == .certified)
    #expect(abs(try #require(Double(w.margin)) - 1e-4) < 1e-5)
  }

  @Test func theSearchIsSeeded() async throws {
    let text = conjecture("sin(20*x) + 1.2", sweep: "x = [0, 1]", falsify: "x = [0, 1]")
    let (_, a) = try await search(text, budget: 12, seed: 5)
    let (_, b) = try await search(text, budget: 12, seed: 5)
    #expect(a == b)
  }

  /// A claim that gives no margin anywhere (its quantity is undefined on the box):
  /// every evaluation is counted as giving none, with the reason.
  @Test func aClaimWithoutMarginIsReported() async throws {
    let (_, r) = try await search(conjecture("log(x - 2)", sweep: "x = [0, 1]", falsify: "x = [0, 1]"), budget: 6)
    #expect(r.worst == nil)
    #expect(r.unevaluable == r.evaluations && r.evaluations > 0)
    #expect(r.problem != nil)
  }

  /// `verify` attacks a conjecture with `[falsify]` and records the search; its report
  /// says so under the verdict.
  @Test func verifyRecordsTheSearch() async throws {
    let s = try spec(
      conjecture(
        "(x - 0.537)^2 - 1e-4", sweep: "x = { from = 0, to = 1, step = 0.1 }", falsify: "x = [0, 1]\nbudget = 30"))
    let run = try await Runner(registry: .numeric).run([s], versions: fixedVersions)
    let t = run.theorems[0]
    #expect(t.verdict == .certified)  // the grid's verdict, unchanged
    let f = try #require(t.falsification)
    #expect(f.evaluations == 30 && f.foundCounterexample)
    let report = ReportWriter(deterministic: true).markdown(t, run: run, figureFiles: [])
    #expect(report.contains("Falsification (x ∈ [0, 1]; budget 30, seed 0): 30 evaluations, worst margin -"))
    #expect(report.contains("**Counterexample**"))
    #expect(ReportWriter.kindSummary(run).contains("1 attacked by a falsification search, counterexamples to `c`"))
  }

  func loadError(_ text: String) -> TheoremFileError? {
    do { _ = try spec(text); return nil } catch { return error as? TheoremFileError }
  }

  @Test func badFalsifyTables() throws {
    let sweep = "x = [0, 0.5, 1]\nk = [1, 2]"
    func error(
      _ falsify: String, claim: String = "q >= 0", kind: String = "conjecture", extra: String = ""
    )
      -> TheoremFileError?
    {
      loadError(
        theoremText(
          kind: kind, claim: claim,
          body: "[sweep]\n\(sweep)\n[quantities.q]\nprovider = \"expression\"\nargs = { expression = \"x*k\" }\n"
            + "[falsify]\n\(falsify)", extra: extra))
    }
    let unknown = try #require(error("z = [0, 1]"))
    #expect(unknown.key == "falsify.z" && unknown.message.contains("not an axis of [sweep]"))
    let empty = try #require(error("x = [1, 1]"))
    #expect(empty.key == "falsify.x" && empty.message.contains("LO < HI"))
    #expect(error("x = [2, 1]")?.key == "falsify.x")
    let budget = try #require(error("x = [0, 1]\nbudget = 0"))
    #expect(budget.key == "falsify.budget" && budget.message.contains("at least 1"))
    let aggregated = try #require(error("k = [1, 2]", claim: "slope(k, q) <= 2"))
    #expect(aggregated.key == "falsify.k" && aggregated.message.contains("aggregates over `k`"))
    #expect(error("x = [0]")?.key == "falsify.x")
    #expect(error("budget = 3")?.message.contains("names no axis") == true)
    #expect(
      error("x = [0, 1]", kind: "control", extra: "control_of = \"t\"")?.message.contains("a control must fail")
        == true)
  }
}
