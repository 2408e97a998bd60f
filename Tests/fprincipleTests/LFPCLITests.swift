import Foundation
import Testing

/// `fprinciple lfp gamma|limit` through the built executable: JSON on stdout
/// only, and every bad input of the issue a clear error with a non-zero exit.
@Suite struct LFPCLITests {
  func temporary(_ name: String, _ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lfp-cli-\(UUID().uuidString)-\(name)")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func gammaJSON() throws {
    let r = try CLI.run([
      "lfp", "gamma", "--activation", "relu", "--w", "uniform:-3,3", "--a", "uniform:-0.1,0.1",
      "--xi", "0.25,1", "--digits", "30", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: [String]])
    let g = try #require(object["gamma2"])
    #expect(object["xi"] == ["0.25", "1"])
    // A = E|w|³ = 81/4 / ... : for U(−3,3), E|w|³ = 3³/4, E|w| = 3/2, E a² = 0.01/3, at ξ = 1:
    // γ² = (27/4)/(16π⁴) + (0.01/3)(3/2)/(4π²).
    let expected = (27.0 / 4) / (16 * pow(Double.pi, 4)) + (0.01 / 3 * 1.5) / (4 * Double.pi * Double.pi)
    #expect(abs(Double(g[1])! / expected - 1) < 1e-14)
    #expect(r.stderr.isEmpty)
  }

  @Test func limitJSONInterpolates() throws {
    let data = try temporary("d.csv", "x1,y\n-0.8,0.25\n-0.6,-0.25\n-0.3,-0.07\n-0.06,0.15\n0.1,-0.05\n")
    let grid = try temporary("g.csv", "x1\n-0.8\n-0.3\n0.1\n")
    let r = try CLI.run([
      "lfp", "limit", "--data", data, "--at", grid, "--activation", "relu", "--w", "uniform:-3,3",
      "--a", "uniform:-0.1,0.1", "--b", "uniform:-3,3", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: [Double]])
    let h = try #require(object["h"])
    for (v, y) in zip(h, [0.25, -0.07, -0.05]) { #expect(abs(v - y) < 1e-12) }
  }

  @Test(arguments: [
    (["lfp", "gamma", "--xi", "0"], "ξ = 0"),
    (["lfp", "gamma", "--xi", "1", "--w", "cauchy:0,1"], "no finite moment"),
    (["lfp", "gamma", "--xi", "1", "--a", "cauchy:0,1"], "no finite moment"),
    (["lfp", "gamma", "--xi", "1", "--w", "uniform:2,1"], "A < B"),
    (["lfp", "gamma", "--xi", "1", "--activation", "swish"], "unknown activation"),
  ])
  func badGammaInput(arguments: [String], message: String) throws {
    let r = try CLI.run(arguments)
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(r.stdout.isEmpty)
  }

  @Test(arguments: [
    ("x1,y\n0.5,1\n", "at least two"),
    ("x1,y\n0.5,1\n0.5,2\n", "appears twice with different labels"),
  ])
  func badData(csv: String, message: String) throws {
    let data = try temporary("bad.csv", csv)
    let grid = try temporary("g.csv", "x1\n0\n")
    let r = try CLI.run(["lfp", "limit", "--data", data, "--at", grid, "--json"])
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(r.stdout.isEmpty)
  }
}
