import Foundation
import Testing

/// `fprinciple stages idealized`: the JSON, its reproducibility from the seed, the swapped frequencies
/// (the high frequency almost never dominates) and bad input (clear error, exit code 1).
@Suite struct StagesIdealizedCLITests {
  func json(_ r: CLI.Result) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "stdout: \(r.stdout)")
  }

  @Test func jsonIsSeededAndFitted() throws {
    let args = ["stages", "idealized", "--deltas", "1,0.8,0.6667,0.5", "--samples", "1500", "--json"]
    let r = try CLI.run(args)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try CLI.run(args).stdout == r.stdout)
    let j = try json(r)
    let radii = try #require(j["radii"] as? [[String: Any]])
    #expect(radii.compactMap { $0["delta"] as? Double } == [1, 0.8, 0.6667, 0.5])
    for row in radii {
      let n = try #require(row["samples"] as? Int), k = try #require(row["violations"] as? Int)
      let lo = try #require(row["lower"] as? Double), hi = try #require(row["upper"] as? Double)
      let f = try #require(row["fraction"] as? Double)
      #expect(k > 0 && abs(f - Double(k) / Double(n)) < 1e-15 && lo < f && f < hi)
    }
    #expect(j["proof_rate"] as? Double == -Double.pi / 2)
    let rate = try #require(j["rate"] as? Double), error = try #require(j["rate_error"] as? Double)
    #expect(rate < 0 && error > 0)
    let other = try CLI.run(args + ["--seed", "2"])
    #expect(other.status == 0 && other.stdout != r.stdout)
  }

  @Test func swappedFrequenciesAlmostAlwaysViolate() throws {
    let r = try CLI.run(["stages", "idealized", "--k1", "2", "--k2", "1", "--samples", "500", "--json"])
    let radii = try #require(try json(r)["radii"] as? [[String: Any]])
    for row in radii { #expect((row["fraction"] as? Double ?? 0) > 0.98) }
  }

  @Test(arguments: [
    (["--b=-1"], "bias"), (["--a", "1,2"], "as many"), (["--target", "sin(x)"], "gauss"),
    (["--deltas", "0.5,x"], "--deltas"), (["--k1", "2"], "distinct"),
  ])
  func badInputIsAnError(extra: [String], message: String) throws {
    let r = try CLI.run(["stages", "idealized", "--k2", "2", "--samples", "10"] + extra)
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "\(r.stderr)")
  }
}
