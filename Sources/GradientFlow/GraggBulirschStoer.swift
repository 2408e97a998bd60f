import LinearAlgebra
import MultiPrecision
import RealModule

/// Gragg–Bulirsch–Stoer extrapolation (Hairer, Nørsett & Wanner, *Solving
/// ODE I*, §II.9): the high-precision integrator.
///
/// Each macro step H runs Gragg's modified midpoint rule with nⱼ = 2j
/// substeps (smoothed end value), whose error expands in even powers of
/// H/nⱼ, and extrapolates to H/n → 0 with the Aitken–Neville scheme
/// Tⱼ,ₖ₊₁ = Tⱼ,ₖ + (Tⱼ,ₖ − Tⱼ₋₁,ₖ)/((nⱼ/nⱼ₋ₖ)² − 1). Column j has order 2j,
/// so the order grows with the precision; the coefficients are small
/// integers, exact in every precision (unlike DOP853's 30-digit tableau).
/// A step is accepted at the first column whose last correction
/// ‖Tⱼ,ⱼ − Tⱼ,ⱼ₋₁‖ (scaled by atol + rtol·|u|) is ≤ 1.
///
/// Options used: `rtol`, `atol` (the tolerance of the accepted extrapolation
/// correction), `initialStep` (nil → an eighth of the range), `maxStep`,
/// `maxSteps` (macro steps) and `blowUpNorm`; `fixedStep` is rejected (the method
/// is adaptive by construction).
public struct GraggBulirschStoer<T: DenseScalar>: ODEIntegrator, Sendable {
  /// The extrapolation column the step-size control aims at; nil → from the
  /// precision (6 for Double, 16 at 256 bits).
  public var targetColumns: Int?

  public init(targetColumns: Int? = nil) { self.targetColumns = targetColumns }
  public var name: String { "GBS" }

  /// Integrates u′ = F(t, u) through the observation times (hit exactly:
  /// macro steps are shortened to land on them).
  public func integrate(
    _ f: ODERightHandSide<T>, t0: T, u0: [T], times: [T], options: ODEOptions<T>
  ) -> ODESolution<T> {
    if let msg = validateInput(t0, u0, times) { return .rejected(t0: t0, u0: u0, msg) }
    let rtol = options.rtol, atol = options.atol, maxSteps = options.maxSteps
    guard rtol >= 0, atol >= 0, rtol + atol > 0 else {
      return .rejected(t0: t0, u0: u0, "tolerances must be non-negative and not both zero")
    }
    if options.fixedStep != nil {
      return .rejected(t0: t0, u0: u0, "Gragg–Bulirsch–Stoer is adaptive: options.fixedStep must be nil")
    }
    var sol = ODESolution<T>(finalTime: t0, finalState: u0)
    let digits = Double(T.workingPrecisionBits) * 0.30103
    let kTarget = targetColumns ?? min(16, max(6, Int(digits / 4) + 2))
    let kMax = kTarget + 4
    let n = u0.count
    var t = t0
    var u = u0
    var f0 = u0
    var table: [[[T]]] = []
    var zPrev = u0
    var zCur = u0
    var zNext = u0
    var fz = u0
    let tEnd = times.last!
    var H = options.initialStep ?? (tEnd - t0) / 8
    var obs = 0
    while obs < times.count, times[obs] == t0 {
      sol.times.append(t0)
      sol.states.append(u0)
      obs += 1
    }
    var attempts = 0
    var nonFiniteRetries = 0
    while obs < times.count {
      if attempts >= maxSteps {
        sol.status = .maxStepsReached
        sol.reason = "used the budget of \(maxSteps) macro steps at t = \(t.decimalString(digits: 12))"
        break
      }
      attempts += 1
      let target = times[obs]
      var hStep = options.maxStep.map { min(H, $0) } ?? H
      var hits = false
      if t + hStep * (1 + 64 * T.ulpOfOne) >= target {
        hStep = target - t
        hits = true
      }
      if hStep <= 16 * T.ulpOfOne * max(abs(t), abs(tEnd)) {
        sol.status = .stepSizeUnderflow
        sol.reason = "macro step \(hStep.decimalString(digits: 6)) below 16 ulps of t = \(t.decimalString(digits: 12))"
        break
      }
      f(t, u, &f0)
      sol.statistics.evaluations += 1
      table.removeAll(keepingCapacity: true)
      var accepted = false
      var acceptedColumn = 0
      var sawNonFinite = false
      for j in 1...kMax {
        let nj = 2 * j
        let h = hStep / T(nj)
        // Modified midpoint: z₁ = z₀ + h f₀, z_{m+1} = z_{m−1} + 2h F(z_m).
        zPrev = u
        for i in 0..<n { zCur[i] = u[i] + h * f0[i] }
        for m in 1..<nj {
          f(t + T(m) * h, zCur, &fz)
          for i in 0..<n { zNext[i] = zPrev[i] + 2 * h * fz[i] }
          swap(&zPrev, &zCur)
          swap(&zCur, &zNext)
        }
        f(t + hStep, zCur, &fz)
        sol.statistics.evaluations += nj
        // Gragg's smoothing: S = (z_n + z_{n−1} + h F(z_n))/2.
        var row = zCur
        for i in 0..<n {
          let sum: T = zCur[i] + zPrev[i] + h * fz[i]
          row[i] = sum / 2
        }
        var tableRow: [[T]] = [row]
        if j > 1 {
          for kk in 1..<j {
            let ratio = T(nj) / T(2 * (j - kk))
            let den = ratio * ratio - 1
            let prev = table[j - 2][kk - 1]
            for i in 0..<n {
              let d: T = row[i] - prev[i]
              row[i] += d / den
            }
            tableRow.append(row)
          }
        }
        table.append(tableRow)
        if !isFiniteVector(row) {
          sawNonFinite = true
          break
        }
        if j >= 2 {
          let diff = Vector.subtract(tableRow[j - 1], tableRow[j - 2])
          let err = T.scaledRMS(diff, u, row, rtol: rtol, atol: atol)
          if err <= 1 {
            accepted = true
            acceptedColumn = j
            break
          }
        }
      }
      if !accepted {
        sol.statistics.rejectedSteps += 1
        nonFiniteRetries = sawNonFinite ? nonFiniteRetries + 1 : 0
        if nonFiniteRetries >= 20 {
          sol.status = .nonFinite
          sol.reason = "extrapolation table became non-finite at t = \(t.decimalString(digits: 12))"
          break
        }
        H = hStep / 4
        continue
      }
      sol.statistics.acceptedSteps += 1
      let best = table[acceptedColumn - 1][acceptedColumn - 1]
      t = hits ? target : t + hStep
      u = best
      if !isFiniteVector(u) {
        sol.status = .nonFinite
        sol.reason = "state became non-finite at t = \(t.decimalString(digits: 12))"
        break
      }
      if let bound = options.blowUpNorm, Vector.normInf(u) > bound {
        sol.status = .blowUp
        sol.reason = "‖u‖∞ exceeded \(bound.decimalString(digits: 6)) at t = \(t.decimalString(digits: 12))"
        break
      }
      if hits {
        sol.times.append(target)
        sol.states.append(u)
        obs += 1
      }
      // Aim the next step at column kTarget.
      let base = hits ? max(H, hStep) : hStep
      if acceptedColumn < kTarget {
        H = base * 2
      } else if acceptedColumn == kTarget {
        H = base * T(decimal: "1.2")!
      } else {
        H = base * T(decimal: "0.7")!
      }
    }
    sol.finalTime = t
    sol.finalState = u
    return sol
  }
}
