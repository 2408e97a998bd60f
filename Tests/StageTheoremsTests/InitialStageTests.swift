import MultiPrecision
import NeuralNetworks
import Quadrature
import Testing

@testable import StageTheorems

/// The initial-stage quantities against closed forms, a second method, and
/// the identities they must satisfy.
@Suite struct InitialStageTests {
  static let target = try! StageTarget("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")

  static func network(_ activation: String, widths: [Int] = [5], std: Double = 1, seed: UInt64 = 1) -> Network<Double> {
    Network<Double>(
      widths: [1] + widths + [1], activation: builtInActivation(named: activation)!,
      initializer: Initializer(weights: .normal(std: std), biases: .normal(std: 1)), seed: seed)
  }

  /// h ≡ 0, f ≡ 1, ρ = N(0, σ²): g = −√ρ, |ĝ(ξ)|² ∝ e^{−8π²σ²ξ²}, so
  /// L⁺_η / L = erfc(2√2 πση) exactly. Both paths, and the MPFR one to 25 digits.
  @Test func highFrequencyShareOfAGaussianIsErfc() throws {
    var net = Self.network("tanh", widths: [3])
    for i in net.weightOffset(1)..<net.parameterCount { net.parameters[i] = 0 }
    let one = try StageTarget("1")
    let density = SampleDensity.normal(mean: 0, sd: 0.1)
    let etas = [1.0, 2, 3]
    let mp = try InitialStage.computeMP(
      network: net, target: one, density: density, etas: etas, options: InitialStageOptions(digits: 25))
    let grid = try InitialStage.computeGrid(network: net, target: one, density: density, etas: etas, points: 4096)
    MPFloat.withPrecision(160) {
      for (i, eta) in etas.enumerated() {
        // σ is the double nearest 0.1 (the density's parameter), not the decimal 0.1.
        let exact = MPFloat.erfc(2 * MPFloat.sqrt(MPFloat(2)) * MPFloat.pi * MPFloat(0.1) * MPFloat(eta))
        let share = mp.lossAbove[i].value / mp.loss.value
        let err = abs(share - exact) / exact
        #expect(err < MPFloat("1e-24")!, "η = \(eta): \(share) vs erfc \(exact)")
        // The contract: converged to 10^(−digits) of the total (the fine − coarse
        // estimate alone, ~1e-34 here, does not cover a ~1e-31 systematic error).
        #expect(
          abs(mp.lossAbove[i].value - exact * mp.loss.value) <= mp.lossAbove[i].error + MPFloat("1e-25")!
            * mp.loss.value)
        // The grid path: its error estimate (half grid, quarter padding) covers the true error.
        let gridError = abs(grid.lossAbove[i].double - exact.doubleValue * grid.loss.double)
        #expect(gridError <= grid.lossAbove[i].error.doubleValue, "grid η = \(eta)")
      }
    }
  }

  /// L = ∫ u²ρ from the stage rules against the adaptive integrator of the
  /// Quadrature module (split at the kinks), ReLU and ReLU², depth 2, 30 digits.
  @Test(arguments: ["relu", "relu^2"])
  func lossAgreesWithAdaptiveQuadrature(_ activation: String) throws {
    let net = Self.network(activation, widths: [4, 3])
    let density = SampleDensity.normal(mean: 0.3, sd: 1.2)
    let r = try InitialStage.computeMP(
      network: net, target: Self.target, density: density, etas: [0.5], options: InitialStageOptions(digits: 25))
    #expect(r.kinkCount > 0)
    try MPFloat.withPrecision(MPFloat.bits(forDigits: 37)) {
      let mnet = net.converted(to: MPFloat.self)
      let f = try Self.target.compiled(MPFloat.self)
      let (a, b) = density.support(digits: 27)
      let kinks = networkKinks(mnet, from: a, to: b)
      let q = Integration.integrate(
        { (x: MPFloat) -> MPFloat in
          let u = mnet.outputs([x])[0] - (try! f.evaluate([x, x]))
          return u * u * density.value(x)
        }, from: MPFloat(a), to: MPFloat(b), tolerance: MPFloat("1e-28")!, breakPoints: kinks)
      #expect(q.status == .converged)
      let rel = abs(q.value - r.loss.value) / q.value
      #expect(rel < MPFloat("1e-22")!, "\(activation): L = \(r.loss.value) vs \(q.value)")
    }
  }

  /// dL/dt = 2∫u ∂_t u ρ equals −|∇L|², and R ≤ B, for every activation family.
  @Test(arguments: ["tanh", "sigmoid", "softplus", "relu", "relu^3"])
  func flowIdentityAndBound(_ activation: String) throws {
    let net = Self.network(activation, widths: [6, 4], std: 1.5)
    let r = try InitialStage.computeGrid(
      network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: [0.25, 0.5, 1, 2], points: 4096)
    #expect(abs(r.dLdt.double + r.gradientNorm2.double) <= 1e-12 * r.gradientNorm2.double)
    for i in r.eta.indices {
      #expect(r.R[i].double <= r.B[i].double * (1 + 1e-9) + r.R[i].error.doubleValue, "η = \(r.eta[i])")
    }
  }

  /// The MPFR quadrature path and the Double FFT path agree within their
  /// error estimates (tanh and ReLU, moderate η).
  @Test(arguments: ["tanh", "relu"])
  func quadratureAndGridAgree(_ activation: String) throws {
    let net = Self.network(activation, widths: [5], std: 1.5)
    let etas = [0.5, 1.0, 2.0]
    let q = try InitialStage.computeMP(
      network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: etas,
      options: InitialStageOptions(digits: 15))
    let g = try InitialStage.computeGrid(
      network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: etas, points: 16384)
    for i in etas.indices {
      let tolR = q.R[i].error.doubleValue + g.R[i].error.doubleValue + 1e-9 * q.R[i].double
      #expect(abs(q.R[i].double - g.R[i].double) <= tolR, "R at η = \(etas[i]): \(q.R[i]) vs \(g.R[i])")
      let tolB = q.B[i].error.doubleValue + g.B[i].error.doubleValue + 1e-9 * q.B[i].double
      #expect(abs(q.B[i].double - g.B[i].double) <= tolB, "B at η = \(etas[i]): \(q.B[i]) vs \(g.B[i])")
    }
  }

  /// Nested Clenshaw–Curtis: weights sum to 2 and integrate x^n exactly.
  @Test func clenshawCurtisIsExactForPolynomials() {
    MPFloat.withPrecision(200) {
      let r = ClenshawCurtisRule<MPFloat>.rule(intervals: 16)
      for degree in [0, 2, 8, 16] {
        var s = MPFloat(0), c = MPFloat(0)
        for k in r.nodes.indices {
          s += r.weights[k] * MPFloat.pow(r.nodes[k], degree)
          c += r.coarseWeights[k] * MPFloat.pow(r.nodes[k], degree)
        }
        let exact = MPFloat(2) / MPFloat(degree + 1)
        #expect(abs(s - exact) < MPFloat("1e-55")!, "degree \(degree)")
        if degree <= 8 { #expect(abs(c - exact) < MPFloat("1e-55")!, "coarse, degree \(degree)") }
      }
    }
  }

  @Test func badInputThrows() throws {
    let net = Self.network("tanh")
    #expect(throws: StageError.self) {
      try InitialStage.computeGrid(network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: [0])
    }
    #expect(throws: StageError.self) {
      try InitialStage.computeGrid(
        network: net, target: try StageTarget("exp(x^2)"), density: .normal(mean: 0, sd: 1), etas: [1])
    }
    #expect(throws: StageError.self) { try SampleDensity.parse("normal:0") }
    #expect(throws: StageError.self) { try StageTarget("sin(") }
    #expect(
      try SampleDensity.parse("mixture:0.25*normal:-1,0.5+0.75*normal:2,1")
        == .mixture([.init(weight: 0.25, mean: -1, sd: 0.5), .init(weight: 0.75, mean: 2, sd: 1)]))
  }
}
