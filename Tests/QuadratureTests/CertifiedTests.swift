import BallArithmetic
import Expressions
import Foundation
import MultiPrecision
import Quadrature
import TestSupport
import Testing

/// The closed-form integrands of `closedFormCases` in the expression language,
/// evaluated on Arb balls for the certified path (by case name).
let ballIntegrands: [String: String] = [
  "x^3-3x^2 on [-2,4]": "x^3 - 3*x^2",
  "5x+7 on [0,1]": "5*x + 7",
  "x^10 on [0,1]": "x^10",
  "exp on [0,1]": "exp(x)",
  "sin on [0,3]": "sin(x)",
  "1/(1+x^2) on [-1,1]": "1/(1 + x^2)",
  "Runge 1/(1+25x^2)": "1/(1 + 25*x^2)",
  "exp(-x^2)cos5x on [-1,1]": "exp(-x^2)*cos(5*x)",
  "exp(-x^2) on [0,2]": "exp(-x^2)",
  "t log(1+t)": "x*log1p(x)",
  "t^2 atan t": "x^2*atan(x)",
  "atan(sqrt(x^2+2))/(sqrt(x^2+2)(x^2+1))": "atan(sqrt(x^2 + 2))/(sqrt(x^2 + 2)*(x^2 + 1))",
  "atan x/(x(x^2+1))": "atan(x)/(x*(x^2 + 1))",
  "e^t cos t on [0,pi/2] (t = pi u/2)": "exp(pi*x/2)*cos(pi*x/2)*pi/2",
  "1/sqrt(x) on [0,1]": "1/sqrt(x)",
  "x^(-1/3) on [0,1]": "1/cbrt(x)",
  "log x on [0,1]": "log(x)",
  "sqrt(t) log t": "sqrt(x)*log(x)",
  "sqrt(1-t^2) on [0,1]": "sqrt(1 - x^2)",
  "2 sqrt(1-x^2) on [-1,1]": "2*sqrt(1 - x^2)",
  "log^2 x/(x^2+x+1)": "log(x)^2/(x^2 + x + 1)",
  "log x log(1-x) (distance form)": "log(x)*log(1 - x)",
  "log cos t on [0,pi/2] (t = pi u/2, distance form)": "log(cos(pi*x/2))*pi/2",
  "log^2 cos t on [0,pi/2] (distance form)": "log(cos(pi*x/2))^2*pi/2",
  "x^2/sin^2 x on [0,pi/2] (x = pi u/2)": "(pi*x/2)^2/sin(pi*x/2)^2*pi/2",
  "|x| on [-1,1], break 0": "abs(x)",
  "relu(x) e^x on [-1,2], break 0": "max(x, 0)*exp(x)",
  "|x-1/2| cos(2 pi 3 x), break 1/2": "abs(x - 0.5)*cos(6*pi*x)",
  "exp(-x^2) on R": "exp(-x^2)",
  "exp(-x^2/2) on R": "exp(-x^2/2)",
  "1/(1+x^2) on R": "1/(1 + x^2)",
  "sech x on R": "sech(x)",
  "exp x on (-inf,-1]": "exp(x)",
  "x/sinh x on [0,inf)": "x/sinh(x)",
  "x^4 e^-x on [0,inf)": "x^4*exp(-x)",
  "e^-x/sqrt x on [0,inf)": "exp(-x)/sqrt(x)",
  "log^2 x/(1+x^2) on [0,inf)": "log(x)^2/(1 + x^2)",
  "(1+x^2)/(1+x^4) on [0,inf)": "(1 + x^2)/(1 + x^4)",
  "log x/cosh^2 x on [0,inf)": "log(x)/cosh(x)^2",
  "log(1+x^3)/(1-x+x^2) on [0,inf)": "log1p(x^3)/(1 - x + x^2)",
  "x^2/sqrt(e^x-1) on [0,inf)": "x^2/sqrt(expm1(x))",
  "x e^-x sqrt(1-e^-2x) on [0,inf)": "x*exp(-x)*sqrt(-expm1(-2*x))",
]

/// Cases whose integrand is holomorphic on a neighbourhood of the closed finite
/// interval (or of each piece between declared break points): the certified path
/// must certify them, at every precision.
let mustCertify: Set<String> = [
  "x^3-3x^2 on [-2,4]", "5x+7 on [0,1]", "x^10 on [0,1]", "exp on [0,1]", "sin on [0,3]",
  "1/(1+x^2) on [-1,1]", "Runge 1/(1+25x^2)", "exp(-x^2)cos5x on [-1,1]", "exp(-x^2) on [0,2]",
  "t log(1+t)", "t^2 atan t", "atan(sqrt(x^2+2))/(sqrt(x^2+2)(x^2+1))", "e^t cos t on [0,pi/2] (t = pi u/2)",
  "|x| on [-1,1], break 0", "relu(x) e^x on [-1,2], break 0", "|x-1/2| cos(2 pi 3 x), break 1/2",
]

/// The integrand `text` in x as a ball function at `precision` bits.
func ballFunction(_ text: String, precision: Int) throws -> (AcbBall) -> AcbBall {
  let compiled = try CompiledExpression<AcbBall>(
    try Expressions.Expression.parse(text), variables: ["x"],
    precision: precision)
  return { x in (try? compiled.evaluate([x])) ?? AcbBall.indeterminate(precision: precision, analytic: x.analytic) }
}

struct CertifyingOutcome {
  var result: CertifyingQuadratureResult
  var exact: MPFloat
  var uncertainty: MPFloat
  var tolerance: MPFloat
  var trueError: MPFloat
  /// The enclosure, if any, contains the closed form (up to its stated uncertainty).
  var enclosureHolds: Bool {
    guard let e = result.enclosure else { return true }
    return e.contains(exact) || (e.midpoint - exact).magnitude <= e.radius + uncertainty
  }
  var withinTolerance: Bool { trueError <= tolerance * exact.magnitude + uncertainty }
}

func runCertifying(_ c: ClosedFormCase, _ text: String, digits: Int) throws -> CertifyingOutcome {
  let working = MPFloat.bits(forDigits: digits + 6)
  let exact = c.exactValue(digits: digits, working: working)
  let ball = try ballFunction(text, precision: working)
  return MPFloat.withPrecision(working) {
    let tol = MPFloat("1e-\(digits)")!
    let breaks = c.breakPoints.map { bound($0) }
    let r =
      c.usesDistance
      ? Integration.integrateCertifying(
        ball, estimateDistanceForm: c.f, from: bound(c.a), to: bound(c.b),
        tolerance: tol, breakPoints: breaks)
      : Integration.integrateCertifying(
        ball, estimate: { x in c.f(x, x) }, from: bound(c.a), to: bound(c.b),
        tolerance: tol, breakPoints: breaks)
    let err = (r.value.rounded(toPrecision: exact.precision) - exact).magnitude
    return CertifyingOutcome(
      result: r, exact: exact, uncertainty: MPFloat(c.exactUncertainty)!, tolerance: tol,
      trueError: err)
  }
}

@Suite("Certified integrals")
struct CertifiedTests {
  /// Every closed form at 15, 50 and 100 digits: an enclosure contains the closed
  /// form; a result that claims the tolerance meets it; analytic cases are certified.
  @Test(arguments: closedFormCases, [15, 50, 100])
  func closedFormEnclosures(_ c: ClosedFormCase, digits: Int) throws {
    let text = try #require(ballIntegrands[c.name], "no ball integrand for \(c.name)")
    let o = try runCertifying(c, text, digits: digits)
    #expect(o.enclosureHolds, "\(c.name) at \(digits): \(o.result) excludes \(o.exact.decimalString(digits: 30))")
    #expect(o.result.meetsTolerance, "\(c.name) at \(digits): \(o.result)")
    if o.result.meetsTolerance {
      #expect(
        o.withinTolerance,
        "\(c.name) at \(digits): true error \(o.trueError.decimalString(digits: 3)), \(o.result)")
    }
    if mustCertify.contains(c.name) {
      #expect(o.result.certified?.status == .certified, "\(c.name) at \(digits) not certified: \(o.result)")
    }
  }

  /// An integrand wrong in the 90th digit is told apart from the closed form at 100 digits.
  @Test func perturbationInThe90thDigitIsDetected() throws {
    let prec = MPFloat.bits(forDigits: 106)
    let ball = try ballFunction("exp(x) + 1e-90", precision: prec)
    let r = MPFloat.withPrecision(prec) {
      Integration.certifiedIntegral(ball, from: MPFloat(0), to: MPFloat(1), tolerance: MPFloat("1e-100")!)
    }
    #expect(r.status == .certified, "\(r)")
    let (unperturbed, perturbed) = MPFloat.withPrecision(prec + 64) {
      (MPFloat.exp(MPFloat(1)) - 1, MPFloat.exp(MPFloat(1)) - 1 + MPFloat("1e-90")!)
    }
    #expect(!r.interval.contains(unperturbed), "\(r) contains e − 1")
    #expect(r.interval.contains(perturbed), "\(r) excludes e − 1 + 1e-90")
  }

  /// Kinks and jumps not declared as break points: a rigorous result never
  /// excludes the truth (it is found by bisection where the ellipse bound fails).
  @Test(arguments: [15, 50, 100])
  func undeclaredKinksNeverCertifyWrongly(digits: Int) throws {
    let prec = MPFloat.bits(forDigits: digits + 6)
    let cases: [(String, String, String, () -> MPFloat)] = [
      ("abs(x)", "-1", "1", { MPFloat(1) }),
      ("max(x, 0)*exp(x)", "-1", "2", { MPFloat.exp(MPFloat(2)) + 1 }),
      ("abs(x - 1/3)", "0", "1", { MPFloat(5) / 18 }),
      ("floor(3*x)", "0", "1", { MPFloat(1) }),
      (
        "max(x, 0)*exp(x)", "-0.7", "1.3",
        {
          // ∫₀^1.3 x eˣ dx = (1.3 − 1)e^1.3 + 1
          MPFloat("0.3")! * MPFloat.exp(MPFloat("1.3")!) + 1
        }
      ),
    ]
    for (text, a, b, exact) in cases {
      let ball = try ballFunction(text, precision: prec)
      let truth = MPFloat.withPrecision(prec + 64, exact)
      let r = MPFloat.withPrecision(prec) {
        Integration.certifiedIntegral(ball, from: MPFloat(a)!, to: MPFloat(b)!, tolerance: MPFloat("1e-\(digits)")!)
      }
      #expect(r.isRigorous, "\(text) at \(digits): \(r)")
      if r.isRigorous { #expect(r.interval.contains(truth), "\(text) at \(digits): \(r) excludes \(truth)") }
    }
  }

  /// Random integrals, precisions and tolerances (in the manner of Arb's
  /// acb_calc/test/t-integrate.c): enclosures contain the closed form and a
  /// certified result has the relative accuracy asked for.
  @Test func randomPrecisions() throws {
    var rng = SplitMix64(seed: 20261130)
    func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * Double(rng.next() >> 11) * 0x1p-53 }
    for i in 0..<40 {
      let prec = 32 + Int(rng.next() % 400)
      let goal = Int(Double(prec) * uniform(0.3, 0.9))
      let c = uniform(0.1, 12).rounded(toPlaces: 3), a = uniform(-3, 2).rounded(toPlaces: 3)
      let b = (a + uniform(0.01, 4)).rounded(toPlaces: 3)
      let k = Int(rng.next() % 4)
      let (text, exact): (String, (MPFloat, MPFloat, MPFloat) -> MPFloat) = [
        ("exp(\(c)*x)", { a, b, c in (MPFloat.exp(c * b) - MPFloat.exp(c * a)) / c }),
        ("1/(1 + (\(c)*x)^2)", { a, b, c in (MPFloat.atan(c * b) - MPFloat.atan(c * a)) / c }),
        ("cos(\(c)*x)", { a, b, c in (MPFloat.sin(c * b) - MPFloat.sin(c * a)) / c }),
        (
          "x^7 - \(c)*x^2",
          { a, b, c in
            (MPFloat.pow(b, 8) - MPFloat.pow(a, 8)) / 8 - c * (b * b * b - a * a * a) / 3
          }
        ),
      ][k]
      let ball = try ballFunction(text, precision: prec)
      let (lo, hi) = MPFloat.withPrecision(prec) { (MPFloat("\(a)")!, MPFloat("\(b)")!) }
      let truth = MPFloat.withPrecision(prec + 80) {
        exact(lo.rounded(toPrecision: prec + 80), hi.rounded(toPrecision: prec + 80), MPFloat("\(c)")!)
      }
      let tol = MPFloat.withPrecision(64) { MPFloat.pow(MPFloat(2), -goal) }
      let r = MPFloat.withPrecision(prec) {
        Integration.certifiedIntegral(ball, from: lo, to: hi, tolerance: tol)
      }
      let label = "#\(i) \(text) on [\(a), \(b)] at \(prec) bits, goal 2^-\(goal)"
      #expect(r.isRigorous, "\(label): \(r)")
      #expect(r.interval.contains(truth), "\(label): \(r) excludes \(truth.decimalString(digits: 30))")
      if r.status == .certified {
        let rel = (r.enclosure.realMidpoint(precision: prec + 80) - truth).magnitude / truth.magnitude
        #expect(rel <= tol, "\(label): relative error \(rel.decimalString(digits: 3))")
      }
    }
  }

  /// The magnitude-below-error case: ∫₋₁₀¹⁰ sin x + e^(−200−x²) dx = √π e^(−200)·erf(10).
  @Test func magnitudeBelowAbsoluteError() throws {
    let prec = MPFloat.bits(forDigits: 106)
    let r = MPFloat.withPrecision(prec) {
      Integration.integrate(
        { (x: MPFloat) in MPFloat.sin(x) + MPFloat.exp(-200 - x * x) },
        from: MPFloat(-10), to: MPFloat(10), tolerance: MPFloat("1e-100")!)
    }
    let truth = MPFloat.withPrecision(prec + 64) {
      MPFloat.sqrt(MPFloat.pi) * MPFloat.exp(MPFloat(-200)) * MPFloat.erf(MPFloat(10))
    }
    // Either it meets the tolerance, or it must not say converged.
    let err = (r.value - truth).magnitude
    if r.isConverged { #expect(err <= MPFloat("1e-100")! * truth, "\(r)") }
    #expect(err <= r.errorEstimate, "\(r): true error \(err.decimalString(digits: 3))")
    let ball = try ballFunction("sin(x) + exp(-200 - x^2)", precision: prec)
    let c = MPFloat.withPrecision(prec) {
      Integration.certifiedIntegral(ball, from: MPFloat(-10), to: MPFloat(10), tolerance: MPFloat("1e-100")!)
    }
    #expect(c.isRigorous && c.interval.contains(truth), "\(c)")
    #expect(c.status != .certified || c.interval.width <= MPFloat("1e-99")! * truth, "\(c)")
  }
}

extension Double {
  fileprivate func rounded(toPlaces p: Int) -> Double {
    let s = Foundation.pow(10, Double(p)); return (self * s).rounded() / s
  }
}

/// Integrands with interior kinks, jumps or near-singular oscillation, without
/// break-point hints (references: Fixtures/hard_integrals.py, mpmath at 90 digits
/// with every kink, jump and phase zero as a break point).
@Suite("Hard integrals without hints")
struct HardWithoutHintsTests {
  static let references: [String: String] = {
    let url = PackagePaths.url("Tests/QuadratureTests/Fixtures/hard_integrals.txt")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    var out: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 2 { out[String(parts[0])] = String(parts[1]) }
    }
    return out
  }()

  static let cases: [(name: String, text: String, a: String, b: String)] = [
    ("abs_quartic_exp", "abs(x^4 - 3*x^3 + x - 0.5)*exp(x)", "-1", "3"),
    ("sawtooth_maxsincos", "(x - floor(x))*max(sin(x), cos(x))", "0", "8"),
    ("sin_near_singular", "sin((0.001 + (1 - x)^2)^(-3/2))", "0", "1"),
    // Kinks and jumps of the piecewise functions, found through their `analytic` flags.
    ("sign_heaviside_gauss", "(sign(x - 0.3) + heaviside(x - 0.7))*exp(-x^2)", "-1", "2"),
    ("relu_frac", "relu(sin(3*x))*frac(2*x)", "0", "3"),
    ("abs_round", "abs(x - 1/3)*round(2*x)", "0", "2"),
  ]

  /// At 50 digits the certified path finds the trouble spots by bisection: its
  /// enclosure contains the reference and carries at least 45 digits.
  @Test(arguments: 0..<6)
  func certifiedFindsTheTroubleSpots(_ i: Int) throws {
    let c = Self.cases[i]
    let ref = try #require(Self.references[c.name], "missing reference \(c.name)")
    let prec = MPFloat.bits(forDigits: 56)
    let ball = try ballFunction(c.text, precision: prec)
    let r = MPFloat.withPrecision(prec) {
      Integration.certifiedIntegral(ball, from: MPFloat(c.a)!, to: MPFloat(c.b)!, tolerance: MPFloat("1e-50")!)
    }
    let truth = MPFloat(ref, precision: 240)!
    #expect(r.isRigorous, "\(c.name): \(r)")
    // The reference has 70 digits: allow its last-digit uncertainty.
    let slack = truth.magnitude * MPFloat("1e-68")!
    let e = r.interval
    #expect((e.midpoint - truth).magnitude <= e.radius + slack, "\(c.name): \(r) excludes \(ref)")
    let digits = -MPFloat.log10(e.radius / truth.magnitude)
    #expect(digits >= MPFloat(45), "\(c.name): \(digits.decimalString(digits: 3)) certified digits, \(r)")
  }

  /// The MPFR estimate without hints: converged only with the digits asked for.
  @Test(arguments: 0..<6)
  func estimateNeverClaimsMoreThanItKnows(_ i: Int) throws {
    let c = Self.cases[i]
    let ref = try #require(Self.references[c.name])
    let prec = MPFloat.bits(forDigits: 56)
    let compiled = try CompiledExpression<MPFloat>(
      try Expressions.Expression.parse(c.text), variables: ["x"],
      precision: prec)
    let r = MPFloat.withPrecision(prec) {
      Integration.integrate(
        { x in (try? compiled.evaluate([x])) ?? MPFloat.nan }, from: MPFloat(c.a)!,
        to: MPFloat(c.b)!, tolerance: MPFloat("1e-50")!)
    }
    let truth = MPFloat(ref, precision: 240)!
    let err = (r.value.rounded(toPrecision: 240) - truth).magnitude
    if r.isConverged {
      #expect(
        err <= MPFloat("1e-50")! * truth.magnitude,
        "\(c.name): converged with error \(err.decimalString(digits: 3)), \(r)")
    }
  }
}
