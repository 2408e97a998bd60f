import Expressions
import MultiPrecision
import NumericProviders
import Testing

@testable import Verification

/// `IntegralBound`, the one reader of integral bounds (`fprinciple integrate`
/// and the `integral` provider): what it reads as ±∞, as an expression, and rejects.
@Suite struct IntegralBoundTests {
  @Test(arguments: ["inf", "+inf", "infinity", "+infinity", "∞", "+∞", " Inf ", "INFINITY"])
  func positiveInfinity(text: String) throws {
    let b = try IntegralBound(parsing: text)
    let v = try b.value(precision: 64)
    #expect(v.isInfinite && v > 0, "\(text)")
  }

  @Test(arguments: ["-inf", "-infinity", "-∞", "−∞", "−inf", " -INF"])
  func negativeInfinity(text: String) throws {
    let v = try IntegralBound(parsing: text).value(precision: 64)
    #expect(v.isInfinite && v < 0, "\(text)")
  }

  @Test func expressionsOverVariables() throws {
    #expect(try IntegralBound(parsing: "1e-3").value(precision: 64) == MPFloat("1e-3", precision: 64)!)
    let b = try IntegralBound(parsing: "2*a + 1")
    #expect(b.expression != nil)
    #expect(try b.value(variables: ["a": MPFloat(3, precision: 64)], precision: 64) == MPFloat(7, precision: 64))
    let half = try IntegralBound(parsing: "pi/2").value(precision: 128)
    #expect(half == MPFloat.withPrecision(128) { MPFloat.pi / 2 })
  }

  /// Words that only start like `inf` are not ∞ (the provider used to read any
  /// text starting with "inf" as +∞): they are expressions with an unknown name.
  @Test(arguments: ["info", "inflation", "-infx", "infinite"])
  func wordsThatAreNotInfinity(text: String) throws {
    let b = try IntegralBound(parsing: text)
    #expect(b.expression != nil, "\(text)")
    #expect(throws: ExpressionError.self) { try b.value(precision: 64) }
  }

  @Test(arguments: ["", "1 +", "∞∞", "--inf", "inf inf"])
  func malformedTextIsASyntaxError(text: String) {
    #expect(throws: ExpressionError.self) { _ = try IntegralBound(parsing: text).value(precision: 64) }
  }

  /// The `integral` provider reads its bounds with the same reader: ∞ spelt any
  /// way integrates to the closed form, a word that starts like `inf` is refused
  /// when the file is loaded.
  @Test func integralProviderReadsBoundsTheSameWay() async throws {
    func body(_ to: String) -> String {
      """
      [quantities.v]
      provider = "integral"
      args = { integrand = "exp(-x)", from = 0, to = "\(to)" }
      """
    }
    for to in ["∞", "inf", "+infinity"] {
      let s = try spec(theoremText(claim: "abs(v - 1) <= 1e-20", body: body(to), extra: "precision = 128"))
      let r = try await runSpecs([s])
      // Certified: ∫₀^T e^(−x) on balls plus the tail of the derived majorant e^(−x).
      #expect(r.theorems[0].verdict == .certified, "to = \(to): \(r.theorems[0].groups.map(\.outcome))")
    }
    #expect(throws: TheoremFileError.self) { try spec(theoremText(claim: "v <= 2", body: body("inflation"))) }
  }
}
