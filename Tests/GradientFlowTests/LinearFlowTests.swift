import DenseTestSupport
import Foundation
import GradientFlow
import LinearAlgebra
import MultiPrecision
import Testing

@Suite struct LinearFlowTests {
  @Test func eigenRouteMatchesClosedForm2x2() throws {
    // K = [[2, 1], [1, 2]], y = 0, u0 = (1, 0): u = ½(e^{−t} + e^{−3t}, e^{−3t} − e^{−t}).
    try MPFloat.withPrecision(256) {
      let flow = try LinearFlow(k: Matrix<MPFloat>([[2, 1], [1, 2]]), y: [0, 0])
      let t = MPFloat(7) / 5
      let u = flow.exact(u0: [1, 0], at: t)
      let a = MPFloat.exp(-t)
      let b = MPFloat.exp(-3 * t)
      #expect(abs(u[0] - (a + b) / 2) <= MPFloat(decimal: "1e-75")!)
      #expect(abs(u[1] - (b - a) / 2) <= MPFloat(decimal: "1e-75")!)
    }
  }

  @Test(arguments: ["dopri5", "dop853", "gbs", "rk4"])
  func eigenAndIntegratorAgreeDouble(method: String) throws {
    let n = 40
    let k = randomPSD(n, rank: n / 2, seed: 21, as: Double.self)  // rank-deficient: PSD, not PD
    let flow = try LinearFlow(k: k, y: randomVector(n, seed: 22))
    let u0: [Double] = randomVector(n, seed: 23)
    let times: [Double] = [0.25, 1, 2.5, 5]
    let integrator: any ODEIntegrator<Double>
    var options = ODEOptions<Double>(rtol: 1e-13, atol: 1e-13)
    var tol = 1e-10
    switch method {
    case "dopri5":
      integrator = RungeKuttaPair<Double>.dormandPrince5()
      options = ODEOptions(rtol: 1e-12, atol: 1e-12)
    case "dop853": integrator = RungeKuttaPair<Double>.dop853()
    case "gbs": integrator = GraggBulirschStoer<Double>()
    default:
      integrator = RK4<Double>()
      options = .fixed(step: 0.005)
      tol = 1e-8
    }
    let c = flow.crossCheck(u0: u0, times: times, using: integrator, options: options)
    #expect(c.solution.status == .success)
    #expect(c.maxDiscrepancy <= tol, "\(method): \(c.maxDiscrepancy)")
  }

  @Test func eigenAndIntegratorAgreeMPFloat() throws {
    try MPFloat.withPrecision(256) {
      let n = 8
      let k = randomPSD(n, rank: n, seed: 31, as: MPFloat.self)
      let flow = try LinearFlow(k: k, y: randomVector(n, seed: 32))
      let tol = MPFloat(decimal: "1e-55")!
      let c = flow.crossCheck(
        u0: randomVector(n, seed: 33), times: [MPFloat(1) / 2, MPFloat(2)], using: GraggBulirschStoer(),
        options: ODEOptions(rtol: tol, atol: tol))
      #expect(c.solution.status == .success)
      #expect(c.maxDiscrepancy <= MPFloat(decimal: "1e-50")!, "\(c.maxDiscrepancy.formatted(digits: 3))")
    }
  }

  /// The check must be able to fail: integrate with a perturbed K and the
  /// discrepancy against the true flow's exact solution is visible.
  @Test func crossCheckDetectsAWrongFlow() throws {
    let n = 20
    let k = randomPSD(n, rank: n, seed: 41, as: Double.self)
    let y: [Double] = randomVector(n, seed: 42)
    let u0: [Double] = randomVector(n, seed: 43)
    let flow = try LinearFlow(k: k, y: y)
    var kBad = k
    kBad[0, 0] += 1e-3
    let wrong = try LinearFlow(k: kBad, y: y)
    let sol = wrong.integrate(
      u0: u0, times: [1, 3], using: RungeKuttaPair.dop853(), options: ODEOptions(rtol: 1e-12, atol: 1e-12))
    let d = zip(sol.times, sol.states).map { Vector.maxDifference($1, flow.exact(u0: u0, at: $0)) }.max()!
    #expect(d > 1e-6)
    // And a failed integration is not reported as agreement.
    var budget = ODEOptions<Double>(rtol: 1e-12, atol: 1e-12)
    budget.maxSteps = 3
    let c = flow.crossCheck(u0: u0, times: [1, 3], using: RungeKuttaPair.dop853(), options: budget)
    #expect(c.solution.status == .maxStepsReached)
    #expect(c.maxDiscrepancy == .infinity)
  }

  @Test func indefiniteKIsRejected() {
    #expect(throws: LinearAlgebraError.self) { try LinearFlow(k: Matrix<Double>([[1, 2], [2, 1]]), y: [0, 0]) }
    #expect(throws: LinearAlgebraError.self) { try LinearFlow(k: Matrix<Double>([[1, 0], [0, 1]]), y: [0]) }
  }
}

@Suite struct ScipyFixtureTests {
  struct Fixture: Decodable {
    struct Problem: Decodable {
      let name: String
      let params: [String: Double]
      let u0: [Double]
      let times: [Double]
      let states: [[Double]]
    }
    let generator: String
    let problems: [Problem]
  }

  static func load() throws -> Fixture {
    let url = fixtureURL("scipy_dop853.json")
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  static func rhs<T: DenseScalar>(_ p: Fixture.Problem, as: T.Type) -> ODERightHandSide<T> {
    switch p.name {
    case "vanderpol_mu1":
      let mu = T(p.params["mu"]!)
      return { _, u, du in
        du[0] = u[1]
        du[1] = mu * (1 - u[0] * u[0]) * u[1] - u[0]
      }
    case "lotka_volterra":
      let a = T(p.params["a"]!), b = T(p.params["b"]!), c = T(p.params["c"]!), d = T(p.params["d"]!)
      return { _, u, du in
        du[0] = a * u[0] - b * u[0] * u[1]
        du[1] = -c * u[1] + d * u[0] * u[1]
      }
    default: preconditionFailure("fixture: unknown problem \(p.name)")
    }
  }

  @Test func fixturesCoverTwoProblems() throws {
    let f = try Self.load()
    #expect(f.problems.map(\.name) == ["vanderpol_mu1", "lotka_volterra"])
    #expect(f.generator.contains("DOP853"))
  }

  /// Our DOP853 and DOPRI5 in Double at the same tolerance as scipy.
  @Test(arguments: ["vanderpol_mu1", "lotka_volterra"])
  func doubleIntegratorsMatchScipy(name: String) throws {
    let p = try Self.load().problems.first { $0.name == name }!
    let f = Self.rhs(p, as: Double.self)
    for pair in [RungeKuttaPair<Double>.dop853(), .dormandPrince5()] {
      let s = pair.integrate(f, t0: 0, u0: p.u0, times: p.times, options: ODEOptions(rtol: 1e-13, atol: 1e-13))
      #expect(s.status == .success)
      let d = zip(s.states, p.states).map { Vector.maxDifference($0, $1) / max(1, Vector.normInf($1)) }.max()!
      #expect(d <= 1e-10, "\(pair.name) \(name): \(d)")
    }
  }

  /// A 40-digit MPFloat run (GBS) is an independent reference: scipy is within its tolerance.
  @Test(arguments: ["vanderpol_mu1", "lotka_volterra"])
  func scipyWithinToleranceOfHighPrecision(name: String) throws {
    let p = try Self.load().problems.first { $0.name == name }!
    try MPFloat.withPrecision(160) {
      let f = Self.rhs(p, as: MPFloat.self)
      let tol = MPFloat(decimal: "1e-40")!
      let s = GraggBulirschStoer().integrate(
        f, t0: 0, u0: p.u0.map { MPFloat($0) }, times: p.times.map { MPFloat($0) },
        options: ODEOptions(rtol: tol, atol: tol))
      #expect(s.status == .success)
      let d = zip(s.states, p.states).map { hp, sc in
        zip(hp, sc).map { abs($0.doubleValue - $1) / max(1, abs($1)) }.max()!
      }.max()!
      #expect(d <= 1e-10, "\(name): scipy vs 40-digit GBS \(d)")
      _ = try #require(s.states.count == p.states.count ? s : nil)
    }
  }
}
