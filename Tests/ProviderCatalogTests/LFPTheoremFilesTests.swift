import Foundation
import Testing
import Verification

/// The LFP theorem files' deliberately violated twins (`kind = "control"`, named
/// `control_of` their claim) must come out `fail` in the same quick runs that
/// confirm the claims (those run in `TheoremFilesTests.quickRun`).
@Suite struct LFPTheoremFilesTests {
  static let controls: [String] = TheoremFilesTests.files.filter { $0.hasPrefix("lfp-") }.compactMap { file in
    guard let text = try? String(contentsOfFile: TheoremFilesTests.directory + "/" + file, encoding: .utf8),
      text.contains("kind = \"control\"")
    else { return nil }
    return (file as NSString).deletingPathExtension
  }

  @Test func everyLFPClaimHasAControl() throws {
    let specs = try loadTheorems().filter { $0.id.hasPrefix("lfp-") }
    let claims = specs.filter { $0.kind != .control }.map(\.id)
    let controlled = Set(specs.filter { $0.kind == .control }.compactMap(\.controlOf))
    #expect(!claims.isEmpty)
    for id in claims { #expect(controlled.contains(id), "\(id) has no control twin") }
  }

  @Test(arguments: controls)
  func controlFails(id: String) async throws {
    let specs = try loadTheorems()
    let run = try await runSpecs(specs, options: .init(quick: true, only: [id]))
    let t = try #require(run.theorems.first { $0.id == id })
    #expect(t.kind == .control)
    if let why = TheoremFilesTests.knownNonFailingControls[id] {
      withKnownIssue(Comment(rawValue: why)) { #expect(t.shownVerdict == .fail) }
    } else {
      #expect(t.shownVerdict == .fail, "\(id): \(t.groups.map(\.outcome))")
    }
  }
}
