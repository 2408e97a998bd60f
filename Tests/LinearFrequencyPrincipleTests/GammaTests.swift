import Foundation
import LinearFrequencyPrinciple
import MultiPrecision
import TestSupport
import Testing

/// One row of Fixtures/gamma2.csv (made by Fixtures/make_gamma_fixtures.py, mpmath at 70 digits).
struct GammaFixture {
  let activation: String, dimension: Int, w: String, a: String, xi: String, gamma2: String

  static let rows: [GammaFixture] = {
    let url = PackagePaths.url("Tests/LinearFrequencyPrincipleTests/Fixtures/gamma2.csv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").dropFirst().map { line in
      // activation,dim,"w","a",xi,gamma2: the quoted fields contain commas.
      let q = line.split(separator: "\"", omittingEmptySubsequences: false).map(String.init)
      let head = q[0].split(separator: ",").map(String.init)
      let tail = q[4].split(separator: ",").map(String.init)
      return GammaFixture(activation: head[0], dimension: Int(head[1])!, w: q[1], a: q[3], xi: tail[0], gamma2: tail[1])
    }
  }()
}

@Suite struct GammaTests {
  @Test func fixtureIsPresent() { #expect(GammaFixture.rows.count >= 25) }

  /// Both routes (ReLU: closed form and quadrature; others: quadrature) against mpmath to 50 digits.
  @Test func matchesMpmathTo50Digits() throws {
    try MPFloat.withPrecision(MPFloat.bits(forDigits: 60)) {
      for row in GammaFixture.rows {
        let g = try LFPGamma(
          activation: SpectralActivations.named(row.activation), dimension: row.dimension,
          w: ParameterDistribution(parsing: row.w), a: ParameterDistribution(parsing: row.a))
        let xi = MPFloat(row.xi)!
        let reference = MPFloat(row.gamma2)!
        var values: [(String, MPFloat)] = []
        if g.activation.isReLU { values.append(("closed form", try g.reluClosedForm(norm: xi))) }
        if row.dimension == 1 {
          let q = try g.byQuadrature(xi, tolerance: MPFloat("1e-55")!)
          values.append(("quadrature", q.value))
          #expect(q.error <= MPFloat("1e-50")! * reference, "\(row): error estimate \(q.error)")
        }
        #expect(!values.isEmpty)
        for (route, v) in values {
          let rel = abs(v / reference - 1)
          #expect(
            rel <= MPFloat("1e-50")!,
            "\(row.activation) d=\(row.dimension) \(row.w) \(row.a) ξ=\(row.xi) \(route): rel \(rel)")
        }
      }
    }
  }

  /// The closed form (moments) and the quadrature route agree to 50 digits where both exist,
  /// also for laws the fixture does not list.
  @Test func closedFormAndQuadratureAgree() throws {
    try MPFloat.withPrecision(MPFloat.bits(forDigits: 60)) {
      for (w, a) in [("uniform:-0.2,0.2", "uniform:-1,1"), ("normal:-1.2,0.7", "const:0.3"), ("const:2", "normal:0,1")]
      {
        let g = try LFPGamma(
          activation: .relu, w: ParameterDistribution(parsing: w), a: ParameterDistribution(parsing: a))
        for xi in ["0.01", "1.7", "40"] {
          let x = MPFloat(xi)!
          let c: MPFloat = try g.reluClosedForm(norm: x)
          let q = try g.byQuadrature(x, tolerance: MPFloat("1e-55")!)
          #expect(abs(q.value / c - 1) <= MPFloat("1e-50")!, "\(w) \(a) ξ=\(xi)")
        }
      }
    }
  }

  /// Decay: slope −(d+1) at large ξ for ReLU with a = O(1); −(d+3) when a = 0; tanh: log γ² ≈ −2π²ξ/max|w|.
  @Test func decaySlopes() throws {
    for d in 1...3 {
      let g = try LFPGamma(activation: .relu, dimension: d, w: .normal(mean: 0, sd: 1), a: .normal(mean: 0, sd: 1))
      let s = try log(g.value(norm: 2e4) / g.value(norm: 1e4)) / log(2.0)
      #expect(abs(s + Double(d + 1)) < 1e-3, "d=\(d): \(s)")
      let g0 = try LFPGamma(activation: .relu, dimension: d, w: .normal(mean: 0, sd: 1), a: .constant(0))
      let s0 = try log(g0.value(norm: 2e4) / g0.value(norm: 1e4)) / log(2.0)
      #expect(abs(s0 + Double(d + 3)) < 1e-12, "d=\(d), a=0: \(s0)")
    }
    try MPFloat.withPrecision(128) {
      let g = try LFPGamma(activation: .tanh, w: .uniform(-1.5, 1.5), a: .uniform(-1, 1))
      let (x1, x2) = (MPFloat(5), MPFloat(10))
      let rate: MPFloat = try (MPFloat.log(g.value(norm: x2)) - MPFloat.log(g.value(norm: x1))) / (x2 - x1)
      let predicted = -2 * MPFloat.pi * MPFloat.pi / MPFloat("1.5")!
      #expect(abs(rate / predicted - 1) < MPFloat("0.05")!, "tanh rate \(rate) vs \(predicted)")
    }
  }

  @Test func badInputIsRejected() {
    #expect(throws: LFPError.self) { try ParameterDistribution(parsing: "uniform:3,1") }
    #expect(throws: LFPError.self) { try ParameterDistribution(parsing: "normal:0,-1") }
    #expect(throws: LFPError.self) { try ParameterDistribution(parsing: "gamma:1") }
    #expect(throws: LFPError.self) { try ParameterDistribution(parsing: "uniform:1") }
    #expect(throws: LFPError.self) {
      try LFPGamma(activation: .relu, w: .cauchy(location: 0, scale: 1), a: .uniform(-1, 1))
    }
    #expect(throws: LFPError.self) {
      try LFPGamma(activation: .relu, w: .uniform(-1, 1), a: .cauchy(location: 0, scale: 1))
    }
    #expect(throws: LFPError.self) {
      let g = try LFPGamma(activation: .relu, w: .uniform(-1, 1), a: .uniform(-1, 1))
      _ = try g.value(norm: 0.0)
    }
    #expect(throws: LFPError.self) {
      try LFPGamma(activation: .tanh, dimension: 2, w: .uniform(-1, 1), a: .uniform(-1, 1))
    }
  }
}
