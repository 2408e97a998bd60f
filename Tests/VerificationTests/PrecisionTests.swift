import MultiPrecision
import NumericProviders
import Testing
import Verification

/// Precision travels one way: the precision a caller passes to a provider reaches
/// the quadrature (run at the task-local working precision the provider sets from
/// it) and the expression evaluation (compiled with it), whatever working
/// precision surrounds the call.
@Suite struct PrecisionTests {
  /// ∫₀^∞ exp(−x²/3) dx = √(3π)/2: the 1/3 is exact only at the expression's
  /// precision, the infinite range takes the (non-certified) quadrature path.
  static let arguments = ProviderArguments([
    (key: "integrand", value: .string("exp(-x^2/3)")), (key: "from", value: .number("0")),
    (key: "to", value: .string("inf")),
  ])
  static let point = SweepPoint(index: 0, coordinates: [:], seed: 0)
  static let exact = MPFloat.withPrecision(400) { MPFloat.sqrt(3 * MPFloat.pi) / 2 }

  static func integral(precision: Int, surroundedBy working: Int) throws -> Quantity {
    try MPFloat.withPrecision(working) {
      try IntegralProvider().compute(arguments, at: point, precision: precision)
    }
  }

  @Test func theCallersPrecisionReachesQuadratureAndExpressions() throws {
    // 320 bits asked inside a 64-bit working precision: ~96 digits.
    let q = try Self.integral(precision: 320, surroundedBy: 64)
    let width = (q.upper - q.lower).doubleValue
    let error = ((q.lower + q.upper) / 2 - Self.exact).magnitude.doubleValue
    #expect(width <= 1e-85, "width \(width)")
    #expect(error <= 1e-85, "error \(error)")
    #expect(q.lower.precision >= 320)
  }

  /// The violated twin: 64 bits asked inside a 320-bit working precision give no
  /// more than 64 bits (the surrounding precision is not used).
  @Test func theSurroundingPrecisionIsNotUsed() throws {
    let q = try Self.integral(precision: 64, surroundedBy: 320)
    let width = (q.upper - q.lower).doubleValue
    #expect(width >= 1e-25, "width \(width)")
  }
}
