import MultiPrecision
import Quadrature
import RealModule
import Testing

/// `.auto` on half-lines and ℝ tries the single-exponential rules
/// (x = a + exp(t − e^(−t)), x = sinh t) first and hands over to exp-sinh /
/// sinh-sinh when f has not decayed within their node tables.
@Suite("Exp-decay and sinh-decay rules in .auto")
struct DecayRuleTests {
  /// Exponentially decaying integrands: the decay rules are chosen (fewer
  /// points than the explicit DE methods) and stay honest.
  @Test(arguments: [15, 50, 100])
  func decayRulesAreChosenAndHonest(_ digits: Int) {
    MPFloat.withPrecision(MPFloat.bits(forDigits: digits + 6)) {
      let tol = M("1e-\(digits)")!
      let xOverSinh: (M) -> M = { $0.isZero ? M(1) : $0 / M.sinh($0) }
      let auto = Integration.integrate(xOverSinh, from: M(0), to: .infinity, tolerance: tol)
      let es = Integration.integrate(
        xOverSinh, from: M(0), to: .infinity, tolerance: tol, rule: DoubleExponentialRule.expSinh)
      let exact = M.pi * M.pi / 4
      #expect(auto.isConverged && es.isConverged)
      #expect(auto.evaluations < es.evaluations, "exp-decay \(auto.evaluations) vs exp-sinh \(es.evaluations)")
      #expect((auto.value - exact).magnitude <= auto.errorEstimate)
      #expect((auto.value - exact).magnitude <= tol * exact)

      let sech: (M) -> M = { 1 / M.cosh($0) }
      let r = Integration.integrate(sech, from: -.infinity, to: .infinity, tolerance: tol)
      let ss = Integration.integrate(
        sech, from: -.infinity, to: .infinity, tolerance: tol, rule: DoubleExponentialRule.sinhSinh)
      #expect(r.isConverged && ss.isConverged)
      #expect(r.evaluations < ss.evaluations, "sinh-decay \(r.evaluations) vs sinh-sinh \(ss.evaluations)")
      #expect((r.value - M.pi).magnitude <= r.errorEstimate)
      #expect((r.value - M.pi).magnitude <= tol * M.pi)
    }
  }

  /// e^(−x/50) has not decayed below ε at the end of the exp-decay table
  /// (x = 8p·log 2): the hand-over to exp-sinh must still give ∫ = 50, and
  /// its count includes the points the first rule spent.
  @Test(arguments: [15, 50, 100])
  func slowDecayHandsOverToExpSinh(_ digits: Int) {
    MPFloat.withPrecision(MPFloat.bits(forDigits: digits + 6)) {
      let tol = M("1e-\(digits)")!
      let f: (M) -> M = { M.exp(-$0 / 50) }
      let auto = Integration.integrate(f, from: M(0), to: .infinity, tolerance: tol)
      let es = Integration.integrate(f, from: M(0), to: .infinity, tolerance: tol, rule: DoubleExponentialRule.expSinh)
      #expect(auto.isConverged)
      #expect(auto.evaluations > es.evaluations, "the abandoned exp-decay points are counted")
      #expect((auto.value - 50).magnitude <= auto.errorEstimate)
      #expect((auto.value - 50).magnitude <= tol * 50)
      // Same on (−∞, 0] and, for ℝ, with sinh-sinh.
      let left = Integration.integrate({ M.exp($0 / 50) }, from: -.infinity, to: M(0), tolerance: tol)
      #expect(left.isConverged && (left.value - 50).magnitude <= Swift.min(left.errorEstimate, tol * 50))
      let line = Integration.integrate({ 1 / (1 + $0 * $0) }, from: -.infinity, to: .infinity, tolerance: tol)
      #expect(line.isConverged && (line.value - M.pi).magnitude <= Swift.min(line.errorEstimate, tol * M.pi))
    }
  }
}
