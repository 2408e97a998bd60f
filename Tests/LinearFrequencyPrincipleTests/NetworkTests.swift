import Foundation
import LinearFrequencyPrinciple
import MultiPrecision
import Testing

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
    for (act, w, band, period) in [
      (LFPActivation.relu, ParameterDistribution.normal(mean: 0, sd: 1), 8, 1.0),
      (.tanh, .uniform(-3, 3), 3, 4.0),
    ] {
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
