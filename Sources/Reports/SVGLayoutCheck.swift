import Foundation

/// The layout rules of the report figures, checked on a drawn SVG (as `SVGPlot`
/// writes it): every text box, estimated by `TextMetrics` from its font size and
/// characters, lies on the canvas and overlaps no other text box; a text box lies
/// either inside a plot area (an annotation) or clear of every plot area (tick labels,
/// axis titles, panel titles, the legend's entries); a legend box lies on the canvas
/// and clear of every plot area.
///
/// Used by the tests on every figure kind and, through `scripts/check-site.sh`, on
/// every figure of a run.
public enum SVGLayoutCheck {
  /// One text element as drawn.
  public struct TextItem: Sendable {
    public var text: String
    public var box: SVGRect
  }

  /// The canvas, the text boxes, the plot areas and the legend boxes of `svg`.
  public static func parse(
    _ svg: String
  ) -> (
    canvas: SVGRect, texts: [TextItem], plotAreas: [SVGRect], legends: [SVGRect]
  ) {
    var canvas = SVGRect(x: 0, y: 0, width: 0, height: 0)
    var texts: [TextItem] = []
    var plots: [SVGRect] = []
    var legends: [SVGRect] = []
    var defaultSize = 12.0
    for raw in svg.split(separator: "\n") {
      let line = String(raw)
      if line.hasPrefix("<svg") {
        canvas.width = number(line, "width") ?? 0
        canvas.height = number(line, "height") ?? 0
        defaultSize = number(line, "font-size") ?? 12
      } else if line.hasPrefix("<rect class=\"plot-area\"") || line.hasPrefix("<rect class=\"legend\"") {
        let r = SVGRect(
          x: number(line, "x") ?? 0, y: number(line, "y") ?? 0, width: number(line, "width") ?? 0,
          height: number(line, "height") ?? 0)
        if line.hasPrefix("<rect class=\"plot-area\"") { plots.append(r) } else { legends.append(r) }
      } else if line.hasPrefix("<text"), let close = line.firstIndex(of: ">"),
        let end = line.range(of: "</text>", options: .backwards)
      {
        let head = String(line[..<close])
        let content = unescape(String(line[line.index(after: close)..<end.lowerBound]))
        let size = number(head, "font-size") ?? defaultSize
        let anchor = attribute(head, "text-anchor") ?? "start"
        var x = number(head, "x") ?? 0, y = number(head, "y") ?? 0
        var vertical = false
        if let t = attribute(head, "transform"), let open = t.range(of: "translate("),
          let shut = t[open.upperBound...].firstIndex(of: ")")
        {
          let xy = t[open.upperBound..<shut].split(separator: ",").compactMap { Double($0) }
          if xy.count == 2 { x = xy[0]; y = xy[1] }
          vertical = t.contains("rotate(-90)")
        }
        texts.append(
          TextItem(
            text: content,
            box: TextMetrics.box(content, x: x, y: y, size: size, anchor: anchor, vertical: vertical)))
      }
    }
    return (canvas, texts, plots, legends)
  }

  /// The broken rules, one sentence each (empty when the figure is laid out correctly).
  public static func violations(_ svg: String) -> [String] {
    let (canvas, texts, plots, legends) = parse(svg)
    var out: [String] = []
    for t in texts where !canvas.contains(t.box) {
      out.append("text \"\(t.text)\" \(t.box) leaves the canvas \(canvas)")
    }
    for i in texts.indices {
      for j in texts.indices where j > i && texts[i].box.overlaps(texts[j].box) {
        out.append("text \"\(texts[i].text)\" \(texts[i].box) overlaps \"\(texts[j].text)\" \(texts[j].box)")
      }
    }
    for t in texts {
      for p in plots where p.overlaps(t.box) && !p.contains(t.box) {
        out.append("text \"\(t.text)\" \(t.box) straddles the edge of the plot area \(p)")
      }
    }
    for l in legends {
      if !canvas.contains(l) { out.append("legend \(l) leaves the canvas \(canvas)") }
      for p in plots where p.overlaps(l) { out.append("legend \(l) overlaps the plot area \(p)") }
    }
    return out
  }

  static func attribute(_ s: String, _ name: String) -> String? {
    guard let r = s.range(of: " \(name)=\"") else { return nil }
    guard let end = s[r.upperBound...].firstIndex(of: "\"") else { return nil }
    return String(s[r.upperBound..<end])
  }

  static func number(_ s: String, _ name: String) -> Double? {
    attribute(s, name).flatMap { Double($0.replacingOccurrences(of: "%", with: "")) }
  }

  static func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
