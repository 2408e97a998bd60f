import Foundation
import MultiPrecision
import NumericProviders
import Reports
import Testing

@testable import Verification

/// A measurement provider for the tests: one run's value per seed, read from
/// the list `values` (indexed by the point's `seed` coordinate) at the
/// point's `peak` (`values` is then a list per peak, flattened: peak-major),
/// with `never` for a negative entry. `budget` is the run's step budget.
struct TableMeasurement: QuantityProvider {
  var name: String { "table_measurement" }
  var summary: String { "test: a seed's value from a list" }
  func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {}
  func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    guard case .list(let items)? = arguments["values"] else { throw ProviderError(message: "values missing") }
    let values = items.compactMap { if case .number(let s) = $0 { return Double(s) } else { return nil } }
    let seed = Int(point["seed"]?.decimal ?? "0")!
    let seeds = Int(point["seeds"]?.decimal ?? "5")!
    let peak = Int(point["peak"]?.decimal ?? "1")!
    let v = values[(peak - 1) * seeds + seed]
    if v == -99 { throw ProviderError(message: "training diverged (test)") }
    return .singleRun(v < 0 ? .infinity : v, resolution: 0.5, budget: 100)
  }
}

func measurementRunner() -> Runner {
  var registry = ProviderRegistry.numeric
  registry.register(TableMeasurement())
  return Runner(registry: registry)
}

func measurementSpec(
  claim: String, values: [Double], peaks: [Int] = [1], kind: String = "observation",
  safety: Int = 2, ensemble: Bool = true
) throws -> TheoremSpec {
  let list = values.map { String($0) }.joined(separator: ", ")
  let text = theoremText(
    kind: kind, claim: claim,
    body: """
      [sweep]
      peak = [\(peaks.map(String.init).joined(separator: ", "))]
      seed = [0, 1, 2, 3, 4]
      seeds = [5]
      [quantities.epoch]
      provider = "table_measurement"
      args = { values = [\(list)] }
      """, extra: "safety_factor = \(safety)" + (ensemble ? "\nensemble = \"seed\"" : ""))
  var registry = ProviderRegistry.numeric
  registry.register(TableMeasurement())
  return try TheoremLoader(registry: registry).load(text: text, file: "test.toml")
}

/// What a verdict on measured quantities may claim: a single run is never a pass, a seed
/// ensemble's error is its standard error and needs five seeds, `never` is a value, an error or
/// a vacuous check does not hide a violation, a non-failing control takes away the evidence.
/// (One test or more per finding of the verdict audit; each fails on the code before the fix.)
@Suite struct MeasuredEvidenceTests {
  // Finding 1: measured quantities had a zero-width error, so any positive margin passed.

  @Test func singleRunMeasurementIsNeverAPass() {
    let x = Quantity.singleRun(3)
    #expect(x.radius.isInfinite)
    #expect(x.metadata["error"] == "single run: no seed spread")
    let o = compare(x, .greater, Quantity(exact: MPFloat(0, precision: 64)), scope: scope(safety: 1))
    #expect(o.verdict == .inconclusive)
  }

  @Test func ensembleErrorIsTheStandardErrorAndTheSafetyFactorActs() async throws {
    // seeds 10, 12, 14, 16, 18: mean 14, s = √10, standard error √2 ≈ 1.414 (+ resolution 0.5).
    let values: [Double] = [10, 12, 14, 16, 18]
    let pooled = Quantity.pooled(values.map { Quantity.singleRun($0, resolution: 0.5) })!
    #expect(pooled.value.doubleValue == 14)
    #expect(abs(pooled.radius.doubleValue - (2.0.squareRoot() + 0.5)) < 1e-12)
    // Margin 14 − 10 = 4 against error ≈ 1.91: passes with safety factor 2, not with 3.
    let pass = try await measurementRunner().run([measurementSpec(claim: "epoch > 10", values: values, safety: 2)])
    #expect(pass.theorems[0].verdict == .pass)
    let strict = try await measurementRunner().run([measurementSpec(claim: "epoch > 10", values: values, safety: 3)])
    #expect(strict.theorems[0].verdict == .inconclusive)
    // The report shows the seeds and the spread, never a bare "± 0".
    let record = pass.theorems[0].groups[0].points[0].quantities[0]
    #expect(record.samples == ["10", "12", "14", "16", "18"])
    #expect(record.display.contains("seeds: 10, 12, 14, 16, 18"))
    #expect(!record.display.contains("± 0 "))
  }

  @Test func ensembleNeedsFiveSeeds() throws {
    let text = theoremText(
      kind: "observation", claim: "epoch > 1",
      body: """
        [sweep]
        seed = [0, 1, 2]
        [quantities.epoch]
        provider = "constant"
        args = { value = 2 }
        """, extra: "ensemble = \"seed\"")
    #expect(throws: TheoremFileError.self) { try spec(text) }
  }

  // Finding 2: an inconclusive theorem counted as holding.

  @Test func inconclusiveTheoremAndPassingControlAreProblems() async throws {
    let values: [Double] = [10, 30, 5, 40, 20]  // mean 21, large spread
    var r = try await measurementRunner().run([measurementSpec(claim: "epoch > 18", values: values, kind: "theorem")])
    #expect(r.theorems[0].verdict == .inconclusive)
    #expect(r.theorems[0].isProblem)
    var c = try measurementSpec(claim: "epoch > 1", values: values, kind: "observation")
    c.kind = .control; c.controlOf = "x"
    r = try await measurementRunner().run([c])
    #expect(r.theorems[0].verdict == .pass)
    #expect(r.theorems[0].isProblem)  // a control must fail
    c.claimText = "epoch < 1"
    c.claim = try Claim(parsing: "epoch < 1", quantities: ["epoch"], axes: ["peak", "seeds"])
    r = try await measurementRunner().run([c])
    #expect(r.theorems[0].verdict == .fail)
    #expect(!r.theorems[0].isProblem)
  }

  /// A control that does not fail: a suite problem when it controls a theorem (the
  /// theorem's check could not fail), a report when it controls an observation
  /// (the observation's `pass` is then no evidence, and the index says so).
  @Test func nonFailingControlOfAnObservationTakesAwayItsEvidence() async throws {
    let values: [Double] = [10, 11, 12, 13, 14]
    for (kind, problem) in [("observation", false), ("theorem", true)] {
      var claim = try measurementSpec(claim: "epoch > 1", values: values, kind: kind)
      claim.id = "claim"
      var control = try measurementSpec(claim: "epoch > 2", values: values, kind: "observation")
      control.id = "claim-control"; control.kind = .control; control.controlOf = "claim"
      let r = try await measurementRunner().run([claim, control])
      let c = try #require(r.theorems.first { $0.id == "claim-control" })
      #expect(c.verdict == .pass)
      #expect(c.controlsKind == claim.kind)
      #expect(c.isProblem == problem, "control of a \(kind)")
      #expect(r.controlsNotFailing("claim") == ["claim-control"])
      let index = ReportWriter(deterministic: true).index(r)
      if kind == "observation" {
        #expect(index.contains("holds, but does not discriminate"))
        #expect(index.contains("- observations: 0 of 1 replicate"))
        #expect(index.contains("- problems: none"))
      } else {
        #expect(index.contains("- problems: `claim-control`"))
      }
    }
  }

  // Finding 3: non-convergence was an error that hid the group's other verdicts.

  @Test func neverIsAValueOrderedAfterEveryStep() async throws {
    // Peak 1 converges in every seed; peak 2 never does (−1 = never): ordered holds.
    let held = try await measurementRunner().run([
      measurementSpec(
        claim: "ordered(peak, epoch)", values: [10, 11, 12, 13, 14, -1, -1, -1, -1, -1], peaks: [1, 2], safety: 1)
    ])
    #expect(held.theorems[0].verdict == .pass)
    #expect(held.theorems[0].groups[0].points[1].quantities[0].display.hasPrefix("never"))
    // Reversed: peak 1 never converges while peak 2 does in every seed: a violation, not an error.
    let violated = try await measurementRunner().run([
      measurementSpec(
        claim: "ordered(peak, epoch)", values: [-1, -1, -1, -1, -1, 10, 11, 12, 13, 14], peaks: [1, 2], safety: 1)
    ])
    #expect(violated.theorems[0].verdict == .fail)
  }

  @Test func anErrorDoesNotHideAViolation() async throws {
    // Peak 2 fails to compute in one seed (−99: diverged); peak 3 converges before peak 1.
    let r = try await measurementRunner().run([
      measurementSpec(
        claim: "ordered(peak, epoch)",
        values: [50, 51, 52, 53, 54, 60, -99, 62, 63, 64, 10, 11, 12, 13, 14], peaks: [1, 2, 3], safety: 1)
    ])
    let o = r.theorems[0].groups[0].outcome
    #expect(o.verdict == .fail)
    #expect(o.reason?.contains("could not be evaluated") == true)
  }

  @Test func failBeatsErrorInAConjunction() {
    let err = Outcome.failure("not computed")
    let fail = Outcome(verdict: .fail, rigorous: true, margin: "-1", error: "0")
    #expect(ClaimNode.conjunction([err, fail]).verdict == .fail)
    #expect(ClaimNode.conjunction([err, Outcome(verdict: .pass, rigorous: false)]).verdict == .error)
  }

  // Finding 4: vacuous checks were certified; `not` ignored the safety factor.

  @Test func vacuousChecksAreInconclusive() {
    let one = ClaimScope(
      points: [SweepPoint(index: 0, coordinates: ["k": .number("1")], seed: 0)],
      quantities: [0: ["y": Quantity(exact: MPFloat(5, precision: 64))]], precision: 64)
    let ordered = ClaimNode.ordered(axis: "k", .variable("y"), text: "ordered(k, y)").check(in: one)
    #expect(ordered.verdict == .inconclusive)
    #expect(ordered.reason?.hasPrefix("vacuous") == true)
    #expect(ClaimNode.and([]).check(in: one).verdict == .inconclusive)
    let forall = ClaimNode.forall(axis: "k", .literal(true)).check(in: one)
    #expect(forall.verdict == .inconclusive)
  }

  @Test func negationAppliesTheSafetyFactor() {
    // x ∈ 1 ± 0.4 (non-rigorous): `x <= 0.5` fails by 0.5 − 1.4 < 0 … margin −0.5 ± 0.4;
    // `not (x <= 0.5)` needs 0.5 > 10 × 0.4: inconclusive, not pass.
    let x = Quantity(value: MPFloat(1, precision: 64), errorEstimate: MPFloat(0.4, precision: 64))
    let s = ClaimScope(
      points: [SweepPoint(index: 0, coordinates: [:], seed: 0)], quantities: [0: ["x": x]],
      precision: 64, safetyFactor: 10)
    let inner = ClaimNode.compare(.lessOrEqual, .variable("x"), .number("0.5"), text: "x <= 0.5")
    #expect(inner.check(in: s).verdict == .fail)
    #expect(ClaimNode.not(inner).check(in: s).verdict == .inconclusive)
    var loose = s
    loose.safetyFactor = 1
    #expect(ClaimNode.not(inner).check(in: loose).verdict == .pass)
  }

  // Finding 8 (the `integral` provider's half): an evaluation error was swallowed as NaN.

  @Test func integralProviderKeepsTheEvaluationError() async throws {
    let s = try spec(
      theoremText(
        claim: "v <= 1",
        body: """
          [quantities.v]
          provider = "integral"
          args = { integrand = "log(x - 1)", from = 0, to = 2 }
          """))
    let r = try await runSpecs([s])
    let o = r.theorems[0].groups[0].outcome
    #expect(o.verdict == .error)
    #expect(o.reason?.contains("cannot be evaluated at x =") == true)
  }
}
