import Foundation
import Testing
import Verification

/// `swift test` checks the theorems: every file in Theorems/ runs with its quick
/// sweep and the registry `fprinciple verify` uses (`ProviderRegistry.standard`);
/// a theorem must not fail, error or be tainted. Conjectures may fail (their
/// verdicts are printed); the deliberately wrong ones must fail.
@Suite struct TheoremFilesTests {
  static let directory = packageRoot + "/Theorems"

  static var files: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
  }

  @Test func directoryLoads() throws {
    let specs = try loadTheorems()
    #expect(specs.count == Self.files.count)
    #expect(!specs.isEmpty)
  }

  @Test(arguments: files)
  func quickRun(file: String) async throws {
    let specs = try loadTheorems()
    let id = try #require(specs.first { ($0.file as NSString).lastPathComponent == file }?.id)
    let run = try await runSpecs(specs, options: .init(quick: true, only: [id]))
    let t = try #require(run.theorems.first { $0.id == id })
    print("\(t.id) [\(t.kind.rawValue)]: \(t.shownVerdict.rawValue) (\(ReportWriter.countsText(t)))")
    if t.kind == .theorem {
      #expect(![.fail, .error, .tainted].contains(t.shownVerdict), "\(t.id): \(t.groups.map(\.outcome))")
    }
  }

  @Test func falseConjectureFailsWithCounterexample() async throws {
    let specs = try loadTheorems()
    let run = try await runSpecs(specs, options: .init(quick: true, only: ["false-conjecture-example"]))
    let t = run.theorems[0]
    #expect(t.shownVerdict == .fail)
    let failing = t.groups.filter { $0.outcome.verdict == .fail }
    #expect(failing.map { $0.outcome.point?["nu"] } == ["2"])
    let report = ReportWriter(deterministic: true).markdown(t, run: run, figureFiles: [])
    #expect(report.contains("## Counterexamples"))
    #expect(report.contains("**fail** at nu = 2"))
  }

  /// The deliberately wrong variants of the papers' claims (reversed orders,
  /// parity generalising) are refuted by the same runs that confirm the claims.
  @Test(arguments: [
    "fprinciple-1d-reversed", "filtering-hd-reversed", "deep-fp-reversed", "jacobi-contrast-fprinciple-order",
    "generalisation-parity-generalises",
  ])
  func wrongVariantFails(id: String) async throws {
    let specs = try loadTheorems()
    let run = try await runSpecs(specs, options: .init(quick: true, only: [id]))
    let t = try #require(run.theorems.first { $0.id == id })
    #expect(t.kind == .conjecture)
    #expect(t.shownVerdict == .fail, "\(id): \(t.groups.map(\.outcome))")
    let report = ReportWriter(deterministic: true).markdown(t, run: run, figureFiles: [])
    #expect(report.contains("## Counterexamples"))
  }
}
