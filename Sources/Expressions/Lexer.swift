/// A token of the expression language.
struct Token: Sendable {
  enum Kind: Sendable, Equatable {
    case number(String)
    case identifier(String)
    /// `+ - * / ^ ( ) ,` and the comparison operators.
    case symbol(String)
    case end
  }

  let kind: Kind
  /// Character offsets in the source.
  let range: Range<Int>

  /// How the token is named in "found …" messages.
  var display: String {
    switch kind {
    case .number(let t): return "number '\(t)'"
    case .identifier(let n):
      return ["and", "or", "not"].contains(n) ? "keyword '\(n)'" : "identifier '\(n)'"
    case .symbol(let s): return "'\(s)'"
    case .end: return "end of input"
    }
  }
}

/// Splits the source into tokens.
///
/// - number:     digits [ "." digits ] [ exponent ] | "." digits [ exponent ],
///               exponent = ("e" | "E") [ "+" | "-" ] digits; a trailing "." is
///               allowed (`2.`). A number directly followed by a letter, "_",
///               "." or a digit-less exponent is malformed.
/// - identifier: (letter | "_") { letter | digit | "_" | "." letter-or-digit }
/// - symbols:    `+ - * / ^ ( ) , < <= > >= == !=`
struct Lexer {
  let source: SourceText
  private var chars: [Character] { source.characters }

  init(_ source: SourceText) { self.source = source }

  func tokenize() throws(ExpressionError) -> [Token] {
    let c = chars
    var tokens: [Token] = []
    var i = 0
    func isDigit(_ ch: Character) -> Bool { ch.isASCII && ch.isNumber }
    func isIdentStart(_ ch: Character) -> Bool { ch == "_" || (ch.isLetter) }
    func isIdentBody(_ ch: Character) -> Bool { ch == "_" || ch.isLetter || isDigit(ch) }
    while i < c.count {
      let ch = c[i]
      if ch.isWhitespace { i += 1; continue }
      let start = i
      if isDigit(ch) || (ch == "." && i + 1 < c.count && isDigit(c[i + 1])) {
        while i < c.count, isDigit(c[i]) { i += 1 }
        if i < c.count, c[i] == "." {
          i += 1
          while i < c.count, isDigit(c[i]) { i += 1 }
        }
        if i < c.count, c[i] == "e" || c[i] == "E" {
          var j = i + 1
          if j < c.count, c[j] == "+" || c[j] == "-" { j += 1 }
          let digitsStart = j
          while j < c.count, isDigit(c[j]) { j += 1 }
          if j == digitsStart {
            // `1e`, `1e+`, or `2exp(…)`: all malformed numbers.
            var end = j
            while end < c.count, isIdentBody(c[end]) || c[end] == "." { end += 1 }
            throw ExpressionError(
              .malformedNumber, expected: "digits in the exponent",
              found: "'\(String(c[start..<Swift.max(end, j)]))'",
              at: SourceSpan(start..<Swift.max(end, j), in: source))
          }
          i = j
        }
        if i < c.count, isIdentBody(c[i]) || c[i] == "." {
          var end = i
          while end < c.count, isIdentBody(c[end]) || c[end] == "." { end += 1 }
          throw ExpressionError(
            .malformedNumber, expected: "a number",
            found: "'\(String(c[start..<end]))'",
            at: SourceSpan(start..<end, in: source))
        }
        tokens.append(Token(kind: .number(String(c[start..<i])), range: start..<i))
        continue
      }
      if isIdentStart(ch) {
        i += 1
        while i < c.count {
          if isIdentBody(c[i]) { i += 1; continue }
          if c[i] == ".", i + 1 < c.count, isIdentBody(c[i + 1]) { i += 2; continue }
          break
        }
        tokens.append(Token(kind: .identifier(String(c[start..<i])), range: start..<i))
        continue
      }
      let twoChar: String? = i + 1 < c.count ? String(c[i...i + 1]) : nil
      if let two = twoChar, ["<=", ">=", "==", "!="].contains(two) {
        tokens.append(Token(kind: .symbol(two), range: i..<i + 2))
        i += 2
        continue
      }
      if twoChar == "**" {
        throw ExpressionError(
          .unexpectedCharacter, expected: "'^' for powers", found: "'**'",
          at: SourceSpan(i..<i + 2, in: source))
      }
      if "+-*/^(),<>".contains(ch) {
        tokens.append(Token(kind: .symbol(String(ch)), range: i..<i + 1))
        i += 1
        continue
      }
      let expected: String
      switch ch {
      case "=": expected = "'==' for equality"
      case "!": expected = "'!=' or 'not'"
      case "&": expected = "'and'"
      case "|": expected = "'or'"
      default: expected = "a number, name, operator or parenthesis"
      }
      throw ExpressionError(
        .unexpectedCharacter, expected: expected, found: "character '\(ch)'",
        at: SourceSpan(i..<i + 1, in: source))
    }
    tokens.append(Token(kind: .end, range: c.count..<c.count))
    return tokens
  }
}
