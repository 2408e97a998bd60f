import Foundation
import Reports
import Testing

@testable import Verification

/// `[[figures]] kind = "versus"`: one point per claim group (a measured term against a
/// predicted one), evaluated by the runner on the claim's groups, drawn with y = x;
/// bad terms are load errors naming the figure.
@Suite struct VersusFigureTests {
  /// B = C·η^(−2p + e): the fitted exponent is −2p + e exactly, so the figure's points are known.
  func text(exponentError: String = "0", claim: String = "abs(slope(eta, B) + 2*p) <= 0.5", figure: String) -> String {
    theoremText(
      claim: claim,
      body: """
        [sweep]
        eta = [8, 16, 32, 64]
        p = [1, 2, 3]
        density = [1, 2]

        [quantities.B]
        provider = "expression"
        args = { expression = "density * eta^(-2*p + \(exponentError))" }

        \(figure)
        """, extra: "precision = 128")
  }

  let figure = """
    [[figures]]
    kind = "versus"
    x = "-2*p"
    y = "slope(eta, B)"
    series = "density"
    title = "fitted exponent of B against -2p"
    """

  @Test func pointsArePerGroupAndExact() async throws {
    let r = try await runSpecs([try spec(text(figure: figure))])
    let t = r.theorems[0]
    #expect(t.verdict == .certified)
    #expect(t.groups.count == 6)
    for g in t.groups {
      let p = try #require(g.figurePoints?.first)
      let pv = try #require(g.coordinates["p"].flatMap(Double.init))
      #expect(p.figure == 0 && p.x == -2 * pv && p.xError == 0)
      let y = try #require(p.y), e = try #require(p.yError)
      #expect(abs(y + 2 * pv) <= e + 1e-30 && e < 1e-30, "slope \(y) ± \(e) at p = \(pv)")
    }
    let svg = try #require(ReportWriter(deterministic: true).figures(t).first { $0.name == "t-fig1.svg" }?.svg)
    // Data markers (r = 3.5; the legend's are smaller).
    #expect(svg.components(separatedBy: "r=\"3.5\"").count - 1 == 6)
    #expect(svg.contains("density = 1") && svg.contains("density = 2"))
    #expect(svg.contains("measured = predicted") && svg.contains("stroke-dasharray"))
    #expect(!svg.contains("r=\"3.5\" fill=\"white\""), "every group holds: filled markers")
  }

  /// The violated twin: exponent −2p + 1 fails at every group, and the figure shows it
  /// (the points sit one above the diagonal, open markers).
  @Test func violatedTwinShowsOpenMarkersOffTheDiagonal() async throws {
    let r = try await runSpecs([try spec(text(exponentError: "1", figure: figure))])
    let t = r.theorems[0]
    #expect(t.verdict == .fail)
    for g in t.groups {
      let p = try #require(g.figurePoints?.first)
      #expect(abs(try #require(p.y) - (try #require(p.x) + 1)) < 1e-20)
    }
    let svg = try #require(ReportWriter(deterministic: true).figures(t).first?.svg)
    #expect(svg.components(separatedBy: "r=\"3.5\" fill=\"white\"").count - 1 == 6)
  }

  @Test func badTermsAreLoadErrors() throws {
    func error(_ figure: String) -> TheoremFileError? {
      do { _ = try spec(text(figure: figure)); return nil } catch { return error as? TheoremFileError }
    }
    let unknown = try #require(error(figure.replacingOccurrences(of: "slope(eta, B)", with: "slope(eta, C)")))
    #expect(unknown.problem == .unknownName && unknown.key == "figures.y" && unknown.message.contains("C"))
    let syntax = try #require(error(figure.replacingOccurrences(of: "-2*p", with: "-2*(p")))
    #expect(syntax.problem == .badExpression && syntax.key == "figures.x")
    // The claim does not aggregate over p, so a point per group cannot reduce over it.
    let over = try #require(error(figure.replacingOccurrences(of: "slope(eta, B)", with: "mean(p, B)")))
    #expect(over.key == "figures.y" && over.message.contains("aggregates over p"))
    let series = try #require(error(figure.replacingOccurrences(of: "series = \"density\"", with: "series = \"rho\"")))
    #expect(series.key == "figures.series" && series.message.contains("rho"))
    let onLoglog = """
      [[figures]]
      kind = "loglog"
      x = "eta"
      y = "B"
      series = "density"
      """
    #expect(error(onLoglog)?.key == "figures.series")
  }

  /// A term that varies within the group is an evaluation error, noted under the figure.
  @Test func termsThatCannotBeEvaluatedAreNoted() async throws {
    let r = try await runSpecs([try spec(text(figure: figure.replacingOccurrences(of: "slope(eta, B)", with: "B")))])
    let t = r.theorems[0]
    let p = try #require(t.groups[0].figurePoints?.first)
    #expect(p.y == nil && (p.error ?? "").contains("varies within the group"))
    let svg = try #require(ReportWriter(deterministic: true).figures(t).first?.svg)
    #expect(svg.contains("6 group(s) not drawn"))
  }
}
