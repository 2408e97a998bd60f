import Foundation

/// An axis-aligned rectangle in SVG user units (y down).
public struct SVGRect: Sendable, Equatable, CustomStringConvertible {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x; self.y = y; self.width = width; self.height = height
  }
  public var maxX: Double { x + width }
  public var maxY: Double { y + height }
  /// Whether the interiors overlap by more than `slack` in both directions.
  public func overlaps(_ o: SVGRect, slack: Double = 0.01) -> Bool {
    min(maxX, o.maxX) - max(x, o.x) > slack && min(maxY, o.maxY) - max(y, o.y) > slack
  }
  /// Whether `o` lies inside this rectangle (to within `slack`).
  public func contains(_ o: SVGRect, slack: Double = 0.01) -> Bool {
    o.x >= x - slack && o.y >= y - slack && o.maxX <= maxX + slack && o.maxY <= maxY + slack
  }
  public var description: String {
    String(format: "[%.1f, %.1f] × [%.1f, %.1f]", x, maxX, y, maxY)
  }
}

/// Text extents estimated from the font size and the characters, without a font:
/// the widths of DejaVu Sans (the `sans-serif` of Debian's librsvg and Chromium) rounded
/// up per character class, so that an estimate is never narrower than the drawn text.
/// The layout code places text with these boxes and `SVGLayoutCheck` checks with them.
public enum TextMetrics {
  /// The advance of one character in ems.
  static func advance(_ c: Character) -> Double {
    if c == " " { return 0.34 }
    if "il.,:;'|".contains(c) { return 0.36 }
    if "fjrt()[]-/!".contains(c) { return 0.45 }
    if "mwMW@%—…".contains(c) { return 1.02 }
    if c.isASCII && (c.isUppercase || "=+<>*^_~#&".contains(c)) { return 0.86 }
    if c.isASCII { return 0.66 }
    // Superscripts and subscripts are drawn at a reduced size.
    if "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺₀₁₂₃₄₅₆₇₈₉".contains(c) { return 0.55 }
    return 0.9  // Greek letters, mathematical symbols, others.
  }
  /// The estimated width of `text` at `size` (px).
  public static func width(_ text: String, size: Double) -> Double {
    text.reduce(0) { $0 + advance($1) } * size
  }
  /// Above the baseline (ascent) and below it (descent), in px.
  public static func ascent(_ size: Double) -> Double { 0.95 * size }
  public static func descent(_ size: Double) -> Double { 0.3 * size }
  /// The distance between the baselines of two wrapped lines.
  public static func lineHeight(_ size: Double) -> Double { 1.3 * size }

  /// The box of a text drawn at (x, y) (baseline) with `anchor` (start, middle,
  /// end); rotated by −90° about (x, y) when `vertical`.
  public static func box(
    _ text: String, x: Double, y: Double, size: Double, anchor: String, vertical: Bool = false
  ) -> SVGRect {
    let w = width(text, size: size)
    let start = anchor == "middle" ? -w / 2 : anchor == "end" ? -w : 0
    if vertical {
      // Rotated by −90°: the text runs upwards, the ascent lies to the left of x.
      return SVGRect(x: x - ascent(size), y: y - start - w, width: ascent(size) + descent(size), height: w)
    }
    return SVGRect(x: x + start, y: y - ascent(size), width: w, height: ascent(size) + descent(size))
  }

  /// `text` broken at spaces (or after commas) into lines no wider than `maxWidth`;
  /// a word wider than that on its own is cut with an ellipsis.
  public static func wrap(_ text: String, size: Double, maxWidth: Double) -> [String] {
    guard width(text, size: size) > maxWidth else { return [text] }
    var words: [String] = []
    var current = ""
    for c in text {
      current.append(c)
      if c == " " || c == "," {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    var lines: [String] = []
    var line = ""
    for w in words {
      if !line.isEmpty && width((line + w).trimmingCharacters(in: .whitespaces), size: size) > maxWidth {
        lines.append(line.trimmingCharacters(in: .whitespaces))
        line = ""
      }
      line += w
    }
    if !line.isEmpty { lines.append(line.trimmingCharacters(in: .whitespaces)) }
    return lines.map { truncate($0, size: size, maxWidth: maxWidth) }
  }

  /// `text` cut with an ellipsis to at most `maxWidth`.
  public static func truncate(_ text: String, size: Double, maxWidth: Double) -> String {
    guard width(text, size: size) > maxWidth else { return text }
    var s = text
    while !s.isEmpty && width(s + "…", size: size) > maxWidth { s.removeLast() }
    return s + "…"
  }
}

/// An SVG document built element by element. Text goes through `text(…)`, which
/// escapes it and writes the attributes `SVGLayoutCheck` reads back (x, y, font-size,
/// text-anchor, the rotation); the plot areas and legends carry a `class` so that
/// the checks can find them.
struct SVGCanvas {
  var width: Double
  var height: Double
  var body = ""
  static let fontSize = 12.0

  init(width: Double, height: Double) { self.width = width; self.height = height }

  static func f(_ x: Double) -> String { String(format: "%.2f", x) }

  mutating func raw(_ s: String) { body += s + "\n" }

  /// One line of text; `vertical`: rotated by −90° about (x, y).
  mutating func text(
    _ s: String, x: Double, y: Double, size: Double = fontSize, anchor: String = "start",
    vertical: Bool = false, extra: String = ""
  ) {
    let f = Self.f
    let sizeAttr = size == Self.fontSize ? "" : " font-size=\"\(f(size))\""
    let anchorAttr = anchor == "start" ? "" : " text-anchor=\"\(anchor)\""
    let place =
      vertical
      ? "transform=\"translate(\(f(x)),\(f(y))) rotate(-90)\"" : "x=\"\(f(x))\" y=\"\(f(y))\""
    body += "<text \(place)\(sizeAttr)\(anchorAttr)\(extra)>\(SVGPlot.esc(s))</text>\n"
  }

  /// Lines of text, the first baseline at `y`; returns the y below the last line.
  @discardableResult
  mutating func lines(
    _ ls: [String], x: Double, y: Double, size: Double = fontSize, anchor: String = "start"
  )
    -> Double
  {
    for (k, l) in ls.enumerated() {
      text(l, x: x, y: y + Double(k) * TextMetrics.lineHeight(size), size: size, anchor: anchor)
    }
    return y + Double(max(0, ls.count - 1)) * TextMetrics.lineHeight(size) + TextMetrics.descent(size)
  }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double? = nil,
    dash: String? = nil
  ) {
    let f = Self.f
    body +=
      "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\""
      + (width.map { " stroke-width=\"\(f($0))\"" } ?? "") + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
      + "/>\n"
  }

  mutating func rect(_ r: SVGRect, fill: String, stroke: String? = nil, cls: String? = nil, extra: String = "") {
    let f = Self.f
    body +=
      "<rect" + (cls.map { " class=\"\($0)\"" } ?? "")
      + " x=\"\(f(r.x))\" y=\"\(f(r.y))\" width=\"\(f(r.width))\" height=\"\(f(r.height))\" fill=\"\(fill)\""
      + (stroke.map { " stroke=\"\($0)\"" } ?? "") + extra + "/>\n"
  }

  /// The document, with the size it has now.
  func svg() -> String {
    let w = Int(width.rounded(.up)), h = Int(height.rounded(.up))
    return """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>

      """ + body + "</svg>\n"
  }
}
