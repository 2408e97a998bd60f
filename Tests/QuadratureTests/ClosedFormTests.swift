import MultiPrecision
import Quadrature
import RealModule
import Testing

typealias M = MPFloat

private func d(_ s: String) -> M { M(s)! }
private let ln2: @Sendable () -> M = { M.log(M(2)) }

/// Closed-form integrals (mpmath's and Boost's quadrature test sets, and
/// classical forms).
let closedFormCases: [ClosedFormCase] = [
  // Polynomials and smooth finite integrals.
  .init("x^3-3x^2 on [-2,4]", "-2", "4", exact: { M(-12) }) { x in x * x * x - 3 * x * x },
  .init("5x+7 on [0,1]", "0", "1", exact: { d("9.5") }) { x in 5 * x + 7 },
  .init("x^10 on [0,1]", "0", "1", exact: { M(1) / 11 }) { x in M.pow(x, 10) },
  .init("exp on [0,1]", "0", "1", exact: { M.exp(M(1)) - 1 }) { x in M.exp(x) },
  .init("sin on [0,3]", "0", "3", exact: { 1 - M.cos(M(3)) }) { x in M.sin(x) },
  .init("1/(1+x^2) on [-1,1]", "-1", "1", exact: { M.pi / 2 }) { x in 1 / (1 + x * x) },
  .init(
    "Runge 1/(1+25x^2)", "-1", "1",
    exact: { 2 * M.atan(M(5)) / 5 }
  ) { x in
    1 / (1 + 25 * x * x)
  },
  // A 100-digit reference value (mpmath at 115 digits; no real closed form): its last digit is
  // uncertain by 5e-101, which the ladder adds to the estimate.
  .init(
    "exp(-x^2)cos5x on [-1,1]", "-1", "1", exactUncertainty: "5e-101",
    exact: {
      d("-0.13791334407401509196168996360202874069274643378906987576817854249509037099467687290234904008931256628")
    }
  ) { x in
    M.exp(-x * x) * M.cos(5 * x)
  },
  .init("exp(-x^2) on [0,2]", "0", "2", exact: { M.sqrt(M.pi) / 2 * M.erf(M(2)) }) { x in M.exp(-x * x) },
  .init("t log(1+t)", "0", "1", exact: { d("0.25") }) { t in t * M.log(onePlus: t) },
  .init("t^2 atan t", "0", "1", exact: { (M.pi - 2 + 2 * ln2()) / 12 }) { t in t * t * M.atan(t) },
  .init("atan(sqrt(x^2+2))/(sqrt(x^2+2)(x^2+1))", "0", "1", exact: { 5 * M.pi * M.pi / 96 }) { x in
    let s = M.sqrt(x * x + 2); return M.atan(s) / (s * (x * x + 1))
  },
  .init("atan x/(x(x^2+1))", "0", "1", exact: { M.pi * ln2() / 8 + M.catalan / 2 }) { x in
    x.isZero ? M(1) : M.atan(x) / (x * (x * x + 1))
  },
  .init("e^t cos t on [0,pi/2] (t = pi u/2)", "0", "1", exact: { (M.exp(M.pi / 2) - 1) / 2 }) { u in
    let t = M.pi * u / 2; return M.exp(t) * M.cos(t) * M.pi / 2
  },
  // Endpoint singularities.
  .init("1/sqrt(x) on [0,1]", "0", "1", exact: { M(2) }) { x in 1 / M.sqrt(x) },
  .init("x^(-1/3) on [0,1]", "0", "1", exact: { d("1.5") }) { x in 1 / M.cbrt(x) },
  .init("log x on [0,1]", "0", "1", exact: { M(-1) }) { x in M.log(x) },
  .init("sqrt(t) log t", "0", "1", exact: { M(-4) / 9 }) { t in M.sqrt(t) * M.log(t) },
  .init("sqrt(1-t^2) on [0,1]", "0", "1", exact: { M.pi / 4 }) { t in M.sqrt(1 - t * t) },
  .init("2 sqrt(1-x^2) on [-1,1]", "-1", "1", exact: { M.pi }) { x in 2 * M.sqrt(1 - x * x) },
  .init("log^2 x/(x^2+x+1)", "0", "1", exact: { 8 * M.pow(M.pi, 3) / (81 * M.sqrt(M(3))) }) { x in
    let l = M.log(x); return l * l / (x * x + x + 1)
  },
  .init(
    "log x log(1-x) (distance form)", "0", "1",
    exact: { 2 - M.pi * M.pi / 6 },
    distance: { x, delta in
      let l1 = delta < 0 ? M.log(-delta) : M.log(onePlus: -x)
      return M.log(x) * l1
    }),
  .init(
    "log cos t on [0,pi/2] (t = pi u/2, distance form)", "0", "1",
    exact: { -M.pi * ln2() / 2 },
    distance: { u, delta in
      // cos(πu/2) = sin(π(1 − u)/2), with 1 − u = −δ exactly near u = 1.
      let c = delta < 0 ? M.sin(-M.pi * delta / 2) : M.cos(M.pi * u / 2)
      return M.log(c) * M.pi / 2
    }),
  .init(
    "log^2 cos t on [0,pi/2] (distance form)", "0", "1",
    exact: {
      let l = ln2(); return M.pi / 2 * (l * l + M.pi * M.pi / 12)
    },
    distance: { u, delta in
      let c = delta < 0 ? M.sin(-M.pi * delta / 2) : M.cos(M.pi * u / 2)
      let l = M.log(c); return l * l * M.pi / 2
    }),
  .init(
    "x^2/sin^2 x on [0,pi/2] (x = pi u/2)", "0", "1",
    exact: { M.pi * ln2() }
  ) { u in
    if u.isZero { return M.pi / 2 }
    let x = M.pi * u / 2; let s = M.sin(x); return x * x / (s * s) * M.pi / 2
  },
  // Kinks with break points.
  .init("|x| on [-1,1], break 0", "-1", "1", breakPoints: ["0"], exact: { M(1) }) { x in x.magnitude },
  .init("relu(x) e^x on [-1,2], break 0", "-1", "2", breakPoints: ["0"], exact: { M.exp(M(2)) + 1 }) { x in
    x > 0 ? x * M.exp(x) : M(0)
  },
  .init(
    "|x-1/2| cos(2 pi 3 x), break 1/2", "0", "1", breakPoints: ["0.5"],
    exact: { M(2) / (2 * M.pi * M.pi * 9) }
  ) { x in (x - d("0.5")).magnitude * M.cos(6 * M.pi * x) },
  // Infinite ranges.
  .init("exp(-x^2) on R", "-inf", "inf", exact: { M.sqrt(M.pi) }) { x in M.exp(-x * x) },
  .init("exp(-x^2/2) on R", "-inf", "inf", exact: { M.sqrt(2 * M.pi) }) { x in M.exp(-x * x / 2) },
  .init("1/(1+x^2) on R", "-inf", "inf", exact: { M.pi }) { x in 1 / (1 + x * x) },
  .init("sech x on R", "-inf", "inf", exact: { M.pi }) { x in 1 / M.cosh(x) },
  .init("exp x on (-inf,-1]", "-inf", "-1", exact: { 1 / M.exp(M(1)) }) { x in M.exp(x) },
  .init(
    "x/sinh x on [0,inf)", "0", "inf",
    exact: { M.pi * M.pi / 4 }
  ) { x in
    x.isZero ? M(1) : x / M.sinh(x)
  },
  .init("x^4 e^-x on [0,inf)", "0", "inf", exact: { M(24) }) { x in M.pow(x, 4) * M.exp(-x) },
  .init("e^-x/sqrt x on [0,inf)", "0", "inf", exact: { M.sqrt(M.pi) }) { x in M.exp(-x) / M.sqrt(x) },
  .init("log^2 x/(1+x^2) on [0,inf)", "0", "inf", exact: { M.pow(M.pi, 3) / 8 }) { x in
    let l = M.log(x); return l * l / (1 + x * x)
  },
  .init("(1+x^2)/(1+x^4) on [0,inf)", "0", "inf", exact: { M.pi / M.sqrt(M(2)) }) { x in
    (1 + x * x) / (1 + M.pow(x, 4))
  },
  .init("log x/cosh^2 x on [0,inf)", "0", "inf", exact: { M.log(M.pi) - 2 * ln2() - M.euler }) { x in
    let c = M.cosh(x); return M.log(x) / (c * c)
  },
  .init("log(1+x^3)/(1-x+x^2) on [0,inf)", "0", "inf", exact: { 2 * M.pi * M.log(M(3)) / M.sqrt(M(3)) }) { x in
    M.log(onePlus: x * x * x) / (1 - x + x * x)
  },
  .init(
    "x^2/sqrt(e^x-1) on [0,inf)", "0", "inf",
    exact: {
      let l = ln2(); return 4 * M.pi * (l * l + M.pi * M.pi / 12)
    }
  ) { x in
    x * x / M.sqrt(M.expMinusOne(x))
  },
  .init("x e^-x sqrt(1-e^-2x) on [0,inf)", "0", "inf", exact: { M.pi * (1 + 2 * ln2()) / 8 }) { x in
    x * M.exp(-x) * M.sqrt(-M.expMinusOne(-2 * x))
  },
]

@Suite("Closed forms at 15, 50 and 100 digits")
struct ClosedFormTests {
  @Test(arguments: closedFormCases, [15, 50, 100])
  func ladder(_ c: ClosedFormCase, digits: Int) {
    let o = runLadder(c, digits: digits)
    #expect(o.result.isConverged, "\(c.name) at \(digits): \(o.result)")
    #expect(
      o.honest,
      "\(c.name) at \(digits): true error \(o.trueError.decimalString(digits: 3)) > estimate \(o.result.errorEstimate.decimalString(digits: 3))"
    )
    #expect(o.withinTolerance, "\(c.name) at \(digits): true error \(o.trueError.decimalString(digits: 3))")
  }

  /// The acceptance check must be able to fail: a closed form off by 10^(−60)
  /// is rejected at 100 digits.
  @Test func violatedOracleIsRejected() {
    var wrong = closedFormCases[3]
    wrong.exact = { M.exp(M(1)) - 1 + M("1e-60")! }
    let o = runLadder(wrong, digits: 100)
    #expect(o.result.isConverged)
    #expect(!o.honest && !o.withinTolerance)
  }
}
