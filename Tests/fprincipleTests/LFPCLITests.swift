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

/// `fprinciple lfp train`: the JSON keys of the issue, bit-identical output for one
/// seed, and every bad input of the issue a clear error with a non-zero exit.
@Suite struct LFPTrainCLITests {
  // Three of the authors' points and w, b, a ~ U(−1, 1) at width 64: a well-conditioned
  // initial NTK, so a debug build trains in a moment.
  static let dataCSV = "x1,y\n-0.8,0.25\n-0.3,-0.07\n0.1,-0.05\n"
  func temporary(_ name: String, _ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lfp-train-\(UUID().uuidString)-\(name)")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }
  func arguments(data: String, grid: String, _ extra: [String]) -> [String] {
    [
      "lfp", "train", "--data", data, "--width", "64", "--activation", "relu", "--w", "uniform:-1,1",
      "--a", "uniform:-1,1", "--b", "uniform:-1,1", "--seed", "5", "--at", grid, "--until-loss", "5e-5", "--json",
    ] + extra
  }

  @Test func trainJSONIsReproducible() throws {
    let data = try temporary("d.csv", Self.dataCSV)
    let grid = try temporary("g.csv", "x1\n-0.8\n-0.45\n0.1\n")
    let r1 = try CLI.run(arguments(data: data, grid: grid, []))
    #expect(r1.status == 0, "\(r1.stderr)")
    let r2 = try CLI.run(arguments(data: data, grid: grid, []))
    #expect(r1.stdout == r2.stdout)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r1.stdout.utf8)) as? [String: Any])
    for key in ["x", "h", "lfp", "ntk0", "ntk_inf", "steps", "loss", "stopped"] {
      #expect(object[key] != nil, "\(key)")
    }
    let h = try #require(object["h"] as? [Double])
    let lfp = try #require(object["lfp"] as? [Double])
    #expect(abs(h[0] - 0.25) < 1e-2 && abs(lfp[0] - 0.25) < 1e-12)
    #expect((object["loss"] as? Double).map { $0 < 5e-5 } == true)
    let stopped = try #require(object["stopped"] as? [String: Any])
    #expect(stopped["loss"] as? Double == 8e-5 && (stopped["steps"] as? Int).map { $0 > 0 } == true)
    #expect((stopped["h"] as? [Double])?.count == 3)
    // Another seed, another network.
    let r3 = try CLI.run(arguments(data: data, grid: grid, []).map { $0 == "5" ? "6" : $0 })
    #expect(r3.status == 0 && r3.stdout != r1.stdout)
  }

  @Test(arguments: [
    (["--width", "63"], "even"),
    (["--width", "0"], "even and ≥ 2"),
    (["--until-loss", "0"], "loss level must be"),
    (["--until-loss=-1e-8"], "loss level must be"),
    (["--lr-factor", "2"], "GD unstable"),
    (["--max-steps", "5"], "within 5 steps"),
    (["--activation", "sigmoid"], "relu or tanh"),
  ])
  func badTrainInput(extra: [String], message: String) throws {
    let data = try temporary("d.csv", Self.dataCSV)
    let grid = try temporary("g.csv", "x1\n0\n")
    // An option given twice would be a parse error: replace its value.
    var args = arguments(data: data, grid: grid, [])
    var i = 0
    while i < extra.count {
      if extra[i].contains("=") {  // --option=value (a negative value): drop the option's other value
        let name = String(extra[i].prefix { $0 != "=" })
        if let k = args.firstIndex(of: name) { args.removeSubrange(k...(k + 1)) }
        args.append(extra[i])
        i += 1
        continue
      }
      if let k = args.firstIndex(of: extra[i]) { args[k + 1] = extra[i + 1] } else { args += [extra[i], extra[i + 1]] }
      i += 2
    }
    let r = try CLI.run(args)
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(r.stdout.isEmpty)
  }

  /// A tiny initialisation gives a tiny initial NTK, so η = c/λ_max is huge and the
  /// network blows up within a few steps: an error naming the step.
  @Test func divergenceNamesTheStep() throws {
    let data = try temporary("d.csv", Self.dataCSV)
    let grid = try temporary("g.csv", "x1\n0\n")
    let args = arguments(data: data, grid: grid, []).map {
      $0 == "uniform:-1,1" ? "uniform:-0.001,0.001" : $0
    }
    let r = try CLI.run(args)
    #expect(r.status != 0 && r.stderr.contains("GD diverged at step") && r.stdout.isEmpty, "\(r.stderr)")
  }

  @Test func tooFewPoints() throws {
    let data = try temporary("d.csv", "x1,y\n0.5,1\n")
    let grid = try temporary("g.csv", "x1\n0\n")
    let r = try CLI.run(arguments(data: data, grid: grid, []))
    #expect(r.status != 0 && r.stderr.contains("at least two") && r.stdout.isEmpty, "\(r.stderr)")
  }
}
