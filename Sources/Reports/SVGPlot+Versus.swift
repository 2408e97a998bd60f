import Foundation

extension SVGPlot {
  /// One point of a versus plot: predicted `x`, measured `y` ± `yError` (and ± `xError`),
  /// and whether the claim held at its group (filled marker) or not (open marker).
  public struct VersusPoint: Sendable {
    public var x: Double
    public var y: Double
    public var xError: Double
    public var yError: Double
    public var held: Bool
    public init(x: Double, y: Double, xError: Double, yError: Double, held: Bool) {
      self.x = x; self.y = y; self.xError = xError; self.yError = yError; self.held = held
    }
  }

  /// Measured against predicted: each series' points with their error bars (colour per
  /// series; filled where the claim held, open where it did not), the line y = x,
  /// dashed, over the common range, and shaded the `failing` regions (where the claim
  /// does not hold, in the figure's coordinates). Points are spread slightly along x
  /// within a series count so that series sharing a predicted value stay visible;
  /// `note` is printed under the plot (e.g. groups that could not be evaluated).
  public static func versusPlot(
    title: String, xLabel: String, yLabel: String, series: [(label: String, points: [VersusPoint])],
    note: String? = nil, failing: [LineFigure.Region] = []
  ) -> String {
    let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
    let lows = all.flatMap { [$0.x - $0.xError, $0.y - $0.yError] }
    let highs = all.flatMap { [$0.x + $0.xError, $0.y + $0.yError] }
    // One range for both axes, so that y = x is the diagonal.
    var lo = lows.min() ?? 0, hi = highs.max() ?? 1
    if hi - lo < 1e-12 {
      lo -= 0.5
      hi += 0.5
    }
    let pad = (hi - lo) * 0.08
    lo -= pad
    hi += pad
    var curves: [LineFigure.Curve] = [
      .init(x: [lo, hi], y: [lo, hi], colour: "black", dash: "6,4", width: 1, markers: .none)
    ]
    var legend: [LineFigure.LegendEntry] = [.init("measured = predicted", colour: "black", dash: "6,4")]
    if !failing.isEmpty { legend.append(.init("the claim fails here", colour: "#d62728", style: .region)) }
    let spread = (hi - lo) * 0.006
    for (k, se) in series.enumerated() {
      let colour = palette[k % palette.count]
      let shift = (Double(k) - Double(series.count - 1) / 2) * spread
      let pts = se.points.filter { $0.x.isFinite && $0.y.isFinite }
      var curve = LineFigure.Curve(
        x: pts.map { $0.x + shift }, y: pts.map(\.y), colour: colour, line: false, markers: .all)
      curve.xErrors = pts.map(\.xError)
      curve.yErrors = pts.map(\.yError)
      curve.open = pts.map { !$0.held }
      curves.append(curve)
      legend.append(.init(se.label, colour: colour, style: .marker))
    }
    let footer = "filled: the claim holds at the group; open: it does not" + (note.map { "; " + $0 } ?? "")
    var fig = LineFigure(
      title: title, xLabel: xLabel, yLabel: yLabel, logX: false, logY: false,
      panels: [.init(title: nil, curves: curves, regions: failing)], legend: legend, notes: [footer])
    fig.xRange = lo...hi
    fig.yRange = lo...hi
    return lineFigure(fig)
  }
}
