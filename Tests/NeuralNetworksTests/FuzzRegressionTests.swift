import Foundation
import NeuralNetworks
import Testing

/// Inputs of the network-json and csv fuzz targets (Tests/Fuzz/<target>/regressions/)
/// that crashed a reader, each with the error it now gives.
@Suite struct FuzzRegressionTests {
  static func input(_ target: String, _ name: String) throws -> Data {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fuzz/\(target)/regressions/\(name)")
    return try Data(contentsOf: url)
  }

  /// 16 000 `[`: the recursive JSON parser overflowed the stack (a debug build
  /// crashed with SIGSEGV); nesting is now capped at 512 levels.
  @Test func deeplyNestedNetworkJSON() throws {
    let data = try Self.input("network-json", "deep-nesting.json")
    let error = #expect(throws: DataFileError.self) { try Network<Double>.parseJSON(data, file: "deep.json") }
    #expect(error?.description == "deep.json:1: arrays and objects nested deeper than 512 levels")
    // The cap is not the limit of what is read: 512 levels parse.
    let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(throws: Never.self) { try JSONValue.parse(Data(deepest.utf8), file: "ok.json") }
    let beyond = "[" + deepest + "]"
    #expect(throws: DataFileError.self) { try JSONValue.parse(Data(beyond.utf8), file: "deep.json") }
  }
}
