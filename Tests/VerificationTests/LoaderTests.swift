import Foundation
import NumericProviders
import Testing

@testable import Verification

/// Malformed theorem files give errors naming file, line and key.
@Suite struct LoaderTests {
  let good = """
    id = "ok"
    title = "A valid file"
    kind = "theorem"
    stage = "initial"
    precision = 64
    claim = "y <= 2*x"
    role = "identity"

    [source]
    paper = "P"
    section = "S"

    [sweep]
    x = [1, 2, 3]

    [quantities.y]
    provider = "expression"
    args = { expression = "x + 1" }
    """

  func error(_ text: String) -> TheoremFileError? {
    do { _ = try TheoremLoader(registry: .numeric).load(text: text, file: "bad.toml"); return nil } catch {
      return error
    }
  }

  @Test func validFileLoads() throws {
    let s = try spec(good)
    #expect(s.id == "ok")
    #expect(s.sweep.axisNames == ["x"])
    #expect(s.quantities.map(\.name) == ["y"])
    #expect(s.claim.aggregatedAxes.isEmpty)
  }

  @Test func missingKey() throws {
    let e = try #require(error(good.replacingOccurrences(of: "title = \"A valid file\"\n", with: "")))
    #expect(e.problem == .missingKey)
    #expect(e.key == "title")
    #expect(e.file == "bad.toml")
  }

  @Test func missingKeyInTableNamesTheTableLine() throws {
    let e = try #require(error(good.replacingOccurrences(of: "section = \"S\"\n", with: "")))
    #expect(e.problem == .missingKey)
    #expect(e.key == "source.section")
    #expect(e.line == 9)  // the [source] header
  }

  @Test func wrongType() throws {
    let e = try #require(error(good.replacingOccurrences(of: "precision = 64", with: "precision = \"high\"")))
    #expect(e.problem == .wrongType)
    #expect(e.key == "precision")
    #expect(e.line == 5)
    #expect(e.description.hasPrefix("bad.toml:5: error in key `precision`"))
  }

  @Test func unknownProvider() throws {
    let e = try #require(
      error(good.replacingOccurrences(of: "provider = \"expression\"", with: "provider = \"expresion\"")))
    #expect(e.problem == .unknownProvider)
    #expect(e.key == "quantities.y.provider")
    #expect(e.line == 17)
    #expect(e.message.contains("expression"))  // lists the known providers
  }

  @Test func badClaimExpression() throws {
    let e = try #require(error(good.replacingOccurrences(of: "claim = \"y <= 2*x\"", with: "claim = \"y <= 2*(x\"")))
    #expect(e.problem == .badExpression)
    #expect(e.key == "claim")
    #expect(e.line == 6)
    // `claim = "` is 9 characters; the expression error is just past its end
    // (column 10 of the 9-character expression `y <= 2*(x`).
    #expect(e.column == 9 + 10)
  }

  @Test func badProviderExpression() throws {
    let e = try #require(error(good.replacingOccurrences(of: "x + 1", with: "x + * 1")))
    #expect(e.problem == .badExpression)
    #expect(e.key == "quantities.y.args.expression")
    #expect(e.line == 18)
    #expect(e.column != nil)
  }

  @Test func unknownNameInClaim() throws {
    let e = try #require(error(good.replacingOccurrences(of: "y <= 2*x", with: "z <= 2*x")))
    #expect(e.problem == .unknownName)
    #expect(e.key == "claim")
    #expect(e.message.contains("z"))
  }

  @Test func aggregateOverNonAxis() throws {
    let e = try #require(error(good.replacingOccurrences(of: "y <= 2*x", with: "slope(y, y) <= 2")))
    #expect(e.key == "claim")
    #expect(e.message.contains("not a sweep axis"))
  }

  @Test func tomlSyntaxError() throws {
    let e = try #require(error(good.replacingOccurrences(of: "x = [1, 2, 3]", with: "x = [1, 2, 3")))
    #expect(e.problem == .syntax)
    #expect(e.line >= 14)
  }

  @Test func badSweepValue() throws {
    let e = try #require(error(good.replacingOccurrences(of: "x = [1, 2, 3]", with: "x = { from = 1, to = 3 }")))
    #expect(e.problem == .missingKey)
    #expect(e.key == "sweep.x.count")
    #expect(e.line == 14)
  }

  @Test func cyclicDependency() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-cycle-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (id, dep) in [("a", "b"), ("b", "c"), ("c", "a")] {
      let text = theoremText(id: id, claim: "x <= 1", body: "[sweep]\nx = [1]", extra: "depends_on = [\"\(dep)\"]")
      try text.write(toFile: dir + "/\(id).toml", atomically: true, encoding: .utf8)
    }
    do {
      _ = try TheoremLoader(registry: .numeric).loadDirectory(dir)
      Issue.record("a cycle was accepted")
    } catch {
      #expect(error.problem == .cyclicDependency)
      #expect(error.key == "depends_on")
      #expect(error.file.hasSuffix("a.toml"))
      #expect(error.line == 7)
      #expect(error.message.contains("a -> b -> c -> a"))
    }
  }

  @Test func rangesExpand() throws {
    let s = try spec(
      good.replacingOccurrences(
        of: "x = [1, 2, 3]",
        with: "x = { from = 1, to = 100, count = 3, spacing = \"log\" }\nk = { from = 2, to = 8, step = 3 }"))
    #expect(s.sweep.axes[0].values.map(\.description) == ["1", "10", "100"])
    #expect(s.sweep.axes[1].values.map(\.description) == ["2", "5", "8"])
    #expect(s.sweep.count == 9)
  }

  @Test func unknownProviderArgument() throws {
    let e = try #require(error(good.replacingOccurrences(of: "args = { expression = ", with: "args = { expresion = ")))
    #expect(e.problem == .invalidValue)
    #expect(e.key == "quantities.y.args.expresion")
    #expect(e.line == 18)
  }

  @Test func quickSweepReplacesOnlyItsAxes() throws {
    let s = try spec(
      good.replacingOccurrences(of: "x = [1, 2, 3]", with: "x = [1, 2, 3]\nk = [5, 6]\n\n[quick]\nx = [1]"))
    #expect(s.sweep(quick: true).axes.map(\.name) == ["x", "k"])
    #expect(s.sweep(quick: true).count == 2)
    #expect(s.sweep(quick: false).count == 6)
    let e = try #require(
      error(good.replacingOccurrences(of: "x = [1, 2, 3]", with: "x = [1, 2, 3]\n\n[quick]\nz = [1]")))
    #expect(e.key == "quick.z")
  }
}
