import Foundation
import TOMLKit
import Testing

@testable import Verification

/// Inputs of the theorems and shards fuzz targets (Tests/Fuzz/<target>/regressions/)
/// that crashed a reader, each with the error it now gives; and the guard's own checks.
@Suite struct FuzzRegressionTests {
  /// The input as the fuzz target reads it (invalid UTF-8 replaced by U+FFFD).
  static func input(_ target: String, _ name: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fuzz/\(target)/regressions/\(name)"))
    return String(decoding: data, as: UTF8.self)
  }

  /// Shards (as the shards fuzz target splits its input at NUL bytes) one of which holds a
  /// heatmap figure with a row of 6 values under 5 column labels: `report --merge` trapped
  /// drawing it (index out of range in `SVGPlot.heatmap`). Reading the shard now refuses
  /// the figure, naming its shape. Twin: a well-formed heatmap reads back unchanged.
  @Test func heatmapOfTheWrongShapeInAShard() throws {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fuzz/shards/regressions/heatmap-shape.json"))
    var messages: [String] = []
    for (i, part) in data.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).enumerated() {
      do { _ = try RunResult.readShard(Data(part), file: "shard\(i + 1).json") } catch { messages.append("\(error)") }
    }
    #expect(messages.contains { $0.contains("values must be 2 rows × 5 columns") }, "\(messages)")
    let good = AttachedFigure.heatmap(
      title: "t", xLabel: "x", yLabel: "y", xValues: ["0", "1"], yValues: ["a"], values: [[1, .nan]], valueLabel: "v")
    let back = try JSONDecoder().decode(AttachedFigure.self, from: try JSONEncoder().encode(good))
    #expect(back == good)
  }

  /// A theorem file whose table header starts with `?` (`[?uantities.y]`, line 23):
  /// toml++ 3.4.0 failed an assertion and aborted the process (the fuzzer's input, as found).
  @Test func tableHeaderStartingWithAnInvalidCharacter() throws {
    let text = try Self.input("theorems", "header-key-question-mark.toml")
    let error = #expect(throws: TheoremFileError.self) { try spec(text, file: "fuzz.toml") }
    #expect(
      error?.description
        == "fuzz.toml:23:2: error: TOML syntax: expected a bare key or a quoted key in the table header, found '?'")
    let triple = try Self.input("theorems", "header-triple-bracket.toml")
    let error2 = #expect(throws: TheoremFileError.self) { try spec(triple, file: "fuzz.toml") }
    #expect(
      error2?.description
        == "fuzz.toml:1:3: error: TOML syntax: expected a bare key or a quoted key in the table header, found '['")
  }

  /// Range tables whose size was not checked before it was used: (to − from)/step beyond
  /// Int.max or infinite (a trap converting it to Int), an integer range whose last
  /// value overflows Int (a trap), and `count = 10¹⁰` (a 240 GB allocation).
  @Test(arguments: [
    (
      "range-step-huge.toml",
      "fuzz.toml:21: error in key `sweep.k`: a range from 0 to 1e+300 by 1 must have 1 to 1000000 values"
    ),
    ("range-to-inf.toml", "fuzz.toml:21: error in key `sweep.k.to`: a range needs finite `from` and `to`"),
    (
      "range-count-huge.toml",
      "fuzz.toml:21: error in key `sweep.k.count`: a range has at most 1000000 values, found 10000000000"
    ),
  ])
  func rangeSizes(_ name: String, _ message: String) throws {
    let text = try Self.input("theorems", name)
    let error = #expect(throws: TheoremFileError.self) { try spec(text, file: "fuzz.toml") }
    #expect(error?.description == message)
  }

  /// An integer range near Int.max: values past it are listed from Double instead of trapping.
  @Test func integerRangeNearIntMax() throws {
    let text = try Self.input("theorems", "range-int-overflow.toml")
    let loaded = try spec(text, file: "fuzz.toml")
    let k = try #require(loaded.sweep.axes.first { $0.name == "k" })
    #expect(k.values.count == 11)
    #expect(k.values.first == .number("9.22337203685e+18"))
  }

  /// A `[` alone on its line (the fuzzer's second find: line 8 of a mutated theorem file).
  @Test func tableHeaderBrokenByALineBreak() throws {
    let text = try Self.input("theorems", "header-line-break.toml")
    let error = #expect(throws: TheoremFileError.self) { try spec(text, file: "fuzz.toml") }
    #expect(
      error?.description
        == "fuzz.toml:8:2: error: TOML syntax: expected a bare key or a quoted key in the table header, "
        + "found the end of the line")
  }

  /// A `}` where an array expects a value (`"relu",} "relu"` in a mutated theorem file,
  /// line 15): toml++ 3.4.0 failed its assertion in `parse_value()` (the fuzzer's third find).
  @Test func braceWhereAnArrayExpectsAValue() throws {
    let text = try Self.input("theorems", "array-brace.toml")
    let error = #expect(throws: TheoremFileError.self) { try spec(text, file: "fuzz.toml") }
    #expect(
      error?.description == "fuzz.toml:15:10: error: TOML syntax: expected a value or ']' in the array, found '}'")
  }

  /// The fuzzer's fourth find: a file that starts with a byte-order mark, then a header
  /// `[` followed by invalid UTF-8 (read as U+FFFD); the guard did not skip the mark.
  @Test func headerAfterAByteOrderMark() throws {
    let text = try Self.input("theorems", "bom-header.toml")
    let error = #expect(throws: TheoremFileError.self) { try spec(text, file: "fuzz.toml") }
    #expect(error?.line == 3 && error?.message.hasPrefix("TOML syntax: expected a bare key") == true)
  }

  /// The guard flags no file of Theorems/ or of the fixtures, and none of these valid
  /// layouts where a line starts with `[` that is not a header.
  @Test func guardAcceptsValidFiles() throws {
    var files: [String] = []
    for dir in ["Theorems", "Tests/Fixtures/reports/input", "Tests/Fixtures/verify-cli"] {
      let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/" + dir)
      files += names.filter { $0.hasSuffix(".toml") }.map { packageRoot + "/" + dir + "/" + $0 }
    }
    #expect(files.count > 100)
    for f in files {
      let text = try String(contentsOfFile: f, encoding: .utf8)
      #expect(TOMLHeaderCheck.badHeader(in: text) == nil, "\(f)")
    }
    let valid = [
      "x = [\n  [{a = 1}],\n  [ {b = 2} ],\n]\n[t]\ny = 1\n",
      "x = [ {a = [1, 2]}, {b = {c = 3}} ]\ny = {a = [], b = {}}\n",
      "s = \"\"\"\n[?not a header\n\"\"\"\n['quoted key']\n",
      "s = '''\n[[=\n'''\n[\"a\".b]\n[[ c ]]\n",
      "s = \"a \\\" [?\"\n# [? a comment\n[ a . 'b' ] # [?\n",
      "\"k=[\" = 1\n[a-b_0]\n",
      "s = \"\"\"x\"\"\"\"\"\n[ok]\n",
    ]
    for text in valid {
      #expect(TOMLHeaderCheck.badHeader(in: text) == nil, "\(text)")
      #expect(throws: Never.self) { _ = try TOMLTable(string: text) }
    }
  }

  /// The twin: headers toml++ 3.4.0 cannot parse are flagged at their line and column.
  @Test func guardFlagsBadHeaders() {
    let bad: [(String, Int, Int, Character)] = [
      ("[?a]\n", 1, 2, "?"),
      ("a = 1\n\n  [[ =\n", 3, 6, "="),
      ("x = [\n 1,\n]\n[[[1]]]\n", 4, 3, "["),
      ("s = '''\n'''\n[{]\n", 3, 2, "{"),
      ("a = 1\n[\nb = 2\n", 2, 2, "\n"),
      ("x = [1, }]\n", 1, 9, "}"),
      ("\u{FEFF}# c\n[ \u{FFFD}]\n", 2, 3, "\u{FFFD}"),
      ("x = [ # c\n }]\n", 2, 2, "}"),
      ("x = [[1], {a = [}]}]\n", 1, 17, "}"),
    ]
    for (text, line, column, found) in bad {
      let r = TOMLHeaderCheck.badHeader(in: text)
      #expect(r?.line == line && r?.column == column && r?.found == found, "\(text): \(String(describing: r))")
    }
  }
}
