import Foundation

/// The layout of a line figure: title, panels (small multiples on a grid sharing
/// their axes), tick labels thinned until they do not touch, axis titles outside the
/// tick labels, the legend beside the panels (short entries) or below them, notes.
extension SVGPlot {
  static let fs = SVGCanvas.fontSize
  static var lh: Double { TextMetrics.lineHeight(fs) }

  /// The legend's entries wrapped to `maxTextWidth`, its size and its columns.
  struct LegendLayout {
    var items: [(entry: LineFigure.LegendEntry, lines: [String])]
    var columns: Int
    var columnWidth: Double
    var width: Double
    var height: Double
    static let swatch = 26.0, pad = 8.0, gap = 6.0

    init(_ entries: [LineFigure.LegendEntry], maxTextWidth: Double, availableWidth: Double) {
      let wrapped = entries.map { ($0, TextMetrics.wrap($0.label, size: SVGPlot.fs, maxWidth: maxTextWidth)) }
      items = wrapped
      let textWidth = wrapped.flatMap(\.1).map { TextMetrics.width($0, size: SVGPlot.fs) }.max() ?? 0
      let colWidth = Self.swatch + Self.gap + textWidth + 14
      let cols = max(1, min(wrapped.count, Int((availableWidth - 2 * Self.pad) / colWidth)))
      columnWidth = colWidth
      columns = cols
      let rows = (wrapped.count + cols - 1) / cols
      var h = 0.0
      for r in 0..<rows {
        let lineCounts = wrapped.indices.filter { $0 / cols == r }.map { wrapped[$0].1.count }
        h += Double(lineCounts.max() ?? 1) * SVGPlot.lh
      }
      width = items.isEmpty ? 0 : 2 * Self.pad + Double(columns) * columnWidth - 14
      height = items.isEmpty ? 0 : h + 2 * Self.pad - 2
    }

    /// Draws the legend with its top-left corner at (x, y).
    func draw(_ c: inout SVGCanvas, x: Double, y: Double) {
      guard !items.isEmpty else { return }
      c.rect(SVGRect(x: x, y: y, width: width, height: height), fill: "white", stroke: "#cccccc", cls: "legend")
      var rowTop = y + Self.pad
      var rowHeight = 0.0
      for (k, item) in items.enumerated() {
        if k % columns == 0 && k > 0 {
          rowTop += rowHeight
          rowHeight = 0
        }
        let cx = x + Self.pad + Double(k % columns) * columnWidth
        let base = rowTop + TextMetrics.ascent(SVGPlot.fs) - 1
        let mid = base - 4
        let e = item.entry
        switch e.style {
        case .line:
          c.line(cx, mid, cx + Self.swatch, mid, stroke: e.colour, width: 2, dash: e.dash)
        case .band:
          c.rect(
            SVGRect(x: cx, y: mid - 5, width: Self.swatch, height: 10), fill: e.colour, extra: " fill-opacity=\"0.22\"")
          c.line(cx, mid, cx + Self.swatch, mid, stroke: e.colour, width: 2, dash: e.dash)
        case .marker:
          c.raw(
            "<circle cx=\"\(f(cx + Self.swatch / 2))\" cy=\"\(f(mid))\" r=\"3\" fill=\"\(e.colour)\" stroke=\"white\" stroke-width=\"0.8\"/>"
          )
        case .region:
          c.rect(
            SVGRect(x: cx, y: mid - 5, width: Self.swatch, height: 10), fill: e.colour,
            extra: " fill-opacity=\"0.12\" stroke=\"\(e.colour)\" stroke-opacity=\"0.4\"")
        }
        c.lines(item.lines, x: cx + Self.swatch + Self.gap, y: base)
        rowHeight = max(rowHeight, Double(item.lines.count) * SVGPlot.lh)
      }
    }
  }

  /// Major tick labels kept so that no two touch: greedily from the first, a label
  /// is kept when its box clears the last kept one by `gap` and lies inside `bounds`.
  static func thinned(
    _ labels: [(position: Double, text: String, box: SVGRect)], vertical: Bool, bounds: SVGRect
  )
    -> [Int]
  {
    var kept: [Int] = []
    for (k, l) in labels.enumerated() where bounds.contains(l.box) {
      if let last = kept.last {
        let b = labels[last].box
        let clear = vertical ? (l.box.maxY <= b.y - 3 || l.box.y >= b.maxY + 3) : l.box.x >= b.maxX + 8
        if !clear { continue }
      }
      kept.append(k)
    }
    return kept
  }

  /// Draws a line figure (see `LineFigure`).
  public static func lineFigure(_ fig: LineFigure) -> String {
    let panels = fig.panels.isEmpty ? [LineFigure.Panel(title: nil, curves: [])] : fig.panels
    let n = panels.count
    let cols = n == 1 ? 1 : n == 2 || n == 4 ? 2 : 3
    let rows = (n + cols - 1) / cols
    let (pw, ph): (Double, Double) = n == 1 ? (500, 300) : cols == 2 ? (300, 210) : (240, 190)
    let faceted = panels.contains { $0.title != nil }
    let curves = panels.flatMap(\.curves)
    let xAxis = Axis(
      values: fig.xRange.map { [$0.lowerBound, $0.upperBound] } ?? curves.flatMap(\.x), log: fig.logX,
      pad: fig.xRange == nil ? 0.03 : 0)
    let yAxis = Axis(
      values: fig.yRange.map { [$0.lowerBound, $0.upperBound] }
        ?? curves.flatMap { $0.y + ($0.lower ?? []) + ($0.upper ?? []) }, log: fig.logY,
      pad: fig.yRange == nil ? 0.05 : 0)
    let gapX = 18.0
    let panelTitleHeight = faceted ? lh + 4 : 0
    let xTickHeight = 18 + TextMetrics.descent(fs)
    let gapY = xTickHeight + panelTitleHeight + 10
    let gridW = Double(cols) * pw + Double(cols - 1) * gapX
    let gridH = Double(rows) * ph + Double(rows - 1) * gapY

    // y tick labels (first column): thinned, their width sets the left margin.
    let (yMajor, yMinor) = yAxis.ticks()
    let yPos: (Double, Double) -> Double = { top, t in top + ph - (t - yAxis.lo) / (yAxis.hi - yAxis.lo) * ph }
    let yTitle = TextMetrics.wrap(
      fig.yLabel + (fig.logY ? " (log scale)" : ""), size: fs, maxWidth: max(gridH, 120))
    let probe = yMajor.compactMap { v, label -> (Double, String, SVGRect)? in
      guard let t = yAxis.t(v) else { return nil }
      let y = yPos(0, t) + 4
      return (t, label, TextMetrics.box(label, x: 0, y: y, size: fs, anchor: "end"))
    }
    let keptY = thinned(
      probe.reversed(), vertical: true,
      bounds: SVGRect(x: -1e4, y: -fs, width: 2e4, height: ph + 2 * fs))
    let yLabels = keptY.map { Array(probe.reversed())[$0] }
    let yLabelWidth = yLabels.map { $0.2.width }.max() ?? 0
    let left = 8 + Double(yTitle.count) * lh + 4 + yLabelWidth + 8

    // Legend beside (short entries) or below.
    let beside = LegendLayout(fig.legend, maxTextWidth: 220, availableWidth: 260)
    let besideFits =
      !fig.legend.isEmpty && beside.columns == 1
      && beside.items.allSatisfy { $0.lines.count == 1 } && fig.legend.count <= 16
    let rightMargin = 24.0
    var width = left + gridW + rightMargin
    if besideFits { width += beside.width - rightMargin + 16 + 8 }
    let titleLines = TextMetrics.wrap(fig.title, size: 14, maxWidth: width - 20)
    let top = 10 + Double(titleLines.count) * TextMetrics.lineHeight(14) + 4 + panelTitleHeight

    var c = SVGCanvas(width: width, height: 0)
    c.lines(titleLines, x: width / 2, y: 10 + TextMetrics.ascent(14), size: 14, anchor: "middle")

    // Panels.
    let (xMajor, xMinor) = xAxis.ticks()
    for (k, panel) in panels.enumerated() {
      let x0 = left + Double(k % cols) * (pw + gapX), y0 = top + Double(k / cols) * (ph + gapY)
      let area = SVGRect(x: x0, y: y0, width: pw, height: ph)
      let px: (Double) -> Double = { x0 + ($0 - xAxis.lo) / (xAxis.hi - xAxis.lo) * pw }
      let py: (Double) -> Double = { yPos(y0, $0) }
      if let t = panel.title {
        c.text(TextMetrics.truncate(t, size: fs, maxWidth: pw), x: x0 + pw / 2, y: y0 - 6, anchor: "middle")
      }
      // Grid and ticks.
      for (v, _) in yMajor {
        guard let t = yAxis.t(v) else { continue }
        c.line(x0, py(t), x0 + pw, py(t), stroke: "#e4e4e4")
        c.line(x0, py(t), x0 + 5, py(t), stroke: "#555555")
      }
      for v in yMinor {
        guard let t = yAxis.t(v) else { continue }
        c.line(x0, py(t), x0 + 3, py(t), stroke: "#888888")
      }
      var xProbe: [(position: Double, text: String, box: SVGRect)] = []
      for (v, label) in xMajor {
        guard let t = xAxis.t(v) else { continue }
        c.line(px(t), y0, px(t), y0 + ph, stroke: "#e4e4e4")
        c.line(px(t), y0 + ph, px(t), y0 + ph - 5, stroke: "#555555")
        xProbe.append((px(t), label, TextMetrics.box(label, x: px(t), y: y0 + ph + 16, size: fs, anchor: "middle")))
      }
      for v in xMinor {
        guard let t = xAxis.t(v) else { continue }
        c.line(px(t), y0 + ph, px(t), y0 + ph - 3, stroke: "#888888")
      }
      for i in thinned(xProbe, vertical: false, bounds: SVGRect(x: 1, y: 0, width: width - 2, height: 1e5)) {
        c.text(xProbe[i].text, x: xProbe[i].position, y: y0 + ph + 16, anchor: "middle")
      }
      if k % cols == 0 {
        for l in yLabels { c.text(l.1, x: x0 - 8, y: py(l.0) + 4, anchor: "end") }
      }
      c.raw(
        "<clipPath id=\"clip\(k)\"><rect x=\"\(f(x0))\" y=\"\(f(y0))\" width=\"\(f(pw))\" height=\"\(f(ph))\"/></clipPath>"
      )
      c.raw("<g clip-path=\"url(#clip\(k))\">")
      drawContents(&c, panel, xAxis: xAxis, yAxis: yAxis, px: px, py: py)
      c.raw("</g>")
      c.rect(area, fill: "none", stroke: "#333333", cls: "plot-area")
    }

    // Axis titles outside the tick labels.
    let gridBottom = top + gridH
    let xTitle = TextMetrics.wrap(fig.xLabel + (fig.logX ? " (log scale)" : ""), size: fs, maxWidth: gridW)
    var y = c.lines(
      xTitle, x: left + gridW / 2, y: gridBottom + xTickHeight + 4 + TextMetrics.ascent(fs), anchor: "middle")
    for (k, l) in yTitle.enumerated() {
      c.text(l, x: 8 + TextMetrics.ascent(fs) + Double(k) * lh, y: top + gridH / 2, anchor: "middle", vertical: true)
    }
    if besideFits {
      beside.draw(&c, x: left + gridW + 16, y: top)
      y = max(y, top + beside.height)
    } else if !fig.legend.isEmpty {
      let below = LegendLayout(fig.legend, maxTextWidth: width - 70, availableWidth: width - 16)
      below.draw(&c, x: 8, y: y + 10)
      y += 10 + below.height
    }
    for note in fig.notes {
      let ls = TextMetrics.wrap(note, size: 11, maxWidth: width - 20)
      y = c.lines(ls, x: 10, y: y + 8 + TextMetrics.ascent(11), size: 11)
    }
    c.height = y + 10
    return c.svg()
  }

  /// The regions, bands, curves and markers of one panel (clipped to it).
  static func drawContents(
    _ c: inout SVGCanvas, _ panel: LineFigure.Panel, xAxis: Axis, yAxis: Axis,
    px: (Double) -> Double, py: (Double) -> Double
  ) {
    // Infinite ends of a region lie well outside the panel (clipped); finite ones stay
    // where they are, so that a straight boundary stays straight.
    let span = yAxis.hi - yAxis.lo
    let clampY: (Double) -> Double = { v in
      if v == .infinity { return yAxis.hi + 10 * span }
      if v == -.infinity { return yAxis.lo - 10 * span }
      return yAxis.t(v) ?? (yAxis.lo - 10 * span)
    }
    for r in panel.regions {
      let xs = r.x.compactMap { xAxis.t($0) }
      guard xs.count == r.x.count, xs.count >= 2 else { continue }
      let upper = zip(xs, r.upper).map { "\(f(px($0))),\(f(py(clampY($1))))" }
      let lower = zip(xs, r.lower).reversed().map { "\(f(px($0))),\(f(py(clampY($1))))" }
      c.raw(
        "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(r.colour)\" fill-opacity=\"0.1\"/>")
    }
    for cu in panel.curves {
      guard let lo = cu.lower, let hi = cu.upper else { continue }
      let pts = (0..<cu.x.count).compactMap { i -> (Double, Double, Double)? in
        guard let x = xAxis.t(cu.x[i]), let a = yAxis.t(lo[i]) ?? (yAxis.log ? yAxis.lo - 1 : nil),
          let b = yAxis.t(hi[i])
        else { return nil }
        return (x, a, b)
      }
      guard pts.count >= 2 else {
        // A band of one point: its error bar.
        for p in pts { c.line(px(p.0), py(p.1), px(p.0), py(p.2), stroke: cu.colour, width: 6, dash: nil) }
        continue
      }
      let upper = pts.map { "\(f(px($0.0))),\(f(py($0.2)))" }
      let lower = pts.reversed().map { "\(f(px($0.0))),\(f(py($0.1)))" }
      c.raw(
        "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(cu.colour)\" fill-opacity=\"0.2\"/>")
    }
    for cu in panel.curves {
      // Split at points a log axis cannot show.
      var segments: [[(Double, Double)]] = [[]]
      for (x, y) in zip(cu.x, cu.y) {
        if let tx = xAxis.t(x), let ty = yAxis.t(y) {
          segments[segments.count - 1].append((tx, ty))
        } else if !segments[segments.count - 1].isEmpty {
          segments.append([])
        }
      }
      if cu.line {
        for s in segments where s.count > 1 {
          c.raw(
            "<polyline fill=\"none\" stroke=\"\(cu.colour)\" stroke-width=\"\(f(cu.width))\""
              + (cu.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + " points=\""
              + s.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ") + "\"/>")
        }
      }
      let all = segments.flatMap { $0 }
      let stride: Int
      switch cu.line ? cu.markers : .all {
      case .none: stride = 0
      case .all: stride = 1
      case .thinned: stride = all.count <= 24 ? 1 : Int((Double(all.count) / 16).rounded(.up))
      }
      if let ye = cu.yErrors {
        for (i, (x, y)) in zip(cu.x, cu.y).enumerated() where i < ye.count && ye[i] > 0 {
          guard let tx = xAxis.t(x), let a = yAxis.t(y - ye[i]), let b = yAxis.t(y + ye[i]) else { continue }
          c.line(px(tx), py(a), px(tx), py(b), stroke: cu.colour)
        }
      }
      if let xe = cu.xErrors {
        for (i, (x, y)) in zip(cu.x, cu.y).enumerated() where i < xe.count && xe[i] > 0 {
          guard let a = xAxis.t(x - xe[i]), let b = xAxis.t(x + xe[i]), let ty = yAxis.t(y) else { continue }
          c.line(px(a), py(ty), px(b), py(ty), stroke: cu.colour)
        }
      }
      if let open = cu.open {
        for (i, (x, y)) in zip(cu.x, cu.y).enumerated() {
          guard let tx = xAxis.t(x), let ty = yAxis.t(y) else { continue }
          let hollow = i < open.count && open[i]
          c.raw(
            "<circle cx=\"\(f(px(tx)))\" cy=\"\(f(py(ty)))\" r=\"3.5\" fill=\"\(hollow ? "white" : cu.colour)\" "
              + "stroke=\"\(cu.colour)\" stroke-width=\"1.5\"/>")
        }
        continue
      }
      guard stride > 0 else { continue }
      for (i, p) in all.enumerated() where i % stride == 0 {
        c.raw(
          "<circle cx=\"\(f(px(p.0)))\" cy=\"\(f(py(p.1)))\" r=\"\(cu.line ? "2.5" : "3")\" fill=\"\(cu.colour)\""
            + (cu.line ? "" : " stroke=\"white\" stroke-width=\"0.8\"") + "/>")
      }
    }
  }
}
