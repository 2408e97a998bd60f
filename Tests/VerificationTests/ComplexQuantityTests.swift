import Foundation
import Testing

@testable import Verification

/// Complex quantities of the `integral` provider in claims: re, im, abs hold (certified: the
/// complex integrand is enclosed on Arb balls) or fail as the closed form says; a complex
/// quantity compared bare is an error.
@Suite struct ComplexQuantityTests {
  /// q = ∫₀¹ e^{iπx} dx = 2i/π: Re q = 0, Im q = 2/π.
  let body = """
    [quantities.q]
    provider = "integral"
    args = { integrand = "exp(i*pi*x)", from = "0", to = "1" }
    """

  @Test(arguments: [
    ("abs(q - 2*i/pi) <= 1e-20", Verdict.certified),
    ("abs(im(q) - 2/pi) <= 1e-20 and abs(re(q)) <= 1e-20", Verdict.certified),
    ("abs(q - 2/pi) <= 1e-20", Verdict.fail),  // the real 2/π, not 2i/π
    ("im(q) < 0", Verdict.fail),
  ])
  func claimsOnAComplexIntegral(claim: String, expected: Verdict) async throws {
    let s = try spec(theoremText(claim: claim, body: body, extra: "precision = 128"))
    let r = try await runSpecs([s])
    #expect(r.theorems[0].verdict == expected, "\(claim): \(r.theorems[0].groups.map(\.outcome))")
  }

  @Test func bareComplexQuantityIsAnError() async throws {
    let s = try spec(theoremText(claim: "q <= 1", body: body, extra: "precision = 128"))
    let r = try await runSpecs([s])
    #expect(r.theorems[0].verdict == .error)
  }

  @Test func contourIntegralOfTheProvider() async throws {
    // ∮ dz/z² = 0 and ∮ dz/z = 2πi on the unit circle (path argument, symbolic z′).
    let s = try spec(
      theoremText(
        claim: "abs(c - 2*pi*i) <= 1e-20 and abs(d) <= 1e-20",
        body: """
          [quantities.c]
          provider = "integral"
          args = { integrand = "1/z", path = "exp(2*pi*i*t)", from = "0", to = "1" }

          [quantities.d]
          provider = "integral"
          args = { integrand = "1/z^2 + 3", path = "exp(2*pi*i*t)", from = "0", to = "1" }
          """, extra: "precision = 128"))
    let r = try await runSpecs([s])
    // Both path integrals are rigorous enclosures (the certified engine along the path), so the
    // claim is certified, not only passed.
    #expect(r.theorems[0].verdict == .certified, "\(r.theorems[0].groups.map(\.outcome))")
    // Its violated twin (2πi replaced by 2πi + 10⁻¹⁵) fails.
    let twin = try spec(
      theoremText(
        claim: "abs(c - (2*pi*i + 1e-15)) <= 1e-20",
        body: """
          [quantities.c]
          provider = "integral"
          args = { integrand = "1/z", path = "exp(2*pi*i*t)", from = "0", to = "1" }
          """, extra: "precision = 128"))
    #expect(try await runSpecs([twin]).theorems[0].verdict == .fail)
  }
}
