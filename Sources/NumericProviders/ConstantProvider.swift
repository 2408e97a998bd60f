import MultiPrecision
import Verification

/// `constant`: a fixed number, `args = { value = 0.25 }` (or a decimal string).
/// Rigorous: the enclosure of the decimal at the working precision.
public struct ConstantProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "constant" }
  public var summary: String { "a fixed number: args = { value = 1.5 }" }
  public static let arguments: [ProviderParameter] = [.init("value", .text, "a number, or a decimal string")]
  public static var readsSweepAxes: Bool { false }
  public var quantities: [String] { ["the number, enclosed at the working precision"] }
  public static func check(_ p: ExperimentParameters, sweepAxes: [String]) throws(ProviderError) {
    let v = try p.arguments.numberText("value")
    guard MPFloat(v, precision: 64) != nil else {
      throw ProviderError(argument: "value", message: "`\(v)` is not a number")
    }
  }
  public func compute(
    _ quantity: SingleQuantity, method: NoMethod, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    var q = Quantity.enclosing(decimal: try p.arguments.numberText("value"), precision: precision)
    q.metadata["method"] = "constant"
    return q
  }
}
