import Foundation
import Verification

/// A small SVG plotting component: line plots (optionally log-log, with a
/// fitted power law) and heatmaps with a colour bar. Output depends only on
/// the data (fixed number formatting), so reports are deterministic.
public enum SVGPlot {
  /// The curves of a line plot: the figures' one series type.
  public typealias Series = AttachedFigure.Series

  static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

  static func f(_ x: Double) -> String { String(format: "%.2f", x) }
  static func esc(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
      of: ">", with: "&gt;")
  }
  /// A tick label: plain for moderate numbers, 10^k for powers of ten on log axes.
  static func tick(_ v: Double) -> String {
    if v == 0 { return "0" }
    let a = abs(v)
    if a >= 1e-3 && a < 1e5 { return String(format: "%g", (v * 1e6).rounded() / 1e6) }
    return String(format: "%.0e", v)
  }

  /// "Nice" tick positions covering [lo, hi] (linear).
  static func linearTicks(_ lo: Double, _ hi: Double) -> [Double] {
    guard hi > lo else { return [lo] }
    let raw = (hi - lo) / 5
    let mag = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
    var t = ceil(lo / step) * step
    var out: [Double] = []
    while t <= hi + step * 1e-9 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
    return out
  }

  /// A line plot. With `logX`/`logY` the axes are logarithmic (base 10).
  /// `fit`: a fitted line y = c·x^slope drawn dashed and labelled with its slope.
  public static func linePlot(
    title: String, xLabel: String, yLabel: String, series: [Series],
    logX: Bool, logY: Bool, fits: [(slope: Double, intercept: Double, label: String)?] = []
  ) -> String {
    let width = 640.0, height = 420.0
    let left = 80.0, right = 20.0, top = 40.0, bottom = 60.0
    let pw = width - left - right, ph = height - top - bottom
    let tx: (Double) -> Double = { logX ? log10($0) : $0 }
    let ty: (Double) -> Double = { logY ? log10($0) : $0 }
    let all = series.flatMap(\.points).filter {
      (!logX || $0.x > 0) && (!logY || $0.y > 0) && $0.x.isFinite && $0.y.isFinite
    }
    var x0 = all.map { tx($0.x) }.min() ?? 0, x1 = all.map { tx($0.x) }.max() ?? 1
    var y0 = all.map { ty($0.y) }.min() ?? 0, y1 = all.map { ty($0.y) }.max() ?? 1
    if x1 - x0 < 1e-12 { x0 -= 0.5; x1 += 0.5 }
    if y1 - y0 < 1e-12 { y0 -= 0.5; y1 += 0.5 }
    let padY = (y1 - y0) * 0.05
    y0 -= padY; y1 += padY
    let px: (Double) -> Double = { left + (tx($0) - x0) / (x1 - x0) * pw }
    let py: (Double) -> Double = { top + ph - (ty($0) - y0) / (y1 - y0) * ph }

    var s = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(width / 2))" y="22" text-anchor="middle" font-size="14">\(esc(title))</text>
      <rect x="\(f(left))" y="\(f(top))" width="\(f(pw))" height="\(f(ph))" fill="none" stroke="black"/>

      """
    func ticks(_ lo: Double, _ hi: Double, log: Bool) -> [Double] {
      if log {
        let a = Int(ceil(lo - 1e-9)), b = Int(floor(hi + 1e-9))
        if b - a >= 2 { return (a...b).map { pow(10, Double($0)) } }
        // Less than two decades: 1, 2, 5 × 10^k inside the range.
        var out: [Double] = []
        for k in (Int(floor(lo)) - 1)...(Int(ceil(hi)) + 1) {
          for m in [1.0, 2, 5] {
            let v = m * pow(10, Double(k))
            if log10(v) >= lo - 1e-9 && log10(v) <= hi + 1e-9 { out.append(v) }
          }
        }
        return out
      }
      return linearTicks(lo, hi)
    }
    for t in ticks(x0, x1, log: logX) {
      let x = px(t)
      guard x >= left - 0.01, x <= left + pw + 0.01 else { continue }
      s += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + ph))\" stroke=\"#e0e0e0\"/>\n"
      s += "<text x=\"\(f(x))\" y=\"\(f(top + ph + 16))\" text-anchor=\"middle\">\(tick(t))</text>\n"
    }
    for t in ticks(y0, y1, log: logY) {
      let y = py(t)
      guard y >= top - 0.01, y <= top + ph + 0.01 else { continue }
      s += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + pw))\" y2=\"\(f(y))\" stroke=\"#e0e0e0\"/>\n"
      s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tick(t))</text>\n"
    }
    s +=
      "<text x=\"\(f(left + pw / 2))\" y=\"\(f(height - 18))\" text-anchor=\"middle\">\(esc(xLabel))\(logX ? " (log scale)" : "")</text>\n"
    s +=
      "<text transform=\"translate(18,\(f(top + ph / 2))) rotate(-90)\" text-anchor=\"middle\">\(esc(yLabel))\(logY ? " (log scale)" : "")</text>\n"

    var legend: [(String, String, Bool)] = []
    for (k, se) in series.enumerated() {
      let colour = palette[k % palette.count]
      let pts = se.points.filter { (!logX || $0.x > 0) && (!logY || $0.y > 0) && $0.x.isFinite && $0.y.isFinite }
      if pts.count > 1 {
        s += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" points=\""
        s += pts.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ") + "\"/>\n"
      }
      for p in pts { s += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3\" fill=\"\(colour)\"/>\n" }
      legend.append((se.label, colour, false))
    }
    for (k, fit) in fits.enumerated() {
      guard let fit, k < series.count else { continue }
      let xs = series[k].points.map(\.x).filter { !logX || $0 > 0 }
      guard let a = xs.min(), let b = xs.max() else { continue }
      let yAt: (Double) -> Double = {
        logX && logY ? pow(10, fit.intercept) * pow($0, fit.slope) : fit.intercept + fit.slope * $0
      }
      let colour = series.count == 1 ? "black" : palette[k % palette.count]
      s +=
        "<line x1=\"\(f(px(a)))\" y1=\"\(f(py(yAt(a))))\" x2=\"\(f(px(b)))\" y2=\"\(f(py(yAt(b))))\" stroke=\"\(colour)\" stroke-dasharray=\"6,4\"/>\n"
      legend.append((fit.label, colour, true))
    }
    for (k, item) in legend.enumerated() {
      let y = top + 16 + Double(k) * 16
      let x = left + pw - 250
      s +=
        "<line x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 24))\" y2=\"\(f(y - 4))\" stroke=\"\(item.1)\" stroke-width=\"2\"\(item.2 ? " stroke-dasharray=\"6,4\"" : "")/>\n"
      s += "<text x=\"\(f(x + 30))\" y=\"\(f(y))\">\(esc(item.0))</text>\n"
    }
    return s + "</svg>\n"
  }

  /// A heatmap of `values[row][column]` (rows: y values bottom to top), with a colour bar.
  public static func heatmap(
    title: String, xLabel: String, yLabel: String, xValues: [String], yValues: [String],
    values: [[Double]], valueLabel: String
  ) -> String {
    let width = 680.0, height = 440.0
    let left = 80.0, top = 40.0, barWidth = 18.0
    let pw = 440.0, ph = height - top - 70
    let finite = values.flatMap { $0 }.filter(\.isFinite)
    let lo = finite.min() ?? 0, hi = finite.max() ?? 1
    let span = hi - lo > 0 ? hi - lo : 1
    let cw = pw / Double(max(1, xValues.count)), ch = ph / Double(max(1, yValues.count))
    var s = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(width / 2))" y="22" text-anchor="middle" font-size="14">\(esc(title))</text>

      """
    for (r, row) in values.enumerated() {
      for (c, v) in row.enumerated() {
        let x = left + Double(c) * cw, y = top + ph - Double(r + 1) * ch
        let colour = v.isFinite ? viridis((v - lo) / span) : "#888888"
        s +=
          "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cw))\" height=\"\(f(ch))\" fill=\"\(colour)\"><title>\(esc(xValues[c])), \(esc(yValues[r])): \(tick(v))</title></rect>\n"
      }
    }
    s +=
      "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(pw))\" height=\"\(f(ph))\" fill=\"none\" stroke=\"black\"/>\n"
    let xStride = max(1, xValues.count / 10), yStride = max(1, yValues.count / 10)
    for (c, label) in xValues.enumerated() where c % xStride == 0 {
      s +=
        "<text x=\"\(f(left + (Double(c) + 0.5) * cw))\" y=\"\(f(top + ph + 16))\" text-anchor=\"middle\">\(esc(label))</text>\n"
    }
    for (r, label) in yValues.enumerated() where r % yStride == 0 {
      s +=
        "<text x=\"\(f(left - 6))\" y=\"\(f(top + ph - (Double(r) + 0.5) * ch + 4))\" text-anchor=\"end\">\(esc(label))</text>\n"
    }
    s += "<text x=\"\(f(left + pw / 2))\" y=\"\(f(top + ph + 40))\" text-anchor=\"middle\">\(esc(xLabel))</text>\n"
    s +=
      "<text transform=\"translate(18,\(f(top + ph / 2))) rotate(-90)\" text-anchor=\"middle\">\(esc(yLabel))</text>\n"
    // Colour bar.
    let bx = left + pw + 40
    let steps = 32
    for k in 0..<steps {
      let t = Double(k) / Double(steps - 1)
      let y = top + ph - Double(k + 1) * ph / Double(steps)
      s +=
        "<rect x=\"\(f(bx))\" y=\"\(f(y))\" width=\"\(f(barWidth))\" height=\"\(f(ph / Double(steps) + 0.5))\" fill=\"\(viridis(t))\"/>\n"
    }
    s +=
      "<rect x=\"\(f(bx))\" y=\"\(f(top))\" width=\"\(f(barWidth))\" height=\"\(f(ph))\" fill=\"none\" stroke=\"black\"/>\n"
    for t in linearTicks(lo, hi) {
      let y = top + ph - (t - lo) / span * ph
      s += "<text x=\"\(f(bx + barWidth + 4))\" y=\"\(f(y + 4))\">\(tick(t))</text>\n"
    }
    s +=
      "<text transform=\"translate(\(f(bx + barWidth + 62)),\(f(top + ph / 2))) rotate(-90)\" text-anchor=\"middle\">\(esc(valueLabel))</text>\n"
    return s + "</svg>\n"
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
