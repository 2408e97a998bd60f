import Foundation
import Testing

/// `fprinciple train` end to end (runs the built executable).
@Suite("fprinciple train")
struct TrainCLITests {
  func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fprinciple-train-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  func parse(_ url: URL) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  @Test func trainsAndWritesTheResult() throws {
    let dir = try temporaryDirectory()
    let csv = dir.appendingPathComponent("d.csv"), out = dir.appendingPathComponent("r.json")
    var text = "x1,x2,y1,y2\n"
    for i in 0..<12 {
      let x = Double(i) / 11 * 2 - 1
      text += "\(x),\(x * x),\(sin(3 * x)),\(cos(x))\n"
    }
    try text.write(to: csv, atomically: true, encoding: .utf8)
    let r = try CLI.run([
      "train", "--data", csv.path, "--hidden", "16,8", "--activation", "gelu", "--loss", "mse", "--optimizer", "adam",
      "--lr", "0.01", "--steps", "30", "--seed", "3", "--snapshot-every", "10", "--out", out.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let result = try parse(out)
    #expect(result["status"] as? String == "completed")
    let losses = try #require(result["loss"] as? [Double])
    #expect(losses.count == 31 && losses.last! < losses.first!)
    let snaps = try #require(result["snapshots"] as? [[String: Any]])
    #expect(snaps.map { $0["step"] as? Int } == [0, 10, 20, 30])
    #expect((snaps[0]["outputs"] as? [[Double]])?.count == 12 && (snaps[0]["outputs"] as? [[Double]])?[0].count == 2)
    let net = try #require(result["network"] as? [String: Any])
    #expect(net["activation"] as? String == "gelu")
    let layers = try #require(net["layers"] as? [[String: Any]])
    #expect(layers.map { ($0["weight"] as? [[Double]])?.count } == [16, 8, 2])

    // Restarting from the written network continues from its loss (same data, same loss).
    let netFile = dir.appendingPathComponent("net.json"), out2 = dir.appendingPathComponent("r2.json")
    try JSONSerialization.data(withJSONObject: net).write(to: netFile)
    let r2 = try CLI.run(["train", "--data", csv.path, "--init", netFile.path, "--steps", "0", "--out", out2.path])
    #expect(r2.status == 0, "\(r2.stderr)")
    let l2 = try #require(try parse(out2)["loss"] as? [Double])
    #expect(l2.count == 1 && abs(l2[0] - losses.last!) <= 1e-12 * losses.last!)
  }

  @Test func badFilesNameFileAndLine() throws {
    let dir = try temporaryDirectory()
    let csv = dir.appendingPathComponent("bad.csv")
    try "x1,y\n0.5,1\n0.7,oops\n".write(to: csv, atomically: true, encoding: .utf8)
    let r = try CLI.run([
      "train", "--data", csv.path, "--hidden", "4", "--steps", "1", "--out", dir.appendingPathComponent("r.json").path,
    ])
    #expect(r.status != 0)
    #expect(r.stderr.contains("bad.csv:3") && r.stderr.contains("column 2 (y)") && r.stderr.contains("'oops'"))

    let good = dir.appendingPathComponent("good.csv")
    try "x1,y\n0.5,1\n0.7,2\n".write(to: good, atomically: true, encoding: .utf8)
    let net = dir.appendingPathComponent("net.json")
    try #"{"activation":"tanh","layers":[{"weight":[[1],[2]],"bias":[0,0]},{"weight":[[1,2,3]],"bias":[0]}]}"#.write(
      to: net, atomically: true, encoding: .utf8)
    let r2 = try CLI.run([
      "train", "--data", good.path, "--init", net.path, "--steps", "1", "--out",
      dir.appendingPathComponent("r.json").path,
    ])
    #expect(r2.status != 0)
    #expect(
      r2.stderr.contains("net.json") && r2.stderr.contains("layers[1].weight[0]")
        && r2.stderr.contains("expected 2 entries"))
  }

  @Test func divergenceIsReported() throws {
    let dir = try temporaryDirectory()
    let csv = dir.appendingPathComponent("d.csv"), out = dir.appendingPathComponent("r.json")
    try "x1,y\n-1,3\n0,-2\n1,5\n2,-4\n".write(to: csv, atomically: true, encoding: .utf8)
    let r = try CLI.run([
      "train", "--data", csv.path, "--hidden", "32", "--activation", "relu", "--optimizer", "gd", "--lr", "50",
      "--steps", "200", "--snapshot-every", "1", "--out", out.path,
    ])
    #expect(r.status == 3)  // diverged: non-zero, result still written
    let result = try parse(out)
    #expect(result["status"] as? String == "diverged")
    let losses = try #require(result["loss"] as? [Any])
    #expect(losses.count < 201)
    #expect((result["snapshots"] as? [Any])?.count == losses.count)
  }
}
