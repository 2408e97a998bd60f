import Foundation
import NeuralNetworks
import TestSupport
import Testing

/// Inputs of the network-json fuzz target (Tests/Fuzz/network-json/regressions/) that
/// crashed the network reader, each with the error it now gives.
@Suite struct FuzzRegressionTests {
  /// 16 000 `[` as a network file: the JSON parser under `Network.parseJSON` overflowed
  /// the stack (SIGSEGV in a debug build); now a `DataFileError` naming the file.
  @Test func deeplyNestedNetworkJSON() throws {
    let data = try Data(contentsOf: PackagePaths.url("Tests/Fuzz/network-json/regressions/deep-nesting.json"))
    let error = #expect(throws: DataFileError.self) { try Network<Double>.parseJSON(data, file: "deep.json") }
    #expect(error?.description == "deep.json:1: arrays and objects nested deeper than 512 levels")
  }
}
