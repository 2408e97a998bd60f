import Foundation
import Testing
import Verification

/// The complex-form Fourier identity is certified and its conjugated control fails.
@Suite struct ComplexTheoremTests {
  @Test(arguments: [
    ("tanh-fourier-transform-complex", Verdict.certified),
    ("tanh-fourier-transform-complex-conjugate", Verdict.fail),
  ])
  func verdict(id: String, expected: Verdict) async throws {
    let specs = try loadTheorems()
    let run = try await runSpecs(specs, options: .init(quick: true, only: [id]))
    let t = try #require(run.theorems.first { $0.id == id })
    #expect(t.shownVerdict == expected, "\(id): \(t.groups.map(\.outcome))")
    if expected == .fail { #expect(t.kind == .control) }
  }
}
