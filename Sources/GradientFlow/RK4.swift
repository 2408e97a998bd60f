import LinearAlgebra
import MultiPrecision
import RealModule

/// The classical fourth-order Runge–Kutta method with fixed step:
/// k₁ = F(t, u), k₂ = F(t + h/2, u + h k₁/2), k₃ = F(t + h/2, u + h k₂/2),
/// k₄ = F(t + h, u + h k₃), u_new = u + h(k₁ + 2k₂ + 2k₃ + k₄)/6.
/// Global error O(h⁴). Fixed step only: `options` must be `ODEOptions.fixed(step:)`
/// (tolerances are ignored); `blowUpNorm` and `maxSteps` apply.
public struct RK4<T: DenseScalar>: ODEIntegrator, Sendable {
  public init() {}
  public var name: String { "RK4" }

  /// Integrates from t0 through each observation time. Each interval
  /// [tᵢ₋₁, tᵢ] is cut into ⌈(tᵢ − tᵢ₋₁)/h⌉ equal steps, h = `options.fixedStep`,
  /// so snapshots land exactly on the requested times.
  public func integrate(
    _ f: ODERightHandSide<T>, t0: T, u0: [T], times: [T], options: ODEOptions<T>
  ) -> ODESolution<T> {
    if let msg = validateInput(t0, u0, times) { return .rejected(t0: t0, u0: u0, msg) }
    guard let step = options.fixedStep else {
      return .rejected(t0: t0, u0: u0, "RK4 has no error control: give a step (ODEOptions.fixed(step:))")
    }
    guard step > 0, step.isFinite else {
      return .rejected(t0: t0, u0: u0, "RK4 step \(step) must be positive and finite")
    }
    let blowUpNorm = options.blowUpNorm
    var sol = ODESolution<T>(finalTime: t0, finalState: u0)
    let n = u0.count
    var k = [[T]](repeating: [T](repeating: .zero, count: n), count: 4)
    var stage = u0
    var u = u0
    var t = t0
    let w1: [(Int, T)] = [(0, T(1) / 2)]
    let w2: [(Int, T)] = [(1, T(1) / 2)]
    let w3: [(Int, T)] = [(2, T(1))]
    let wb: [(Int, T)] = [(0, T(1) / 6), (1, T(1) / 3), (2, T(1) / 3), (3, T(1) / 6)]
    for target in times {
      let span = target - t
      let count = span == 0 ? 0 : Int((span / step).rounded(.up).doubleValue)
      let h = count == 0 ? T.zero : span / T(count)
      for s in 0..<count {
        let ts = t + T(s) * h
        if sol.statistics.acceptedSteps >= options.maxSteps {
          sol.status = .maxStepsReached
          sol.reason = "used the budget of \(options.maxSteps) steps at t = \(ts.decimalString(digits: 12))"
          sol.finalTime = ts
          sol.finalState = u
          return sol
        }
        f(ts, u, &k[0])
        T.combine(base: u, h: h, weights: w1, stages: k, into: &stage)
        f(ts + h / 2, stage, &k[1])
        T.combine(base: u, h: h, weights: w2, stages: k, into: &stage)
        f(ts + h / 2, stage, &k[2])
        T.combine(base: u, h: h, weights: w3, stages: k, into: &stage)
        f(ts + h, stage, &k[3])
        let uOld = u
        T.combine(base: uOld, h: h, weights: wb, stages: k, into: &u)
        sol.statistics.evaluations += 4
        sol.statistics.acceptedSteps += 1
        if !isFiniteVector(u) {
          sol.status = .nonFinite
          sol.reason = "state became non-finite in the RK4 step from t = \(ts.decimalString(digits: 12))"
          sol.finalTime = ts
          sol.finalState = u
          return sol
        }
        if let bound = blowUpNorm, Vector.normInf(u) > bound {
          sol.status = .blowUp
          sol.reason = "‖u‖∞ exceeded \(bound.decimalString(digits: 6)) at t = \((ts + h).decimalString(digits: 12))"
          sol.finalTime = ts + h
          sol.finalState = u
          return sol
        }
      }
      t = target
      sol.times.append(target)
      sol.states.append(u)
    }
    sol.finalTime = t
    sol.finalState = u
    return sol
  }
}
