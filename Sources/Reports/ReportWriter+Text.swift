import Verification

/// The small pieces of text the reports are made of: verdict badges, counts,
/// coordinates, table cells, links.
extension ReportWriter {
  static func verdictBadge(_ v: Verdict) -> String {
    switch v {
    case .certified: return "✅ **certified**"
    case .pass: return "✅ **pass**"
    case .inconclusive: return "❔ **inconclusive**"
    case .fail: return "❌ **fail**"
    case .error: return "⚠️ **error**"
    case .tainted: return "⚠️ **tainted**"
    }
  }

  /// How many checks (groups) of a theorem have each verdict, e.g. "2 certified, 3 fail".
  public static func countsText(_ t: TheoremResult) -> String {
    countsText(t.counts)
  }

  /// "n verdict" for each verdict with a count, in the order of `Verdict.allCases`.
  static func countsText(_ counts: [Verdict: Int]) -> String {
    Verdict.allCases.compactMap { v in (counts[v] ?? 0) > 0 ? "\(counts[v]!) \(v.rawValue)" : nil }
      .joined(separator: ", ")
  }

  /// `name = value, …`, the axes in `order` first, then the others sorted; "—" for none.
  static func coordinatesText(_ c: [String: String], order: [String]) -> String {
    let keys = order.filter { c[$0] != nil } + c.keys.filter { !order.contains($0) }.sorted()
    return keys.isEmpty ? "—" : keys.map { "\($0) = \(c[$0]!)" }.joined(separator: ", ")
  }

  /// Text safe inside a Markdown table cell (no `|`, no line break).
  static func cell(_ s: String?) -> String {
    (s ?? "").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }

  /// The deciding comparison and its note.
  static func comparisonText(_ o: Outcome) -> String {
    switch (o.comparison, o.reason) {
    case let (c?, r?): return "`\(c)` (\(r))"
    case let (c?, nil): return "`\(c)`"
    case let (nil, r?): return r
    default: return ""
    }
  }

  /// An integer without a fraction, other numbers as Swift prints them.
  static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }

  /// `a`, `b` as inline code.
  static func codeList(_ names: [String]) -> String { names.map { "`\($0)`" }.joined(separator: ", ") }

  /// A link to another theorem's report.
  static func reportLink(_ id: String) -> String { "[`\(id)`](\(id).md)" }

  /// "paper, section" (and ", equation" when asked for and given), as table cells.
  static func sourceText(_ source: TheoremSpec.Source, withEquation: Bool) -> String {
    let equation = withEquation && !source.equation.isEmpty ? ", \(cell(source.equation))" : ""
    return "\(cell(source.paper)), \(cell(source.section))\(equation)"
  }

  /// The suite's and the libraries' versions.
  static func versionsText(_ v: VersionInfo) -> String {
    "fprinciple \(v.package), Swift \(v.swift), MPFR \(v.mpfr)\(v.blas.map { ", \($0)" } ?? "")"
  }
}
