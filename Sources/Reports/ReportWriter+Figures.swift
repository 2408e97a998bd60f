import Foundation
import Verification

/// The SVG figures of a theorem: its `[[figures]]` (line and log-log plots of a
/// quantity against a sweep axis, with the least-squares power law when the claim
/// fits a slope and the predicted slope beside it; heatmaps of a quantity over two
/// axes; measured against predicted with the region where the claim fails shaded),
/// then the figures its providers attached, once per title.
extension ReportWriter {
  public func figures(_ t: TheoremResult) -> [(name: String, svg: String)] {
    var out: [(String, String)] = []
    for (k, fig) in t.figures.enumerated() {
      // The log-log figure a claim's `slope` adds is drawn into the file's own figure
      // of the same quantity, when there is one.
      if fig.fit == true, t.figures[..<k].contains(where: { $0.kind == fig.kind && $0.x == fig.x && $0.y == fig.y }) {
        continue
      }
      let svg: String?
      switch fig.kind {
      case .loglog, .line:
        let fit = fig.fit == true || t.figures.contains { $0.fit == true && $0.x == fig.x && $0.y == fig.y }
        svg = linePlot(t, fig, fit: fit && fig.kind == .loglog)
      case .heatmap: svg = heatmap(t, fig)
      case .versus: svg = versusPlot(t, fig, index: k)
      }
      if let svg { out.append(("\(t.id)-fig\(out.count + 1).svg", svg)) }
    }
    // Figures attached by providers, once per title, in sweep order.
    var seen = Set<String>()
    for p in t.groups.flatMap(\.points) {
      for q in p.quantities {
        for fig in q.figures ?? [] where seen.insert(fig.title).inserted {
          out.append(("\(t.id)-fig\(out.count + 1).svg", fig.svg))
        }
      }
    }
    return out
  }

  /// Measured (`fig.y`) against predicted (`fig.x`), one point per claim group, coloured by
  /// the value of `fig.series`, with the region where the claim fails shaded when it can
  /// be computed (`ClaimRegion`); nil when no group has a point.
  func versusPlot(_ t: TheoremResult, _ fig: TheoremSpec.FigureSpec, index: Int) -> String? {
    var order: [String] = []
    var series: [String: [SVGPlot.VersusPoint]] = [:]
    var failed: [String] = []
    for g in t.groups {
      guard let p = g.figurePoints?.first(where: { $0.figure == index }) else { continue }
      guard let x = p.x, let y = p.y else {
        failed.append(p.error ?? "not evaluated")
        continue
      }
      let label = fig.series.map { s in "\(s) = " + (g.coordinates[s] ?? "all") } ?? fig.y
      if series[label] == nil { order.append(label) }
      let held = [.pass, .certified].contains(g.outcome.verdict)
      series[label, default: []].append(
        .init(x: x, y: y, xError: p.xError ?? 0, yError: p.yError ?? 0, held: held))
    }
    guard !order.isEmpty || !failed.isEmpty else { return nil }
    var notes: [String] = []
    if !failed.isEmpty { notes.append("\(failed.count) group(s) not drawn: \(failed[0])") }
    let failing = ClaimRegion.failing(t, fig, index: index)
    if !failing.isEmpty {
      notes.append("shaded: where the claim fails, from the claim at each group's predicted value")
    }
    return SVGPlot.versusPlot(
      title: fig.title ?? "\(fig.y) against \(fig.x)", xLabel: "predicted: \(fig.x)",
      yLabel: "measured: \(fig.y)", series: order.map { ($0, series[$0]!) },
      note: notes.isEmpty ? nil : notes.joined(separator: "; "), failing: failing)
  }

  /// A heatmap of the quantity `fig.value` over the axes `fig.x` × `fig.y`
  /// (nil when the figure names no value or an axis the sweep does not have).
  func heatmap(_ t: TheoremResult, _ fig: TheoremSpec.FigureSpec) -> String? {
    guard let value = fig.value, let xs = t.axes.first(where: { $0.name == fig.x }),
      let ys = t.axes.first(where: { $0.name == fig.y })
    else { return nil }
    var grid = Array(repeating: Array(repeating: Double.nan, count: xs.values.count), count: ys.values.count)
    for p in t.groups.flatMap(\.points) {
      guard let xi = xs.values.firstIndex(where: { $0.description == p.coordinates[fig.x] }),
        let yi = ys.values.firstIndex(where: { $0.description == p.coordinates[fig.y] }),
        let q = p.quantities.first(where: { $0.name == value }), let v = Double(q.value)
      else { continue }
      grid[yi][xi] = v
    }
    return SVGPlot.heatmap(
      title: fig.title ?? "\(value) over \(fig.x) × \(fig.y)", xLabel: fig.x, yLabel: fig.y,
      xValues: xs.values.map(\.description), yValues: ys.values.map(\.description),
      values: grid, valueLabel: value)
  }

  /// Least-squares line through (log10 x, log10 y): (slope, intercept).
  static func powerFit(_ points: [(x: Double, y: Double)]) -> (slope: Double, intercept: Double)? {
    let p = points.filter { $0.x > 0 && $0.y > 0 }.map { (log10($0.x), log10($0.y)) }
    guard p.count >= 2 else { return nil }
    let mx = p.map(\.0).reduce(0, +) / Double(p.count), my = p.map(\.1).reduce(0, +) / Double(p.count)
    let sxx = p.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
    guard sxx > 0 else { return nil }
    let slope = p.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +) / sxx
    return (slope, my - slope * mx)
  }
}
