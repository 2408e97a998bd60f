import Foundation
import Verification

/// A theorem's line and log-log figures: the quantity `y` against the sweep axis `x`,
/// one curve per combination of the other axes. Up to 8 curves are drawn as they are;
/// above that the axes are given jobs (`SeriesRoles`): the seeds become a band (mean ±
/// standard error; on a log axis, of log10 y), one axis the colour (the legend names
/// its values only), one the dash pattern, and the others the panels of small
/// multiples. With `fit`, each curve gets its least-squares power law, and where the
/// file has a `versus` figure of the same slope, the predicted slope beside it.
extension ReportWriter {
  /// Which axis does which job in a line figure with many curves.
  struct SeriesRoles: Equatable {
    var facet: [String] = []
    var color: String?
    var dash: String?
    var band: String?
  }

  /// The jobs of the axes other than `fig.x` (those with more than one value): the
  /// file's `facet` and `color` first; by default the seeds are banded, the colour
  /// goes to the axis the claim names with the most values up to 8 (the comparison the
  /// figure is for, e.g. `p` in `slope(eta, B) <= -2*p + 0.5`; otherwise the axis
  /// with the most values up to 8), the dash to a remaining axis of at most 4 values, and the
  /// rest to the panels. Nil when the curves are few enough to draw one by one.
  static func seriesRoles(_ t: TheoremResult, _ fig: TheoremSpec.FigureSpec) -> SeriesRoles? {
    let values = distinctValues(t)
    let axes = t.axes.map(\.name).filter { (values[$0]?.count ?? 0) > 1 && $0 != fig.x }
    // The curves: the combinations of the other axes that occur (a zip sweep has fewer than the product).
    let count = Set(t.groups.flatMap(\.points).map { p in axes.map { p.coordinates[$0] ?? "" } }).count
    guard count > 8 || (count > 4 && axes.count > 1) || fig.facet != nil || fig.color != nil else { return nil }
    let size = Dictionary(axes.map { ($0, values[$0]!.count) }, uniquingKeysWith: { a, _ in a })
    var free = axes
    var roles = SeriesRoles()
    func take(_ a: String) { free.removeAll { $0 == a } }
    if let s = free.first(where: { $0 == (t.ensemble ?? "seed") }), fig.facet != s, fig.color != s {
      roles.band = s
      take(s)
    }
    if let f = fig.facet, free.contains(f) {
      roles.facet = [f]
      take(f)
    }
    if let c = fig.color, free.contains(c) {
      roles.color = c
    } else {
      let named = free.filter { claimNames($0, t.claim) && size[$0]! <= SVGPlot.palette.count }
      let small = free.filter { size[$0]! <= SVGPlot.palette.count }
      roles.color = (named.isEmpty ? small : named).max { size[$0]! < size[$1]! }
    }
    if let c = roles.color { take(c) }
    if let d = free.filter({ size[$0]! <= SVGPlot.dashes.count }).min(by: { size[$0]! < size[$1]! }) {
      roles.dash = d
      take(d)
    }
    roles.facet += free
    return roles
  }

  /// The distinct values of each axis among the sweep's points, in sweep order (a zip
  /// sweep lists a value once per point).
  static func distinctValues(_ t: TheoremResult) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for a in t.axes {
      var seen = Set<String>()
      out[a.name] = a.values.map(\.description).filter { seen.insert($0).inserted }
    }
    return out
  }

  /// Whether `axis` appears as a name in the claim text.
  static func claimNames(_ axis: String, _ claim: String) -> Bool {
    var word = ""
    for c in claim + " " {
      if c.isLetter || c.isNumber || c == "_" {
        word.append(c)
      } else {
        if word == axis { return true }
        word = ""
      }
    }
    return false
  }

  /// One curve's points: its coordinates on the other axes, (x, y) and the band.
  struct CurveData {
    var coordinates: [String: String]
    var points: [(x: Double, y: Double, lower: Double?, upper: Double?)]
  }

  /// The curves of `y` against `x`, one per combination of the other axes (less
  /// `band`, whose values are pooled into mean ± standard error).
  func curves(_ t: TheoremResult, x: String, y: String, band: String?, log: Bool) -> [CurveData] {
    var order: [String] = []
    var byKey: [String: (coordinates: [String: String], values: [Double: [(Double, Double?)]])] = [:]
    let fixed = Set(Self.distinctValues(t).filter { $0.value.count == 1 }.map(\.key))
    for p in t.groups.flatMap(\.points) {
      guard let xs = p.coordinates[x], let xv = Double(xs) else { continue }
      let q = p.quantities.first { $0.name == y }
      guard let yv = q.flatMap({ Double($0.value) }) ?? p.coordinates[y].flatMap(Double.init) else { continue }
      // A pooled ensemble carries its standard error.
      let se = q.flatMap { $0.samples == nil ? nil : Double($0.error) }
      let coords = p.coordinates.filter { $0.key != x && $0.key != band && !fixed.contains($0.key) }
      let key = coords.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
      if byKey[key] == nil {
        order.append(key)
        byKey[key] = (coords, [:])
      }
      byKey[key]!.values[xv, default: []].append((yv, se))
    }
    return order.map { key in
      let entry = byKey[key]!
      let points = entry.values.keys.sorted().compactMap { xv -> (Double, Double, Double?, Double?)? in
        let vals = entry.values[xv]!
        if vals.count == 1 {
          let (v, se) = vals[0]
          return (xv, v, se.map { v - $0 }, se.map { v + $0 })
        }
        // Pooled here: mean ± standard error (of log10 y on a log axis).
        let ys = vals.map(\.0).filter { !log || $0 > 0 }
        guard !ys.isEmpty else { return nil }
        let u = log ? ys.map { Foundation.log10($0) } : ys
        let m = u.reduce(0, +) / Double(u.count)
        let sd = u.count > 1 ? (u.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(u.count - 1)).squareRoot() : 0
        let se = sd / Double(u.count).squareRoot()
        return log ? (xv, pow(10, m), pow(10, m - se), pow(10, m + se)) : (xv, m, m - se, m + se)
      }
      return CurveData(coordinates: entry.coordinates, points: points.map { ($0.0, $0.1, $0.2, $0.3) })
    }
  }

  /// The predicted slope of `y` against `x` at each group, from a `versus` figure of
  /// the file whose measured term is `slope(x, y)`: (group coordinates, predicted).
  static func predictedSlopes(
    _ t: TheoremResult, x: String, y: String
  ) -> (term: String, values: [([String: String], Double)])? {
    let compact: (String) -> String = { $0.filter { !$0.isWhitespace } }
    guard let k = t.figures.firstIndex(where: { $0.kind == .versus && compact($0.y) == "slope(\(x),\(y))" })
    else { return nil }
    let values = t.groups.compactMap { g -> ([String: String], Double)? in
      guard let p = g.figurePoints?.first(where: { $0.figure == k }), let v = p.x else { return nil }
      return (g.coordinates, v)
    }
    return values.isEmpty ? nil : (t.figures[k].x, values)
  }

  /// A line or log-log plot of `fig.y` against the axis `fig.x` (see the extension's comment).
  func linePlot(_ t: TheoremResult, _ fig: TheoremSpec.FigureSpec, fit: Bool) -> String {
    let log = fig.kind == .loglog
    let roles = Self.seriesRoles(t, fig)
    let data = curves(t, x: fig.x, y: fig.y, band: roles?.band, log: log)
    let predicted = fit ? Self.predictedSlopes(t, x: fig.x, y: fig.y) : nil
    let title = fig.title ?? "\(fig.y) against \(fig.x)"
    var legend: [SVGPlot.LineFigure.LegendEntry] = []
    var notes: [String] = []
    let axisValues = Self.distinctValues(t)
    let label: ([String: String], [String]) -> String = { c, names in
      names.compactMap { n in c[n].map { "\(n) = \($0)" } }.joined(separator: ", ")
    }
    let otherAxes = t.axes.map(\.name).filter { $0 != fig.x && (axisValues[$0]?.count ?? 0) > 1 }

    // Colour and dash of each curve, and the panels.
    var style: [(colour: String, dash: String?)] = []
    var panelOf: [Int] = []
    var panelTitles: [String?] = []
    if let roles {
      let colours = roles.color.map { axisValues[$0] ?? [] } ?? []
      let dashValues = roles.dash.map { axisValues[$0] ?? [] } ?? []
      var panelKeys: [String] = []
      for d in data {
        let ci = roles.color.flatMap { c in colours.firstIndex(of: d.coordinates[c] ?? "") } ?? 0
        let di = roles.dash.flatMap { a in dashValues.firstIndex(of: d.coordinates[a] ?? "") } ?? 0
        style.append((SVGPlot.palette[ci % SVGPlot.palette.count], SVGPlot.dashes[di % SVGPlot.dashes.count]))
        let key = label(d.coordinates, roles.facet)
        if !panelKeys.contains(key) { panelKeys.append(key) }
        panelOf.append(panelKeys.firstIndex(of: key)!)
      }
      panelTitles = panelKeys.map { $0.isEmpty ? nil : $0 }
      if let c = roles.color {
        for (k, v) in colours.enumerated() {
          legend.append(.init("\(c) = \(v)", colour: SVGPlot.palette[k % SVGPlot.palette.count]))
        }
      }
      if let a = roles.dash {
        for (k, v) in dashValues.enumerated() {
          legend.append(.init("\(a) = \(v)", colour: "#444444", dash: SVGPlot.dashes[k % SVGPlot.dashes.count]))
        }
      }
      if let b = roles.band {
        let n = axisValues[b]?.count ?? 0
        legend.append(
          .init(
            log
              ? "band: geometric mean ± standard error over \(n) \(b)s (of log₁₀ \(fig.y))"
              : "band: mean ± standard error over \(n) \(b)s",
            colour: "#777777", style: .band))
      }
    } else {
      for (k, d) in data.enumerated() {
        let colour = SVGPlot.palette[k % SVGPlot.palette.count]
        let dash = SVGPlot.dashes[(k / SVGPlot.palette.count) % SVGPlot.dashes.count]
        style.append((colour, dash))
        panelOf.append(0)
        let name = label(d.coordinates, otherAxes)
        legend.append(.init(name.isEmpty ? fig.y : name, colour: colour, dash: dash))
      }
      panelTitles = [nil]
      if data.contains(where: { $0.points.contains { $0.lower != nil } }) {
        legend.append(.init("band: mean ± standard error over the seeds", colour: "#777777", style: .band))
      }
    }

    var panels = panelTitles.map { SVGPlot.LineFigure.Panel(title: $0, curves: []) }
    var fitLabels: [String] = []
    var boundValues: [Double] = []
    for (k, d) in data.enumerated() {
      let (colour, dash) = style[k]
      let hasBand = d.points.contains { $0.lower != nil }
      panels[panelOf[k]].curves.append(
        .init(
          x: d.points.map(\.x), y: d.points.map(\.y),
          lower: hasBand ? d.points.map { $0.lower ?? $0.y } : nil,
          upper: hasBand ? d.points.map { $0.upper ?? $0.y } : nil, colour: colour, dash: dash))
      guard fit, let f = Self.powerFit(d.points.map { ($0.x, $0.y) }) else { continue }
      let xs = d.points.map(\.x).filter { $0 > 0 }
      guard let a = xs.min(), let b = xs.max(), b > a else { continue }
      let fitColour = data.count == 1 ? "black" : colour
      panels[panelOf[k]].curves.append(
        .init(
          x: [a, b], y: [pow(10, f.intercept) * pow(a, f.slope), pow(10, f.intercept) * pow(b, f.slope)],
          colour: fitColour, dash: "6,4", width: 1, markers: .none))
      if roles == nil && data.count <= 3 {
        let which = data.count > 1 ? " (\(label(d.coordinates, otherAxes)))" : ""
        fitLabels.append("fit\(which): slope \(String(format: "%.4f", f.slope))")
        legend.append(.init(fitLabels.last!, colour: fitColour, dash: "6,4"))
      }
      // Without a predicted slope: the slope at which the claim changes its truth, through the same centre.
      if predicted == nil {
        var bindings: [String: Double] = [:]
        if let g = t.groups.first(where: { g in
          g.coordinates.allSatisfy { d.coordinates[$0.key] ?? $0.value == $0.value }
        }),
          let p = g.points.first
        {
          for (k, v) in p.coordinates { if let v = Double(v) { bindings[k] = v } }
          for q in p.quantities { if let v = Double(q.value) { bindings[q.name] = v } }
        }
        for (k, v) in d.coordinates { if let v = Double(v) { bindings[k] = v } }
        let bounds = ClaimRegion.slopeBounds(claim: t.claim, x: fig.x, y: fig.y, bindings: bindings)
        let lx = xs.map { Foundation.log10($0) }
        let ly = d.points.filter { $0.x > 0 && $0.y > 0 }.map { Foundation.log10($0.y) }
        if !bounds.isEmpty && lx.count == ly.count {
          let cx = lx.reduce(0, +) / Double(lx.count), cy = ly.reduce(0, +) / Double(ly.count)
          for s in bounds {
            let yAt: (Double) -> Double = { pow(10, cy + s * (Foundation.log10($0) - cx)) }
            panels[panelOf[k]].curves.append(
              .init(x: [a, b], y: [yAt(a), yAt(b)], colour: "#222222", dash: "1.5,2.5", width: 1.4, markers: .none))
            boundValues.append(s)
          }
        }
      }
      // The predicted slope through the same centre (the least-squares line passes through it).
      if let predicted {
        let matching = predicted.values.filter { g in g.0.allSatisfy { d.coordinates[$0.key] ?? $0.value == $0.value } }
        guard !matching.isEmpty else { continue }
        let s = matching.map(\.1).reduce(0, +) / Double(matching.count)
        let lx = xs.map { Foundation.log10($0) },
          ly = d.points.filter { $0.x > 0 && $0.y > 0 }.map { Foundation.log10($0.y) }
        guard lx.count == ly.count else { continue }
        let cx = lx.reduce(0, +) / Double(lx.count), cy = ly.reduce(0, +) / Double(ly.count)
        let yAt: (Double) -> Double = { pow(10, cy + s * (Foundation.log10($0) - cx)) }
        panels[panelOf[k]].curves.append(
          .init(x: [a, b], y: [yAt(a), yAt(b)], colour: "#222222", dash: "1.5,2.5", width: 1.4, markers: .none))
      }
    }
    if fit && (roles != nil || data.count > 3) {
      legend.append(.init("least-squares power law of each curve", colour: "#777777", dash: "6,4"))
    }
    if !boundValues.isEmpty {
      var distinct: [String] = []
      for v in boundValues.sorted() where !distinct.contains(String(format: "%.3g", v)) {
        distinct.append(String(format: "%.3g", v))
      }
      let which = distinct.count <= 2 ? " (\(distinct.joined(separator: ", ")))" : ""
      legend.append(
        .init("the claim's bound on the slope\(which), through each curve's centre", colour: "#222222", dash: "1.5,2.5")
      )
    }
    if let predicted {
      legend.append(
        .init("predicted slope \(predicted.term), through each curve's centre", colour: "#222222", dash: "1.5,2.5"))
    }
    if let roles, !roles.facet.isEmpty || roles.band != nil {
      var parts: [String] = []
      if !roles.facet.isEmpty { parts.append("one panel per \(roles.facet.joined(separator: " × "))") }
      if let c = roles.color { parts.append("colour: \(c)") }
      if let d = roles.dash { parts.append("dash: \(d)") }
      notes.append(parts.joined(separator: "; ") + " (`facet`, `color` in the file's [[figures]] choose others)")
    }
    return SVGPlot.lineFigure(
      .init(
        title: title, xLabel: fig.x, yLabel: fig.y, logX: log, logY: log, panels: panels, legend: legend,
        notes: notes))
  }
}
