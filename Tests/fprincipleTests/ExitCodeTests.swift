import Foundation
import Testing

/// Exit codes and standard-output hygiene (audit findings 2 and 9): a result that
/// is not an answer exits non-zero, and `--json` writes JSON only to standard output.
@Suite struct ExitCodeTests {
  func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-exit-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func divergentIntegralsExitNonZero() throws {
    let pole = try CLI.run(["integrate", "1/x", "--var", "x", "--from", "0", "--to", "1"])
    #expect(pole.status != 0)
    #expect(pole.stderr.contains("did not converge"))
    let oscillating = try CLI.run(["integrate", "sin(x)", "--var", "x", "--from", "0", "--to", "inf"])
    #expect(oscillating.status != 0)
    let fine = try CLI.run(["integrate", "exp(-x^2)", "--var", "x", "--from", "0", "--to", "inf", "--digits", "20"])
    #expect(fine.status == 0, "\(fine.stderr)")
    #expect(fine.stdout.hasPrefix("0.886226925452758013"))  // √π/2
  }

  @Test func nonFiniteEvalExitsNonZeroUnlessAllowed() throws {
    let pole = try CLI.run(["eval", "1/0"])
    #expect(pole.status != 0)
    #expect(pole.stdout.isEmpty)
    #expect(pole.stderr.contains("inf"))
    let domain = try CLI.run(["eval", "log(-1)"])
    #expect(domain.status != 0)
    #expect(domain.stderr.contains("NaN"))
    let allowed = try CLI.run(["eval", "1/0", "--allow-nonfinite"])
    #expect(allowed.status == 0)
    #expect(allowed.stdout.lowercased().contains("inf"))
    #expect(try CLI.run(["eval", "1/4"]).status == 0)
  }

  @Test func verifyJSONIsTheOnlyStandardOutput() throws {
    let tmp = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let r = try CLI.run(["verify", "--theorems", VerifyCLITests.inputs, "--reports", tmp, "--json", "--deterministic"])
    #expect(r.status == 0, "\(r.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    #expect((object as? [String: Any])?["theorems"] != nil)
    #expect(r.stderr.contains("wrote \(tmp)/README.md"))
  }

  @Test func inconclusiveTheoremExitsOne() throws {
    let tmp = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    // `ordered` over one value compares nothing: inconclusive, which a theorem may not be.
    let theorem = """
      id = "vacuous"
      title = "A vacuous theorem"
      kind = "theorem"
      role = "identity"
      stage = "lemma"
      claim = "ordered(k, q)"

      [source]
      paper = "test"
      section = "1"

      [sweep]
      k = [1]

      [quantities.q]
      provider = "expression"
      args = { expression = "k" }
      """
    try FileManager.default.createDirectory(atPath: tmp + "/t", withIntermediateDirectories: true)
    try theorem.write(toFile: tmp + "/t/vacuous.toml", atomically: true, encoding: .utf8)
    let r = try CLI.run(["verify", "--theorems", tmp + "/t", "--reports", tmp + "/r"])
    #expect(r.status == 1)
    #expect(r.stdout.contains("inconclusive  vacuous [theorem]"))
  }
}
