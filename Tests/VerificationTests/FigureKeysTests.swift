import Foundation
import NumericProviders
import Testing

@testable import Verification

/// A line figure's `facet` and `color` keys: sweep axes other than the figure's `x`;
/// unknown figure keys are errors, not silently ignored.
@Suite struct FigureKeysTests {
  func file(_ figure: String) -> String {
    """
    id = "fig"
    title = "Figure keys"
    kind = "theorem"
    role = "identity"
    stage = "initial"
    claim = "y <= 2*x + a + b"

    [source]
    paper = "P"
    section = "S"

    [sweep]
    x = [1, 2, 3]
    a = [0, 1]
    b = [0, 1, 2]

    [quantities.y]
    provider = "expression"
    args = { expression = "x + 1" }

    [[figures]]
    kind = "line"
    x = "x"
    y = "y"
    \(figure)
    """
  }

  func error(_ text: String) -> TheoremFileError? {
    do { _ = try TheoremLoader(registry: .numeric).load(text: text, file: "bad.toml"); return nil } catch {
      return error
    }
  }

  @Test func facetAndColorAreRead() throws {
    let s = try spec(file("facet = \"a\"\ncolor = \"b\""))
    #expect(s.figures[0].facet == "a")
    #expect(s.figures[0].color == "b")
  }

  @Test func facetMustBeAnotherSweepAxis() throws {
    let unknown = try #require(error(file("facet = \"c\"")))
    #expect(unknown.problem == .unknownName && unknown.key == "figures.facet")
    let sameAsX = try #require(error(file("color = \"x\"")))
    #expect(sameAsX.problem == .unknownName && sameAsX.key == "figures.color")
    let same = try #require(error(file("facet = \"a\"\ncolor = \"a\"")))
    #expect(same.problem == .invalidValue)
  }

  @Test func unknownFigureKeyIsAnError() throws {
    let e = try #require(error(file("colour = \"a\"")))
    #expect(e.problem == .invalidValue && e.key == "figures.colour")
    #expect(e.message.contains("unknown figure key"))
  }
}
