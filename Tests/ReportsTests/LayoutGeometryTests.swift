import Foundation
import MultiPrecision
import TestSupport
import Testing

@testable import Reports
@testable import Verification

/// The layout rules of the figures (`SVGLayoutCheck`), on every figure kind drawn with
/// many series and long labels: no text box overlaps another or leaves the canvas, the
/// legend lies on the canvas and off the plot areas, the axis titles clear the tick
/// labels, log axes tick at decades or 1-2-5 with minor ticks; each rule has a broken
/// twin that the check reports.
@Suite struct LayoutGeometryTests {
  static let long =
    "density = mixture:0.5*normal:-1.5,0.6+0.5*normal:1.5,0.6, p = 3, seed = 2, widths = 20-20-20, activation = softplus"
  static let longTitle =
    "ReLU^p: the fitted slope of ln B(η) on η = 8 … 64 against the predicted exponent −2p, one point per network, "
    + "two densities, depth 1 and 2, three seeds each (a title much longer than the canvas is wide)"

  /// A sweep of `p` × `density` × `widths` × `seed` with B = c·η^(−2p), one group per
  /// point of the other axes (aggregated over `eta`), a log-log figure and a versus figure.
  static func sweepResult(
    figure: TheoremSpec.FigureSpec? = nil, claim: String = "slope(eta, B) <= -2*p + 0.5"
  )
    -> TheoremResult
  {
    let etas = [8.0, 16, 32, 64], ps = [1, 2, 3], densities = ["normal:0,1", "mixture:0.5*normal:-1.5,0.6"]
    let widths = ["20", "20-20"], seeds = [1, 2, 3]
    var groups: [GroupResult] = []
    var index = 0
    for p in ps {
      for (di, d) in densities.enumerated() {
        for (wi, w) in widths.enumerated() {
          for s in seeds {
            let c = [String: String](uniqueKeysWithValues: [
              ("p", String(p)), ("density", d), ("widths", w), ("seed", String(s)),
            ])
            let slope = -2 * Double(p) - 0.1 * Double(s) - 0.05 * Double(di + wi)
            let points = etas.map { eta -> PointRecord in
              let b = pow(10, -Double(3 * p)) * Double(s) * pow(eta, slope)
              var coordinates = c
              coordinates["eta"] = ReportNumber.text(eta)
              index += 1
              return PointRecord(
                index: index, coordinates: coordinates,
                quantities: [QuantityRecord(name: "B", Quantity(exact: MPFloat(b, precision: 64)))], error: nil)
            }
            var g = GroupResult(
              index: groups.count, coordinates: c, points: points,
              outcome: Outcome(verdict: s == 3 && p == 3 ? .fail : .pass, rigorous: false), precision: 64,
              attempts: 1)
            g.figurePoints = [FigurePoint(figure: 1, x: -2 * Double(p), y: slope, xError: 0, yError: 0.02)]
            groups.append(g)
          }
        }
      }
    }
    let axes = [
      SweepAxis(name: "eta", values: etas.map { .number(ReportNumber.text($0)) }),
      SweepAxis(name: "p", values: ps.map { .number(String($0)) }),
      SweepAxis(name: "density", values: densities.map { .text($0) }),
      SweepAxis(name: "widths", values: widths.map { .text($0) }),
      SweepAxis(name: "seed", values: seeds.map { .number(String($0)) }),
    ]
    return TheoremResult(
      id: "sweep", title: "sweep", file: "sweep.toml", source: .init(paper: "P", section: "S", equation: ""),
      kind: .theorem, stage: .initial, claim: claim, hypotheses: [], dependsOn: [], axes: axes,
      sweepMode: .product, aggregatedAxes: ["eta"], quantityProviders: [["B", "test"]],
      figures: [
        figure ?? .init(kind: .loglog, x: "eta", y: "B"),
        .init(kind: .versus, x: "-2*p", y: "slope(eta, B)", title: longTitle, series: "widths"),
        .init(kind: .loglog, x: "eta", y: "B", title: "B against eta, with the fitted slope", fit: true),
      ],
      precision: 64, maxPrecision: 64, tolerance: "0", safetyFactor: 10, seed: 0, groupCount: groups.count,
      groups: groups, verdict: .pass, taintedBy: [], seconds: 0)
  }

  /// Every figure kind with many series and long labels.
  static func stressFigures() -> [(name: String, svg: String)] {
    let xs = (1...40).map { Double($0) * 25 }
    let many = (0..<36).map { k in
      SVGPlot.Series(label: "B (\(long), k = \(k))", x: xs, y: xs.map { pow($0, -Double(k % 6) - 0.5) * 1e-3 })
    }
    var out: [(String, String)] = [
      (
        "line, one series, long title and labels",
        SVGPlot.linePlot(
          title: longTitle, xLabel: "training step of the network, counted from its initialisation (Adam)",
          yLabel: "relative error Δ_F at the spectral peaks of the target", series: [many[0]], logX: false,
          logY: true)
      ),
      (
        "log-log, 36 series with long labels and fits",
        SVGPlot.linePlot(
          title: "B against eta", xLabel: "eta", yLabel: "B", series: many, logX: true, logY: true,
          fits: many.map { _ in (-2, -3, "fit: slope -2.0000 for a long label of the series") })
      ),
      (
        "line, 3 short series (legend beside)",
        SVGPlot.linePlot(
          title: "Δ_F per peak", xLabel: "step", yLabel: "Δ_F",
          series: Array(many.prefix(3)).enumerated().map {
            SVGPlot.Series(label: "k=\($0.offset)", x: $0.element.x, y: $0.element.y)
          }, logX: false, logY: true)
      ),
      (
        "heatmap, 300 columns, long labels",
        SVGPlot.heatmap(
          title: longTitle, xLabel: "training step", yLabel: "peak frequency ξ of the target function",
          xValues: (0..<300).map { String($0 * 10) }, yValues: (0..<14).map { "ξ=0.\($0)92" },
          values: (0..<14).map { r in (0..<300).map { Double(r * $0 % 17) / 17 } },
          valueLabel: "Δ_F (capped at 1), the relative error at the peak")
      ),
      (
        "versus, 12 series, failing region, note",
        SVGPlot.versusPlot(
          title: longTitle, xLabel: "predicted: -2*p", yLabel: "measured: slope(eta, B)",
          series: (0..<12).map { k in
            (
              "widths = \(k) \(k % 3 == 0 ? long : "")",
              [SVGPlot.VersusPoint(x: -2, y: -2.1, xError: 0, yError: 0.1, held: k % 2 == 0)]
            )
          }, note: "3 group(s) not drawn: a long reason why a group could not be evaluated, " + long,
          failing: [.init(x: [-10, 0], lower: [-9.5, 0.5], upper: [.infinity, .infinity], colour: "#d62728")])
      ),
    ]
    let t = sweepResult()
    for f in ReportWriter(deterministic: true).figures(t) { out.append(("theorem figure \(f.name)", f.svg)) }
    let attached = AttachedFigure.heatmap(
      title: "convergence steps by seed", xLabel: "seed", yLabel: "peak", xValues: ["0", "1"], yValues: ["1", "2"],
      values: [[1, 2], [3, .nan]], valueLabel: "step")
    out.append(("attached heatmap", attached.svg))
    return out
  }

  @Test func everyFigureKindKeepsTheLayoutRules() {
    for (name, svg) in Self.stressFigures() {
      let problems = SVGLayoutCheck.violations(svg)
      #expect(problems.isEmpty, "\(name): \(problems.prefix(5).joined(separator: "; "))")
      let parsed = SVGLayoutCheck.parse(svg)
      #expect(!parsed.plotAreas.isEmpty, "\(name): no plot area found")
      #expect(parsed.texts.count >= 4, "\(name): too few texts parsed")
    }
  }

  @Test func legendLiesBesideOrBelowThePlotAreas() {
    for (name, svg) in Self.stressFigures() where !name.hasPrefix("heatmap") && !name.hasPrefix("attached") {
      let p = SVGLayoutCheck.parse(svg)
      #expect(p.legends.count == 1, "\(name): \(p.legends.count) legends")
      for l in p.legends {
        #expect(p.canvas.contains(l))
        let beside = p.plotAreas.allSatisfy { l.x >= $0.maxX }
        let below = p.plotAreas.allSatisfy { l.y >= $0.maxY }
        #expect(beside || below, "\(name): legend \(l) is neither beside nor below the plots")
      }
    }
  }

  @Test func axisTitlesClearTheTickLabels() {
    let svg = SVGPlot.linePlot(
      title: "t", xLabel: "training step", yLabel: "relative error",
      series: [
        .init(label: "a", x: [1, 10, 100, 1000], y: [1e-12, 1e-6, 1e-3, 123456])
      ], logX: true, logY: true)
    let p = SVGLayoutCheck.parse(svg)
    let area = p.plotAreas[0]
    let xTitle = try! #require(p.texts.first { $0.text.hasPrefix("training step") })
    let yTitle = try! #require(p.texts.first { $0.text.hasPrefix("relative error") })
    let xTicks = p.texts.filter { $0.box.y > area.maxY && $0.box.maxY < xTitle.box.y + 1 && $0.text != xTitle.text }
    let yTicks = p.texts.filter { $0.box.maxX < area.x && $0.text != yTitle.text }
    #expect(xTicks.count >= 3 && yTicks.count >= 3)
    for tk in xTicks { #expect(xTitle.box.y >= tk.box.maxY, "x title \(xTitle.box) against tick \(tk.text) \(tk.box)") }
    for tk in yTicks { #expect(yTitle.box.maxX <= tk.box.x, "y title \(yTitle.box) against tick \(tk.text) \(tk.box)") }
  }

  /// The broken twins: each rule's violation is reported.
  @Test func brokenLayoutsAreReported() {
    let head =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\" viewBox=\"0 0 300 200\" font-family=\"sans-serif\" font-size=\"12\">\n"
    let plot = "<rect class=\"plot-area\" x=\"50.00\" y=\"20.00\" width=\"200.00\" height=\"140.00\" fill=\"none\"/>\n"
    let cases: [(String, String)] = [
      ("overlap", "<text x=\"10.00\" y=\"190.00\">first label</text>\n<text x=\"30.00\" y=\"192.00\">second</text>\n"),
      ("canvas", "<text x=\"280.00\" y=\"190.00\">off the right edge</text>\n"),
      ("legend", "<rect class=\"legend\" x=\"200.00\" y=\"30.00\" width=\"80.00\" height=\"40.00\" fill=\"white\"/>\n"),
      ("straddle", "<text x=\"240.00\" y=\"100.00\">across the frame</text>\n"),
      (
        "vertical",
        "<text transform=\"translate(55.00,90.00) rotate(-90)\" text-anchor=\"middle\">y title in the plot</text>\n"
      ),
    ]
    #expect(SVGLayoutCheck.violations(head + plot + "</svg>\n").isEmpty)
    for (name, body) in cases {
      #expect(!SVGLayoutCheck.violations(head + plot + body + "</svg>\n").isEmpty, "\(name) not reported")
    }
    // The figures as drawn before the layout rules: a 36-line legend over the plot area.
    var old = head + plot
    for k in 0..<36 { old += "<text x=\"80.00\" y=\"\(36 + 16 * k).00\">B (density=normal:0,1, p=\(k))</text>\n" }
    #expect(SVGLayoutCheck.violations(old + "</svg>\n").count > 10)
  }

  @Test func logAxesTickAtDecadesOrOneTwoFive() {
    func isDecade(_ v: Double) -> Bool { abs(log10(v) - log10(v).rounded()) < 1e-9 }
    // Three decades: majors at 1, 10, 100, 1000; minors at 2 … 9 × 10^k.
    let a = SVGPlot.logTicks(0, 3)
    #expect(a.major.count == 4 && a.major.allSatisfy(isDecade))
    #expect(a.minor.count == 24 && !a.minor.contains(where: isDecade))
    // Two decades: 1-2-5 × 10^k.
    let two = SVGPlot.logTicks(0, 2)
    #expect(two.major.map { ($0 * 1e6).rounded() / 1e6 } == [1, 2, 5, 10, 20, 50, 100])
    // 21 decades: every third labelled, the others minor, all decades.
    let b = SVGPlot.logTicks(-26.2, -5.1)
    #expect(b.major.allSatisfy(isDecade) && b.major.count >= 2 && b.major.count <= 8)
    #expect(b.minor.allSatisfy(isDecade) && b.major.count + b.minor.count == 21)
    // Within about one decade: 1-2-5 × 10^k, minors at the other multiples.
    let c = SVGPlot.logTicks(log10(3), log10(40))
    #expect(c.major.map { ($0 * 1e6).rounded() / 1e6 } == [5, 10, 20])
    #expect(c.minor.map { ($0 * 1e6).rounded() / 1e6 } == [3, 4, 6, 7, 8, 9, 30, 40])
    // Inside one step of 1-2-5: every multiple, else linear ticks; always at least two.
    #expect(SVGPlot.logTicks(log10(3.1), log10(4.4)).major.count >= 2)
    for (lo, hi) in [(-0.3, 0.2), (1.0, 1.01), (-3, 9), (5.5, 5.7)] {
      let t = SVGPlot.logTicks(lo, hi)
      #expect(t.major.count >= 2, "\(lo)…\(hi)")
      #expect(t.major.allSatisfy { log10($0) >= lo - 1e-9 && log10($0) <= hi + 1e-9 }, "\(lo)…\(hi)")
    }
    // Labels on one axis share one style: 10ⁿ for all decades or for none.
    let labels = SVGPlot.Axis(values: [1e-5, 10], log: true, pad: 0).ticks().major.map(\.1)
    #expect(labels.allSatisfy { $0.hasPrefix("10") && !$0.contains("e") })
  }

  @Test func manySeriesAreFacetedWithSeedsAsABand() throws {
    let t = Self.sweepResult()
    let roles = try #require(ReportWriter.seriesRoles(t, t.figures[0]))
    // The seeds pooled, the colour on `p` (the axis the claim names), the dash and panels on the others.
    #expect(roles.band == "seed" && roles.color == "p")
    #expect(Set([roles.dash].compactMap { $0 } + roles.facet) == ["density", "widths"])
    let figures = ReportWriter(deterministic: true).figures(t)
    // The claim's log-log figure is drawn into the file's own (3 figures in, 2 out).
    #expect(figures.count == 2)
    let svg = figures[0].svg
    let p = SVGLayoutCheck.parse(svg)
    #expect(p.plotAreas.count == 2)
    #expect(svg.contains("fill-opacity=\"0.2\""))  // the seed bands
    #expect(svg.contains("predicted slope -2*p"))
    #expect(svg.contains(">p = 1<") && !svg.contains("seed = 1"))
    // The file's choice wins.
    let chosen = Self.sweepResult(figure: .init(kind: .loglog, x: "eta", y: "B", facet: "p", color: "density"))
    let r = try #require(ReportWriter.seriesRoles(chosen, chosen.figures[0]))
    #expect(r.facet.first == "p" && r.color == "density" && r.band == "seed")
    // A zip sweep lists a value once per point: the roles follow the distinct values.
    var zipped = Self.sweepResult()
    zipped.sweepMode = .zip
    zipped.axes = zipped.axes.map {
      SweepAxis(name: $0.name, values: Array(repeating: $0.values, count: 3).flatMap { $0 })
    }
    #expect(ReportWriter.seriesRoles(zipped, zipped.figures[0]) == roles)
    // Few series are drawn one by one.
    var few = Self.sweepResult()
    few.axes = few.axes.map {
      $0.name == "eta" || $0.name == "p" ? $0 : SweepAxis(name: $0.name, values: [$0.values[0]])
    }
    #expect(ReportWriter.seriesRoles(few, few.figures[0]) == nil)
  }

  @Test func versusShadesWhereTheClaimFails() throws {
    let t = Self.sweepResult()
    let regions = ClaimRegion.failing(t, t.figures[1], index: 1)
    #expect(regions.count == 1)
    let r = try #require(regions.first)
    // slope <= -2p + 0.5 fails above y = x + 0.5: at x = -4, from -3.5 up.
    let i = try #require(r.x.firstIndex(of: -4))
    #expect(abs(r.lower[i] + 3.5) < 0.05 && r.upper[i] == .infinity)
    // Two-sided claim: two regions, below and above.
    let two = Self.sweepResult(claim: "abs(slope(eta, B) + 2*p) <= 0.5")
    #expect(ClaimRegion.failing(two, two.figures[1], index: 1).count == 2)
    // The slope at which a claim changes its truth (drawn on log-log figures without a versus figure).
    let one = ClaimRegion.slopeBounds(claim: t.claim, x: "eta", y: "B", bindings: ["p": 2])
    #expect(one.count == 1 && abs(one[0] + 3.5) < 1e-9)
    let both = ClaimRegion.slopeBounds(claim: "abs(slope(xi, power) + 4) <= 0.05", x: "xi", y: "power", bindings: [:])
    #expect(both.count == 2 && abs(both[0] + 4.05) < 1e-9 && abs(both[1] + 3.95) < 1e-9)
    #expect(ClaimRegion.slopeBounds(claim: t.claim, x: "eta", y: "B", bindings: [:]).isEmpty)  // p unbound
    #expect(ClaimRegion.slopeBounds(claim: "maximum(eta, B) < 1", x: "eta", y: "B", bindings: [:]).isEmpty)
    // A claim without the measured term: nothing is shaded.
    let none = Self.sweepResult(claim: "slope(eta, B) + 0 * p <= 1 and maximum(eta, B) < 1")
    #expect(ClaimRegion.failing(none, none.figures[1], index: 1).isEmpty)
  }

  /// `TextMetrics` never estimates a character narrower than DejaVu Sans draws it
  /// (widths from the font's hmtx table: `Fixtures/text-widths.py`).
  @Test func textMetricsAreConservative() throws {
    let url = PackagePaths.url("Tests/ReportsTests/Fixtures/text-widths.json")
    let widths = try JSONDecoder().decode([String: Double].self, from: Data(contentsOf: url))
    #expect(widths.count > 100)
    for (c, w) in widths {
      #expect(TextMetrics.width(c, size: 1) >= w, "\(c): estimate \(TextMetrics.width(c, size: 1)) < font \(w)")
    }
  }
}
