import ComplexModule
import MultiPrecision
import Quadrature
import Testing
import Verification

@testable import StageTheorems

/// The idealized two-layer tanh theorem (`IdealizedTanh`, provider `stage_idealized`): the closed-form ĥ
/// against quadrature of the network's Fourier integral, the gradient against finite differences at 256
/// bits, the log-domain path and its error bound against MPFR, the MPFR fallback, the seeded Monte Carlo,
/// the intervals and the fit, and the swapped control.
@Suite struct IdealizedTanhTests {
  static let target = try! GaussianSumTarget(parsing: "gauss:1,0.3,1+gauss:0.5,-0.4,0.5")

  /// Independent oracle: ĥ(k) = ∫ (h(x) − Σ_j a_j sgn(w_j) sgn(x − x_j)) e^{−ikx} dx
  /// + Σ_j a_j sgn(w_j) e^{−ikx_j} (−2i/k), x_j = −b_j/w_j (the regularised integral decays like
  /// e^{−2|w_j||x − x_j|}; F[sgn](k) = −2i/k), by adaptive Gauss–Legendre split at the jumps and at every
  /// unit, against the closed form (csch) of Lemma A0.
  @Test(arguments: [1.0, 2.0, 3.5])
  func closedFormMatchesQuadrature(k: Double) throws {
    let model = try IdealizedTanh(a: [1, -0.7, 0.5], b: [1, 0.5, 2], target: Self.target)
    let w = [0.8, -0.6, 1.1]
    let jumps = (0..<3).map { -model.b[$0] / w[$0] }
    let sign = w.map { $0 > 0 ? 1.0 : -1.0 }
    func g(_ x: Double) -> Double {
      var s = model.value(x, w: w)
      for j in 0..<3 { s -= model.a[j] * sign[j] * (x > jumps[j] ? 1 : -1) }
      return s
    }
    let reach = 44 / (2 * 0.6)  // e^{-44} below 1e-19
    let lo = jumps.min()! - reach, hi = jumps.max()! + reach
    let breaks = (jumps + stride(from: lo.rounded(.up), through: hi, by: 1).map { $0 }).sorted()
    let c = Integration.integrate(
      { x in g(x) * Double.cos(k * x) }, from: lo, to: hi, tolerance: 1e-12,
      breakPoints: breaks)
    let s = Integration.integrate(
      { x in g(x) * Double.sin(k * x) }, from: lo, to: hi, tolerance: 1e-12,
      breakPoints: breaks)
    // Tail pieces, where the integrand is ~1e-19, cannot meet a relative tolerance (status
    // maxLevelReached); what matters is the absolute error of the sums.
    #expect(c.errorEstimate < 1e-12 && s.errorEstimate < 1e-12, "\(c.errorEstimate) \(s.errorEstimate)")
    var oracle = Complex(c.value, -s.value)
    for j in 0..<3 {
      let phase = -k * jumps[j]
      oracle += Complex(model.a[j] * sign[j]) * Complex(Double.cos(phase), Double.sin(phase)) * Complex(0, -2 / k)
    }
    let closed: Complex<Double> = model.networkTransform(k: k, w: w)
    #expect((closed - oracle).length <= 1e-11 * max(1, oracle.length), "k = \(k): \(closed) vs \(oracle)")
    // The violated twin of the oracle check: csch(πk/w) instead of csch(πk/(2w)) is far off.
    var wrong = Complex<Double>.zero
    for j in 0..<3 {
      wrong += Complex(model.a[j]) * IdealizedTanh.neuronTransform(k: 2 * k, w: w[j], b: model.b[j] / 2)
    }
    #expect((wrong - oracle).length > 1e-3)
  }

  /// ∂L(k)/∂θ_{lj} (`gradient`) against central differences of L(k) = ½|Σ a_j N_j(k) − f̂(k)|² in the
  /// parameters, all at 256 bits (step 1e-25: truncation ~1e-50, rounding ~1e-52).
  @Test func gradientMatchesFiniteDifferences() throws {
    try MPFloat.withPrecision(256) {
      let model = try IdealizedTanh(a: [1, -0.7, 0.5], b: [10, 7, 13], target: Self.target)
      let w = [0.31, -0.22, 0.45]
      let h = MPFloat("1e-25")!
      for k in [MPFloat(1), MPFloat(2)] {
        let g: [[MPFloat]] = model.gradient(k: k, w: w)
        func loss(_ p: [[MPFloat]]) -> MPFloat {
          var s = Complex<MPFloat>.zero
          for j in 0..<3 { s += Complex(p[0][j]) * IdealizedTanh.neuronTransform(k: k, w: p[1][j], b: p[2][j]) }
          let d = s - Self.target.transform(k)
          return (d.real * d.real + d.imaginary * d.imaginary) / 2
        }
        let base = [model.a.map { MPFloat($0) }, w.map { MPFloat($0) }, model.b.map { MPFloat($0) }]
        for l in 0..<3 {
          for j in 0..<3 {
            var plus = base, minus = base
            plus[l][j] += h
            minus[l][j] -= h
            let fd = (loss(plus) - loss(minus)) / (2 * h)
            #expect(abs(fd - g[l][j]) <= MPFloat("1e-40")! * (abs(g[l][j]) + MPFloat("1e-30")!), "l=\(l) j=\(j)")
            #expect(abs(g[l][j]) > MPFloat("1e-30")!)
          }
        }
      }
    }
  }

  /// exp(log|∂L/∂θ|) from `logGradients` equals |gradient| (MPFR); the Double logarithms lie within their
  /// error bounds of the 256-bit ones at random weights, including weights where |N_j| underflows Double.
  @Test func logPathAndItsErrorBound() throws {
    let model = try IdealizedTanh(a: [1, -0.7, 0.5], b: [10, 7, 13], target: Self.target)
    var rng = SplitMix64(seed: 7)
    for trial in 0..<60 {
      let scale = trial < 40 ? 0.5 : 0.002
      let w = (0..<3).map { _ in scale * (2 * rng.nextUniform() - 1) }
      for k in [1.0, 2.0] {
        let fine: [[IdealizedTanh.LogGradient<MPFloat>]] = MPFloat.withPrecision(256) {
          model.logGradients(k: MPFloat(k), w: w)
        }
        let coarse: [[IdealizedTanh.LogGradient<Double>]] = model.logGradients(k: k, w: w)
        for l in 0..<3 {
          for j in 0..<3 where coarse[l][j].error.isFinite {
            let diff = abs(coarse[l][j].log - fine[l][j].log.doubleValue)
            #expect(diff <= coarse[l][j].error, "w = \(w) k = \(k) l = \(l): \(diff) > \(coarse[l][j].error)")
          }
        }
        if trial < 5 {
          MPFloat.withPrecision(256) {
            let g: [[MPFloat]] = model.gradient(k: MPFloat(k), w: w)
            let lg: [[IdealizedTanh.LogGradient<MPFloat>]] = model.logGradients(k: MPFloat(k), w: w)
            for l in 0..<3 {
              for j in 0..<3 {
                let rel = abs(MPFloat.exp(lg[l][j].log) / abs(g[l][j]) - 1)
                #expect(rel < MPFloat("1e-60")!, "l = \(l) j = \(j): \(rel)")
              }
            }
          }
        }
      }
    }
  }

  /// At the Double nearest a zero of sin(θ − φ(k₁)) (the a-gradient at k₁ vanishes) Double cannot decide;
  /// MPFR at 256 bits does, and finds the event violated (the zero set is where the theorem's
  /// exceptions lie).
  @Test func undecidedDoubleFallsBackToMPFR() throws {
    let model = try IdealizedTanh(a: [1], b: [10], target: Self.target)
    func sine(_ w: Double) -> Double {
      MPFloat.withPrecision(256) {
        let k = MPFloat(1)
        let d = model.networkTransform(k: k, w: [w]) - Self.target.transform(k)
        return MPFloat.sin(MPFloat(10) / MPFloat(w) - d.phase).doubleValue
      }
    }
    var lo = 0.3, hi = 0.3
    while sine(lo).sign == sine(hi).sign { hi += 0.01 }
    lo = hi - 0.01
    while hi.nextDown > lo {
      let mid = (lo + hi) / 2
      if mid == lo || mid == hi { break }
      if sine(mid).sign == sine(lo).sign { lo = mid } else { hi = mid }
    }
    let w = abs(sine(lo)) < abs(sine(hi)) ? lo : hi
    #expect(model.dominance(k1: 1.0, k2: 2.0, w: [w]) == .undecided)
    let r = model.decide(k1: 1, k2: 2, w: [w])
    #expect(r.level == 1 && !r.holds, "\(r)")
  }

  /// The Monte Carlo is reproducible bit for bit from its seed; another seed gives another sample.
  @Test func monteCarloIsSeeded() throws {
    let model = try IdealizedTanh(a: [1, -0.7], b: [10, 7], target: Self.target)
    let x = model.violation(k1: 1, k2: 2, delta: 0.6, samples: 3000, seed: 11)
    let y = model.violation(k1: 1, k2: 2, delta: 0.6, samples: 3000, seed: 11)
    let z = model.violation(k1: 1, k2: 2, delta: 0.6, samples: 3000, seed: 12)
    #expect(x == y)
    #expect(x.violations > 0 && x.violations < 3000)
    #expect(x.violations != z.violations)
    // Swapped frequencies: the high frequency almost never dominates.
    let swapped = model.violation(k1: 2, k2: 1, delta: 0.3, samples: 2000, seed: 11)
    #expect(swapped.fraction > 0.99)
  }

  /// Wilson and Clopper–Pearson against textbook values; the fit recovers a known exponential rate.
  @Test func intervalsAndFit() throws {
    let (l, u) = BinomialInterval.wilson(successes: 10, trials: 100, z: 1.959964)
    #expect(abs(l - 0.05523) < 1e-4 && abs(u - 0.17437) < 1e-4, "\(l) \(u)")
    let cp = BinomialInterval.clopperPearsonUpperForZero(trials: 1000, z: 1.959964)
    #expect(abs(cp - 0.0036821) < 1e-6, "\(cp)")
    // Counts n·C·exp(−c/δ) rounded, n = 10⁹: the fit's slope is −c within its error.
    let c = 2.5, n = 1_000_000_000
    let points = [0.5, 0.4, 0.33, 0.28, 0.25].map { d in
      IdealizedViolation(
        delta: d, samples: n, violations: Int((Double(n) * 0.3 * Double.exp(-c / d)).rounded()),
        decidedAt256Bits: 0, decidedAt1024Bits: 0, unresolved: 0)
    }
    let fit = try IdealizedRateFit(points, z: 3)
    #expect(abs(fit.slope + c) <= fit.error && fit.error < 0.05, "\(fit.slope) ± \(fit.error)")
    // Fewer than 3 radii with a violation: an error, not a slope.
    let empty = points.map { p -> IdealizedViolation in
      var q = p
      q.violations = p.delta > 0.35 ? 5 : 0
      return q
    }
    #expect(throws: StageError.self) { try IdealizedRateFit(empty, z: 3) }
  }

  /// Bad input is a clear error.
  @Test func badInput() throws {
    #expect(throws: StageError.self) { try IdealizedTanh(a: [1], b: [-1], target: Self.target) }
    #expect(throws: StageError.self) { try IdealizedTanh(a: [0], b: [1], target: Self.target) }
    #expect(throws: StageError.self) { try GaussianSumTarget(parsing: "gauss:1,0") }
    #expect(throws: StageError.self) { try GaussianSumTarget(parsing: "sin(x)") }
    let provider = IdealizedTanhProvider()
    let point = SweepPoint(index: 0, coordinates: [:], seed: 1)
    let args = ProviderArguments([
      ("quantity", .string("rate")), ("k1", .number("1")), ("k2", .number("1")), ("a", .list([.number("1")])),
      ("b", .list([.number("1")])), ("deltas", .list([.number("0.5")])),
    ])
    #expect(throws: ProviderError.self) { try provider.compute(args, at: point, precision: 64) }
  }

  /// The provider's quantities come from one cached Monte Carlo: `violation` encloses 1 − p̂ in its Wilson
  /// interval, `violation_upper` is that interval's upper end, `rate` carries the figure; the constants.
  @Test func providerQuantities() throws {
    let provider = IdealizedTanhProvider()
    let point = SweepPoint(index: 0, coordinates: [:], seed: 1)
    func args(_ q: String) -> ProviderArguments {
      ProviderArguments([
        ("quantity", .string(q)), ("k1", .number("1")), ("k2", .number("2")), ("a", .list([.number("1")])),
        ("b", .list([.number("10")])), ("deltas", .list([.number("1"), .number("0.8"), .number("0.6667")])),
        ("delta", .number("0.8")), ("samples", .number("2000")), ("seed", .number("3")),
      ])
    }
    let v = try provider.compute(args("violation"), at: point, precision: 64)
    let u = try provider.compute(args("violation_upper"), at: point, precision: 64)
    #expect(v.lower < v.value && v.value < v.upper && v.upper == u.value)
    let model = try IdealizedTanh(a: [1], b: [10], target: Self.target)
    let direct = model.violation(k1: 1, k2: 2, delta: 0.8, samples: 2000, seed: SplitMix64.mix(3 &+ 1))
    #expect(v.value.doubleValue == direct.fraction)
    let rate = try provider.compute(args("rate"), at: point, precision: 64)
    #expect(rate.value < 0 && rate.figures.count == 1 && rate.figures[0].logY)
    #expect(try provider.compute(args("proof_rate"), at: point, precision: 64).value.doubleValue == -Double.pi / 2)
    #expect(try provider.compute(args("notes_rate"), at: point, precision: 64).value.doubleValue == -Double.pi)
  }
}
