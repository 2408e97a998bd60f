import BallArithmetic
import Expressions
import MultiPrecision
import NumericProviders
import Testing

@testable import Verification

/// The `integral` provider on infinite ranges and Fourier kernels: certified (a rigorous
/// quantity containing the closed form) where the suite derives a majorant of the integrand,
/// the estimate otherwise (`certified = no (…)`), never a rigorous quantity that misses the truth.
@Suite struct CertifiedTailProviderTests {
  static let point = SweepPoint(index: 0, coordinates: ["nu": .number("0.5")], seed: 0)

  func integral(_ entries: [(String, String)], precision: Int = 128) throws -> Quantity {
    let args = ProviderArguments(entries.map { (key: $0.0, value: ArgumentValue.string($0.1)) })
    return try IntegralProvider().compute(args, at: Self.point, precision: precision)
  }

  func expectContains(_ q: Quantity, _ closed: String, _ what: String) throws {
    let c = try Expression.parse(closed).evaluate(
      as: MPInterval.self, variables: ["nu": MPInterval(decimal: "0.5", precision: 512)!], precision: 512)
    #expect(q.lower <= c.lower && c.upper <= q.upper, "\(what): [\(q.lower), \(q.upper)] misses \(c)")
  }

  @Test(arguments: [128, 340])
  func certifiedOnInfiniteRanges(precision: Int) throws {
    let cases: [([(String, String)], String)] = [
      ([("integrand", "exp(-x^2)"), ("from", "-inf"), ("to", "inf")], "sqrt(pi)"),
      ([("integrand", "1/(1+x^2)"), ("from", "-inf"), ("to", "inf")], "pi"),
      ([("integrand", "exp(x)"), ("from", "-inf"), ("to", "-1")], "exp(-1)"),
      ([("integrand", "x*exp(-x^2)"), ("from", "0"), ("to", "inf")], "1/2"),
      ([("integrand", "2*sech(x)^2"), ("kernel", "cos"), ("omega", "2*pi*nu")], "2*pi^2*nu/sinh(pi^2*nu)"),
      ([("integrand", "tanh(x) - 1"), ("kernel", "sin"), ("omega", "2")], "-1/2 + pi/2/sinh(pi)"),
    ]
    for (args, closed) in cases {
      let q = try integral(args, precision: precision)
      #expect(q.rigorous, "\(args): \(q.metadata)")
      #expect(q.metadata["certified"] == "yes")
      try expectContains(q, closed, "\(args)")
      // A closed form perturbed by 10⁻²⁵ relative is excluded.
      let off = try Expression.parse("(\(closed))*(1 + 1e-25)").evaluate(
        as: MPInterval.self, variables: ["nu": MPInterval(decimal: "0.5", precision: 256)!], precision: 256)
      #expect(!(q.lower <= off.lower && off.upper <= q.upper), "\(args): perturbed value not excluded")
    }
  }

  /// No majorant is derived (log has no rule; sin(x)/x is not absolutely integrable): the
  /// estimate as before, saying why, never a rigorous quantity.
  @Test func estimateWhereNoMajorantIsDerived() throws {
    let q = try integral([("integrand", "exp(-x)*log(1+x)"), ("from", "0"), ("to", "inf")])
    #expect(!q.rigorous)
    #expect(q.metadata["certified"]?.hasPrefix("no (no rigorous tail bound") == true, "\(q.metadata)")
    let s = try integral([("integrand", "1/x"), ("kernel", "sin"), ("omega", "1")])
    #expect(!s.rigorous)
    #expect((s.value - MPFloat.withPrecision(128) { MPFloat.pi } / 2).magnitude <= MPFloat("1e-30")!, "sin x/x: \(s.value)")
  }
}
