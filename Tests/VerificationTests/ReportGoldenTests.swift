import Foundation
import Testing

@testable import Reports
@testable import Verification

/// The report files (per-theorem Markdown and JSON, SVG figures, the index README.md and
/// README.json) of a deterministic run of `Tests/Fixtures/reports/input` compared byte for byte
/// with the golden files in `Tests/Fixtures/reports/expected`. Regenerate them after an intended
/// change with `FPRINCIPLE_UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests` and review the
/// diff (`Tests/Fixtures/reports/README.md`).
@Suite struct ReportGoldenTests {
  @Test func reportsMatchGoldenFiles() async throws {
    let run = try await goldenRun()
    // The fixture covers every verdict and every kind, so that each report path is compared.
    let shown = Set(run.theorems.map(\.shownVerdict) + run.theorems.flatMap { $0.groups.map(\.outcome.verdict) })
    #expect(shown == Set(Verdict.allCases))
    #expect(Set(run.theorems.map(\.kind)) == Set(TheoremSpec.Kind.allCases))
    #expect(Set(run.theorems.compactMap(\.role)) == Set(TheoremSpec.Role.allCases))
    let files = ReportWriter(deterministic: true).files(for: run)
    let dir = reportFixtures + "/expected"
    if ProcessInfo.processInfo.environment["FPRINCIPLE_UPDATE_GOLDEN"] != nil {
      try? FileManager.default.removeItem(atPath: dir)
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      for f in files { try f.contents.write(toFile: dir + "/" + f.name, atomically: true, encoding: .utf8) }
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(names == files.map(\.name).sorted())
    for f in files {
      let golden = try String(contentsOfFile: dir + "/" + f.name, encoding: .utf8)
      #expect(golden == f.contents, "\(f.name) differs from its golden file")
    }
  }

  @Test func writesAtomicallyAndDeterministically() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-report-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(ReportWriter.figureOwner("stage-initial-relu-slope-fig12.svg") == "stage-initial-relu-slope")
    #expect(ReportWriter.figureOwner("a-fig.svg") == nil && ReportWriter.figureOwner("a-fig1.md") == nil)
    try ReportWriter.writeAtomically("one", to: dir + ".txt")
    try ReportWriter.writeAtomically("two", to: dir + ".txt")
    #expect(try String(contentsOfFile: dir + ".txt", encoding: .utf8) == "two")
    try? FileManager.default.removeItem(atPath: dir + ".txt")
  }

  @Test func svgHasAxesLegendAndColourBar() {
    let points: [(x: Double, y: Double)] = [(1, 1), (10, 0.01), (100, 0.0001)]
    let line = SVGPlot.linePlot(
      title: "t", xLabel: "ξ", yLabel: "power", series: [.init(label: "s", x: points.map(\.x), y: points.map(\.y))],
      logX: true, logY: true, fits: [(-2, 0, "slope -2")])
    #expect(line.contains("(log scale)"))
    #expect(line.contains("slope -2"))
    #expect(line.contains("stroke-dasharray"))
    let heat = SVGPlot.heatmap(
      title: "h", xLabel: "x", yLabel: "y", xValues: ["1", "2"], yValues: ["a"],
      values: [[0, 1]], valueLabel: "v")
    #expect(heat.contains(SVGPlot.viridis(0)) && heat.contains(SVGPlot.viridis(1)))
    #expect(ReportWriter.powerFit([(1, 1), (10, 0.01), (100, 0.0001)])!.slope == -2)
  }
}
