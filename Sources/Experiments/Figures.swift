import Foundation
import Verification

/// The figures the experiment providers attach to their quantities, and the
/// keys that ask for them.
enum ExperimentFigures {
  /// `figures` (true by default) and `figure_seed` (only the run of that seed draws).
  static let arguments: [ProviderParameter] = [
    .init("figures", .bool, default: "true", "attach figures"),
    .init("figure_seed", .integer(atLeast: 0), "only the run of this seed draws"),
  ]

  /// Whether the run of initialisation seed `seed` attaches its figures.
  static func wanted(_ p: ExperimentParameters, seed: UInt64) throws(ProviderError) -> Bool {
    guard try p.bool("figures", default: true) else { return false }
    if p.has("figure_seed") { return UInt64(try p.int("figure_seed", min: 0)) == seed }
    return true
  }

  /// A number in a figure's labels: 3 significant digits.
  static func label(_ x: Double) -> String { String(format: "%.3g", x) }

  /// At most `limit` evenly spaced indices of 0..<count, always keeping the last.
  static func thinned(_ count: Int, limit: Int) -> [Int] {
    guard count > limit, limit >= 2 else { return Array(0..<count) }
    var out = (0..<limit).map { $0 * (count - 1) / (limit - 1) }
    out[limit - 1] = count - 1
    var seen = Set<Int>()
    return out.filter { seen.insert($0).inserted }
  }

  /// A heatmap of `values[series][snapshot]` over training steps (columns,
  /// thinned to at most 60) and rows labelled `rows`, values capped at `cap`.
  static func stepHeatmap(
    title: String, steps: [Int], rows: [String], rowLabel: String,
    values: [[Double]], valueLabel: String, cap: Double? = nil
  ) -> AttachedFigure {
    let columns = thinned(steps.count, limit: 60)
    let grid = values.map { row in columns.map { c in cap.map { min(row[c], $0) } ?? row[c] } }
    return .heatmap(
      title: title, xLabel: "training step", yLabel: rowLabel,
      xValues: columns.map { String(steps[$0]) }, yValues: rows, values: grid, valueLabel: valueLabel)
  }

  /// Curves of `values[series][snapshot]` over training steps.
  static func stepCurves(
    title: String, steps: [Int], labels: [String], values: [[Double]],
    yLabel: String, logY: Bool = true
  ) -> AttachedFigure {
    let columns = thinned(steps.count, limit: 200)
    let series = zip(labels, values).map { label, row in
      AttachedFigure.Series(
        label: label, x: columns.map { Double(steps[$0]) },
        y: columns.map { logY ? max(row[$0], 1e-12) : row[$0] })
    }
    return .line(title: title, xLabel: "training step", yLabel: yLabel, series: series, logY: logY)
  }
}
