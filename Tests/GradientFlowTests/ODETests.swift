import GradientFlow
import LinearAlgebra
import MultiPrecision
import Testing

@Suite struct ClosedFormTests {
  static let names = ClosedForm<Double>.all.map(\.name)

  /// Observation times inside [t0, t0 + 2], uneven, to exercise dense output.
  static func times<T: DenseScalar>(_ t0: T) -> [T] {
    [T(1) / 7, T(1) / 3, T(1) / 2, T(9) / 10, T(13) / 10, T(7) / 4, T(2)].map { t0 + $0 }
  }

  @Test(arguments: names)
  func doublePrecisionTo1e12(name: String) {
    let p = ClosedForm<Double>.all.first { $0.name == name }!
    let times = Self.times(p.t0)
    var o = ODEOptions<Double>(rtol: 1e-14, atol: 1e-14)
    let s853 = RungeKuttaPair<Double>.dop853().integrate(p.f, t0: p.t0, u0: p.u0, times: times, options: o)
    #expect(s853.status == .success, "\(s853.reason)")
    #expect(s853.times == times)
    #expect(maxError(s853, p) <= 1e-12, "DOP853 \(name)")
    o.rtol = 1e-13
    o.atol = 1e-13
    let s5 = RungeKuttaPair<Double>.dormandPrince5().integrate(p.f, t0: p.t0, u0: p.u0, times: times, options: o)
    #expect(s5.status == .success, "\(s5.reason)")
    #expect(maxError(s5, p) <= 1e-12, "DOPRI5 \(name)")
    let sx = GraggBulirschStoer().integrate(
      p.f, t0: p.t0, u0: p.u0, times: times, options: ODEOptions(rtol: 1e-14, atol: 1e-14))
    #expect(sx.status == .success, "\(sx.reason)")
    #expect(maxError(sx, p) <= 1e-12, "GBS \(name)")
  }

  @Test(arguments: names)
  func fiftyDigitsAt256Bits(name: String) {
    MPFloat.withPrecision(256) {
      let p = ClosedForm<MPFloat>.all.first { $0.name == name }!
      let times = Self.times(p.t0)
      let tol = MPFloat(decimal: "1e-56")!
      let s = GraggBulirschStoer().integrate(
        p.f, t0: p.t0, u0: p.u0, times: times, options: ODEOptions(rtol: tol, atol: tol))
      #expect(s.status == .success, "\(s.reason)")
      #expect(s.times.count == times.count)
      let err = maxError(s, p)
      #expect(err <= MPFloat(decimal: "1e-50")!, "GBS \(name): error \(err.formatted(digits: 3))")
    }
  }

  /// DOP853 in MPFloat: its tableau has 30 significant digits, so ~1e-25 is what it can give.
  @Test func dop853InMPFloatReachesItsTableauAccuracy() {
    MPFloat.withPrecision(160) {
      let p = ClosedForm<MPFloat>.harmonic
      let tol = MPFloat(decimal: "1e-27")!
      let s = RungeKuttaPair<MPFloat>.dop853().integrate(
        p.f, t0: 0, u0: p.u0, times: Self.times(MPFloat(0)), options: ODEOptions(rtol: tol, atol: tol))
      #expect(s.status == .success)
      #expect(maxError(s, p) <= MPFloat(decimal: "1e-24")!)
    }
  }
}

@Suite struct ConvergenceOrderTests {
  /// Global error at t = 1 of fixed-step runs with h = 1/N, on y′ = −2ty²
  /// and the harmonic oscillator, in MPFloat so rounding cannot bend the line.
  static func errors(_ method: String, _ ns: [Int]) -> (h: [Double], err: [Double]) {
    MPFloat.withPrecision(160) {
      var hs: [Double] = []
      var es: [Double] = []
      for p in [ClosedForm<MPFloat>.rational, ClosedForm<MPFloat>.harmonic] {
        for n in ns {
          let h = MPFloat(1) / MPFloat(n)
          let times = [MPFloat(1)]
          let s: ODESolution<MPFloat>
          switch method {
          case "RK4": s = RK4().integrate(p.f, t0: 0, u0: p.u0, times: times, options: .fixed(step: h))
          case "DOPRI5":
            s = RungeKuttaPair<MPFloat>.dormandPrince5().integrate(
              p.f, t0: 0, u0: p.u0, times: times, options: .fixed(step: h))
          default:
            s = RungeKuttaPair<MPFloat>.dop853().integrate(p.f, t0: 0, u0: p.u0, times: times, options: .fixed(step: h))
          }
          precondition(s.statistics.acceptedSteps == n)
          hs.append(h.doubleValue)
          es.append(maxError(s, p).doubleValue)
        }
      }
      return (hs, es)
    }
  }

  @Test(arguments: [("RK4", 4, [8, 16, 32, 64]), ("DOPRI5", 5, [8, 16, 32, 64]), ("DOP853", 8, [4, 6, 8, 12, 16])])
  func observedOrder(method: String, order: Int, ns: [Int]) {
    let (h, e) = Self.errors(method, ns)
    let k = ns.count
    for (i, name) in ["y'=-2ty^2", "harmonic"].enumerated() {
      let slope = logLogSlope(Array(h[(i * k)..<((i + 1) * k)]), Array(e[(i * k)..<((i + 1) * k)]))
      #expect(abs(slope - Double(order)) <= 0.35, "\(method) on \(name): slope \(slope)")
    }
  }
}

@Suite struct StatusTests {
  /// y′ = y², y(0) = 1 blows up at t = 1.
  @Test func blowUpIsReported() {
    let f: ODERightHandSide<Double> = { _, u, du in du[0] = u[0] * u[0] }
    var o = ODEOptions<Double>(rtol: 1e-8, atol: 1e-8)
    o.blowUpNorm = 1e8
    let s = RungeKuttaPair<Double>.dormandPrince5().integrate(f, t0: 0, u0: [1], times: [2], options: o)
    #expect(s.status == .blowUp)
    #expect(s.finalTime < 1 && s.finalTime > 0.99)
    #expect(s.reason.contains("exceeded"))
    // Without a bound the steps shrink onto the pole until they underflow.
    for pair in [RungeKuttaPair<Double>.dormandPrince5(), .dop853()] {
      let s2 = pair.integrate(f, t0: 0, u0: [1], times: [2], options: ODEOptions(rtol: 1e-8, atol: 1e-8))
      #expect(s2.status == .stepSizeUnderflow)
      #expect(abs(s2.finalTime - 1) < 1e-6)
      #expect(s2.reason.contains("below 16 ulps"))
    }
    let s3 = GraggBulirschStoer().integrate(
      f, t0: 0, u0: [1], times: [2], options: ODEOptions(rtol: 1e-8, atol: 1e-8))
    #expect(s3.status == .stepSizeUnderflow)
  }

  @Test func nonFiniteRightHandSide() {
    let f: ODERightHandSide<Double> = { t, u, du in du[0] = t > 0.5 ? .nan : -u[0] }
    let s = RungeKuttaPair<Double>.dormandPrince5().integrate(
      f, t0: 0, u0: [1], times: [1], options: ODEOptions(rtol: 1e-8, atol: 1e-8))
    #expect(s.status == .nonFinite)
    #expect(s.finalTime <= 0.5)
    let r = RK4().integrate(f, t0: 0, u0: [1], times: [1], options: .fixed(step: 0.1))
    #expect(r.status == .nonFinite)
  }

  @Test func maxStepsReached() {
    var o = ODEOptions<Double>(rtol: 1e-12, atol: 1e-12)
    o.maxSteps = 10
    let p = ClosedForm<Double>.harmonic
    let s = RungeKuttaPair<Double>.dormandPrince5().integrate(p.f, t0: 0, u0: p.u0, times: [100], options: o)
    #expect(s.status == .maxStepsReached)
    #expect(s.statistics.acceptedSteps + s.statistics.rejectedSteps == 10)
  }

  /// y′ = −10⁴(y − cos t): stiff; an explicit method crawls at its stability limit.
  @Test func stiffnessDetected() {
    let f: ODERightHandSide<Double> = { t, u, du in du[0] = -10_000 * (u[0] - Double.cos(t)) }
    for pair in [RungeKuttaPair<Double>.dormandPrince5(), .dop853()] {
      var o = ODEOptions<Double>(rtol: 1e-6, atol: 1e-6)
      o.detectStiffness = true
      let s = pair.integrate(f, t0: 0, u0: [0], times: [10], options: o)
      #expect(s.status == .stiffnessDetected, "\(pair.name): \(s.status)")
      #expect(s.reason.contains("stiff"))
      // The mild harmonic oscillator is not flagged.
      let p = ClosedForm<Double>.harmonic
      let s2 = pair.integrate(p.f, t0: 0, u0: p.u0, times: [20], options: o)
      #expect(s2.status == .success)
    }
  }

  @Test func invalidInput() {
    let p = ClosedForm<Double>.harmonic
    let pair = RungeKuttaPair<Double>.dop853()
    let o = ODEOptions<Double>(rtol: 1e-8, atol: 1e-8)
    #expect(pair.integrate(p.f, t0: 0, u0: p.u0, times: [1, 0.5], options: o).status == .invalidInput)
    #expect(pair.integrate(p.f, t0: 0, u0: p.u0, times: [], options: o).status == .invalidInput)
    #expect(pair.integrate(p.f, t0: 0, u0: [.nan, 0], times: [1], options: o).status == .invalidInput)
    #expect(RK4().integrate(p.f, t0: 0, u0: p.u0, times: [1], options: .fixed(step: -1)).status == .invalidInput)
  }

  /// One call shape: every integrator runs through `ODEIntegrator` with one
  /// `ODEOptions` and returns one `ODESolution`; options an integrator cannot
  /// honour are rejected, not ignored.
  @Test func oneCallShapeForEveryIntegrator() {
    let p = ClosedForm<Double>.harmonic
    let times: [Double] = [0.5, 2]
    let adaptive = ODEOptions<Double>(rtol: 1e-11, atol: 1e-11)
    let runs: [(any ODEIntegrator<Double>, ODEOptions<Double>)] = [
      (RK4(), .fixed(step: 1e-3)), (RungeKuttaPair.dormandPrince5(), adaptive), (RungeKuttaPair.dop853(), adaptive),
      (GraggBulirschStoer(), adaptive),
    ]
    for (integrator, options) in runs {
      let s = integrator.integrate(p.f, t0: p.t0, u0: p.u0, times: times, options: options)
      #expect(s.status == .success, "\(integrator.name): \(s.reason)")
      #expect(s.times == times)
      #expect(maxError(s, p) <= 1e-9, "\(integrator.name)")
    }
    // The violated twins: RK4 without a step, GBS with a fixed step.
    let noStep = RK4<Double>().integrate(p.f, t0: p.t0, u0: p.u0, times: times, options: adaptive)
    #expect(noStep.status == .invalidInput)
    let fixedGBS = GraggBulirschStoer<Double>().integrate(
      p.f, t0: p.t0, u0: p.u0, times: times, options: .fixed(step: 0.1))
    #expect(fixedGBS.status == .invalidInput)
    // maxSteps and blowUpNorm reach RK4 and GBS too.
    var budget = ODEOptions<Double>.fixed(step: 1e-3)
    budget.maxSteps = 10
    #expect(RK4().integrate(p.f, t0: p.t0, u0: p.u0, times: times, options: budget).status == .maxStepsReached)
    var bound = adaptive
    bound.blowUpNorm = 10
    let growth: ODERightHandSide<Double> = { _, u, du in du[0] = u[0] }
    let blown = GraggBulirschStoer().integrate(growth, t0: 0, u0: [1], times: [5], options: bound)
    #expect(blown.status == .blowUp)
  }

  @Test func statisticsCountEvaluations() {
    var calls = 0
    let f: ODERightHandSide<Double> = { _, u, du in
      calls += 1
      du[0] = u[1]
      du[1] = -u[0]
    }
    for pair in [RungeKuttaPair<Double>.dormandPrince5(), .dop853()] {
      calls = 0
      let s = pair.integrate(f, t0: 0, u0: [1, 0], times: [0.3, 1.7, 5], options: ODEOptions(rtol: 1e-9, atol: 1e-9))
      #expect(s.statistics.evaluations == calls)
      #expect(s.statistics.acceptedSteps > 0)
    }
  }
}

@Suite struct DenseOutputTests {
  /// 400 snapshots on [0, 10] from far fewer steps: nearly all come from the
  /// interpolant, and they are as accurate as the steps themselves.
  @Test func snapshotsBetweenStepsAreAccurate() {
    let p = ClosedForm<Double>.harmonic
    let times = (1...400).map { Double($0) / 40 }
    for (pair, tol, bound) in [(RungeKuttaPair<Double>.dormandPrince5(), 1e-9, 1e-7), (.dop853(), 1e-10, 1e-8)] {
      let s = pair.integrate(p.f, t0: 0, u0: p.u0, times: times, options: ODEOptions(rtol: tol, atol: tol))
      #expect(s.status == .success)
      #expect(s.times == times)
      #expect(s.statistics.acceptedSteps < 150, "\(pair.name): \(s.statistics.acceptedSteps) steps")
      #expect(maxError(s, p) <= bound, "\(pair.name): \(maxError(s, p))")
    }
  }

  /// Interpolation order: one fixed step of size h on y′ = y, evaluated at
  /// θ = 1/2; the error must fall like h^(q+1) with q = 4 (DOPRI5), 7 (DOP853).
  @Test func interpolantOrder() {
    MPFloat.withPrecision(160) {
      let p = ClosedForm<MPFloat>.exponential
      for (pair, q) in [(RungeKuttaPair<MPFloat>.dormandPrince5(), 4), (.dop853(), 7)] {
        var hs: [Double] = []
        var es: [Double] = []
        for h in [MPFloat(1) / 4, MPFloat(1) / 8, MPFloat(1) / 16, MPFloat(1) / 32] {
          let s = pair.integrate(p.f, t0: 0, u0: p.u0, times: [h / 2, h], options: .fixed(step: h))
          hs.append(h.doubleValue)
          es.append(abs(s.states[0][0] - MPFloat.exp(h / 2)).doubleValue)
        }
        let slope = logLogSlope(hs, es)
        #expect(abs(slope - Double(q + 1)) <= 0.4, "\(pair.name): local interpolation order \(slope)")
      }
    }
  }
}
