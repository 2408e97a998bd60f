import Foundation
import Testing

/// `fprinciple falsify`: exit codes, `--json` alone on standard output, and a
/// counterexample file that `verify` reproduces.
@Suite struct FalsifyCLITests {
  func file(_ expression: String, budget: String = "budget = 40") -> String {
    """
    id = "window"
    title = "A quadratic that dips below zero between grid points"
    kind = "conjecture"
    stage = "lemma"
    precision = 64
    claim = "q >= 0"

    [source]
    paper = "test"
    section = "1"

    [sweep]
    x = { from = 0, to = 1, step = 0.1 }

    [quantities.q]
    provider = "expression"
    args = { expression = "\(expression)" }

    [falsify]
    x = [0, 1]
    \(budget)
    """
  }

  @Test func counterexampleIsWrittenAndReproduced() throws {
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("fp-falsify-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: tmp + "/in", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    try file("(x - 0.537)^2 - 1e-4").write(toFile: tmp + "/in/window.toml", atomically: true, encoding: .utf8)
    let r = try CLI.run(["falsify", tmp + "/in/window.toml", "--out", tmp + "/out", "--json", "--seed", "3"])
    #expect(r.status == 1, "\(r.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["worst", "evaluations", "counterexample"])
    #expect(object["evaluations"] as? Int == 40)
    let worst = try #require(object["worst"] as? [String: Any])
    #expect((worst["margin"] as? Double ?? 0) < 0)
    #expect(((worst["point"] as? [String: Any])?["x"] as? Double).map { abs($0 - 0.537) < 0.01 } == true)
    let path = try #require(object["counterexample"] as? String)
    #expect(path == tmp + "/out/window-counterexample.toml")
    // `verify` reproduces the failure from the file alone.
    let v = try CLI.run(["verify", "--theorems", tmp + "/out", "--reports", tmp + "/reports", "--deterministic"])
    #expect(v.status == 0, "\(v.stderr)")  // a conjecture reports, it does not fail the run
    #expect(v.stdout.contains("fail          window-counterexample [conjecture]"))
  }

  @Test func aTrueBoundExitsZeroAndSaysItIsNoProof() throws {
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("fp-falsify-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    try file("(x - 0.537)^2 + 1e-4").write(toFile: tmp + "/true.toml", atomically: true, encoding: .utf8)
    let r = try CLI.run(["falsify", tmp + "/true.toml", "--budget", "12", "--out", tmp])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("12 evaluations"))
    #expect(r.stdout.contains("this is not a proof"))
    #expect(!FileManager.default.fileExists(atPath: tmp + "/window-counterexample.toml"))
  }

  @Test func badInputExitsTwo() throws {
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("fp-falsify-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    try file("x", budget: "budget = 0").write(toFile: tmp + "/zero.toml", atomically: true, encoding: .utf8)
    let zero = try CLI.run(["falsify", tmp + "/zero.toml"])
    #expect(zero.status == 2)
    #expect(zero.stderr.contains("falsify.budget"))
    try file("x").write(toFile: tmp + "/ok.toml", atomically: true, encoding: .utf8)
    #expect(try CLI.run(["falsify", tmp + "/ok.toml", "--budget", "0"]).status != 0)
    try file("log(x - 2)", budget: "budget = 4").write(
      toFile: tmp + "/nomargin.toml", atomically: true, encoding: .utf8)
    let none = try CLI.run(["falsify", tmp + "/nomargin.toml"])
    #expect(none.status == 2)
    #expect(none.stderr.contains("gave a numeric margin"))
  }
}
