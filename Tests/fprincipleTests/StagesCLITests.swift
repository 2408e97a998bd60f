import Foundation
import Testing

/// `fprinciple stages`: the JSON of the issue, an independent check of L by
/// `fprinciple integrate`, and the bad inputs (clear error, non-zero exit).
@Suite struct StagesCLITests {
  /// h(x) = 0.5 tanh(x + 0.1) − tanh(−0.5x + 0.2) + 0.3 tanh(2x − 0.3).
  static let network = """
    {"activation": "tanh", "layers": [
      {"weight": [[1.0], [-0.5], [2.0]], "bias": [0.1, 0.2, -0.3]},
      {"weight": [[0.5, -1.0, 0.3]], "bias": [0.0]}]}
    """
  static let residual = "0.5*tanh(x+0.1) - tanh(-0.5*x+0.2) + 0.3*tanh(2*x-0.3) - sin(2*x)"

  func file(_ name: String, _ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fprinciple-stages-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func json(_ r: CLI.Result) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "stdout: \(r.stdout)")
  }

  @Test func initialPrintsTheJSONOfTheIssue() throws {
    let net = try file("net.json", Self.network)
    let r = try CLI.run([
      "stages", "initial", "--network", net, "--target", "sin(2*x)", "--density", "normal:0,1",
      "--eta", "0.25,0.5,1", "--digits", "20", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try json(r)
    let eta = try #require(j["eta"] as? [Double]), R = try #require(j["R"] as? [Double])
    let B = try #require(j["B"] as? [Double])
    #expect(eta == [0.25, 0.5, 1])
    #expect(R.count == 3 && B.count == 3)
    for i in 0..<3 { #expect(R[i] <= B[i] * (1 + 1e-12), "R ≤ B at η = \(eta[i])") }
    // R decreases in η (tanh: exponentially).
    #expect(R[2] < R[1] && R[1] < R[0])
    let L = try #require(j["L"] as? Double), dLdt = try #require(j["dLdt"] as? Double)
    let g2 = try #require(j["gradnorm2"] as? Double)
    #expect(abs(dLdt + g2) <= 1e-14 * g2, "dL/dt = −|∇L|²")
    // L against an independent integral of u²ρ by `fprinciple integrate` (double-exponential rule).
    let i = try CLI.run([
      "integrate", "(\(Self.residual))^2 * exp(-x^2/2)/sqrt(2*pi)", "--var", "x", "--from", "-inf", "--to", "inf",
      "--digits", "25", "--json",
    ])
    #expect(i.status == 0, "\(i.stderr)")
    let iv = try json(i)
    let value = try #require((iv["value"] as? String).flatMap(Double.init) ?? (iv["value"] as? Double))
    #expect(abs(L - value) <= 1e-14 * value, "L = \(L), integrate: \(value)")
  }

  @Test func gridMethodAgreesWithQuadrature() throws {
    let net = try file("net.json", Self.network)
    let args = ["stages", "initial", "--network", net, "--target", "sin(2*x)", "--eta", "0.5,1", "--json"]
    let q = try json(try CLI.run(args + ["--digits", "16"]))
    let g = try json(try CLI.run(args + ["--method", "grid", "--points", "16384"]))
    let rq = try #require(q["R"] as? [Double]), rg = try #require(g["R"] as? [Double])
    let bq = try #require(q["B"] as? [Double]), bg = try #require(g["B"] as? [Double])
    // Within the sum of the two error estimates (the grid's: half grid, quarter padding).
    let eq = try #require(q["R_error"] as? [Double]), eg = try #require(g["R_error"] as? [Double])
    let fq = try #require(q["B_error"] as? [Double]), fg = try #require(g["B_error"] as? [Double])
    for k in 0..<2 {
      #expect(abs(rq[k] - rg[k]) <= eq[k] + eg[k], "R: \(rq[k]) vs grid \(rg[k]) ± \(eg[k])")
      #expect(abs(bq[k] - bg[k]) <= fq[k] + fg[k], "B: \(bq[k]) vs grid \(bg[k]) ± \(fg[k])")
      #expect(eg[k] < 5e-2 * rg[k], "the grid resolves R to 5%")
    }
  }

  /// h(x) = 0.7 relu(x + 0.2) − 1.1 relu(−0.8x + 0.5) + 0.4 relu(1.5x − 0.9): kinks at −0.2, 0.625, 0.6.
  static let reluNetwork = """
    {"activation": "relu", "layers": [
      {"weight": [[1.0], [-0.8], [1.5]], "bias": [0.2, 0.5, -0.9]},
      {"weight": [[0.7, -1.1, 0.4]], "bias": [0.0]}]}
    """

  /// `--method kink_expansion` agrees with the Double grid where the grid resolves B, keeps
  /// resolving it far beyond (B ~ η^(−2) for ReLU, so B(64)/B(8) ≈ 1/64), and refuses a tanh network.
  @Test func kinkExpansionAgreesWithTheGridAndReachesLargeEta() throws {
    let net = try file("relu.json", Self.reluNetwork)
    let args = ["stages", "initial", "--network", net, "--target", "sin(2*x)", "--json"]
    let k = try json(try CLI.run(args + ["--eta", "2,4,8,64", "--method", "kink_expansion"]))
    let g = try json(try CLI.run(args + ["--eta", "2,4", "--method", "grid", "--points", "32768"]))
    #expect(k["method"] as? String == "kink_expansion")
    let bk = try #require(k["B"] as? [Double]), ek = try #require(k["B_error"] as? [Double])
    let bg = try #require(g["B"] as? [Double]), eg = try #require(g["B_error"] as? [Double])
    let rk = try #require(k["R"] as? [Double])
    for i in 0..<2 {
      #expect(abs(bk[i] - bg[i]) <= ek[i] + eg[i], "B(η): expansion \(bk[i]) ± \(ek[i]) vs grid \(bg[i]) ± \(eg[i])")
    }
    for i in 0..<4 {
      #expect(rk[i] <= bk[i] * (1 + 1e-9) && ek[i] < 1e-2 * bk[i], "η index \(i): R \(rk[i]), B \(bk[i]) ± \(ek[i])")
    }
    let slope = log(bk[3] / bk[2]) / log(8.0)
    #expect(abs(slope + 2) < 0.3, "ln B(64)/B(8) over ln 8 = \(slope), the ReLU exponent is −2")
    let tanh = try file("tanh.json", Self.network)
    let r = try CLI.run([
      "stages", "initial", "--network", tanh, "--target", "sin(2*x)", "--eta", "8", "--method", "kink_expansion",
      "--json",
    ])
    #expect(r.status != 0 && r.stdout.isEmpty)
    #expect(r.stderr.contains("ReLU^p"), "stderr: \(r.stderr)")
  }

  @Test func intermediateAndFinalPrintTheirTables() throws {
    let net = try file("net.json", Self.network)
    let common = [
      "--network", net, "--target", "sin(2*x)", "--eta", "1,2,4", "--times", "0.5,1", "--points", "512", "--json",
    ]
    let m = try json(try CLI.run(["stages", "intermediate"] + common))
    let ratio = try #require(m["ratio"] as? [[Double]]), bound = try #require(m["bound"] as? [[Double]])
    #expect(ratio.count == 2 && ratio[0].count == 3)
    for t in 0..<2 { for e in 0..<3 { #expect(ratio[t][e] <= bound[t][e]) } }
    let L = try #require(m["L"] as? [Double])
    #expect(L[2] < L[1] && L[1] < L[0], "the loss decreases along the flow")
    let f = try json(try CLI.run(["stages", "final"] + common + ["--trainer", "gd", "--lr", "0.01"]))
    let share = try #require(f["share"] as? [[Double]])
    #expect(share[1][2] < share[1][0] && share[1][0] < 1)
  }

  @Test(arguments: [
    (["--eta", "0,1"], "eta"),
    (["--eta", "-1"], "eta"),
    (["--density", "normal:0,-1"], "standard deviation"),
    (["--density", "uniform:1,0"], "A < B"),
    (["--density", "mixture:0.3*normal:0,1+0.3*normal:1,1"], "sum to"),
    (["--density", "cauchy:0,1"], "unknown kind"),
    (["--target", "exp(x^2)"], "not square-integrable"),
    (["--target", "sin(2*y)"], "target"),
  ])
  func badInputIsAnError(extra: [String], message: String) throws {
    let net = try file("net.json", Self.network)
    var args = ["stages", "initial", "--network", net, "--target", "sin(2*x)", "--eta", "0.5", "--digits", "12"]
    for k in stride(from: 0, to: extra.count, by: 2) {
      if let i = args.firstIndex(of: extra[k]) { args[i + 1] = extra[k + 1] } else { args += [extra[k], extra[k + 1]] }
    }
    let r = try CLI.run(args + ["--json"])
    #expect(r.status != 0)
    #expect(r.stdout.isEmpty, "no JSON on failure: \(r.stdout)")
    #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
  }

  @Test func badNetworkFilesAreErrors() throws {
    let wrongShape = try file(
      "bad.json",
      """
      {"activation": "tanh", "layers": [{"weight": [[1.0, 2.0], [0.5, 1.0]], "bias": [0.0, 0.0]},
        {"weight": [[1.0]], "bias": [0.0]}]}
      """)
    let r = try CLI.run(["stages", "initial", "--network", wrongShape, "--target", "sin(x)", "--eta", "1"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("bad.json"), "stderr: \(r.stderr)")
    let twoInputs = try file(
      "two.json",
      """
      {"activation": "tanh", "layers": [{"weight": [[1.0, 2.0]], "bias": [0.0]}, {"weight": [[1.0]], "bias": [0.0]}]}
      """)
    let r2 = try CLI.run(["stages", "initial", "--network", twoInputs, "--target", "sin(x)", "--eta", "1"])
    #expect(r2.status != 0)
    #expect(r2.stderr.contains("widths"), "stderr: \(r2.stderr)")
  }

  @Test func nonConvergedFourierIntegralIsAnError() throws {
    // A neuron with weight 5000 is nearly a step (width 2e-4, below the node spacing of
    // the finest rule): the integrals cannot converge in two refinements.
    let steep = try file(
      "steep.json",
      """
      {"activation": "tanh", "layers": [{"weight": [[5000.0]], "bias": [0.3]}, {"weight": [[1.0]], "bias": [0.0]}]}
      """)
    let r = try CLI.run(["stages", "initial", "--network", steep, "--target", "0", "--eta", "0.25", "--digits", "12"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("did not converge"), "stderr: \(r.stderr)")
  }
}
