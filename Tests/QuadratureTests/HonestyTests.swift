import MultiPrecision
import Quadrature
import RealModule
import Testing

/// Known-hard integrals (mpmath's test suite marks them xfail; Arb's
/// `acb_calc` reference balls): the integrator must either meet the
/// value within its own error estimate or say that it failed.
let hardCases: [ClosedFormCase] = [
  {
    // π/2 is rounded to b at the working precision: with s = π/2 − b,
    // ∫₀^b √tan x dx = π/√2 − 2√s + O(s^(5/2)) (for b < π/2; b > π/2 makes
    // f NaN near b, which must be reported as nonFinite).
    var c = ClosedFormCase(
      "sqrt(tan x) on [0,pi/2]", "0",
      "1.5707963267948966192313216916397514420985846996875529104874722961539082031431044993140174126710585339",
      exact: { M.pi / M.sqrt(M(2)) }
    ) { x in M.sqrt(M.tan(x)) }
    c.exactForBounds = { _, b in
      let s = M.pi / 2 - b
      return s > 0 ? M.pi / M.sqrt(M(2)) - 2 * M.sqrt(s) : M.nan
    }
    return c
  }(),
  .init("atan x/(x sqrt(1-x^2))", "0", "1", exact: { M.pi * M.log(1 + M.sqrt(M(2))) / 2 }) { x in
    x.isZero ? M(1) : M.atan(x) / (x * M.sqrt(1 - x * x))
  },
  .init("log(1+x^2)/x^2", "0", "1", exact: { M.pi / 2 - M.log(M(2)) }) { x in
    x.isZero ? M(1) : M.log(1 + x * x) / (x * x)
  },
  .init("x^2/((1+x^4) sqrt(1-x^4))", "0", "1", exact: { M.pi / 8 }) { x in
    x * x / ((1 + M.pow(x, 4)) * M.sqrt(1 - M.pow(x, 4)))
  },
  .init(
    "x sin(1/x) (Arb ball ±1e-40)", "0", "1", exactUncertainty: "1e-40",
    exact: { M("0.3785300171241613098817352756283519095343133")! }
  ) { x in x.isZero ? M(0) : x * M.sin(1 / x) },
  .init(
    "Rump sin(x+e^x) on [0,8] (Arb ball ±5.97e-96)", "0", "8", exactUncertainty: "5.97e-96",
    exact: { M("0.34740017265724780787951215911989312465745625486618018388549271361674821398878532052968510434660")! }
  ) { x in
    M.sin(x + M.exp(x))
  },
]

@Suite("Honest failure")
struct HonestyTests {
  @Test(arguments: hardCases, [15, 50, 100])
  func hardCaseIsHonest(_ c: ClosedFormCase, digits: Int) {
    let o = runLadder(c, digits: digits)
    if case .nonFinite = o.result.status { return }  // honest: f failed at a reported point
    // "converged" claims the tolerance: it must hold. Otherwise the reported
    // error must cover the true one.
    if o.result.isConverged {
      #expect(
        o.withinTolerance, "\(c.name) at \(digits): true error \(o.trueError.decimalString(digits: 3)), \(o.result)")
    } else {
      #expect(
        o.honest, "\(c.name) at \(digits): true error \(o.trueError.decimalString(digits: 3)) > estimate, \(o.result)")
    }
  }

  @Test func divergentIntegralsDoNotConverge() {
    MPFloat.withPrecision(200) {
      let r1 = Integration.integrate({ (x: M) in 1 / x }, from: M(0), to: M(1))
      #expect(!r1.isConverged, "∫₀¹ 1/x: \(r1)")
      let r2 = Integration.integrate({ (x: M) in 1 / (1 + x) }, from: M(0), to: .infinity)
      #expect(!r2.isConverged, "∫₀^∞ 1/(1+x): \(r2)")
      let r3 = Integration.integrate({ (x: M) in 1 / (x * x) }, from: M(0), to: M(1))
      #expect(!r3.isConverged, "∫₀¹ 1/x²: \(r3)")
    }
    let d1 = Integration.integrate({ (x: Double) in 1 / x }, from: 0, to: 1)
    #expect(!d1.isConverged, "Double ∫₀¹ 1/x: \(d1)")
    let d2 = Integration.integrate({ (x: Double) in 1 / (x * x) }, from: -1, to: 1, breakPoints: [0])
    #expect(!d2.isConverged, "Double ∫ 1/x² over [−1, 1]: \(d2)")
  }

  @Test func nonFiniteIntegrandReportsThePoint() {
    let r = Integration.integrate({ (x: Double) in (x - 0.5).squareRoot() }, from: 0, to: 1)
    guard case .nonFinite(let x) = r.status else {
      Issue.record("expected nonFinite, got \(r)"); return
    }
    #expect(x < 0.5 && r.value.isNaN && r.errorEstimate == .infinity)
    let m = MPFloat.withPrecision(300) {
      Integration.integrate({ (x: M) in x > M(2) ? M.nan : M(1) }, from: M(0), to: .infinity)
    }
    guard case .nonFinite(let y) = m.status else { Issue.record("expected nonFinite, got \(m)"); return }
    #expect(y > M(2))
  }
}
