import Expressions
import MultiPrecision
import Verification

/// `expression`: any expression of the shared language over the sweep axes and
/// the quantities defined above it in the file,
/// `args = { expression = "2*pi^2*nu/sinh(pi^2*nu)" }`, evaluated in interval
/// arithmetic with outward rounding: a rigorous enclosure when every quantity
/// it reads is rigorous.
public struct ExpressionProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "expression" }
  public var summary: String {
    "an expression over the sweep axes, in interval arithmetic (rigorous): args = { expression = \"...\" }"
  }
  public static let arguments: [ProviderParameter] = [
    .init("expression", .text, "over the sweep axes and the quantities defined above it")
  ]
  public static var readsSweepAxes: Bool { false }
  public var quantities: [String] { ["the expression's value, an interval enclosure"] }

  public static func check(_ p: ExperimentParameters, sweepAxes: [String]) throws(ProviderError) {
    _ = try Self.parse(p.arguments, key: "expression", variables: Set(sweepAxes))
  }

  /// Parses and checks an expression argument, mapping its error to the argument and column.
  static func parse(
    _ arguments: ProviderArguments, key: String, variables: Set<String>
  ) throws(ProviderError) -> Expression {
    let text = try arguments.string(key)
    do {
      let e = try Expression.parse(text)
      let kind = try e.validate(variables: variables)
      guard kind == .number else {
        throw ProviderError(argument: key, column: 1, message: "expected a number, found a truth value")
      }
      return e
    } catch let error as ExpressionError {
      throw ProviderError(argument: key, column: error.column ?? 1, message: "in `\(text)`: \(error.message)")
    } catch let error as ProviderError {
      throw error
    } catch {
      throw ProviderError(argument: key, message: "\(error)")
    }
  }

  /// The numeric sweep coordinates as interval variables.
  static func variables(_ point: SweepPoint, precision: Int) -> [String: MPInterval] {
    var out: [String: MPInterval] = [:]
    for (k, v) in point.coordinates {
      if let d = v.decimal, let x = MPInterval(decimal: d, precision: precision) { out[k] = x }
    }
    return out
  }

  public func compute(
    _ quantity: SingleQuantity, method: NoMethod, _ p: ExperimentParameters, precision: Int,
    earlier: [String: Quantity]
  ) throws -> Quantity {
    let arguments = p.arguments, point = try p.sweepPoint()
    let e = try Self.parse(arguments, key: "expression", variables: Set(point.coordinates.keys).union(earlier.keys))
    var variables = Self.variables(point, precision: precision)
    var rigorous = true
    for name in e.variables {
      if let q = earlier[name] { variables[name] = q.interval; rigorous = rigorous && q.rigorous }
    }
    let x = try e.evaluate(as: MPInterval.self, variables: variables, precision: precision)
    var q = try Quantity(x, rigorous: rigorous)
    q.metadata["method"] = "interval arithmetic"
    return q
  }
}
