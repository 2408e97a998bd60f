import Foundation
import Testing

/// `fprinciple stages initial` with a network of 2 inputs: the 2-D grid path, and its errors.
@Suite struct StagesCLI2DTests {
  /// h(x) = 0.5 tanh(x₁ + 0.5x₂ + 0.1) − tanh(−0.5x₁ + x₂ + 0.2) + 0.3 tanh(2x₁ − x₂ − 0.3).
  static let network = """
    {"activation": "tanh", "layers": [
      {"weight": [[1.0, 0.5], [-0.5, 1.0], [2.0, -1.0]], "bias": [0.1, 0.2, -0.3]},
      {"weight": [[0.5, -1.0, 0.3]], "bias": [0.0]}]}
    """

  func file(_ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fprinciple-stages2d-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent("net2.json")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func twoInputsRunTheTwoDimensionalGrid() throws {
    let net = try file(Self.network)
    let r = try CLI.run([
      "stages", "initial", "--network", net, "--target", "sin(0.6*pi*x1) + 0.5*sin(1.6*pi*x2)",
      "--density", "normal2:0,0,1", "--eta", "0.25,0.5,1", "--method", "grid", "--side", "128", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(j["dimension"] as? Int == 2 && j["method"] as? String == "grid2d")
    let R = try #require(j["R"] as? [Double]), B = try #require(j["B"] as? [Double])
    #expect(R.count == 3 && B.count == 3)
    for i in 0..<3 { #expect(R[i] > 0 && R[i] <= B[i] * (1 + 1e-12), "R ≤ B at η index \(i)") }
    let dLdt = try #require(j["dLdt"] as? Double), g2 = try #require(j["gradnorm2"] as? Double)
    #expect(abs(dLdt + g2) <= 1e-12 * g2, "dL/dt = −|∇L|²")
  }

  @Test(arguments: [
    (["--density", "normal:0,1,2"], "needs normal2"), (["--method", "quadrature"], "--method grid"),
    (["--target", "sin(x)"], "target"), (["--eta", "9"], "Nyquist"), (["--density", "uniform2:1,0"], "A < B"),
  ])
  func badInputIsAnError(extra: [String], message: String) throws {
    let net = try file(Self.network)
    var args = [
      "stages", "initial", "--network", net, "--target", "x1*x2", "--eta", "0.5", "--method", "grid", "--side", "32",
    ]
    for k in stride(from: 0, to: extra.count, by: 2) {
      if let i = args.firstIndex(of: extra[k]) { args[i + 1] = extra[k + 1] } else { args += [extra[k], extra[k + 1]] }
    }
    let r = try CLI.run(args + ["--json"])
    #expect(r.status != 0)
    #expect(r.stdout.isEmpty, "no JSON on failure: \(r.stdout)")
    #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
  }
}
