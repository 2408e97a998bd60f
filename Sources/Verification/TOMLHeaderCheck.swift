/// A guard in front of TOMLKit for one input its parser does not survive.
///
/// toml++ 3.4.0 (bundled by TOMLKit 0.6.0) enters `parse_key()` from a table
/// header without checking the key's first character: `[?a]`, `[[=`, `[[[1]]]`
/// fail its assertion `is_bare_key_character(*cp) || is_string_delimiter(*cp)`
/// and abort the process in a debug build (in a release build the assertion is an
/// optimiser assumption, i.e. undefined behaviour). Found by the theorems fuzz
/// target; fixed upstream in toml++ pull request 301, which TOMLKit 0.6.0 does
/// not include. Until it does, the loader looks for such a header first and
/// reports it as the syntax error it is.
enum TOMLHeaderCheck {
  /// The position (1-based line and column) and the character of the first table
  /// header `[…]` or `[[…]]` at the top level of `text` whose key starts with
  /// something other than a bare-key character (`A–Z a–z 0–9 _ -`), a quote or `]`
  /// (a line break right after `[` too), or the first `}` where an array expects a value.
  ///
  /// Scans statements the way TOML lays them out: a header or `key = value` per
  /// line, comments, the four kinds of strings, and arrays (which may span lines);
  /// `[` inside a value or a string is not a header. On text that is malformed
  /// before such a header the result does not matter: TOMLKit stops at the
  /// earlier error either way.
  static func badHeader(in text: String) -> (line: Int, column: Int, found: Character, expected: String)? {
    let s = Array(text.unicodeScalars)
    // A byte-order mark is skipped (as toml++ does); columns count from after it.
    var i = s.first == "\u{FEFF}" ? 1 : 0
    var line = 1
    var lineStart = i

    func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
    func isBare(_ c: Unicode.Scalar) -> Bool {
      ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }
    func skipBlanks() { while let c = at(i), c == " " || c == "\t" { i += 1 } }
    func newline() {
      line += 1
      lineStart = i + 1
    }
    /// Skips a string starting at `i` (on its opening quote); false if unterminated.
    func skipString() -> Bool {
      let q = s[i]
      if at(i + 1) == q && at(i + 2) == q {  // multi-line
        i += 3
        while i < s.count {
          if s[i] == "\\" && q == "\"" {
            i += 2
            continue
          }
          if s[i] == "\n" { newline() }
          if s[i] == q && at(i + 1) == q && at(i + 2) == q {
            i += 3
            while at(i) == q { i += 1 }  // up to two quotes may end the content
            return true
          }
          i += 1
        }
        return false
      }
      i += 1
      while let c = at(i), c != "\n" {
        if c == "\\" && q == "\"" {
          i += 2
          continue
        }
        i += 1
        if c == q { return true }
      }
      return false
    }
    func skipComment() { while let c = at(i), c != "\n" { i += 1 } }

    while i < s.count {
      skipBlanks()
      guard let c = at(i) else { break }
      if c == "\n" {
        newline()
        i += 1
        continue
      }
      if c == "\r" {
        i += 1
        continue
      }
      if c == "#" {
        skipComment()
        continue
      }
      if c == "[" {
        i += 1
        if at(i) == "[" { i += 1 }
        skipBlanks()
        // At the end of the text toml++ reports the error itself; a line break it does not.
        if let k = at(i), !isBare(k), k != "\"", k != "'", k != "]" {
          return (line, i - lineStart + 1, Character(k), "a bare key or a quoted key in the table header")
        }
        // The rest of the header: a key of bare words and single-line strings, `]`, a comment.
        while let k = at(i), k != "\n" {
          if k == "\"" || k == "'" {
            guard skipString() else { return nil }
          } else if k == "#" {
            skipComment()
          } else {
            i += 1
          }
        }
        continue
      }
      // `key = value`: the key (bare words, strings, dots) up to `=`.
      while let k = at(i), k != "=" {
        if k == "\n" { return nil }
        if k == "\"" || k == "'" {
          guard skipString() else { return nil }
        } else {
          i += 1
        }
      }
      guard at(i) == "=" else { return nil }
      i += 1
      // The value, up to the end of the line outside brackets, braces and strings. Inside
      // an array, where a value is due (after `[` or `,`), toml++ 3.4.0 also calls
      // `parse_value()` on a `}` and fails its assertion `!is_value_terminator(*cp)`.
      var open: [Unicode.Scalar] = []
      var valueDue = false
      while let k = at(i) {
        if k == "\n" {
          if open.isEmpty { break }
          newline()
          i += 1
        } else if k == " " || k == "\t" || k == "\r" {
          i += 1
        } else if k == "\"" || k == "'" {
          valueDue = false
          guard skipString() else { return nil }
        } else if k == "#" {
          skipComment()
        } else {
          if k == "}" && valueDue { return (line, i - lineStart + 1, "}", "a value or ']' in the array") }
          if k == "[" || k == "{" { open.append(k) }
          if k == "]" || k == "}" {
            guard open.popLast() != nil else { return nil }
          }
          valueDue = (k == "[") || (k == "," && open.last == "[")
          i += 1
        }
      }
    }
    return nil
  }
}
