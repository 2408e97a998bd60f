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
  ///
  /// A macro step: its size (shortened to the next observation), the extrapolation table
  /// (`macroStep`), rejection (H/4; non-finite tables retried up to 20 times) or acceptance
  /// (checks, the observation), the next size aimed at column `kTarget` (`nextMacroStep`).
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
    var w = Workspace(u0: u0, kMax: kTarget + 4, rtol: rtol, atol: atol)
    var t = t0
    var u = u0
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
      guard let step = macroStep(f, t: t, u: u, hStep: hStep, &w, &sol.statistics) else {
        sol.statistics.rejectedSteps += 1
        nonFiniteRetries = w.sawNonFinite ? nonFiniteRetries + 1 : 0
        if nonFiniteRetries >= 20 {
          sol.status = .nonFinite
          sol.reason = "extrapolation table became non-finite at t = \(t.decimalString(digits: 12))"
          break
        }
        H = hStep / 4
        continue
      }
      sol.statistics.acceptedSteps += 1
      t = hits ? target : t + hStep
      u = step.value
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
      H = nextMacroStep(H: H, hStep: hStep, hits: hits, acceptedColumn: step.column, kTarget: kTarget)
    }
    sol.finalTime = t
    sol.finalState = u
    return sol
  }

  /// The buffers of a run: the midpoint rule's states, F at the step's start, the extrapolation table.
  struct Workspace {
    let kMax: Int
    let rtol: T, atol: T
    var f0: [T]
    var zPrev: [T], zCur: [T], zNext: [T], fz: [T]
    var table: [[[T]]] = []
    /// Whether the last rejected macro step's table became non-finite.
    var sawNonFinite = false

    init(u0: [T], kMax: Int, rtol: T, atol: T) {
      (self.kMax, self.rtol, self.atol) = (kMax, rtol, atol)
      (f0, zPrev, zCur, zNext, fz) = (u0, u0, u0, u0, u0)
    }
  }

  /// One macro step of size `hStep` from (t, u): the extrapolation table, column j from Gragg's rule
  /// with nⱼ = 2j substeps, until a column's last correction ‖Tⱼ,ⱼ − Tⱼ,ⱼ₋₁‖ (scaled) is ≤ 1. Returns
  /// that column and Tⱼ,ⱼ, or nil (rejected: `sawNonFinite` says whether the table stopped being finite).
  func macroStep(
    _ f: ODERightHandSide<T>, t: T, u: [T], hStep: T, _ w: inout Workspace, _ stats: inout ODEStatistics
  ) -> (column: Int, value: [T])? {
    f(t, u, &w.f0)
    stats.evaluations += 1
    w.table.removeAll(keepingCapacity: true)
    w.sawNonFinite = false
    for j in 1...w.kMax {
      let nj = 2 * j
      var row = smoothedMidpoint(f, t: t, u: u, hStep: hStep, substeps: nj, &w, &stats)
      // Aitken–Neville: Tⱼ,ₖ₊₁ = Tⱼ,ₖ + (Tⱼ,ₖ − Tⱼ₋₁,ₖ)/((nⱼ/nⱼ₋ₖ)² − 1).
      var tableRow: [[T]] = [row]
      if j > 1 {
        for kk in 1..<j {
          let ratio = T(nj) / T(2 * (j - kk))
          let den = ratio * ratio - 1
          let prev = w.table[j - 2][kk - 1]
          for i in 0..<u.count {
            let d: T = row[i] - prev[i]
            row[i] += d / den
          }
          tableRow.append(row)
        }
      }
      w.table.append(tableRow)
      if !isFiniteVector(row) {
        w.sawNonFinite = true
        return nil
      }
      if j >= 2 {
        let diff = Vector.subtract(tableRow[j - 1], tableRow[j - 2])
        let err = T.scaledRMS(diff, u, row, rtol: w.rtol, atol: w.atol)
        if err <= 1 { return (j, w.table[j - 1][j - 1]) }
      }
    }
    return nil
  }

  /// Gragg's modified midpoint rule over [t, t + H] with n substeps h = H/n, z₁ = z₀ + h f₀,
  /// z_{m+1} = z_{m−1} + 2h F(z_m), and its smoothed end value S = (z_n + z_{n−1} + h F(z_n))/2.
  func smoothedMidpoint(
    _ f: ODERightHandSide<T>, t: T, u: [T], hStep: T, substeps nj: Int, _ w: inout Workspace,
    _ stats: inout ODEStatistics
  ) -> [T] {
    let n = u.count
    let h = hStep / T(nj)
    w.zPrev = u
    for i in 0..<n { w.zCur[i] = u[i] + h * w.f0[i] }
    for m in 1..<nj {
      f(t + T(m) * h, w.zCur, &w.fz)
      for i in 0..<n { w.zNext[i] = w.zPrev[i] + 2 * h * w.fz[i] }
      swap(&w.zPrev, &w.zCur)
      swap(&w.zCur, &w.zNext)
    }
    f(t + hStep, w.zCur, &w.fz)
    stats.evaluations += nj
    var row = w.zCur
    for i in 0..<n {
      let sum: T = w.zCur[i] + w.zPrev[i] + h * w.fz[i]
      row[i] = sum / 2
    }
    return row
  }

  /// The next macro step, aimed at column kTarget: twice the step below it, 1.2× at it, 0.7× above
  /// (from the larger of H and the step taken when the step was shortened to an observation).
  func nextMacroStep(H: T, hStep: T, hits: Bool, acceptedColumn: Int, kTarget: Int) -> T {
    let base = hits ? max(H, hStep) : hStep
    if acceptedColumn < kTarget { return base * 2 }
    if acceptedColumn == kTarget { return base * T(decimal: "1.2")! }
    return base * T(decimal: "0.7")!
  }
}
