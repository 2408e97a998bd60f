import Foundation
import Verification

/// Heatmaps with a colour bar (viridis).
extension SVGPlot {
  /// A heatmap of `values[row][column]` (rows: y values bottom to top), with a colour bar.
  /// Tick labels are thinned to a stride at which they do not touch; the margins follow
  /// the widest label.
  public static func heatmap(
    title: String, xLabel: String, yLabel: String, xValues: [String], yValues: [String],
    values: [[Double]], valueLabel: String
  ) -> String {
    let pw = 440.0, ph = 300.0, barWidth = 18.0
    let finite = values.flatMap { $0 }.filter(\.isFinite)
    let lo = finite.min() ?? 0, hi = finite.max() ?? 1
    let span = hi - lo > 0 ? hi - lo : 1
    let cw = pw / Double(max(1, xValues.count)), ch = ph / Double(max(1, yValues.count))
    // Strides at which neighbouring labels clear each other.
    let xWidest = xValues.map { TextMetrics.width($0, size: fs) }.max() ?? 0
    let xStride = max(1, Int(((xWidest + 8) / cw).rounded(.up)))
    let yStride = max(1, Int((lh / ch).rounded(.up)))
    let yShown = yValues.enumerated().filter { $0.offset % yStride == 0 }.map(\.element)
    let yWidest = yShown.map { TextMetrics.width($0, size: fs) }.max() ?? 0
    let yTitle = TextMetrics.wrap(yLabel, size: fs, maxWidth: ph)
    let left = 8 + Double(yTitle.count) * lh + 4 + yWidest + 8
    let barTicks = linearTicks(lo, hi).filter { $0 >= lo - 1e-12 * span && $0 <= hi + 1e-12 * span }
    let barLabelWidth = barTicks.map { TextMetrics.width(tick($0), size: fs) }.max() ?? 0
    let valueTitle = TextMetrics.wrap(valueLabel, size: fs, maxWidth: ph)
    let bx = left + pw + 24
    let width = max(
      bx + barWidth + 6 + barLabelWidth + 10 + Double(valueTitle.count) * lh + 8, left + pw + xWidest / 2 + 8)
    let titleLines = TextMetrics.wrap(title, size: 14, maxWidth: width - 20)
    let top = 10 + Double(titleLines.count) * TextMetrics.lineHeight(14) + 12
    var c = SVGCanvas(width: width, height: 0)
    c.lines(titleLines, x: width / 2, y: 10 + TextMetrics.ascent(14), size: 14, anchor: "middle")
    for (r, row) in values.enumerated() {
      for (col, v) in row.enumerated() {
        let x = left + Double(col) * cw, y = top + ph - Double(r + 1) * ch
        let colour = v.isFinite ? viridis((v - lo) / span) : "#888888"
        // Cells overlap by a fraction of a pixel, so no seams show between them.
        c.raw(
          "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cw + 0.4))\" height=\"\(f(ch + 0.4))\" fill=\"\(colour)\"><title>\(esc(xValues[col])), \(esc(yValues[r])): \(v.isFinite ? tick(v) : "no value")</title></rect>"
        )
      }
    }
    c.rect(SVGRect(x: left, y: top, width: pw, height: ph), fill: "none", stroke: "black", cls: "plot-area")
    for (col, label) in xValues.enumerated() where col % xStride == 0 {
      c.text(label, x: left + (Double(col) + 0.5) * cw, y: top + ph + 16, anchor: "middle")
    }
    for (r, label) in yValues.enumerated() where r % yStride == 0 {
      c.text(label, x: left - 8, y: top + ph - (Double(r) + 0.5) * ch + 4, anchor: "end")
    }
    var y = c.lines(
      TextMetrics.wrap(xLabel, size: fs, maxWidth: pw), x: left + pw / 2,
      y: top + ph + 22 + TextMetrics.descent(fs) + 4 + TextMetrics.ascent(fs), anchor: "middle")
    for (k, l) in yTitle.enumerated() {
      c.text(l, x: 8 + TextMetrics.ascent(fs) + Double(k) * lh, y: top + ph / 2, anchor: "middle", vertical: true)
    }
    // Colour bar.
    let steps = 32
    for k in 0..<steps {
      let t = Double(k) / Double(steps - 1)
      let yk = top + ph - Double(k + 1) * ph / Double(steps)
      c.raw(
        "<rect x=\"\(f(bx))\" y=\"\(f(yk))\" width=\"\(f(barWidth))\" height=\"\(f(ph / Double(steps) + 0.5))\" fill=\"\(viridis(t))\"/>"
      )
    }
    c.rect(SVGRect(x: bx, y: top, width: barWidth, height: ph), fill: "none", stroke: "black")
    var lastY = Double.infinity
    for t in barTicks {
      let yt = top + ph - (t - lo) / span * ph
      guard lastY - yt >= lh else { continue }
      c.text(tick(t), x: bx + barWidth + 6, y: yt + 4)
      lastY = yt
    }
    for (k, l) in valueTitle.enumerated() {
      c.text(
        l, x: bx + barWidth + 6 + barLabelWidth + 8 + TextMetrics.ascent(fs) + Double(k) * lh, y: top + ph / 2,
        anchor: "middle", vertical: true)
    }
    y = max(y, top + ph + 4)
    c.height = y + 10
    return c.svg()
  }

  /// The viridis colour map at t ∈ [0, 1] (piecewise-linear through 5 anchors).
  static func viridis(_ t: Double) -> String {
    let anchors: [(Double, Double, Double)] = [
      (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ]
    let u = min(max(t, 0), 1) * Double(anchors.count - 1)
    let i = min(Int(u), anchors.count - 2)
    let w = u - Double(i)
    let a = anchors[i], b = anchors[i + 1]
    func mix(_ p: Double, _ q: Double) -> Int { Int((p + (q - p) * w).rounded()) }
    return String(format: "#%02x%02x%02x", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
  }
}
