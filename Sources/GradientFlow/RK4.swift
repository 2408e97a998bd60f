import LinearAlgebra
import MultiPrecision
import RealModule

/// The classical fourth-order Runge–Kutta method with fixed step:
/// k₁ = F(t, u), k₂ = F(t + h/2, u + h k₁/2), k₃ = F(t + h/2, u + h k₂/2),
/// k₄ = F(t + h, u + h k₃), u_new = u + h(k₁ + 2k₂ + 2k₃ + k₄)/6.
/// Global error O(h⁴).
public enum RK4 {
  /// Integrates from t0 through each observation time. Each interval
  /// [tᵢ₋₁, tᵢ] is cut into ⌈(tᵢ − tᵢ₋₁)/step⌉ equal steps, so snapshots land
  /// exactly on the requested times.
  public static func integrate<T: DenseScalar>(
    _ f: ODERightHandSide<T>, t0: T, u0: [T], times: [T], step: T, blowUpNorm: T? = nil
  ) -> ODESolution<T> {
    if let msg = validateInput(t0, u0, times) { return .rejected(t0: t0, u0: u0, msg) }
    guard step > 0, step.isFinite else {
      return .rejected(t0: t0, u0: u0, "RK4 step \(step) must be positive and finite")
    }
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
