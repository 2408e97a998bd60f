import Foundation
import MultiPrecision
import Quadrature
import RealModule
import Testing

@Suite("Gauss rules, tensor-product and radial rules, Double")
struct RuleTests {
  /// An n-point Gauss rule integrates x^k exactly for k ≤ 2n − 1:
  /// Legendre ∫_{−1}^1 x^k = 2/(k+1) (k even); Hermite ∫ x^k e^(−x²) = Γ((k+1)/2);
  /// probabilists' ∫ x^k e^(−x²/2) = √(2π)(k−1)!!; Laguerre ∫₀^∞ x^k e^(−x) = k!.
  @Test(arguments: [15, 50, 100])
  func gaussRulesAreExactForPolynomials(_ digits: Int) {
    MPFloat.withPrecision(MPFloat.bits(forDigits: digits + 6)) {
      let tol = M("1e-\(digits)")!
      for n in [1, 2, 5, 12, 24] {
        for k in 0...(2 * n - 1) {
          let mono: (M) -> M = { x in M.pow(x, k) }
          let absMono: (M) -> M = { x in M.pow(x.magnitude, k) }
          let leg = GaussRule.legendre.apply(n, mono)
          let legExact = k % 2 == 1 ? M(0) : M(2) / M(k + 1)
          #expect((leg - legExact).magnitude <= tol * GaussRule.legendre.apply(n, absMono), "Legendre n=\(n) k=\(k)")
          let her = GaussRule.hermite.apply(n, mono)
          let herExact = k % 2 == 1 ? M(0) : M.gamma(M(k + 1) / 2)
          // Relative to Σ wᵢ|xᵢ|^k, which bounds the rounding of the sum.
          #expect((her - herExact).magnitude <= tol * GaussRule.hermite.apply(n, absMono), "Hermite n=\(n) k=\(k)")
          let prob = GaussRule.hermiteProbabilists.apply(n, mono)
          var dfact = M(1); var j = k - 1; while j > 1 { dfact *= M(j); j -= 2 }
          let probExact = k % 2 == 1 ? M(0) : M.sqrt(2 * M.pi) * dfact
          #expect(
            (prob - probExact).magnitude <= tol * GaussRule.hermiteProbabilists.apply(n, absMono),
            "Hermite prob n=\(n) k=\(k)")
          let lag = GaussRule.laguerre.apply(n, mono)
          let lagExact = M.gamma(M(k + 1))
          #expect((lag - lagExact).magnitude <= tol * lagExact, "Laguerre n=\(n) k=\(k)")
        }
      }
      // Not exact one degree higher (the rule is Gaussian, not better).
      let n = 5
      let legBeyond = GaussRule.legendre.apply(n) { (x: M) in M.pow(x, 2 * n) }
      #expect((legBeyond - M(2) / M(2 * n + 1)).magnitude > tol)
    }
  }

  @Test func cachedRulesAreSharedAcrossTasks() async {
    let reference = MPFloat.withPrecision(400) { GaussRule.legendre.nodes(33, as: M.self).nodes.map { $0.description } }
    await withTaskGroup(of: [String].self) { group in
      for _ in 0..<8 {
        group.addTask {
          MPFloat.withPrecision(400) { GaussRule.legendre.nodes(33, as: M.self).nodes.map { $0.description } }
        }
      }
      for await nodes in group { #expect(nodes == reference) }
    }
    let largeHermite = GaussRule.hermite.nodes(120, as: Double.self)
    #expect(largeHermite.nodes.count == 120)
    #expect(abs(largeHermite.weights.reduce(0, +) - Double.pi.squareRoot()) < 1e-13)
  }

  @Test(arguments: [15, 50, 100])
  func radialRules(_ digits: Int) {
    MPFloat.withPrecision(MPFloat.bits(forDigits: digits + 6)) {
      let tol = M("1e-\(digits)")!
      #expect((Integration.unitSphereArea(dimension: 3, as: M.self) - 4 * M.pi).magnitude <= tol)
      // ∫_{ℝ³} e^(−|x|²) dx = π^(3/2).
      let g = Integration.integrateRadial({ r in M.exp(-r * r) }, dimension: 3, tolerance: tol)
      let gExact = M.pow(M.pi, M(3) / 2)
      #expect(g.isConverged && (g.value - gExact).magnitude <= Swift.min(g.errorEstimate, tol * gExact), "\(g)")
      // ∫_{ℝ⁴} (1 + |x|²)^(−3) dx = 2π² · ∫₀^∞ r³/(1+r²)³ dr = 2π² · 1/4.
      let h = Integration.integrateRadial({ r in 1 / M.pow(1 + r * r, 3) }, dimension: 4, tolerance: tol)
      let hExact = M.pi * M.pi / 2
      #expect(h.isConverged && (h.value - hExact).magnitude <= Swift.min(h.errorEstimate, tol * hExact), "\(h)")
      // Unit ball volume in ℝ⁵: 8π²/15.
      let v = Integration.integrateRadial({ _ in M(1) }, dimension: 5, radius: M(1), tolerance: tol)
      let vExact = 8 * M.pi * M.pi / 15
      #expect(v.isConverged && (v.value - vExact).magnitude <= Swift.min(v.errorEstimate, tol * vExact), "\(v)")
    }
  }

  /// ∫∫_{[−1,1]²} 1/√(1 + x² + y²) = 4 log(2 + √3) − 2π/3 (mpmath's 2-D test);
  /// ∫∫∫_{[0,1]³} e^(x+y+z) = (e − 1)³.
  @Test(arguments: [15, 50, 100])
  func tensorProductRules(_ digits: Int) {
    MPFloat.withPrecision(MPFloat.bits(forDigits: digits + 6)) {
      let tol = M("1e-\(digits)")!
      let r = Integration.integrateBox(
        { (p: [M]) in 1 / M.sqrt(1 + p[0] * p[0] + p[1] * p[1]) },
        lower: [M(-1), M(-1)], upper: [M(1), M(1)], tolerance: tol)
      let exact = 4 * M.log(2 + M.sqrt(M(3))) - 2 * M.pi / 3
      #expect(r.isConverged && (r.value - exact).magnitude <= Swift.min(r.errorEstimate, tol * exact), "\(r)")
      let c = Integration.integrateBox(
        { (p: [M]) in M.exp(p[0] + p[1] + p[2]) },
        lower: [M(0), M(0), M(0)], upper: [M(1), M(1), M(1)], tolerance: tol)
      let cExact = M.pow(M.exp(M(1)) - 1, 3)
      #expect(c.isConverged && (c.value - cExact).magnitude <= Swift.min(c.errorEstimate, tol * cExact), "\(c)")
    }
  }

  /// The same code in Double: a 1e-12 tolerance is met and honest.
  @Test func doublePrecision() {
    let cases: [(String, (Double) -> Double, Double, Double, Double)] = [
      ("exp", { exp($0) }, 0, 1, M_E - 1),
      ("Runge", { 1 / (1 + 25 * $0 * $0) }, -1, 1, 2 * atan(5.0) / 5),
      ("1/sqrt x", { 1 / $0.squareRoot() }, 0, 1, 2),
      ("log x", { log($0) }, 0, 1, -1),
      ("gauss", { exp(-$0 * $0) }, -.infinity, .infinity, Double.pi.squareRoot()),
      ("x/sinh x", { $0 == 0 ? 1 : $0 / sinh($0) }, 0, .infinity, Double.pi * Double.pi / 4),
      ("x^4 e^-x", { pow($0, 4) * exp(-$0) }, 0, .infinity, 24),
    ]
    for (name, f, a, b, exact) in cases {
      let r = Integration.integrate(f, from: a, to: b, tolerance: 1e-12)
      #expect(r.isConverged, "\(name): \(r)")
      #expect(abs(r.value - exact) <= r.errorEstimate + 4 * Double.ulpOfOne * abs(exact), "\(name): \(r)")
      #expect(abs(r.value - exact) <= 1e-12 * abs(exact), "\(name): \(r)")
    }
    for rule in [GaussLegendreRule(), DoubleExponentialRule.tanhSinh] as [any QuadratureRule] {
      let r = Integration.integrate({ (x: Double) in exp(x) }, from: 0, to: 1, tolerance: 1e-12, rule: rule)
      #expect(r.isConverged && abs(r.value - (M_E - 1)) <= 1e-12, "\(rule.name): \(r)")
    }
    let reversed = Integration.integrate({ (x: Double) in exp(x) }, from: 1, to: 0, tolerance: 1e-12)
    #expect(abs(reversed.value + (M_E - 1)) <= 1e-12)
  }
}

/// Composite Simpson with doubling n, stopped at |S_2n − S_n| ≤ 15·tol·|S_2n| (Richardson)
/// or n = 2¹²: a rule added the documented way, by conforming to `QuadratureRule`.
struct CompositeSimpson: QuadratureRule {
  var name: String { "simpson" }
  func integratePiece<T: RealScalar>(
    _ f: (T, T) -> T, from a: T, to b: T, tolerance: T, usesDistance: Bool
  ) -> QuadratureResult<T> {
    precondition(a.isFinite && b.isFinite, "simpson: finite pieces only")
    func simpson(_ n: Int) -> T {
      let h = (b - a) / T(n)
      var s = f(a, a) + f(b, b)
      for i in 1..<n { s += T(i % 2 == 1 ? 4 : 2) * f(a + T(i) * h, a + T(i) * h) }
      return s * h / 3
    }
    var n = 2, evaluations = 3
    var previous = simpson(n)
    while n < 4096 {
      n *= 2
      let next = simpson(n)
      evaluations += n + 1
      let error = (next - previous).magnitude / 15
      if error <= tolerance * next.magnitude {
        return QuadratureResult(value: next, errorEstimate: error, evaluations: evaluations, status: .converged)
      }
      previous = next
    }
    return QuadratureResult(
      value: previous, errorEstimate: .infinity, evaluations: evaluations, status: .maxLevelReached)
  }
}

@Suite struct QuadratureRuleTests {
  @Test func builtInRulesByName() {
    #expect(Integration.rules.map(\.name) == ["auto", "gauss-legendre", "tanh-sinh", "exp-sinh", "sinh-sinh"])
    for rule in Integration.rules { #expect(Integration.rule(named: rule.name)?.name == rule.name) }
    #expect(Integration.rule(named: "simpson") == nil)
  }

  /// A rule from outside the module runs through `Integration.integrate`: break
  /// points split the interval, and a piece the rule cannot finish is bisected
  /// and reported as not converged (the violated twin: √x at 1e-14).
  @Test func aConformingRuleIsUsedPieceByPiece() {
    let smooth = Integration.integrate(
      { (x: Double) in exp(x) }, from: 0, to: 2, tolerance: 1e-10, rule: CompositeSimpson(), breakPoints: [1])
    #expect(smooth.isConverged, "\(smooth)")
    #expect(abs(smooth.value - (exp(2) - 1)) <= 1e-9)
    let singular = Integration.integrate(
      { (x: Double) in x.squareRoot() }, from: 0, to: 1, tolerance: 1e-14, rule: CompositeSimpson())
    #expect(!singular.isConverged, "\(singular)")
    #expect(singular.evaluations > 4096)
  }
}
