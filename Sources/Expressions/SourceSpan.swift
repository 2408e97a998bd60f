/// The text an expression was parsed from, shared by all spans of one parse.
public final class SourceText: Sendable {
  /// The whole source.
  public let text: String
  /// The characters of `text` (offsets in spans and errors count these).
  let characters: [Character]
  /// Offsets at which lines start (line 1 starts at 0).
  let lineStarts: [Int]

  public init(_ text: String) {
    self.text = text
    let characters = Array(text)
    self.characters = characters
    var starts = [0]
    for (i, c) in characters.enumerated() where c.isNewline { starts.append(i + 1) }
    self.lineStarts = starts
  }

  /// 1-based line and column of a character offset.
  public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    var lo = 0, hi = lineStarts.count - 1
    while lo < hi {  // last line start ≤ offset
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return (lo + 1, offset - lineStarts[lo] + 1)
  }

  /// The text of a 1-based line, without its line break.
  public func line(_ number: Int) -> String {
    let start = lineStarts[number - 1]
    var end = number < lineStarts.count ? lineStarts[number] : characters.count
    while end > start, characters[end - 1].isNewline { end -= 1 }
    return String(characters[start..<end])
  }
}

/// Where a node of an expression came from: a range of character offsets in
/// its `SourceText`, or `.unknown` for nodes built in code.
///
/// A span is an annotation, not part of an expression's value: **all spans
/// compare equal and hash alike**, so `Expression`'s `==` compares trees only.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
  /// Character offsets `[lowerBound, upperBound)` in `source`, if known.
  public let range: Range<Int>?
  /// The parsed text, if known.
  public let source: SourceText?

  public init(_ range: Range<Int>, in source: SourceText) {
    self.range = range
    self.source = source
  }

  private init() { range = nil; source = nil }

  /// No position (a node built in code).
  public static let unknown = SourceSpan()

  /// Whether the span has a position.
  public var isKnown: Bool { range != nil && source != nil }

  /// A span from the start of `self` to the end of `other` (same source).
  public func through(_ other: SourceSpan) -> SourceSpan {
    guard let a = range, let b = other.range, let source else { return self }
    return SourceSpan(Swift.min(a.lowerBound, b.lowerBound)..<Swift.max(a.upperBound, b.upperBound), in: source)
  }

  /// The first `length` characters of the span.
  public func prefix(_ length: Int) -> SourceSpan {
    guard let r = range, let source else { return self }
    return SourceSpan(r.lowerBound..<Swift.min(r.upperBound, r.lowerBound + length), in: source)
  }

  /// 1-based line and column of the start, if known.
  public var lineAndColumn: (line: Int, column: Int)? {
    guard let r = range, let source else { return nil }
    return source.lineAndColumn(of: r.lowerBound)
  }

  /// The source text of the span.
  public var text: String? {
    guard let r = range, let source else { return nil }
    return String(source.characters[r.clamped(to: 0..<source.characters.count)])
  }

  public var description: String {
    guard let r = range, let lc = lineAndColumn else { return "<unknown>" }
    return "\(lc.line):\(lc.column) (offsets \(r.lowerBound)..<\(r.upperBound))"
  }

  /// Spans never distinguish expressions.
  public static func == (lhs: SourceSpan, rhs: SourceSpan) -> Bool { true }
  public func hash(into hasher: inout Hasher) {}
}
