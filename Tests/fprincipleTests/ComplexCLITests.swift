import Foundation
import MultiPrecision
import Testing

/// Complex values in `fprinciple eval` and `integrate`: `a + b i` output, the
/// JSON `imag` field, contour integrals along `--path`, and integrands that
/// start with a minus sign. Expected values are closed forms evaluated here in
/// MPFloat.
@Suite(.serialized) struct ComplexCLITests {
  func object(_ arguments: [String]) throws -> [String: Any] {
    let r = try CLI.run(arguments)
    #expect(r.status == 0, "\(arguments): \(r.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
  }

  func number(_ o: [String: Any], _ key: String) throws -> MPFloat {
    try #require(MPFloat((o[key] as? String) ?? "", precision: 300), "\(key) in \(o)")
  }

  @Test func gaussianWithAComplexPhase() throws {
    // ∫ exp(−x² + i x) dx = √π e^{−1/4} (the imaginary part vanishes by symmetry).
    let o = try object([
      "integrate", "exp(-x^2+i*x)", "--var", "x", "--from", "-inf", "--to", "inf",
      "--digits", "30", "--json",
    ])
    #expect(Set(o.keys) == ["value", "imag", "error", "evaluations", "status"])
    #expect(o["status"] as? String == "converged")
    let exact = MPFloat.withPrecision(300) { MPFloat.pi.squareRoot() * MPFloat.exp(MPFloat(-1) / 4) }
    #expect((try number(o, "value") - exact).magnitude < MPFloat("1e-29")!)
    #expect(try number(o, "imag").magnitude < MPFloat("1e-29")!)
    let text = try CLI.run(["integrate", "exp(-x^2+i*x)", "--from", "-inf", "--to", "inf"])
    #expect(text.status == 0 && text.stdout.split(separator: "\n").first?.hasSuffix(" i") == true, "\(text.stdout)")
  }

  @Test func residueAlongACircle() throws {
    // ∮ dz/z = 2πi on the unit circle z = e^{2πit}; the derivative is symbolic.
    let o = try object([
      "integrate", "1/z", "--path", "exp(2*pi*i*t)", "--from", "0", "--to", "1",
      "--digits", "20", "--json",
    ])
    #expect(o["status"] as? String == "converged")
    let twoPi = MPFloat.withPrecision(300) { 2 * MPFloat.pi }
    #expect((try number(o, "imag") - twoPi).magnitude < MPFloat("1e-19")!)
    #expect(try number(o, "value").magnitude < MPFloat("1e-19")!)
  }

  @Test func zetaAroundACircleWithAnExplicitDerivative() throws {
    // ∮ ζ(z)/(z − 2) dz around |z − 2| = 1/2 is 2πi ζ(2) = i π³/3 (Cauchy).
    let o = try object([
      "integrate", "zeta(z)/(z-2)", "--path", "2 + exp(2*pi*i*t)/2",
      "--dpath", "pi*i*exp(2*pi*i*t)", "--from", "0", "--to", "1", "--digits", "20", "--json",
    ])
    let exact = MPFloat.withPrecision(300) { MPFloat.pi * MPFloat.pi * MPFloat.pi / 3 }
    #expect((try number(o, "imag") - exact).magnitude < MPFloat("1e-18")!)
  }

  @Test func leadingMinusIsTheExpression() throws {
    // ∫₀¹ −log(x)/(1 + x) dx = π²/12.
    let o = try object(["integrate", "-log(x)/(1+x)", "--from", "0", "--to", "1", "--digits", "25", "--json"])
    let exact = MPFloat.withPrecision(300) { MPFloat.pi * MPFloat.pi / 12 }
    #expect((try number(o, "value") - exact).magnitude < MPFloat("1e-24")!)
    #expect(o["imag"] == nil)
  }

  @Test func evalPrintsComplexValues() throws {
    let o = try object(["eval", "gamma(1 + i*t)", "--set", "t=2.5", "--digits", "30", "--json"])
    // |Γ(1 + it)|² = πt / sinh(πt).
    let re = try number(o, "value"), im = try number(o, "imag")
    let modulus2 = MPFloat.withPrecision(300) { MPFloat.pi * MPFloat(2.5) / MPFloat.sinh(MPFloat.pi * MPFloat(2.5)) }
    #expect((re * re + im * im - modulus2).magnitude < MPFloat("1e-29")!)
    let text = try CLI.run(["eval", "sqrt(-4)", "--complex", "--digits", "10"])
    #expect(text.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0 + 2.000000000 i")
    let nan = try CLI.run(["eval", "sqrt(-4)"])
    #expect(nan.status == 1 && nan.stderr.contains("--complex"))
    let box = try CLI.run(["eval", "exp(i*pi/2)", "--interval", "--digits", "15"])
    #expect(box.status == 0 && box.stdout.contains("] i"), "\(box.stdout)")
  }

  /// A complex point value is printed only when the ball decides its digits (or is 0 to the
  /// working precision): J at order 10⁶ + ½ and argument 10⁶ stays a ball wider than its
  /// value at 8× the precision, and `eval --complex` says so (its midpoint, once printed,
  /// had no correct digit). Twin: x − x (a ball of radius 2^(−bits) around 0) prints 0.
  @Test func evalRefusesAComplexBallWithoutDigits() throws {
    let wide = try CLI.run(["eval", "besselj(1e6 + 0.5, 1e6)", "--complex", "--digits", "10"])
    #expect(
      wide.status == 1 && wide.stdout.isEmpty && wide.stderr.contains("--interval"), "\(wide.stdout)\(wide.stderr)")
    let zero = try CLI.run(["eval", "x - x", "--set", "x=0.1", "--complex", "--digits", "10"])
    #expect(zero.status == 0 && zero.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
  }

  @Test func helpListsTheFunctions() throws {
    let help = try CLI.run(["eval", "--help"])
    for name in [
      "lambertw", "besseli", "besselk", "heaviside", "relu", "frac", "sign", "conj", "arg", "imaginary unit",
    ] {
      #expect(help.stdout.contains(name), "\(name)")
    }
  }
}
