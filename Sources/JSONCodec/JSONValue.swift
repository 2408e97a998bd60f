import Foundation

/// A JSON value, with a writer that prints Doubles as their shortest round-trip
/// decimal and a parser that reads numbers with Swift's correctly rounded
/// `Double(_: String)` (Foundation's `JSONSerialization` on Linux goes through
/// `NSDecimalNumber` and does not round-trip every Double). Non-finite numbers
/// are written as the strings "NaN", "Infinity", "-Infinity".
///
/// The suite's one mechanism for untyped JSON (network and result files, the
/// command-line tool's output); typed records (reports, shards) are `Codable`
/// and go through Foundation's `JSONEncoder`/`JSONDecoder`.
public indirect enum JSONValue: Equatable, Sendable {
  case number(Double)
  /// A number given as its decimal text, written as is: an MPFR value with more
  /// digits than a `Double` holds (the text must be a finite JSON number).
  case decimal(String)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text == b.text }

  /// The value of `key` in an object (nil otherwise).
  public subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o.first { $0.0 == key }?.1 }
    return nil
  }

  /// A number (also the strings written for non-finite values); nil otherwise.
  public var doubleValue: Double? {
    switch self {
    case .number(let v): return v
    case .integer(let i): return Double(i)
    case .decimal(let text): return Double(text)
    case .string("NaN"): return .nan
    case .string("Infinity"): return .infinity
    case .string("-Infinity"): return -.infinity
    default: return nil
    }
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var intValue: Int? {
    if case .integer(let i) = self { return i }
    return nil
  }

  /// The JSON text: compact, object keys in their order, Doubles as their
  /// shortest round-trip decimal.
  public var text: String {
    var s = ""
    write(to: &s)
    return s
  }

  func write(to s: inout String) {
    switch self {
    case .number(let v):
      if v.isNaN {
        s += "\"NaN\""
      } else if v.isInfinite {
        s += v > 0 ? "\"Infinity\"" : "\"-Infinity\""
      } else {
        s += "\(v)"
      }
    case .integer(let i): s += "\(i)"
    case .decimal(let text): s += text
    case .bool(let b): s += b ? "true" : "false"
    case .null: s += "null"
    case .string(let t):
      s += "\""
      for c in t.unicodeScalars {
        switch c {
        case "\"": s += "\\\""
        case "\\": s += "\\\\"
        case "\n": s += "\\n"
        default:
          if c.value < 0x20 { s += String(format: "\\u%04x", c.value) } else { s.unicodeScalars.append(c) }
        }
      }
      s += "\""
    case .array(let a):
      s += "["
      for (i, v) in a.enumerated() {
        if i > 0 { s += "," }
        v.write(to: &s)
      }
      s += "]"
    case .object(let o):
      s += "{"
      for (i, (k, v)) in o.enumerated() {
        if i > 0 { s += "," }
        JSONValue.string(k).write(to: &s)
        s += ":"
        v.write(to: &s)
      }
      s += "}"
    }
  }

  /// Parses JSON text (RFC 8259). Syntax errors (`JSONParseError`) name `file` and the line.
  public static func parse(_ data: Data, file: String) throws -> JSONValue {
    var p = JSONParser(bytes: [UInt8](data), file: file)
    p.skipSpace()
    let v = try p.value()
    p.skipSpace()
    guard p.i == p.bytes.count else { throw p.error("unexpected text after the JSON value") }
    return v
  }
}

/// A syntax error in JSON text: the file, the line (1-based) and what is wrong.
public struct JSONParseError: Error, CustomStringConvertible, Equatable {
  public var file: String
  public var line: Int
  public var message: String
  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }
  public var description: String { "\(file):\(line): \(message)" }
}

struct JSONParser {
  let bytes: [UInt8]
  let file: String
  var i = 0
  /// Arrays and objects open at the current position.
  var depth = 0
  /// Deeper nesting is an error rather than a stack overflow (`value()` recurses
  /// once per level; 16 000 `[`, an input of the network-json fuzz target's size,
  /// overflowed the stack of a debug build). Foundation's `JSONDecoder` also
  /// refuses deep nesting.
  static let maximumDepth = 512

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  var line: Int { bytes[0..<min(i, bytes.count)].reduce(1) { $0 + ($1 == 10 ? 1 : 0) } }

  func error(_ message: String) -> JSONParseError {
    JSONParseError(file: file, line: line, message: message)
  }

  mutating func skipSpace() {
    while i < bytes.count, [32, 9, 10, 13].contains(bytes[i]) { i += 1 }
  }

  mutating func expect(_ c: UInt8) throws {
    skipSpace()
    guard i < bytes.count, bytes[i] == c else { throw error("expected '\(Character(UnicodeScalar(c)))'") }
    i += 1
  }

  mutating func value() throws -> JSONValue {
    skipSpace()
    guard i < bytes.count else { throw error("unexpected end of file; expected a value") }
    switch bytes[i] {
    case UInt8(ascii: "{"):
      try enter()
      defer { depth -= 1 }
      i += 1
      var fields: [(String, JSONValue)] = []
      skipSpace()
      if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
        i += 1
        return .object(fields)
      }
      while true {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let k = try string()
        try expect(UInt8(ascii: ":"))
        fields.append((k, try value()))
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of file in an object") }
        if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
        if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
        throw error("expected ',' or '}' in an object")
      }
    case UInt8(ascii: "["):
      try enter()
      defer { depth -= 1 }
      i += 1
      var items: [JSONValue] = []
      skipSpace()
      if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
        i += 1
        return .array(items)
      }
      while true {
        items.append(try value())
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of file in an array") }
        if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
        if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        throw error("expected ',' or ']' in an array")
      }
    case UInt8(ascii: "\""):
      return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default:
      return try number()
    }
  }

  /// One more level of nesting; throws beyond `maximumDepth`.
  mutating func enter() throws {
    guard depth < Self.maximumDepth else {
      throw error("arrays and objects nested deeper than \(Self.maximumDepth) levels")
    }
    depth += 1
  }

  mutating func literal(_ word: String, _ v: JSONValue) throws -> JSONValue {
    let w = Array(word.utf8)
    guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
      throw error("invalid literal; expected \(word)")
    }
    i += w.count
    return v
  }

  mutating func number() throws -> JSONValue {
    let start = i
    while i < bytes.count, let c = Optional(bytes[i]),
      (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
        || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
    {
      i += 1
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    guard !text.isEmpty else { throw error("expected a value (number, string, array, object, true, false, null)") }
    if !text.contains(where: { ".eE".contains($0) }), let n = Int(text) { return .integer(n) }
    guard let v = Double(text), v.isFinite else { throw error("malformed number '\(text)'") }
    return .number(v)
  }

  mutating func string() throws -> String {
    i += 1  // opening quote
    var out: [UInt8] = []
    while i < bytes.count {
      let c = bytes[i]
      i += 1
      if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
      if c == UInt8(ascii: "\\") {
        guard i < bytes.count else { break }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "u"):
          guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
          else { throw error("malformed \\u escape") }
          i += 4
          out.append(contentsOf: Array(String(UnicodeScalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
        default: out.append(e)
        }
      } else {
        out.append(c)
      }
    }
    throw error("unterminated string")
  }
}
