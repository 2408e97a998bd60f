import Foundation
import JSONCodec
import TestSupport
import Testing

/// Inputs of the network-json fuzz target (Tests/Fuzz/network-json/regressions/) that
/// crashed the JSON parser, each with the error it now gives.
@Suite struct FuzzRegressionTests {
  /// 16 000 `[`: the recursive parser overflowed the stack (a debug build crashed with
  /// SIGSEGV); nesting is now capped at 512 levels.
  @Test func deeplyNestedJSON() throws {
    let data = try Data(contentsOf: PackagePaths.url("Tests/Fuzz/network-json/regressions/deep-nesting.json"))
    let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(data, file: "deep.json") }
    #expect(error?.description == "deep.json:1: arrays and objects nested deeper than 512 levels")
    // The cap is not the limit of what is read: 512 levels parse, 513 do not.
    let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(throws: Never.self) { try JSONValue.parse(Data(deepest.utf8), file: "ok.json") }
    let beyond = "[" + deepest + "]"
    #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(beyond.utf8), file: "deep.json") }
  }
}
