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
  public func integrate(
    _ f: ODERightHandSide<T>, t0: T, u0: [T], times: [T], options: ODEOptions<T>
  ) -> ODESolution<T> {
    if let msg = validateInput(t0, u0, times) { return .rejected(t0: t0, u0: u0, msg) }
    if options.fixedStep == nil, !(options.rtol >= 0 && options.atol >= 0 && options.rtol + options.atol > 0) {
      return .rejected(
        t0: t0, u0: u0,
        "tolerances must be non-negative and not both zero (rtol = \(options.rtol), atol = \(options.atol))")
    }
    if let h = options.fixedStep, !(h > 0 && h.isFinite) {
      return .rejected(t0: t0, u0: u0, "fixed step \(h) must be positive and finite")
    }
    var sol = ODESolution<T>(finalTime: t0, finalState: u0)
    let n = u0.count
    let tEnd = times.last!
    let totalStages = c.count
    var k = [[T]](repeating: [T](repeating: .zero, count: n), count: totalStages)
    var t = t0
    var u = u0
    var uNew = u0
    var stage = u0
    var lastStage = u0
    var err5 = u0
    var err3 = u0
    var nextObs = 0
    while nextObs < times.count, times[nextObs] == t0 {
      sol.times.append(t0)
      sol.states.append(u0)
      nextObs += 1
    }
    if nextObs == times.count { return sol }

    f(t, u, &k[0])
    sol.statistics.evaluations += 1
    guard isFiniteVector(k[0]) else {
      sol.status = .nonFinite
      sol.reason = "F(t0, u0) is not finite"
      return sol
    }
    let span = tEnd - t0
    var h: T
    if let fixed = options.fixedStep {
      h = fixed
    } else if let h0 = options.initialStep {
      h = h0
    } else {
      h = initialStep(f, t0, u0, k[0], span, options, &sol.statistics)
    }
    if let hmax = options.maxStep { h = min(h, hmax) }
    let exponent = -1 / T(estimatorOrder + 1)
    var rejectedLast = false
    var stiffCount = 0
    var nonStiffCount = 0
    var attempts = 0
    var nonFiniteRetries = 0
    let sixteenUlp = 16 * T.ulpOfOne

    while true {
      if attempts >= options.maxSteps {
        sol.status = .maxStepsReached
        sol.reason = "used the budget of \(options.maxSteps) steps at t = \(t.decimalString(digits: 12))"
        break
      }
      attempts += 1
      // Land exactly on tEnd.
      var last = false
      if t + h * (1 + 64 * T.ulpOfOne) >= tEnd {
        h = tEnd - t
        last = true
      }
      if h <= sixteenUlp * max(abs(t), abs(tEnd)) {
        sol.status = .stepSizeUnderflow
        sol.reason = "step size \(h.decimalString(digits: 6)) below 16 ulps of t = \(t.decimalString(digits: 12))"
        break
      }
      // Stages.
      for i in 1..<stages {
        T.combine(base: u, h: h, weights: a[i], stages: k, into: &stage)
        f(t + c[i] * h, stage, &k[i])
        if i == stages - 1 { lastStage = stage }
      }
      T.combine(base: u, h: h, weights: b, stages: k, into: &uNew)
      let tNew = last ? tEnd : t + h
      f(tNew, uNew, &k[stages])
      sol.statistics.evaluations += stages
      // Error estimate.
      var errNorm: T
      if options.fixedStep != nil {
        errNorm = .zero
      } else {
        switch error {
        case .single(let e):
          T.combine(base: nil, h: h, weights: e, stages: k, into: &err5)
          errNorm = T.scaledRMS(err5, u, uNew, rtol: options.rtol, atol: options.atol)
        case .dop853(let e5, let e3):
          T.combine(base: nil, h: h, weights: e5, stages: k, into: &err5)
          T.combine(base: nil, h: h, weights: e3, stages: k, into: &err3)
          let r5 = T.scaledRMS(err5, u, uNew, rtol: options.rtol, atol: options.atol)
          let r3 = T.scaledRMS(err3, u, uNew, rtol: options.rtol, atol: options.atol)
          let den = r5 * r5 + r3 * r3 / 100
          errNorm = den > 0 ? r5 * r5 / T.sqrt(den) : .zero
        }
      }
      if !errNorm.isFinite || !isFiniteVector(uNew) || !isFiniteVector(k[stages]) {
        if options.fixedStep == nil, !errNorm.isNaN, nonFiniteRetries < 20 {
          nonFiniteRetries += 1
          // Overflow in a trial step: retry smaller before declaring failure.
          h = h * options.minFactor
          sol.statistics.rejectedSteps += 1
          rejectedLast = true
          continue
        }
        sol.status = .nonFinite
        sol.reason = "state or error estimate became non-finite in the step from t = \(t.decimalString(digits: 12))"
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
      if options.detectStiffness {
        let num = Vector.norm2(Vector.subtract(k[stages], k[stages - 1]))
        let den = Vector.norm2(Vector.subtract(uNew, lastStage))
        if den > 0, c[stages - 1] == 1 {
          let hLambda = h * num / den
          if hLambda > stabilityBoundary {
            nonStiffCount = 0
            stiffCount += 1
            if stiffCount >= 15 {
              sol.status = .stiffnessDetected
              sol.reason =
                "problem looks stiff at t = \(t.decimalString(digits: 12)): h·ρ = \(hLambda.decimalString(digits: 4)) > \(stabilityBoundary.decimalString(digits: 3)) for 15 accepted steps"
              t = tNew
              u = uNew
              break
            }
          } else {
            nonStiffCount += 1
            if nonStiffCount >= 6 { stiffCount = 0 }
          }
        }
      }
      // Snapshots in (t, tNew].
      if nextObs < times.count, times[nextObs] <= tNew {
        var interp: DenseInterpolant?
        while nextObs < times.count, times[nextObs] <= tNew {
          let to = times[nextObs]
          if to == tNew {
            sol.states.append(uNew)
          } else {
            if interp == nil {
              interp = makeInterpolant(f, t: t, h: h, u: u, uNew: uNew, k: &k, stats: &sol.statistics)
            }
            sol.states.append(interp!.evaluate(theta: (to - t) / h, u: u))
          }
          sol.times.append(to)
          nextObs += 1
        }
      }
      if let bound = options.blowUpNorm, Vector.normInf(uNew) > bound {
        t = tNew
        u = uNew
        sol.status = .blowUp
        sol.reason =
          "‖u‖∞ = \(Vector.normInf(uNew).decimalString(digits: 6)) exceeded \(bound.decimalString(digits: 6)) at t = \(t.decimalString(digits: 12))"
        break
      }
      t = tNew
      u = uNew
      k.swapAt(0, stages)
      if last { break }
      if let fixed = options.fixedStep {
        h = fixed
      } else {
        var fac = errNorm == 0 ? options.maxFactor : options.safety * T.pow(errNorm, exponent)
        fac = min(options.maxFactor, max(options.minFactor, fac))
        if rejectedLast { fac = min(fac, T(1)) }
        h = h * fac
        if let hmax = options.maxStep { h = min(h, hmax) }
      }
      rejectedLast = false
    }
    sol.finalTime = t
    sol.finalState = u
    return sol
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
