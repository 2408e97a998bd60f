import MultiPrecision
import NumericProviders
import Testing

@testable import Verification

/// Verdicts from synthetic enclosures (all endpoints are exact binary numbers).
@Suite struct VerdictTests {
  @Test func certifiedWhenRigorousEnclosureSatisfiesClaim() {
    let o = compare(q("1", "1.5", rigorous: true), .lessOrEqual, q("2", "2", rigorous: true), scope: scope())
    #expect(o.verdict == .certified)
  }

  @Test func passWhenMarginExceedsSafetyTimesError() {
    // margin = r − l ∈ [2.5 − 0.25 − 0.25, ...]: l = 1 ± 0.125, r = 3 ± 0.125 → m = [1.75, 2.25], mid 2, rad 0.25.
    let o = compare(
      q("0.875", "1.125", rigorous: false), .lessOrEqual, q("2.875", "3.125", rigorous: false), scope: scope(safety: 4))
    #expect(o.verdict == .pass)
    #expect(o.margin == "2.00000")
  }

  @Test func nonRigorousNeverCertified() {
    let o = compare(q("1", "1", rigorous: false), .lessOrEqual, q("2", "2", rigorous: true), scope: scope())
    #expect(o.verdict == .pass)
    #expect(!o.rigorous)
  }

  @Test func inconclusiveWhenMarginWithinError() {
    // m = [0.25, 0.75]: holds on the enclosure but 0.5 < 10 × 0.25.
    let o = compare(q("1", "1.25", rigorous: false), .lessOrEqual, q("1.5", "1.75", rigorous: false), scope: scope())
    #expect(o.verdict == .inconclusive)
  }

  @Test func failWhenViolatedBeyondError() {
    let o = compare(
      q("1.875", "2.125", rigorous: false), .lessOrEqual, q("0.875", "1.125", rigorous: false), scope: scope())
    #expect(o.verdict == .fail)
  }

  @Test func rigorousStraddleIsInconclusive() {
    let o = compare(q("0.875", "1.125", rigorous: true), .lessOrEqual, q("1", "1", rigorous: true), scope: scope())
    #expect(o.verdict == .inconclusive)
  }

  @Test func errorOnNaN() {
    let nan = Quantity(lower: MPFloat.nan, upper: MPFloat.nan, rigorous: true)
    let o = compare(nan, .less, q("1", "1", rigorous: true), scope: scope())
    #expect(o.verdict == .error)
  }

  // Margin edge: m = [2, 3], mid 2.5, radius 0.5. pass needs mid > safety × radius strictly.
  @Test(arguments: [(5.0, Verdict.inconclusive), (4.99, Verdict.pass), (1.0, Verdict.pass)])
  func marginAtSafetyBoundary(safety: Double, expected: Verdict) {
    let o = compare(
      q("0.75", "1.25", rigorous: false), .lessOrEqual, q("3.25", "3.75", rigorous: false), scope: scope(safety: safety)
    )
    #expect(o.verdict == expected)
  }

  // Violation edge: m = [−1.5, 0]. Not violated by *more* than the error for `<=`; violated for `<`.
  @Test func violationExactlyAtErrorIsNotFail() {
    let l = q("1", "2", rigorous: false), r = q("0.5", "1", rigorous: false)
    #expect(compare(l, .lessOrEqual, r, scope: scope()).verdict == .inconclusive)
    #expect(compare(l, .less, r, scope: scope()).verdict == .fail)
  }

  // Rigorous edge: m = [0, 1] certifies `<=` but not `<`.
  @Test func rigorousZeroLowerEdge() {
    let l = q("1", "1", rigorous: true), r = q("1", "2", rigorous: true)
    #expect(compare(l, .lessOrEqual, r, scope: scope()).verdict == .certified)
    #expect(compare(l, .less, r, scope: scope()).verdict == .inconclusive)
    #expect(compare(r, .greaterOrEqual, l, scope: scope()).verdict == .certified)
  }

  @Test func equalityUsesTolerance() {
    let a = q("1", "1", rigorous: true)
    let b = Quantity(exact: MPFloat(1, precision: 64) + MPFloat.pow(MPFloat(2, precision: 64), -30))
    #expect(compare(a, .equal, b, scope: scope(tolerance: "1e-6")).verdict == .certified)
    #expect(compare(a, .equal, b, scope: scope(tolerance: "1e-12")).verdict == .fail)
    #expect(compare(a, .notEqual, b, scope: scope(tolerance: "1e-12")).verdict == .certified)
  }

  @Test func andTakesWorstOrTakesBest() {
    let one = Term.number("1"), two = Term.number("2")
    let holds = ClaimNode.compare(.lessOrEqual, one, two, text: "1 <= 2")
    let fails = ClaimNode.compare(.lessOrEqual, two, one, text: "2 <= 1")
    let s = ClaimScope(points: [SweepPoint(index: 0, coordinates: [:], seed: 0)], quantities: [:], precision: 64)
    #expect(ClaimNode.and([holds, fails]).check(in: s).verdict == .fail)
    #expect(ClaimNode.and([holds, fails]).check(in: s).comparison == "2 <= 1")
    #expect(ClaimNode.or([fails, holds]).check(in: s).verdict == .certified)
    #expect(ClaimNode.not(fails).check(in: s).verdict == .certified)
    #expect(ClaimNode.not(holds).check(in: s).verdict == .fail)
  }

  @Test func taintedWhenDependencyFails() async throws {
    let a = try spec(theoremText(id: "a", claim: "x <= 1", body: "[sweep]\nx = [2]"))
    let b = try spec(theoremText(id: "b", claim: "x <= 3", body: "[sweep]\nx = [2]", extra: "depends_on = [\"a\"]"))
    let c = try spec(theoremText(id: "c", claim: "x <= 3", body: "[sweep]\nx = [2]", extra: "depends_on = [\"b\"]"))
    let result = try await runSpecs([c, b, a])
    #expect(result.theorems.map(\.id) == ["a", "b", "c"])
    #expect(result.theorems[0].shownVerdict == .fail)
    #expect(result.theorems[1].verdict == .certified)
    #expect(result.theorems[1].shownVerdict == .tainted)
    #expect(result.theorems[1].taintedBy == ["a"])
    #expect(result.theorems[2].shownVerdict == .tainted)
  }
}

/// Runs theorems with fixed versions (deterministic apart from timings).
func runSpecs(_ specs: [TheoremSpec], options: Runner.Options = .init()) async throws -> RunResult {
  try await Runner(registry: .numeric, options: options).run(specs, versions: fixedVersions)
}
