import Foundation
import TestSupport
import Testing

/// `fprinciple verify` and `fprinciple report --merge` end to end.
@Suite struct VerifyCLITests {
  static let inputs = PackagePaths.fixture("verify-cli").path

  func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  func contents(_ dir: String) throws -> [String: String] {
    var out: [String: String] = [:]
    for f in try FileManager.default.contentsOfDirectory(atPath: dir) {
      out[f] = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
    }
    return out
  }

  @Test func shardedRunMergesToTheUnshardedReports() throws {
    let tmp = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let whole = try CLI.run(["verify", "--theorems", Self.inputs, "--reports", tmp + "/whole", "--deterministic"])
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(whole.stdout.contains("fail          false-conjecture-example [conjecture]"))
    for i in 1...2 {
      let r = try CLI.run(["verify", "--theorems", Self.inputs, "--shard", "\(i)/2", "--output", tmp + "/s\(i).json"])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let merged = try CLI.run([
      "report", "--merge", tmp + "/s1.json", tmp + "/s2.json", "--reports", tmp + "/merged", "--deterministic",
    ])
    #expect(merged.status == 0, "\(merged.stderr)")
    let a = try contents(tmp + "/whole"), b = try contents(tmp + "/merged")
    #expect(a.keys.sorted() == b.keys.sorted())
    #expect(a == b)
    #expect(a["README.md"]?.contains("[A power law") == true)
  }

  /// `--costs` is repeatable: the first file that timed a theorem prices it. A timed run of
  /// the fixtures priced alone and then behind a run that timed nothing (`--deterministic`
  /// writes 0 s) plans the same seconds; the other order too; a missing file is an error.
  @Test func repeatedCostsFillEachOther() throws {
    let tmp = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let timed = try CLI.run(["verify", "--theorems", Self.inputs, "--reports", tmp + "/timed"])
    let untimed = try CLI.run(["verify", "--theorems", Self.inputs, "--reports", tmp + "/untimed", "--deterministic"])
    #expect(timed.status == 0 && untimed.status == 0)
    func plan(_ costs: [String]) throws -> String {
      let r = try CLI.run(
        ["verify", "--theorems", Self.inputs, "--plan", "--shards", "2"] + costs.flatMap { ["--costs", $0] })
      #expect(r.status == 0, "\(r.stderr)")
      return r.stdout
    }
    let t = tmp + "/timed/README.json", u = tmp + "/untimed/README.json"
    let alone = try plan([t])
    #expect(alone.contains("previous run"))
    #expect(try plan([u, t]) == alone)
    #expect(try plan([t, u]) == alone)
    let missing = try CLI.run([
      "verify", "--theorems", Self.inputs, "--plan", "--shards", "2", "--costs", tmp + "/nope.json",
    ])
    #expect(missing.status == 2 && missing.stderr.contains("--costs: cannot read"))
  }

  @Test func failingTheoremExitsWithOneAndBadFileWithTwo() throws {
    let tmp = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let theorem = """
      id = "wrong"
      title = "A false theorem"
      kind = "theorem"
      role = "identity"
      stage = "empirical"
      claim = "q <= 1"

      [source]
      paper = "test"
      section = "1"

      [quantities.q]
      provider = "expression"
      args = { expression = "2" }
      """
    try FileManager.default.createDirectory(atPath: tmp + "/t", withIntermediateDirectories: true)
    try theorem.write(toFile: tmp + "/t/wrong.toml", atomically: true, encoding: .utf8)
    let r = try CLI.run(["verify", "--theorems", tmp + "/t", "--reports", tmp + "/r"])
    #expect(r.status == 1)
    let report = try String(contentsOfFile: tmp + "/r/wrong.md", encoding: .utf8)
    #expect(report.contains("❌ **fail**"))

    try theorem.replacingOccurrences(of: "provider = \"expression\"", with: "provider = \"nope\"")
      .write(toFile: tmp + "/t/wrong.toml", atomically: true, encoding: .utf8)
    let bad = try CLI.run(["verify", "--theorems", tmp + "/t", "--reports", tmp + "/r"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("wrong.toml:13: error in key `quantities.q.provider`: unknown provider `nope`"))
  }
}
