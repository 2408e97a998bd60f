import Foundation
import JSONCodec
import Testing

@Suite("JSONValue: the package's one codec for untyped JSON")
struct JSONValueTests {
  /// `JSONValue.decimal` (an MPFR value's digits, as `fprinciple stages --json` prints them)
  /// is written verbatim as a JSON number; strings are escaped; objects keep their key order.
  @Test func writesDecimalsVerbatim() throws {
    let digits = "0.333333333333333333333333333333"
    let v = JSONValue.object([("b", .decimal(digits)), ("a", .string("x\"y\n")), ("n", .array([.number(0.1), .null]))])
    #expect(v.text == #"{"b":0.333333333333333333333333333333,"a":"x\"y\n","n":[0.1,null]}"#)
    let back = try JSONValue.parse(Data(v.text.utf8), file: "v.json")
    #expect(back["b"]?.doubleValue == Double(digits))
    #expect(back["a"]?.stringValue == "x\"y\n")
    #expect((try? JSONSerialization.jsonObject(with: Data(v.text.utf8))) != nil)
  }

  /// Doubles round-trip through the text bit for bit (shortest round-trip decimal out, Swift's
  /// correctly rounded parser in); non-finite numbers are the strings "NaN", "±Infinity".
  @Test func doublesRoundTrip() throws {
    let values = [0.1, 1.0 / 3, 5e-324, 1.7976931348623157e308, -2.5e-17, 123456789.0]
    let back = try JSONValue.parse(Data(JSONValue.array(values.map { .number($0) }).text.utf8), file: "d.json")
    #expect(back.arrayValue!.map { $0.doubleValue! } == values)
    let special = JSONValue.array([.number(.nan), .number(.infinity), .number(-.infinity)]).text
    #expect(special == #"["NaN","Infinity","-Infinity"]"#)
  }

  /// A syntax error names the file and the line it is on.
  @Test func syntaxErrorNamesFileAndLine() {
    let text = "{\n  \"a\": 1,\n  \"b\": [1, 2,,]\n}"
    #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(text.utf8), file: "bad.json") }
    do {
      _ = try JSONValue.parse(Data(text.utf8), file: "bad.json")
    } catch let e as JSONParseError {
      #expect(e.file == "bad.json" && e.line == 3)
      #expect(e.description.hasPrefix("bad.json:3: "))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }
}
