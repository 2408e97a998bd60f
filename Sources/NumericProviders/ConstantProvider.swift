import MultiPrecision
import Verification

/// `constant`: a fixed number, `args = { value = 0.25 }` (or a decimal string).
/// Rigorous: the enclosure of the decimal at the working precision.
public struct ConstantProvider: QuantityProvider {
  public init() {}
  public var name: String { "constant" }
  public var summary: String { "a fixed number: args = { value = 1.5 }" }
  public var parameters: [ProviderParameter] { [.init("value", "a number, or a decimal string")] }
  public var quantities: [String] { ["the number, enclosed at the working precision"] }
  public func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    try arguments.check(allowed: ["value"])
    let v = try arguments.numberText("value")
    guard MPFloat(v, precision: 64) != nil else {
      throw ProviderError(argument: "value", message: "`\(v)` is not a number")
    }
  }
  public func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    var q = Quantity.enclosing(decimal: try arguments.numberText("value"), precision: precision)
    q.metadata["method"] = "constant"
    return q
  }
}
