import Foundation

/// The HTML of the report site: a page shell with inline CSS (no network, no external
/// file but the figures) and the subset of Markdown the reports are written in turned
/// into HTML, so that a page shows exactly the content of its Markdown report.
///
/// The subset: `#`/`##` headings, paragraphs, `- ` lists, pipe tables (the first row is
/// the header, the second the separator), fenced code blocks, and inline `code`,
/// **bold**, [links](url) and ![images](url). Links to `<id>.md` become `<id>.html`.
enum HTMLPage {
  static func esc(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#fafafa;line-height:1.45}
    main{max-width:1100px;margin:0 auto;padding:16px 24px 48px;background:white;min-height:100vh}
    nav{font-size:14px;margin-bottom:8px}nav a{margin-right:14px}
    h1{font-size:24px;margin:8px 0 12px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
    table{border-collapse:collapse;margin:8px 0 16px;font-size:13.5px;display:block;overflow-x:auto}
    th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
    th{background:#f2f2f2}tr:nth-child(even) td{background:#fbfbfb}
    code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px;background:#f3f3f3;padding:1px 3px;border-radius:3px}
    pre{background:#f3f3f3;padding:10px;overflow-x:auto}pre code{background:none;padding:0}
    figure{margin:16px 0}figure img{max-width:100%;border:1px solid #e4e4e4}figcaption{font-size:13px;color:#555}
    .filters{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0;font-size:14px}.filters select{font-size:14px}
    .count{font-size:14px;color:#555}
    .v{display:inline-block;padding:0 6px;border-radius:3px;font-weight:600;font-size:13px;color:white}
    .v-certified{background:#1a7f37}.v-pass{background:#2da44e}.v-inconclusive{background:#9a6700}
    .v-fail{background:#cf222e}.v-error{background:#6e7781}.v-tainted{background:#8250df}
    """

  /// A complete page.
  static func page(title: String, nav: String, body: String, script: String = "") -> String {
    var s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    s += "<title>\(esc(title))</title>\n<style>\n\(css)\n</style>\n</head>\n<body>\n<main>\n"
    s += "<nav>\(nav)</nav>\n" + body
    if !script.isEmpty { s += "<script>\n\(script)\n</script>\n" }
    return s + "</main>\n</body>\n</html>\n"
  }

  /// The HTML of Markdown in the reports' subset.
  static func html(markdown: String) -> String {
    var out = ""
    let lines = markdown.components(separatedBy: "\n")
    var i = 0
    var paragraph: [String] = []
    func flush() {
      if !paragraph.isEmpty {
        out += "<p>" + paragraph.map(inline).joined(separator: "\n") + "</p>\n"
        paragraph = []
      }
    }
    while i < lines.count {
      let line = lines[i]
      if line.hasPrefix("```") {
        flush()
        var code: [String] = []
        i += 1
        while i < lines.count && !lines[i].hasPrefix("```") {
          code.append(lines[i])
          i += 1
        }
        out += "<pre><code>" + esc(code.joined(separator: "\n")) + "</code></pre>\n"
      } else if line.hasPrefix("## ") {
        flush()
        out += "<h2>\(inline(String(line.dropFirst(3))))</h2>\n"
      } else if line.hasPrefix("# ") {
        flush()
        out += "<h1>\(inline(String(line.dropFirst(2))))</h1>\n"
      } else if line.hasPrefix("|") {
        flush()
        var rows: [String] = []
        while i < lines.count && lines[i].hasPrefix("|") {
          rows.append(lines[i])
          i += 1
        }
        i -= 1
        out += table(rows)
      } else if line.hasPrefix("- ") {
        flush()
        out += "<ul>\n"
        while i < lines.count && lines[i].hasPrefix("- ") {
          out += "<li>\(inline(String(lines[i].dropFirst(2))))</li>\n"
          i += 1
        }
        i -= 1
        out += "</ul>\n"
      } else if line.hasPrefix("![") {
        flush()
        out += image(line)
      } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
        flush()
      } else {
        paragraph.append(line)
      }
      i += 1
    }
    flush()
    return out
  }

  /// A figure: the image, linked to the SVG file.
  static func image(_ line: String) -> String {
    guard let close = line.range(of: "]("), let end = line.lastIndex(of: ")") else { return "<p>\(inline(line))</p>\n" }
    let alt = String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])
    let src = String(line[close.upperBound..<end])
    return "<figure><a href=\"\(esc(src))\"><img src=\"\(esc(src))\" alt=\"\(esc(alt))\" loading=\"lazy\"></a>"
      + "<figcaption>\(esc(alt)): <a href=\"\(esc(src))\">\(esc(src))</a></figcaption></figure>\n"
  }

  /// A pipe table (the second row is the separator).
  static func table(_ rows: [String]) -> String {
    func cells(_ row: String) -> [String] {
      var out: [String] = []
      var cell = ""
      var escaped = false
      for c in row.dropFirst() {
        if escaped {
          cell.append(c)
          escaped = false
        } else if c == "\\" {
          escaped = true
        } else if c == "|" {
          out.append(cell.trimmingCharacters(in: .whitespaces))
          cell = ""
        } else {
          cell.append(c)
        }
      }
      return out
    }
    var s = "<table>\n"
    for (k, row) in rows.enumerated() where k != 1 {
      let tag = k == 0 ? "th" : "td"
      s += "<tr>" + cells(row).map { "<\(tag)>\(inline($0))</\(tag)>" }.joined() + "</tr>\n"
    }
    return s + "</table>\n"
  }

  /// Inline Markdown: `code`, **bold**, [text](url); other text escaped.
  static func inline(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let c = rest.first {
      if c == "`", let end = rest.dropFirst().firstIndex(of: "`") {
        out += "<code>" + esc(String(rest[rest.index(after: rest.startIndex)..<end])) + "</code>"
        rest = rest[rest.index(after: end)...]
      } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**") {
        out +=
          "<strong>" + inline(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]))
          + "</strong>"
        rest = rest[end.upperBound...]
      } else if c == "[", let mid = rest.range(of: "]("), let end = rest[mid.upperBound...].firstIndex(of: ")"),
        !rest[rest.index(after: rest.startIndex)..<mid.lowerBound].contains("]"),
        isLinkTarget(rest[mid.upperBound..<end])
      {
        let label = String(rest[rest.index(after: rest.startIndex)..<mid.lowerBound])
        out += "<a href=\"\(esc(link(String(rest[mid.upperBound..<end]))))\">\(inline(label))</a>"
        rest = rest[rest.index(after: end)...]
      } else {
        out += esc(String(c))
        rest = rest.dropFirst()
      }
    }
    return out
  }

  /// Whether `[text](target)` is a link: a file name or address (ASCII, with a dot),
  /// not mathematics such as `F[u](ξ)`.
  static func isLinkTarget(_ target: Substring) -> Bool {
    target.contains(".") && target.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./:#-".contains($0)) }
  }

  /// A report's link target on the site: `<id>.md` → `<id>.html`.
  static func link(_ target: String) -> String {
    guard !target.contains("/"), target.hasSuffix(".md") else { return target }
    return String(target.dropLast(3)) + ".html"
  }
}
