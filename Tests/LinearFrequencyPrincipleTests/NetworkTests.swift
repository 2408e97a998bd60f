import Foundation
import LinearFrequencyPrinciple
import MultiPrecision
import NeuralNetworks
import Testing
import Verification

@Suite struct NetworkTests {
  /// The exact NTK (b in closed form, w by piecewise Gauss–Legendre) against nested adaptive quadrature.
  @Test func exactNTKMatchesQuadrature() throws {
    for (w, b, a) in [
      ("uniform:-3,3", "uniform:-3,3", "uniform:-0.1,0.1"), ("uniform:-0.2,0.2", "uniform:-1,1", "uniform:-1,1"),
    ] {
      let k = try ExactReLUNTK(
        w: ParameterDistribution(parsing: w), b: ParameterDistribution(parsing: b),
        a: ParameterDistribution(parsing: a))
      for (x, xp) in [(-0.8, 0.1), (-0.3, -0.3), (0.0, 0.5), (-0.06, -0.6)] {
        let exact = k(x, xp)
        let quad = k.byQuadrature(x, xp)
        #expect(abs(exact / quad - 1) < 1e-10, "\(w) (\(x), \(xp)): \(exact) vs \(quad)")
      }
    }
  }

  /// The empirical kernel converges to the exact NTK as the width grows (law of large numbers).
  @Test func empiricalKernelApproachesNTK() throws {
    let (w, b, a): (ParameterDistribution, ParameterDistribution, ParameterDistribution) =
      (.uniform(-3, 3), .uniform(-3, 3), .uniform(-0.1, 0.1))
    let k = try ExactReLUNTK(w: w, b: b, a: a)
    let net = try LinearisedTwoLayer(activation: .relu, width: 200_000, dimension: 1, w: w, b: b, a: a, seed: 3)
    for (x, xp) in [(-0.8, 0.1), (-0.3, -0.06)] {
      #expect(abs(net.kernel([x], [xp]) / k(x, xp) - 1) < 0.02)
    }
  }

  @Test func linearisedLimitInterpolatesAndIsAntisymmetric() throws {
    let data = try LFPData(x1: authorsX, y: authorsY)
    let net = try LinearisedTwoLayer(
      activation: .relu, width: 1000, dimension: 1, w: .uniform(-3, 3), b: .uniform(-3, 3),
      a: .uniform(-0.1, 0.1), seed: 1)
    #expect(
      zip(net.a.dropLast(), net.a.dropFirst()).enumerated().allSatisfy {
        $0.offset % 2 == 1 || $0.element.0 == -$0.element.1
      })
    let h = try net.limit(data: data, at: authorsX.map { [$0] })
    for (v, y) in zip(h, authorsY) { #expect(abs(v - y) < 1e-9) }
  }

  @Test func frequencyDecayRates() throws {
    let cases: [(any SpectralActivation, ParameterDistribution, Int, Double)] = [
      (ReLU(), .normal(mean: 0, sd: 1), 8, 1.0),
      (Tanh(), .uniform(-3, 3), 3, 4.0),
    ]
    for (act, w, band, period) in cases {
      let g = try LFPGamma(activation: act, w: w, a: .normal(mean: 0, sd: 1))
      let decay = try FrequencyDecay(gamma: g, period: period, points: 32, band: band)
      for k in 1...band {
        let ratio = try decay.measuredRate(k, seed: 5) / decay.predictedRate(k)
        #expect(abs(ratio - 1) < 1e-6, "\(act) k=\(k): \(ratio)")
      }
    }
    #expect(throws: LFPError.self) {
      try FrequencyDecay(gamma: LFPGamma(activation: .relu, w: .uniform(-1, 1), a: .uniform(-1, 1)), points: 8, band: 4)
    }
  }

  @Test func criticalEnergy() throws {
    try MPFloat.withPrecision(128) {
      for d in 1...3 {
        let alpha = MPFloat(d) + MPFloat("0.5")!
        let c: MPFloat = try CriticalExponent.energyClosedForm(dimension: d, alpha: alpha)
        let q = try CriticalExponent.energyByQuadrature(dimension: d, alpha: alpha, radius: .infinity)
        #expect(abs(q.value / c - 1) < MPFloat("1e-30")!, "d=\(d)")
        #expect(throws: LFPError.self) { try CriticalExponent.energyClosedForm(dimension: d, alpha: MPFloat(d)) }
      }
    }
    // d = 1, α = 2 (Δξ = 1, points 0.2 apart): settles; α = 1/2: decays to 0.
    let stable = try [40, 160].map { try CriticalExponent.latticeMidpoint(dimension: 1, alpha: 2, cutoff: $0) }
    #expect(abs(stable[0] - stable[1]) < 0.01 && stable[1] > 0.5)
    let spikes = try [40, 640].map { try CriticalExponent.latticeMidpoint(dimension: 1, alpha: 0.5, cutoff: $0) }
    #expect(spikes[1] < spikes[0] / 3)
  }
}

@Suite struct ExactNTKNormalTests {
  /// The normal-law NTK (bivariate-normal orthant moments, Φ₂ by its 1-D integral)
  /// against the expectation over the distribution by nested MPFR quadrature (d = 1).
  @Test func normalNTKMatchesMPFRQuadrature() throws {
    for (w, b, a) in [
      ("normal:0,0.8", "normal:-1,2", "normal:0,0.2"), ("normal:0.3,1.5", "normal:0.5,1", "uniform:-1,1"),
    ] {
      let k = try ExactReLUNTK(
        w: ParameterDistribution(parsing: w), b: ParameterDistribution(parsing: b),
        a: ParameterDistribution(parsing: a))
      for (x, xp) in [(-0.8, 0.1), (-0.3, -0.3), (0.0, 0.5), (1.0, -1.0), (0.7, 0.7000001)] {
        let closed = k(x, xp)
        let quad = try MPFloat.withPrecision(128) { () throws -> Double in
          let q = try k.byQuadrature(MPFloat(x), MPFloat(xp), tolerance: MPFloat("1e-30")!)
          #expect(q.error < MPFloat("1e-25")! * abs(q.value))
          return q.value.doubleValue
        }
        #expect(abs(closed / quad - 1) < 1e-13, "\(w) \(b) (\(x), \(xp)): \(closed) vs \(quad)")
      }
    }
  }

  /// In d = 2 (the XOR laws) the closed form against the empirical kernel of a very wide network.
  @Test func normalNTKMatchesWideNetworkIn2D() throws {
    let (w, b, a): (ParameterDistribution, ParameterDistribution, ParameterDistribution) =
      (.normal(mean: 0, sd: 0.8), .normal(mean: -1, sd: 2), .normal(mean: 0, sd: 0.2))
    let k = try ExactReLUNTK(w: w, b: b, a: a, dimension: 2)
    let net = try LinearisedTwoLayer(activation: .relu, width: 400_000, dimension: 2, w: w, b: b, a: a, seed: 11)
    for (x, xp) in [([1.0, 1.0], [-1.0, 1.0]), ([0.3, -0.2], [0.3, -0.2]), ([-1.0, -1.0], [0.5, 0.9])] {
      #expect(abs(net.kernel(x, xp) / k(x, xp) - 1) < 0.02, "\(x) \(xp)")
    }
    #expect(throws: LFPError.self) { try ExactReLUNTK(w: .uniform(-1, 1), b: .uniform(-1, 1), a: a, dimension: 2) }
    #expect(throws: LFPError.self) { try ExactReLUNTK(w: w, b: .uniform(-1, 1), a: a) }
  }

  /// Symmetric uniform laws with β ≥ W·max|x|: the kernel is the polynomial
  /// β²/6 + E[a²]/2 + (E w² + E a²)xx′/2 + (1/2β)[G(x − x′) − (B/2)|x − x′|xx′].
  @Test func uniformNTKClosedForm() throws {
    for (w, b, a) in [(3.0, 3.0, 0.1), (0.2, 1.0, 1.0)] {
      let k = try ExactReLUNTK(w: .uniform(-w, w), b: .uniform(-b, b), a: .uniform(-a, a))
      #expect(k.biasDensity == 1 / (2 * b))
      for (x, xp) in [(-0.8, 0.1), (-0.3, -0.3), (0.0, 0.5), (-0.06, -0.6)] {
        let poly = try #require(k.symmetricClosedForm(x, xp))
        #expect(abs(poly / k(x, xp) - 1) < 1e-12, "(\(x), \(xp))")
      }
    }
    let k = try ExactReLUNTK(w: .uniform(-3, 3), b: .uniform(-1, 1), a: .uniform(-1, 1))
    #expect(k.symmetricClosedForm(0.8, 0.1) == nil)
  }

  /// The LFP evolution on the frequency grid in the network's time: its slowest
  /// rate on the data is that of the exact NTK (the translation-invariant part
  /// p_b·G dominates the slow modes) to within 10%; a time factor without n or
  /// without p_b would be off by 5× or more.
  @Test func lfpGridRunsInNetworkTime() throws {
    let data = try LFPData(x1: authorsX, y: authorsY)
    for (w, b, a) in [(3.0, 3.0, 0.1), (0.2, 1.0, 1.0)] {
      let laws: (ParameterDistribution, ParameterDistribution, ParameterDistribution) =
        (.uniform(-w, w), .uniform(-b, b), .uniform(-a, a))
      let ntk = try ExactReLUNTK(w: laws.0, b: laws.1, a: laws.2).flow(data: data, at: [[0.0]])
      let gamma = try LFPGamma(activation: .relu, w: laws.0, a: laws.2)
      let grid = try FrequencyGridLFP.networkTimeGrid(gamma: gamma, data: data, biasDensity: 1 / (2 * b))
      let lfp = try grid.flow(at: [-0.5, 0.0])
      #expect(abs(lfp.slowestRate / ntk.slowestRate - 1) < 0.1, "\(w): \(lfp.slowestRate) vs \(ntk.slowestRate)")
      // The flow form equals the eigen-route evolution.
      let t = 1 / lfp.slowestRate
      let a1 = try lfp.values(at: t)
      let a2 = try grid.exactEvolution(times: [t], at: [-0.5, 0.0])[0]
      for (u, v) in zip(a1, a2) { #expect(abs(u - v) < 1e-9 * max(1, abs(v))) }
      #expect(throws: LFPError.self) { try lfp.values(at: -1) }
    }
  }

  /// The infinite-width network's residual components decay at n p_b γ(f_k)²/P to
  /// within 5% in the middle of the band (k = 4 … 8; the interval's edges move
  /// k ≤ 3 by up to 20% and aliasing the top of the band), low frequencies first
  /// (k = 2 … 8): checks the time factor n·p_b and the shape of γ².
  @Test func networkDecayAtInfiniteWidth() throws {
    let decay = try NetworkFrequencyDecay(w: .uniform(-3, 3), b: .uniform(-3, 3), a: .uniform(-0.1, 0.1))
    let flow = try decay.flow(width: nil, seed: 0)
    var last = Double.infinity
    for k in [2, 3, 4, 6, 8] {
      let r = try decay.measuredRate(k, flow: flow)
      if k >= 4 { #expect(abs(r / (try decay.predictedRate(k)) - 1) < 0.05, "k = \(k)") }
      #expect(r < last)
      last = r
    }
    #expect(throws: LFPError.self) { try decay.predictedRate(17) }
    #expect(throws: LFPError.self) {
      try NetworkFrequencyDecay(w: .uniform(-3, 3), b: .normal(mean: 0, sd: 1), a: .uniform(-0.1, 0.1))
    }
  }
}

/// The decay measurement on GD-trained networks (`NetworkFrequencyDecay+GD.swift`).
@Suite struct GDFrequencyDecayTests {
  /// The recorded residuals are the training run's: after the steps a `GDTrainedNetwork`
  /// took, the residual equals its final network minus y on the data (to 1e−12: the run
  /// sums the neurons in 8 lanes, `value` in order); at step 0 it is −y (h(θ₀) ≡ 0).
  /// Twin: one step earlier the residual is off by more than that.
  @Test func residualsAreTheTrainingRunsResiduals() throws {
    let data = try LFPData(x1: [-0.8, -0.6, -0.3, -0.06, 0.1], y: [0.25, -0.25, -0.07, 0.15, -0.05])
    let net = try LinearisedTwoLayer(
      activation: .relu, width: 200, dimension: 1, w: .uniform(-3, 3), b: .uniform(-3, 3), a: .uniform(-0.1, 0.1),
      seed: 3)
    let run = try GDTrainedNetwork(initial: net, data: data, configuration: .init(untilLoss: 1e-3, snapshotLoss: 1e-2))
    let r = try GDTrainedNetwork.residuals(net, data: data, at: [0, run.steps])
    #expect(r.learningRate == run.learningRate)
    #expect(r.residuals[0] == data.y.map { -$0 })
    let h = data.x.map { run.final.value($0, activation: .relu) }
    let expected = zip(h, data.y).map { $0 - $1 }
    let distance = { (u: [Double]) in zip(u, expected).map { abs($0 - $1) }.max()! }
    #expect(distance(r.residuals[run.steps]!) <= 1e-12, "steps \(run.steps)")
    let earlier = try GDTrainedNetwork.residuals(net, data: data, at: [run.steps - 1])
    #expect(distance(earlier.residuals[run.steps - 1]!) > 1e-12)
  }

  /// In the cubic setting GD is lazy and its measured rate at k = 1 equals the linearised
  /// network's (same initialisation) within 3%; in the linear setting at the same width
  /// GD leaves the NTK regime and the two differ by more than 30% (0.44 vs 1.08 times
  /// the prediction at m = 1000): the comparison can tell the two apart.
  @Test(arguments: [("cubic", true), ("linear", false)])
  func gdMatchesTheLinearisationOnlyWhenLazy(_ setting: String, _ lazy: Bool) throws {
    let laws: (ParameterDistribution, ParameterDistribution, ParameterDistribution) =
      setting == "cubic"
      ? (.uniform(-3, 3), .uniform(-3, 3), .uniform(-0.1, 0.1))
      : (.uniform(-0.2, 0.2), .uniform(-1, 1), .uniform(-1, 1))
    let decay = try NetworkFrequencyDecay(w: laws.0, b: laws.1, a: laws.2)
    let seed = 0, width = 1000
    let gd = try decay.measuredRate(
      1,
      gd: try decay.gdRun(
        width: width, seed: UInt64(seed), initialisationSeed: LFPGDProvider.initialisationSeed(seed, width: width),
        upTo: 1))
    let linearised = try decay.measuredRate(1, flow: try decay.flow(width: width, seed: UInt64(seed)))
    let gap = abs(gd / linearised - 1)
    if lazy {
      #expect(gap < 0.03, "GD \(gd) vs linearised \(linearised)")
    } else {
      #expect(gap > 0.3, "GD \(gd) vs linearised \(linearised)")
    }
  }
}

@Suite struct NetworkProviderInputTests {
  func compute(_ args: [(String, ArgumentValue)]) throws -> Quantity {
    try LFPNetworkProvider().compute(
      ProviderArguments(args.map { (key: $0.0, value: $0.1) }), at: SweepPoint(index: 0, coordinates: [:], seed: 0),
      precision: 64)
  }

  /// Snapshot times need the LFP time scale (ReLU, d = 1, uniform symmetric b) and a
  /// positive τ; splines are limits (time = end only): clear errors.
  @Test func snapshotTimesRejectBadInput() throws {
    let base: [(String, ArgumentValue)] = [("width", .number("200")), ("seeds", .number("1")), ("grid", .number("5"))]
    for (setting, time, quantity) in [
      ("xor", "1", "gap_lfp"), ("tanh_a", "1", "gap_lfp"), ("cubic", "0", "gap_lfp"), ("cubic", "soon", "gap_ntk"),
      ("cubic", "1", "gap_expected_spline"),
    ] {
      #expect(throws: ProviderError.self, "\(setting) time \(time) \(quantity)") {
        try compute(base + [("setting", .string(setting)), ("time", .string(time)), ("quantity", .string(quantity))])
      }
    }
    // A snapshot in the allowed case: the floor at τ = 1 exceeds the one at the end (cubic).
    let floor: [(String, ArgumentValue)] = [("setting", .string("cubic")), ("quantity", .string("floor"))]
    let early = try compute(base + floor + [("time", .string("1"))])
    let end = try compute(base + floor + [("time", .string("end"))])
    #expect(early.value > end.value)
  }
}
