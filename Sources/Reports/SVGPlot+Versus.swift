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
  /// series; filled where the claim held, open where it did not) and the line y = x,
  /// dashed, over the common range. Points are spread slightly along x within a series
  /// count so that series sharing a predicted value stay visible; `note` is printed
  /// under the plot (e.g. groups that could not be evaluated).
  public static func versusPlot(
    title: String, xLabel: String, yLabel: String, series: [(label: String, points: [VersusPoint])],
    note: String? = nil
  ) -> String {
    let width = 640.0, height = 440.0
    let left = 80.0, right = 20.0, top = 40.0, bottom = 80.0
    let pw = width - left - right, ph = height - top - bottom
    let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
    let lows = all.flatMap { [$0.x - $0.xError, $0.y - $0.yError] }
    let highs = all.flatMap { [$0.x + $0.xError, $0.y + $0.yError] }
    // One range for both axes, so that y = x is the diagonal.
    var lo = lows.min() ?? 0, hi = highs.max() ?? 1
    if hi - lo < 1e-12 { lo -= 0.5; hi += 0.5 }
    let pad = (hi - lo) * 0.08
    lo -= pad; hi += pad
    let px: (Double) -> Double = { left + ($0 - lo) / (hi - lo) * pw }
    let py: (Double) -> Double = { top + ph - ($0 - lo) / (hi - lo) * ph }
    var s = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(width / 2))" y="22" text-anchor="middle" font-size="14">\(esc(title))</text>
      <rect x="\(f(left))" y="\(f(top))" width="\(f(pw))" height="\(f(ph))" fill="none" stroke="black"/>

      """
    for t in linearTicks(lo, hi) {
      let x = px(t), y = py(t)
      s += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + ph))\" stroke=\"#e0e0e0\"/>\n"
      s += "<text x=\"\(f(x))\" y=\"\(f(top + ph + 16))\" text-anchor=\"middle\">\(tick(t))</text>\n"
      s += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + pw))\" y2=\"\(f(y))\" stroke=\"#e0e0e0\"/>\n"
      s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tick(t))</text>\n"
    }
    s += "<text x=\"\(f(left + pw / 2))\" y=\"\(f(top + ph + 36))\" text-anchor=\"middle\">\(esc(xLabel))</text>\n"
    s +=
      "<text transform=\"translate(18,\(f(top + ph / 2))) rotate(-90)\" text-anchor=\"middle\">\(esc(yLabel))</text>\n"
    s +=
      "<line x1=\"\(f(px(lo)))\" y1=\"\(f(py(lo)))\" x2=\"\(f(px(hi)))\" y2=\"\(f(py(hi)))\" stroke=\"black\" stroke-dasharray=\"6,4\"/>\n"
    var legend: [(label: String, colour: String, dashed: Bool)] = [("measured = predicted", "black", true)]
    let spread = (hi - lo) * 0.006
    for (k, se) in series.enumerated() {
      let colour = palette[k % palette.count]
      let shift = (Double(k) - Double(series.count - 1) / 2) * spread
      for p in se.points where p.x.isFinite && p.y.isFinite {
        let x = px(p.x + shift)
        if p.yError > 0 {
          s +=
            "<line x1=\"\(f(x))\" y1=\"\(f(py(p.y - p.yError)))\" x2=\"\(f(x))\" y2=\"\(f(py(p.y + p.yError)))\" stroke=\"\(colour)\"/>\n"
        }
        if p.xError > 0 {
          s +=
            "<line x1=\"\(f(px(p.x - p.xError)))\" y1=\"\(f(py(p.y)))\" x2=\"\(f(px(p.x + p.xError)))\" y2=\"\(f(py(p.y)))\" stroke=\"\(colour)\"/>\n"
        }
        s +=
          "<circle cx=\"\(f(x))\" cy=\"\(f(py(p.y)))\" r=\"3.5\" fill=\"\(p.held ? colour : "white")\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>\n"
      }
      legend.append((se.label, colour, false))
    }
    for (k, item) in legend.enumerated() {
      let y = top + 16 + Double(k) * 16
      let x = left + 10
      s +=
        "<line x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 24))\" y2=\"\(f(y - 4))\" stroke=\"\(item.colour)\" stroke-width=\"2\"\(item.dashed ? " stroke-dasharray=\"6,4\"" : "")/>\n"
      s += "<text x=\"\(f(x + 30))\" y=\"\(f(y))\">\(esc(item.label))</text>\n"
    }
    let footer = "filled: the claim holds at the group; open: it does not" + (note.map { "; " + $0 } ?? "")
    s += "<text x=\"\(f(left))\" y=\"\(f(height - 14))\" font-size=\"11\">\(esc(footer))</text>\n"
    return s + "</svg>\n"
  }
}
