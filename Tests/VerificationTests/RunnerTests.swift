import Foundation
import Reports
import Testing

@testable import Verification

@Suite struct RunnerTests {
  /// Results without timings, as JSON text.
  func canonical(_ r: RunResult) -> String { ReportWriter(deterministic: true).json(r) }

  @Test func shardsMergedEqualUnsharded() async throws {
    let specs = try TheoremLoader(registry: goldenRegistry).loadDirectory(reportFixtures + "/input")
    let whole = try await goldenRun()
    var shards: [RunResult] = []
    for i in 0..<3 {
      let runner = Runner(registry: goldenRegistry, options: .init(shard: (i, 3)))
      shards.append(try await runner.run(specs, versions: fixedVersions))
    }
    #expect(shards.map(\.shard) == ["1/3", "2/3", "3/3"])
    func checks(_ r: RunResult) -> Int { r.theorems.reduce(0) { $0 + $1.groups.count } }
    #expect(shards.map(checks).reduce(0, +) == checks(whole))
    // Shards survive a JSON round trip, as between machines.
    let decoded = try shards.map { try JSONDecoder().decode(RunResult.self, from: Data(canonical($0).utf8)) }
    let merged = try RunResult.merge(decoded.reversed())
    #expect(canonical(merged) == canonical(whole))
    // A missing shard is refused.
    #expect(throws: MergeError.self) { try RunResult.merge(Array(decoded.prefix(2))) }
  }

  @Test func violatedBoundFails() async throws {
    // 1 + 2^-100 <= 1 is false by 2^-100, far beyond the interval error at 256 bits.
    let s = try spec(
      theoremText(
        claim: "q <= 1",
        body: """
          [quantities.q]
          provider = "expression"
          args = { expression = "1 + 2^-100" }
          """, extra: "precision = 256"))
    let r = try await runSpecs([s])
    #expect(r.theorems[0].verdict == .fail)
    #expect(r.theorems[0].groups[0].outcome.rigorous)
  }

  @Test func inconclusiveRetriesAtHigherPrecision() async throws {
    // At 16 bits, (1 + 2^-40) − 1 encloses [0, 2^-15]: `> 0` is undecided.
    let s = try spec(
      theoremText(
        claim: "d > 0",
        body: """
          [quantities.d]
          provider = "expression"
          args = { expression = "(1 + 2^-40) - 1" }
          """, extra: "precision = 16\nmax_precision = 128"))
    let r = try await runSpecs([s])
    let g = r.theorems[0].groups[0]
    #expect(g.outcome.verdict == .certified)
    #expect(g.attempts > 1)
    #expect(g.precision == 64)
    // With the cap at the starting precision it stays inconclusive.
    let capped = try spec(
      theoremText(
        claim: "d > 0",
        body: """
          [quantities.d]
          provider = "expression"
          args = { expression = "(1 + 2^-40) - 1" }
          """, extra: "precision = 16\nmax_precision = 16"))
    #expect(try await runSpecs([capped]).theorems[0].verdict == .inconclusive)
  }

  @Test func failingQuantityIsAnError() async throws {
    let s = try spec(
      theoremText(
        claim: "q <= 1",
        body: """
          [sweep]
          x = [1, -1]
          [quantities.q]
          provider = "expression"
          args = { expression = "log(x)" }
          """))
    let r = try await runSpecs([s])
    #expect(r.theorems[0].groups.map(\.outcome.verdict) == [.certified, .error])
    #expect(r.theorems[0].groups[1].outcome.reason?.contains("undefined") == true)
  }

  @Test func slopeAggregatesOverItsAxisPerGroup() async throws {
    let specs = try TheoremLoader(registry: goldenRegistry).loadDirectory(reportFixtures + "/input")
    let r = try await Runner(registry: goldenRegistry, options: .init(only: ["power-law"])).run(specs)
    #expect(r.theorems.map(\.id) == ["power-law"])
    let t = r.theorems[0]
    #expect(t.groups.count == 2)  // one per value of `a`; `k` is aggregated
    #expect(t.groups.map(\.coordinates) == [["a": "1"], ["a": "2"]])
    #expect(t.verdict == .certified)
  }

  @Test func onlyUnknownIdIsAnError() async throws {
    let specs = try TheoremLoader(registry: goldenRegistry).loadDirectory(reportFixtures + "/input")
    await #expect(throws: TheoremFileError.self) {
      try await Runner(registry: goldenRegistry, options: .init(only: ["nope"])).run(specs)
    }
  }

  @Test func nonConvergedQuadratureIsAnError() async throws {
    // ∫_0^1 dx/x diverges: the quadrature cannot converge.
    let s = try spec(
      theoremText(
        claim: "i <= 1",
        body: """
          [quantities.i]
          provider = "integral"
          args = { integrand = "1/x", from = 0, to = 1 }
          """, extra: "precision = 64"))
    let r = try await runSpecs([s])
    #expect(r.theorems[0].verdict == .error)
    #expect(r.theorems[0].groups[0].outcome.reason?.contains("quantity `i`") == true)
  }

  @Test func integralAgreesWithClosedForm() async throws {
    // ∫_0^∞ e^{-a x} dx = 1/a, certified (∫₀^T on Arb balls plus the tail of the majorant e^(−ax)
    // derived from the integrand); a deliberately wrong closed form fails.
    let body = """
      [sweep]
      a = [0.5, 2]
      [quantities.i]
      provider = "integral"
      args = { integrand = "exp(-a*x)", from = 0, to = "inf" }
      [quantities.exact]
      provider = "expression"
      args = { expression = "1/a" }
      """
    let right = try spec(theoremText(claim: "i == exact", body: body, extra: "precision = 128\ntolerance = 1e-25"))
    let wrong = try spec(
      theoremText(id: "w", claim: "i == exact * (1 + 1e-20)", body: body, extra: "precision = 128\ntolerance = 1e-25"))
    let r = try await runSpecs([right, wrong])
    #expect(r.theorems[0].groups.map(\.outcome.verdict) == [.certified, .certified])
    #expect(r.theorems[1].groups.map(\.outcome.verdict) == [.fail, .fail])
  }

  @Test func orderedAndZipSweeps() async throws {
    let s = try spec(
      theoremText(
        claim: "ordered(n, y)",
        body: """
          [sweep]
          mode = "zip"
          n = [1, 2, 3, 4]
          c = [1, 1, -1, 1]
          [quantities.y]
          provider = "expression"
          args = { expression = "c*n" }
          """))
    let r = try await runSpecs([s])
    let o = r.theorems[0].groups[0].outcome
    #expect(o.verdict == .fail)
    #expect(o.point?["n"] == "3")  // y drops from 2 to -3 between n = 2 and n = 3
  }
}
