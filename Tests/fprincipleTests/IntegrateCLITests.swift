import Foundation
import MultiPrecision
import Testing

/// `fprinciple integrate`: the JSON shape, values against closed forms
/// evaluated with MPFloat, statuses, and input errors.
@Suite(.serialized) struct IntegrateCLITests {
  func object(_ arguments: [String]) throws -> [String: Any] {
    let r = try CLI.run(arguments)
    #expect(r.status == 0, "\(arguments): \(r.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
  }

  func expectClose(_ o: [String: Any], _ exact: MPFloat, digits: Int) throws {
    // The estimate's shape, or the certified engine's (`certified`, `radius`, status `certified`).
    if o["certified"] as? Bool == true {
      #expect(Set(o.keys) == ["value", "error", "evaluations", "status", "certified", "radius"])
      #expect(o["status"] as? String == "certified" && o["radius"] as? String == o["error"] as? String)
    } else {
      #expect(Set(o.keys) == ["value", "error", "evaluations", "status"])
      #expect(o["status"] as? String == "converged")
    }
    let value = try #require(MPFloat((o["value"] as? String) ?? "", precision: 400))
    let error = try #require(MPFloat((o["error"] as? String) ?? "", precision: 400))
    #expect((o["evaluations"] as? Int ?? 0) > 0)
    let tol = MPFloat("1e-\(digits - 1)", precision: 400)! * exact.magnitude
    #expect((value - exact).magnitude <= tol)
    #expect(error <= tol)
  }

  @Test func gaussianOverTheRealLine() throws {
    let o = try object(["integrate", "exp(-x^2)", "--from", "-inf", "--to", "inf", "--digits", "60", "--json"])
    try expectClose(o, MPFloat.withPrecision(400) { MPFloat.pi.squareRoot() }, digits: 60)
  }

  @Test func endpointSingularWithMethodAndVariable() throws {
    let o = try object([
      "integrate", "sqrt(t)*log(t)", "--var", "t", "--from", "0", "--to", "1",
      "--method", "tanh-sinh", "--digits", "40", "--json",
    ])
    try expectClose(o, MPFloat.withPrecision(400) { MPFloat(-4) / 9 }, digits: 40)
  }

  @Test func kinkWithBreakPoint() throws {
    let o = try object(["integrate", "abs(x - 1/3)", "--from", "-1", "--to", "1", "--break", "1/3", "--json"])
    // ∫_{−1}^{1} |x − 1/3| dx = (4/3)²/2 + (2/3)²/2 = 10/9.
    try expectClose(o, MPFloat.withPrecision(400) { MPFloat(10) / 9 }, digits: 30)
  }

  /// Kinks and jumps visible in the expression need no --break: the certified engine
  /// bisects where the integrand reports it is not holomorphic, and says `certified`.
  @Test func kinksWithoutBreakPointsAreCertified() throws {
    let o = try object(["integrate", "abs(x - 1/3)*round(2*x)", "--from", "0", "--to", "2", "--digits", "50", "--json"])
    #expect(o["certified"] as? Bool == true)
    // Closed form (pieces at 1/4, 1/3, 3/4, 5/4, 7/4; round ties away from 0): 583/144.
    try expectClose(o, MPFloat.withPrecision(400) { MPFloat(583) / 144 }, digits: 50)
    // The violated twin: the same integrand with its jump moved (round → floor) is a different value.
    let twin = try object([
      "integrate", "abs(x - 1/3)*floor(2*x)", "--from", "0", "--to", "2", "--digits", "50", "--json",
    ])
    let v = try #require(MPFloat((twin["value"] as? String) ?? "", precision: 400))
    #expect((v - MPFloat(583, precision: 400) / 144).magnitude > MPFloat("0.1")!)
  }

  @Test func oscillatory() throws {
    let o = try object([
      "integrate", "1/(1+x^2)", "--from", "0", "--to", "inf", "--oscillatory", "cos",
      "--omega", "2", "--digits", "30", "--json",
    ])
    // ∫₀^∞ cos(ωx)/(1 + x²) dx = (π/2) e^(−ω).
    try expectClose(o, MPFloat.withPrecision(400) { MPFloat.pi / 2 * MPFloat.exp(MPFloat(-2)) }, digits: 30)
  }

  /// A result that did not converge is printed with its status (JSON on standard
  /// output) and exits 1, the reason on standard error.
  @Test func statusesAreReported() throws {
    func failed(_ arguments: [String]) throws -> [String: Any] {
      let r = try CLI.run(arguments)
      #expect(r.status == 1, "\(arguments)")
      #expect(r.stderr.contains("did not converge"))
      return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }
    let nonFinite = try failed(["integrate", "sqrt(x - 1/2)", "--from", "0", "--to", "1", "--json"])
    #expect((nonFinite["status"] as? String)?.hasPrefix("nonFinite(at: ") == true)
    #expect(nonFinite["value"] as? String == "nan")
    let divergent = try failed(["integrate", "1/x", "--from", "0", "--to", "1", "--digits", "15", "--json"])
    #expect(divergent["status"] as? String == "maxLevelReached")
    // The complex path: a divergent imaginary part is not an answer either.
    let complexDivergent = try failed(["integrate", "1 + i/x", "--from", "0", "--to", "1", "--digits", "15", "--json"])
    #expect(complexDivergent["imag"] != nil)
    #expect(complexDivergent["status"] as? String == "maxLevelReached")
  }

  @Test func badInputIsRejected() throws {
    let unknown = try CLI.run(["integrate", "foo(x)", "--from", "0", "--to", "1"])
    #expect(unknown.status == 1 && unknown.stderr.contains("unknown function"))
    let method = try CLI.run(["integrate", "x", "--from", "0", "--to", "1", "--method", "simpson"])
    #expect(method.status != 0 && method.stderr.contains("--method"))
    let osc = try CLI.run(["integrate", "x", "--from", "1", "--to", "inf", "--oscillatory", "sin", "--omega", "1"])
    #expect(osc.status == 1 && osc.stderr.contains("--from 0 --to inf"))
  }
}
