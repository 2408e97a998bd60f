import LinearAlgebra
import MultiPrecision
import RealModule

extension RungeKuttaPair {
  /// Integrates u′ = F(t, u), u(t0) = u0, and returns u at each observation
  /// time (strictly increasing, ≥ t0; the last one is the end of the run).
  ///
  /// Adaptive steps keep the scaled error ≤ 1 (`options.rtol`, `atol`); steps
  /// are not shortened for observation times: snapshots inside a step come
  /// from the dense output, so they land exactly on the requested times.
  /// With `options.fixedStep` every step has that size (no error control).
  ///
  /// One step: land on the end (`last`), the trial step (`trialStep`), its error
  /// (`errorNorm`), rejection (too large, or non-finite: retried smaller up to 20 times),
  /// acceptance (stiffness test `StiffnessMonitor`, snapshots `recordSnapshots`, the blow-up
  /// bound), the next step size (`nextStepSize`).
  public func integrate(
    _ f: ODERightHandSide<T>, t0: T, u0: [T], times: [T], options: ODEOptions<T>
  ) -> ODESolution<T> {
    if let msg = rejection(t0: t0, u0: u0, times: times, options: options) { return .rejected(t0: t0, u0: u0, msg) }
    var sol = ODESolution<T>(finalTime: t0, finalState: u0)
    var nextObs = 0
    while nextObs < times.count, times[nextObs] == t0 {
      sol.times.append(t0)
      sol.states.append(u0)
      nextObs += 1
    }
    if nextObs == times.count { return sol }
    let tEnd = times.last!
    var w = StepWorkspace(stages: c.count, t0: t0, u0: u0)
    f(w.t, w.u, &w.k[0])
    sol.statistics.evaluations += 1
    guard isFiniteVector(w.k[0]) else {
      sol.status = .nonFinite
      sol.reason = "F(t0, u0) is not finite"
      return sol
    }
    var h = firstStepSize(f, t0: t0, u0: u0, f0: w.k[0], span: tEnd - t0, options, &sol.statistics)
    let exponent = -1 / T(estimatorOrder + 1)
    var rejectedLast = false
    var stiffness = StiffnessMonitor()
    var attempts = 0
    var nonFiniteRetries = 0
    let sixteenUlp = 16 * T.ulpOfOne

    while true {
      if attempts >= options.maxSteps {
        sol.status = .maxStepsReached
        sol.reason = "used the budget of \(options.maxSteps) steps at t = \(w.t.decimalString(digits: 12))"
        break
      }
      attempts += 1
      // Land exactly on tEnd.
      var last = false
      if w.t + h * (1 + 64 * T.ulpOfOne) >= tEnd {
        h = tEnd - w.t
        last = true
      }
      if h <= sixteenUlp * max(abs(w.t), abs(tEnd)) {
        sol.status = .stepSizeUnderflow
        sol.reason = "step size \(h.decimalString(digits: 6)) below 16 ulps of t = \(w.t.decimalString(digits: 12))"
        break
      }
      let tNew = trialStep(f, &w, h: h, tNew: last ? tEnd : w.t + h)
      sol.statistics.evaluations += stages
      let errNorm = options.fixedStep != nil ? T.zero : errorNorm(&w, h: h, options)
      if !errNorm.isFinite || !isFiniteVector(w.uNew) || !isFiniteVector(w.k[stages]) {
        if options.fixedStep == nil, !errNorm.isNaN, nonFiniteRetries < 20 {
          nonFiniteRetries += 1
          // Overflow in a trial step: retry smaller before declaring failure.
          h = h * options.minFactor
          sol.statistics.rejectedSteps += 1
          rejectedLast = true
          continue
        }
        sol.status = .nonFinite
        sol.reason =
          "state or error estimate became non-finite in the step from t = \(w.t.decimalString(digits: 12))"
        break
      }
      if errNorm > 1 {
        sol.statistics.rejectedSteps += 1
        let fac = max(options.minFactor, options.safety * T.pow(errNorm, exponent))
        h = h * fac
        rejectedLast = true
        continue
      }
      // Accepted.
      nonFiniteRetries = 0
      sol.statistics.acceptedSteps += 1
      if acceptStep(f, &w, h: h, tNew: tNew, options, &stiffness, times: times, nextObs: &nextObs, &sol) { break }
      if last { break }
      h = nextStepSize(h, errNorm: errNorm, exponent: exponent, rejectedLast: rejectedLast, options)
      rejectedLast = false
    }
    sol.finalTime = w.t
    sol.finalState = w.u
    return sol
  }

  /// Why the input is rejected (times, initial state, tolerances, fixed step), or nil.
  func rejection(t0: T, u0: [T], times: [T], options: ODEOptions<T>) -> String? {
    if let msg = validateInput(t0, u0, times) { return msg }
    if options.fixedStep == nil, !(options.rtol >= 0 && options.atol >= 0 && options.rtol + options.atol > 0) {
      return "tolerances must be non-negative and not both zero (rtol = \(options.rtol), atol = \(options.atol))"
    }
    if let h = options.fixedStep, !(h > 0 && h.isFinite) { return "fixed step \(h) must be positive and finite" }
    return nil
  }

  /// Accepts the trial step: the stiffness test, the snapshots in (t, t_new], the blow-up bound, then
  /// t ← t_new, u ← u_new, k₀ ← k_s (FSAL). Returns true when the run stops here (status and reason set).
  func acceptStep(
    _ f: ODERightHandSide<T>, _ w: inout StepWorkspace, h: T, tNew: T, _ options: ODEOptions<T>,
    _ stiffness: inout StiffnessMonitor, times: [T], nextObs: inout Int, _ sol: inout ODESolution<T>
  ) -> Bool {
    if options.detectStiffness, let hLambda = stiffness.observe(self, w, h: h) {
      sol.status = .stiffnessDetected
      sol.reason =
        "problem looks stiff at t = \(w.t.decimalString(digits: 12)): h·ρ = \(hLambda.decimalString(digits: 4)) > \(stabilityBoundary.decimalString(digits: 3)) for 15 accepted steps"
      w.advance(to: tNew)
      return true
    }
    recordSnapshots(f, &w, h: h, tNew: tNew, times: times, nextObs: &nextObs, &sol)
    if let bound = options.blowUpNorm, Vector.normInf(w.uNew) > bound {
      w.advance(to: tNew)
      sol.status = .blowUp
      sol.reason =
        "‖u‖∞ = \(Vector.normInf(w.uNew).decimalString(digits: 6)) exceeded \(bound.decimalString(digits: 6)) at t = \(w.t.decimalString(digits: 12))"
      return true
    }
    w.advance(to: tNew)
    w.k.swapAt(0, stages)
    return false
  }

  /// The state of a run between steps: t, u, the stage vectors kᵢ (k₀ = F(t, u), FSAL), and the
  /// buffers of a trial step.
  struct StepWorkspace {
    var t: T
    var u: [T]
    var k: [[T]]
    var uNew: [T]
    var stage: [T]
    /// The argument of the last main stage (the stiffness test compares it with u_new).
    var lastStage: [T]
    var err5: [T]
    var err3: [T]

    init(stages totalStages: Int, t0: T, u0: [T]) {
      t = t0
      u = u0
      k = [[T]](repeating: [T](repeating: .zero, count: u0.count), count: totalStages)
      (uNew, stage, lastStage, err5, err3) = (u0, u0, u0, u0, u0)
    }

    /// Accepts the trial step: t ← t_new, u ← u_new.
    mutating func advance(to tNew: T) {
      t = tNew
      u = uNew
    }
  }

  /// The first step: `fixedStep`, else `initialStep`, else Hairer's starting step; at most `maxStep`.
  func firstStepSize(
    _ f: ODERightHandSide<T>, t0: T, u0: [T], f0: [T], span: T, _ options: ODEOptions<T>,
    _ stats: inout ODEStatistics
  ) -> T {
    var h: T
    if let fixed = options.fixedStep {
      h = fixed
    } else if let h0 = options.initialStep {
      h = h0
    } else {
      h = initialStep(f, t0, u0, f0, span, options, &stats)
    }
    if let hmax = options.maxStep { h = min(h, hmax) }
    return h
  }

  /// The stages of a step of size h from (t, u): kᵢ = F(t + cᵢh, u + h Σ aᵢⱼkⱼ), u_new = u + h Σ bⱼkⱼ,
  /// and the FSAL evaluation k_s = F(t_new, u_new). Returns t_new.
  func trialStep(_ f: ODERightHandSide<T>, _ w: inout StepWorkspace, h: T, tNew: T) -> T {
    for i in 1..<stages {
      T.combine(base: w.u, h: h, weights: a[i], stages: w.k, into: &w.stage)
      f(w.t + c[i] * h, w.stage, &w.k[i])
      if i == stages - 1 { w.lastStage = w.stage }
    }
    T.combine(base: w.u, h: h, weights: b, stages: w.k, into: &w.uNew)
    f(tNew, w.uNew, &w.k[stages])
    return tNew
  }

  /// The scaled RMS norm of the step's error estimate (DOP853: err5²/√(err5² + err3²/100)).
  func errorNorm(_ w: inout StepWorkspace, h: T, _ options: ODEOptions<T>) -> T {
    switch error {
    case .single(let e):
      T.combine(base: nil, h: h, weights: e, stages: w.k, into: &w.err5)
      return T.scaledRMS(w.err5, w.u, w.uNew, rtol: options.rtol, atol: options.atol)
    case .dop853(let e5, let e3):
      T.combine(base: nil, h: h, weights: e5, stages: w.k, into: &w.err5)
      T.combine(base: nil, h: h, weights: e3, stages: w.k, into: &w.err3)
      let r5 = T.scaledRMS(w.err5, w.u, w.uNew, rtol: options.rtol, atol: options.atol)
      let r3 = T.scaledRMS(w.err3, w.u, w.uNew, rtol: options.rtol, atol: options.atol)
      let den = r5 * r5 + r3 * r3 / 100
      return den > 0 ? r5 * r5 / T.sqrt(den) : .zero
    }
  }

  /// Hairer's stiffness test (Solving ODE II, §IV.2): hρ ≈ h‖k_s − k_{s−1}‖/‖u_new − last stage‖ above
  /// the stability boundary for 15 accepted steps (6 below in a row reset the count).
  struct StiffnessMonitor {
    var stiffCount = 0
    var nonStiffCount = 0

    /// Records an accepted step; returns hρ when the problem is declared stiff.
    mutating func observe(_ pair: RungeKuttaPair, _ w: StepWorkspace, h: T) -> T? {
      let stages = pair.stages
      let num = Vector.norm2(Vector.subtract(w.k[stages], w.k[stages - 1]))
      let den = Vector.norm2(Vector.subtract(w.uNew, w.lastStage))
      guard den > 0, pair.c[stages - 1] == 1 else { return nil }
      let hLambda = h * num / den
      if hLambda > pair.stabilityBoundary {
        nonStiffCount = 0
        stiffCount += 1
        if stiffCount >= 15 { return hLambda }
      } else {
        nonStiffCount += 1
        if nonStiffCount >= 6 { stiffCount = 0 }
      }
      return nil
    }
  }

  /// The observations in (t, t_new]: u_new at t_new, the dense output inside the step.
  func recordSnapshots(
    _ f: ODERightHandSide<T>, _ w: inout StepWorkspace, h: T, tNew: T, times: [T], nextObs: inout Int,
    _ sol: inout ODESolution<T>
  ) {
    guard nextObs < times.count, times[nextObs] <= tNew else { return }
    var interp: DenseInterpolant?
    while nextObs < times.count, times[nextObs] <= tNew {
      let to = times[nextObs]
      if to == tNew {
        sol.states.append(w.uNew)
      } else {
        if interp == nil {
          interp = makeInterpolant(f, t: w.t, h: h, u: w.u, uNew: w.uNew, k: &w.k, stats: &sol.statistics)
        }
        sol.states.append(interp!.evaluate(theta: (to - w.t) / h, u: w.u))
      }
      sol.times.append(to)
      nextObs += 1
    }
  }

  /// The step after an accepted one: `fixedStep`, else h·safety·err^exponent (−1/(q+1)) clamped to
  /// [minFactor, maxFactor] (at most 1 after a rejection) and to `maxStep`.
  func nextStepSize(_ h: T, errNorm: T, exponent: T, rejectedLast: Bool, _ options: ODEOptions<T>) -> T {
    if let fixed = options.fixedStep { return fixed }
    var fac = errNorm == 0 ? options.maxFactor : options.safety * T.pow(errNorm, exponent)
    fac = min(options.maxFactor, max(options.minFactor, fac))
    if rejectedLast { fac = min(fac, T(1)) }
    var next = h * fac
    if let hmax = options.maxStep { next = min(next, hmax) }
    return next
  }

  /// Hairer's starting step (Solving ODE I, §II.4): h₀ from ‖u0‖, ‖F‖ and a
  /// finite-difference estimate of the second derivative.
  func initialStep(
    _ f: ODERightHandSide<T>, _ t0: T, _ u0: [T], _ f0: [T], _ span: T, _ o: ODEOptions<T>,
    _ stats: inout ODEStatistics
  ) -> T {
    let zero = [T](repeating: .zero, count: u0.count)
    if u0.isEmpty { return span }
    let d0 = T.scaledRMS(u0, u0, zero, rtol: o.rtol, atol: o.atol)
    let d1 = T.scaledRMS(f0, u0, zero, rtol: o.rtol, atol: o.atol)
    var h0 = (d0 < T(decimal: "1e-5")! || d1 < T(decimal: "1e-5")!) ? T(decimal: "1e-6")! : d0 / d1 / 100
    h0 = min(h0, span)
    let u1 = zip(u0, f0).map { $0 + h0 * $1 }
    var f1 = zero
    f(t0 + h0, u1, &f1)
    stats.evaluations += 1
    let d2 = T.scaledRMS(Vector.subtract(f1, f0), u0, zero, rtol: o.rtol, atol: o.atol) / h0
    let m = max(d1, d2)
    let h1: T
    if m <= T(decimal: "1e-15")! {
      h1 = max(T(decimal: "1e-6")!, h0 / 1000)
    } else {
      h1 = T.pow(T(decimal: "0.01")! / m, 1 / T(order + 1))
    }
    var h = min(100 * h0, h1, span)
    if !(h > 0) || !h.isFinite { h = span / 100 }
    return h
  }

  /// Coefficient vectors of the continuous extension on [t, t + h].
  struct DenseInterpolant {
    /// Vectors Fᵢ, evaluated as a nested product in θ and 1 − θ.
    var f: [[T]]

    /// u(t + θh) = u + F₀θ + …, the DOPRI5 and DOP853 nested form
    /// u + θ(F₀ + (1−θ)(F₁ + θ(F₂ + (1−θ)(…)))).
    func evaluate(theta: T, u: [T]) -> [T] {
      let n = u.count
      let one = T(1)
      var y = [T](repeating: .zero, count: n)
      for (i, fi) in f.reversed().enumerated() {
        let m = (f.count - 1 - i) % 2 == 0 ? theta : one - theta
        for j in 0..<n { y[j] = (y[j] + fi[j]) * m }
      }
      for j in 0..<n { y[j] += u[j] }
      return y
    }
  }

  func makeInterpolant(
    _ f: ODERightHandSide<T>, t: T, h: T, u: [T], uNew: [T], k: inout [[T]], stats: inout ODEStatistics
  ) -> DenseInterpolant {
    let n = u.count
    let dy = Vector.subtract(uNew, u)
    switch dense {
    case .dopri5(let d):
      // r2 = Δy, r3 = h k₁ − Δy, r4 = Δy − h k₇ − r3, r5 = h Σ dⱼkⱼ.
      let r3 = (0..<n).map { h * k[0][$0] - dy[$0] }
      let r4 = (0..<n).map { dy[$0] - h * k[stages][$0] - r3[$0] }
      var r5 = u
      T.combine(base: nil, h: h, weights: d, stages: k, into: &r5)
      return DenseInterpolant(f: [dy, r3, r4, r5])
    case .dop853(let extra, let d):
      var stage = u
      for i in (stages + 1)..<(stages + 1 + extra) {
        T.combine(base: u, h: h, weights: a[i], stages: k, into: &stage)
        f(t + c[i] * h, stage, &k[i])
      }
      stats.evaluations += extra
      let f1 = (0..<n).map { h * k[0][$0] - dy[$0] }
      let f2 = (0..<n).map { 2 * dy[$0] - h * (k[stages][$0] + k[0][$0]) }
      var fs = [dy, f1, f2]
      for row in d {
        var v = u
        T.combine(base: nil, h: h, weights: row, stages: k, into: &v)
        fs.append(v)
      }
      return DenseInterpolant(f: fs)
    }
  }
}
