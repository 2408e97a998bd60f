import Foundation

/// Finds the line of a dotted key in a TOML text, for error messages about
/// keys that parsed but mean something wrong. TOMLKit reports positions only
/// for syntax errors, so semantic errors locate their key by scanning the text.
struct SourceLocator: Sendable {
  let lines: [Substring]
  init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

  /// The 1-based line of the header `[path]` or `[[path]]`.
  func headerLine(_ path: [String]) -> Int? {
    let want = path.joined(separator: ".")
    for (i, raw) in lines.enumerated() {
      var s = raw.trimmingCharacters(in: " \t")
      guard s.hasPrefix("[") else { continue }
      if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]).trimmingCharacters(in: " \t") }
      let inner = s.trimmingCharacters(in: "[] \t").split(separator: ".").map { $0.trimmingCharacters(in: " \t\"") }
      if inner.joined(separator: ".") == want { return i + 1 }
    }
    return nil
  }

  /// The 1-based line where `path` is defined: `key =` under its table header,
  /// or inside an inline table on the line of a parent key; otherwise the line
  /// of the nearest enclosing table header that exists; 1 at worst.
  func line(of path: [String]) -> Int {
    guard let last = path.last else { return 1 }
    for split in stride(from: path.count - 1, through: 0, by: -1) {
      let table = Array(path[..<split])
      let rest = Array(path[split...])
      let body: Range<Int>
      if table.isEmpty {
        body = 0..<nextHeader(from: 0)
      } else if let h = headerLine(table) {
        body = h..<nextHeader(from: h)
      } else {
        continue
      }
      for i in body where Self.defines(lines[i].trimmingCharacters(in: " \t"), key: rest[0]) {
        if rest.count == 1 { return i + 1 }
        // An inline table (possibly over several lines): find the deeper key.
        for j in i..<body.upperBound where Self.mentions(lines[j], key: last) { return j + 1 }
        return i + 1
      }
    }
    for k in stride(from: path.count, through: 1, by: -1) {
      if let h = headerLine(Array(path[..<k])) { return h }
    }
    return 1
  }

  /// Index of the first header line at or after `index` (or the line count).
  func nextHeader(from index: Int) -> Int {
    var i = index
    while i < lines.count, !lines[i].trimmingCharacters(in: " \t").hasPrefix("[") { i += 1 }
    return i
  }

  static func mentions(_ line: Substring, key: String) -> Bool {
    var rest = line[...]
    while let r = rest.range(of: key) {
      let before = rest[..<r.lowerBound].last
      let after = rest[r.upperBound...].drop { $0 == " " || $0 == "\"" }
      if (before == nil || " {,\t\"".contains(before!)) && after.hasPrefix("=") { return true }
      rest = rest[r.upperBound...]
    }
    return false
  }

  static func defines(_ line: String, key: String) -> Bool {
    for quoted in [key, "\"\(key)\""] where line.hasPrefix(quoted) {
      let after = line.dropFirst(quoted.count).drop { $0 == " " || $0 == "\t" }
      if after.hasPrefix("=") || after.hasPrefix(".") { return true }
    }
    return false
  }

  /// The 1-based line and column of `needle` inside the value of the key at `line`
  /// (for expression errors: the column is the expression's column plus its offset).
  func column(ofValue text: String, onLine line: Int) -> Int? {
    guard line >= 1, line <= lines.count else { return nil }
    guard let r = lines[line - 1].range(of: text) else { return nil }
    return lines[line - 1].distance(from: lines[line - 1].startIndex, to: r.lowerBound) + 1
  }
}

extension StringProtocol {
  func trimmingCharacters(in set: String) -> String {
    let chars = Set(set)
    var s = Substring(self)
    while let f = s.first, chars.contains(f) { s = s.dropFirst() }
    while let l = s.last, chars.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
