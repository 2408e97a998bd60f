import Foundation
import Verification

/// A small SVG plotting component: line figures (one panel or small multiples sharing
/// their axes, linear or log-log, with bands, fitted and predicted lines and shaded
/// regions), versus plots and heatmaps with a colour bar. Output depends only on the
/// data (fixed number formatting), so reports are deterministic.
///
/// Layout rules, kept by the layout code and checked by `SVGLayoutCheck`: the legend
/// lies beside or below the plot areas, never on them, and on the canvas (which grows
/// to hold it); no two text boxes overlap (tick labels are thinned, long titles and
/// labels wrapped); the axis titles sit outside the tick labels; log axes have their
/// major ticks at decades or at 1-2-5 × 10^k, with minor ticks.
public enum SVGPlot {
  /// The curves of a line plot: the figures' one series type.
  public typealias Series = AttachedFigure.Series

  static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
  /// Dash patterns told apart by a third axis (solid first).
  static let dashes: [String?] = [nil, "7,3", "2,3", "9,3,2,3"]

  static func f(_ x: Double) -> String { String(format: "%.2f", x) }
  static func esc(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
      of: ">", with: "&gt;")
  }
  /// A tick label: plain for moderate numbers, 1e-05 style otherwise.
  static func tick(_ v: Double) -> String {
    if v == 0 { return "0" }
    let a = abs(v)
    if a >= 1e-3 && a < 1e5 { return String(format: "%g", (v * 1e6).rounded() / 1e6) }
    return String(format: "%.0e", v)
  }

  /// "Nice" tick positions covering [lo, hi] (linear): steps of 1, 2 or 5 × 10^k.
  static func linearTicks(_ lo: Double, _ hi: Double) -> [Double] {
    guard hi > lo else { return [lo] }
    let raw = (hi - lo) / 5
    let mag = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
    var t = ceil(lo / step) * step
    var out: [Double] = []
    while t <= hi + step * 1e-9 {
      out.append(abs(t) < step * 1e-9 ? 0 : t)
      t += step
    }
    return out
  }

  /// A line figure: one or more panels (small multiples) sharing the x and y axes,
  /// one legend, notes under it.
  public struct LineFigure: Sendable {
    /// How a curve's points are marked.
    public enum Markers: Sendable { case all, none, thinned }
    /// One curve; with `lower`/`upper` also a band (e.g. mean ± standard error);
    /// `line == false` draws the points only (data, e.g. training points).
    public struct Curve: Sendable {
      public var x: [Double]
      public var y: [Double]
      public var lower: [Double]?
      public var upper: [Double]?
      public var colour: String
      public var dash: String?
      public var width: Double
      public var line: Bool
      public var markers: Markers
      /// Error bars (half-widths) at the points, and which markers are drawn open.
      public var xErrors: [Double]? = nil
      public var yErrors: [Double]? = nil
      public var open: [Bool]? = nil
      public init(
        x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil, colour: String,
        dash: String? = nil, width: Double = 1.5, line: Bool = true, markers: Markers = .thinned
      ) {
        self.x = x; self.y = y; self.lower = lower; self.upper = upper; self.colour = colour; self.dash = dash
        self.width = width; self.line = line; self.markers = markers
      }
    }
    /// A region shaded in a panel: between `lower` and `upper` (data units) over `x`.
    public struct Region: Sendable {
      public var x: [Double]
      public var lower: [Double]
      public var upper: [Double]
      public var colour: String
    }
    public struct Panel: Sendable {
      public var title: String?
      public var curves: [Curve]
      public var regions: [Region] = []
      public init(title: String?, curves: [Curve], regions: [Region] = []) {
        self.title = title; self.curves = curves; self.regions = regions
      }
    }
    /// A legend entry: a line (with its dash), a band, a marker or a shaded region.
    public struct LegendEntry: Sendable {
      public enum Style: Sendable { case line, band, marker, region }
      public var label: String
      public var colour: String
      public var dash: String?
      public var style: Style
      public init(_ label: String, colour: String, dash: String? = nil, style: Style = .line) {
        self.label = label; self.colour = colour; self.dash = dash; self.style = style
      }
    }
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logX: Bool
    public var logY: Bool
    public var panels: [Panel]
    public var legend: [LegendEntry]
    public var notes: [String]
    /// Fixed axis ranges (in values), instead of the data's range.
    public var xRange: ClosedRange<Double>? = nil
    public var yRange: ClosedRange<Double>? = nil
    public init(
      title: String, xLabel: String, yLabel: String, logX: Bool, logY: Bool, panels: [Panel],
      legend: [LegendEntry], notes: [String] = []
    ) {
      self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.logX = logX; self.logY = logY
      self.panels = panels; self.legend = legend; self.notes = notes
    }
  }

  /// A line plot of `series` (one colour each; with more than 8 series the colours
  /// repeat with a second dash pattern; `pointsOnly` series as black points over them). `fits`: per series, a fitted line
  /// y = c·x^slope (or c + slope·x on linear axes) drawn dashed and labelled.
  public static func linePlot(
    title: String, xLabel: String, yLabel: String, series: [Series],
    logX: Bool, logY: Bool, fits: [(slope: Double, intercept: Double, label: String)?] = []
  ) -> String {
    var curves: [LineFigure.Curve] = []
    var legend: [LineFigure.LegendEntry] = []
    var lines = 0
    for se in series {
      if se.pointsOnly == true {
        // Data points: black markers over the curves.
        curves.append(.init(x: se.x, y: se.y, colour: "#111111", line: false, markers: .all))
        legend.append(.init(se.label, colour: "#111111", style: .marker))
        continue
      }
      let colour = palette[lines % palette.count]
      let dash = dashes[(lines / palette.count) % dashes.count]
      // Dense curves carry thinned markers; a curve sampled on a fine grid (> 60 points) none.
      curves.append(.init(x: se.x, y: se.y, colour: colour, dash: dash, markers: se.x.count > 60 ? .none : .thinned))
      legend.append(.init(se.label, colour: colour, dash: dash))
      lines += 1
    }
    // Points drawn last, over the curves.
    curves = curves.filter(\.line) + curves.filter { !$0.line }
    for (k, fit) in fits.enumerated() {
      guard let fit, k < series.count, let line = fitLine(series[k].points, fit, logX: logX, logY: logY) else {
        continue
      }
      let colour = series.count == 1 ? "black" : palette[k % palette.count]
      curves.append(.init(x: line.x, y: line.y, colour: colour, dash: "6,4", width: 1.2, markers: .none))
      legend.append(.init(fit.label, colour: colour, dash: "6,4"))
    }
    return lineFigure(
      LineFigure(
        title: title, xLabel: xLabel, yLabel: yLabel, logX: logX, logY: logY,
        panels: [.init(title: nil, curves: curves)], legend: legend))
  }

  /// The two end points of a fitted line over the x range of `points`.
  static func fitLine(
    _ points: [(x: Double, y: Double)], _ fit: (slope: Double, intercept: Double, label: String),
    logX: Bool, logY: Bool
  ) -> (x: [Double], y: [Double])? {
    let xs = points.map(\.x).filter { !logX || $0 > 0 }
    guard let a = xs.min(), let b = xs.max(), b > a else { return nil }
    let yAt: (Double) -> Double = {
      logX && logY ? pow(10, fit.intercept) * pow($0, fit.slope) : fit.intercept + fit.slope * $0
    }
    return ([a, b], [yAt(a), yAt(b)])
  }
}
