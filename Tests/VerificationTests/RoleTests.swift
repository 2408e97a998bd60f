import Foundation
import NumericProviders
import Testing

@testable import Verification

/// `role` and `hypothesis`: what a theorem's verdict is evidence for and what a
/// control does; the loader rejects a missing or misplaced role and a prediction
/// without a control that removes a hypothesis.
@Suite struct RoleTests {
  let body = "[sweep]\nx = [1]\n[quantities.y]\nprovider = \"expression\"\nargs = { expression = \"x\" }"

  func error(_ text: String) -> TheoremFileError? {
    do { _ = try spec(text, file: "r.toml"); return nil } catch { return error as? TheoremFileError }
  }

  @Test func rolesAreRead() throws {
    #expect(try spec(theoremText(role: "prediction", claim: "y <= 1", body: body)).role == .prediction)
    let c = try spec(
      theoremText(
        kind: "control", role: "removes", claim: "y <= 0", body: body,
        extra: "control_of = \"t\"\nhypothesis = \"density regularity\""))
    #expect(c.role == .removes)
    #expect(c.removedHypothesis == "density regularity")
    let w = try spec(
      theoremText(kind: "control", role: "wrong_formula", claim: "y <= 0", body: body, extra: "control_of = \"t\""))
    #expect(w.role == .wrongFormula)
    #expect(w.removedHypothesis == nil)
    #expect(try spec(theoremText(kind: "observation", claim: "y <= 1", body: body)).role == nil)
  }

  @Test func aTheoremWithoutRoleIsRejectedAtItsKindLine() throws {
    let e = try #require(error(theoremText(role: "", claim: "y <= 1", body: body)))
    #expect(e.problem == .missingKey)
    #expect(e.key == "role")
    #expect(e.line == 3)  // `kind = "theorem"`
    #expect(e.file == "r.toml")
    #expect(e.message.contains("identity") && e.message.contains("prediction"))
  }

  @Test func aControlWithoutRoleIsRejected() throws {
    let e = try #require(
      error(theoremText(kind: "control", role: "", claim: "y <= 1", body: body, extra: "control_of = \"t\"")))
    #expect(e.key == "role")
    #expect(e.message.contains("removes"))
  }

  @Test func unknownAndMisplacedRoles() throws {
    let unknown = try #require(error(theoremText(role: "corollary", claim: "y <= 1", body: body)))
    #expect(unknown.problem == .invalidValue)
    #expect(unknown.key == "role")
    #expect(unknown.line == 4)
    #expect(unknown.message.contains("`corollary`") && unknown.message.contains("`lemma`"))
    // A control's effect is not a theorem's role, and the other way round.
    #expect(error(theoremText(role: "removes", claim: "y <= 1", body: body))?.key == "role")
    #expect(
      error(theoremText(kind: "control", role: "lemma", claim: "y <= 1", body: body, extra: "control_of = \"t\""))?
        .key == "role")
    // Observations and conjectures have no role.
    for kind in ["observation", "conjecture"] {
      let e = try #require(error(theoremText(kind: kind, role: "prediction", claim: "y <= 1", body: body)))
      #expect(e.key == "role")
      #expect(e.message.contains("has no role"))
    }
  }

  @Test func removesNeedsAHypothesisAndOnlyRemovesHasOne() throws {
    let missing = try #require(
      error(theoremText(kind: "control", role: "removes", claim: "y <= 1", body: body, extra: "control_of = \"t\"")))
    #expect(missing.problem == .missingKey)
    #expect(missing.key == "hypothesis")
    #expect(missing.line == 4)  // the `role` line
    let empty = try #require(
      error(
        theoremText(
          kind: "control", role: "removes", claim: "y <= 1", body: body,
          extra: "control_of = \"t\"\nhypothesis = \" \"")))
    #expect(empty.key == "hypothesis")
    #expect(empty.problem == .invalidValue)
    let extra = try #require(
      error(
        theoremText(
          kind: "control", role: "sharpens", claim: "y <= 1", body: body,
          extra: "control_of = \"t\"\nhypothesis = \"density regularity\"")))
    #expect(extra.key == "hypothesis")
    #expect(extra.message.contains("`sharpens`"))
    #expect(
      error(theoremText(role: "lemma", claim: "y <= 1", body: body, extra: "hypothesis = \"x\""))?.key == "hypothesis")
  }

  /// Writes the files to a fresh directory and loads it.
  func loadDirectory(_ files: [String: String]) throws(TheoremFileError) -> [TheoremSpec] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-roles-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (id, text) in files { try? text.write(toFile: dir + "/\(id).toml", atomically: true, encoding: .utf8) }
    return try TheoremLoader(registry: .numeric).loadDirectory(dir)
  }

  @Test func aPredictionNeedsARemovesControlInTheRun() throws {
    let prediction = theoremText(id: "p", role: "prediction", claim: "y <= 1", body: body)
    let sharpens = theoremText(
      id: "p-half", kind: "control", role: "sharpens", claim: "y <= 0.5", body: body, extra: "control_of = \"p\"")
    let removes = theoremText(
      id: "p-uniform", kind: "control", role: "removes", claim: "y <= 0", body: body,
      extra: "control_of = \"p\"\nhypothesis = \"density regularity\"")
    // Alone, or with a control that only sharpens the bound: rejected at the prediction's role line.
    for files in [["p": prediction], ["p": prediction, "p-half": sharpens]] {
      do {
        _ = try loadDirectory(files)
        Issue.record("a prediction without a removes control was accepted")
      } catch {
        #expect(error.problem == .missingControl)
        #expect(error.file.hasSuffix("/p.toml"))
        #expect(error.key == "role")
        #expect(error.line == 4)
        #expect(error.message.contains(files.count == 1 ? "no control" : "`p-half` (sharpens)"))
      }
    }
    let specs = try loadDirectory(["p": prediction, "p-half": sharpens, "p-uniform": removes])
    #expect(Set(specs.map(\.id)) == ["p", "p-half", "p-uniform"])
    // An identity needs no removes control.
    #expect(try loadDirectory(["p": theoremText(id: "p", claim: "y <= 1", body: body)]).count == 1)
  }

  @Test func aControlOfAnUnknownIdIsRejected() throws {
    do {
      _ = try loadDirectory([
        "c": theoremText(id: "c", kind: "control", claim: "y <= 1", body: body, extra: "control_of = \"nowhere\"")
      ])
      Issue.record("a control of an unknown id was accepted")
    } catch {
      #expect(error.key == "control_of")
      #expect(error.message.contains("`nowhere`"))
    }
  }
}
