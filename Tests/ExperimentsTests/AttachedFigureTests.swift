import Foundation
import MultiPrecision
import Reports
import Testing

@testable import Verification

/// The general mechanism for provider figures (Verification's `AttachedFigure`):
/// carried through the JSON results, drawn once per title.
@Suite struct AttachedFigureTests {
  func result(_ figures: [[AttachedFigure]]) -> TheoremResult {
    let points = figures.enumerated().map { i, f -> PointRecord in
      var q = Quantity(exact: MPFloat(Double(i), precision: 64))
      q.figures = f
      return PointRecord(
        index: i, coordinates: ["k": String(i)], quantities: [QuantityRecord(name: "e", q)], error: nil)
    }
    let group = GroupResult(
      index: 0, coordinates: [:], points: points, outcome: Outcome(verdict: .pass, rigorous: false),
      precision: 64, attempts: 1)
    return TheoremResult(
      id: "t", title: "t", file: "t.toml", source: .init(paper: "p", section: "s", equation: ""),
      kind: .theorem, stage: .empirical, claim: "e >= 0", hypotheses: [], dependsOn: [],
      axes: [SweepAxis(name: "k", values: [.number("0"), .number("1")])], sweepMode: .product,
      aggregatedAxes: [], quantityProviders: [["e", "x"]], figures: [], precision: 64, maxPrecision: 64,
      tolerance: "0", safetyFactor: 10, seed: 0, groupCount: 1, groups: [group], verdict: .pass,
      taintedBy: [], seconds: 0)
  }

  @Test func figuresAreDrawnOncePerTitleAndSurviveJSON() throws {
    let line = AttachedFigure.line(
      title: "curve A", xLabel: "step", yLabel: "error",
      series: [.init(label: "a", x: [0, 1, 2], y: [1, 0.5, .nan])], logY: true)
    let heat = AttachedFigure.heatmap(
      title: "map B", xLabel: "step", yLabel: "k", xValues: ["0", "1"], yValues: ["k=1"],
      values: [[1, .infinity]], valueLabel: "Δ")
    #expect(heat.values == [[1, nil]])
    #expect(line.series[0].y == [1, 0.5])
    let t = result([[line, heat], [line]])
    let files = ReportWriter(deterministic: true).figures(t)
    #expect(files.map(\.name) == ["t-fig1.svg", "t-fig2.svg"])
    #expect(files[0].svg.contains("curve A") && files[1].svg.contains("map B"))
    let data = try JSONEncoder().encode(t)
    let back = try JSONDecoder().decode(TheoremResult.self, from: data)
    #expect(back == t)
    // A quantity without figures writes no `figures` key (older reports unchanged).
    let plain = try JSONEncoder().encode(QuantityRecord(name: "x", Quantity(exact: MPFloat(1, precision: 64))))
    #expect(!String(decoding: plain, as: UTF8.self).contains("figures"))
  }
}
