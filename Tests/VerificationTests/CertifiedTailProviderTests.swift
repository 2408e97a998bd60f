import BallArithmetic
import Expressions
import MultiPrecision
import Testing

@testable import NumericProviders
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
      as: ArbBall.self, variables: ["nu": ArbBall(decimal: "0.5", precision: 512)!], precision: 512)
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
        as: ArbBall.self, variables: ["nu": ArbBall(decimal: "0.5", precision: 256)!], precision: 256)
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
    #expect(
      (s.value - MPFloat.withPrecision(128) { MPFloat.pi } / 2).magnitude <= MPFloat("1e-30")!, "sin x/x: \(s.value)")
  }

  /// Complex integrands: F[sech²] over ℝ with the kernel e^(−2πiνx) (real: the imaginary part
  /// encloses 0), e^(−x² + ix) over ℝ = √π e^(−1/4); |·| of a complex value is left to the estimate.
  @Test func complexIntegrands() throws {
    let fd = try integral([("integrand", "sech(x)^2 * exp(-2*pi*i*nu*x)"), ("from", "-inf"), ("to", "inf")])
    #expect(fd.rigorous, "\(fd.metadata)")
    try expectContains(fd, "2*pi^2*nu/sinh(pi^2*nu)", "F[sech^2]")
    let im = try #require(fd.imaginary)
    #expect(im.lower <= 0 && 0 <= im.upper && (im.upper - im.lower) < MPFloat("1e-30")!)
    let g = try integral([("integrand", "exp(-x^2 + i*x)"), ("from", "-inf"), ("to", "inf")])
    #expect(g.rigorous)
    try expectContains(g, "sqrt(pi)*exp(-1/4)", "exp(-x^2 + ix)")
    let a = try integral([("integrand", "abs(exp(i*x))*exp(-x^2)"), ("from", "-inf"), ("to", "inf")])
    #expect(!a.rigorous)
  }

  /// The derived majorants bound the integrands: |f(x)| ≤ M(x) at points x ≥ T (balls), and
  /// integrands without a rule, or that do not decay, get none.
  @Test func derivedMajorantsBoundTheIntegrands() throws {
    let p = 128
    let values = ["nu": AcbBall(decimal: "0.5", precision: p)!]
    let decaying = [
      "exp(-x^2)", "x*exp(-x^2)*cos(3*x)", "2*sech(x)^2", "tanh(x) - 1", "1 - tanh(2*x)", "1/(1+x^2)",
      "(1+x^2)^(-3/2)*x", "x^4*exp(-x)", "csch(x)^2*x", "erfc(x)", "exp(-x)/(2+cos(x))", "sqrt(x)*exp(-x/3)",
      "sech(x)^2*exp(-2*pi*i*nu*x)", "1/cosh(x)",
    ]
    for text in decaying {
      let e = try Expression.parse(text)
      for (t, reflected) in [(MPFloat(2, precision: p), false), (MPFloat(5, precision: p), false)] {
        let m = try #require(
          IntegrandMajorant.derive(e, variable: "x", values: values, from: t, reflected: reflected, precision: p),
          "\(text): no majorant")
        // (x⁴e^(−x) has a Grönwall tail only from T > 4, as the truncation search finds.)
        #expect(m.tailBound(from: 8 * t) != nil, "\(text): no tail bound from \(m)")
        for factor in ["1", "1.5", "2", "4", "10", "30"] {
          let x = AcbBall(t, precision: p) * AcbBall(decimal: factor, precision: p)!
          var vars = values
          vars["x"] = x
          // |f| at 2048 bits (tanh x − 1 needs e^(−2x) far below 2^(−p)); a violation is |f| > M for
          // certain (equality, as for e^(−x²) itself, is allowed).
          let wide = vars.mapValues { $0 + AcbBall(0, precision: 2048) }
          let f = AcbBall.modulus(try e.evaluate(as: AcbBall.self, variables: wide, precision: 2048))
          let bound = m.terms.reduce(AcbBall(0, precision: p)) { $0 + $1.value(at: x) }
          let ok = f.realBall.lower <= bound.realBall.upper
          #expect(ok, "\(text) at x = \(x): |f| = \(f) > M = \(bound)")
        }
      }
    }
    // No majorant: no rule (log), not decaying (1/x is not integrable; tanh x − 1 on (−∞, −T]), or
    // rules for real arguments only.
    // cos(ix) = cosh x is not bounded by 1, tanh(u) − 1 has no small bound for complex u.
    for (text, reflected) in [
      ("exp(-x)*log(1+x)", false), ("sin(x)/x", false), ("tanh(x) - 1", true), ("cos(i*x)*exp(-x)", false),
      ("(tanh(x + i) - 1)*exp(-x/2)", false), ("exp(-x)/exp(i*x)", false),
    ] {
      let e = try Expression.parse(text)
      let t = MPFloat(2, precision: p)
      let m = IntegrandMajorant.derive(e, variable: "x", values: values, from: t, reflected: reflected, precision: p)
      #expect(m?.tailBound(from: t) == nil, "\(text): \(m.map(\.description) ?? "")")
    }
  }
}
