import ComplexModule
import Foundation
import MultiPrecision
import NeuralNetworks
import Quadrature
import Spectral
import Testing
import Verification

@testable import StageTheorems

/// The two-dimensional initial stage (Double FFT path) against closed forms, the tensor-product
/// Gauss–Legendre rule of `Quadrature` (`integrateBox`, the independent oracle) and the identities.
@Suite struct GridStage2DTests {
  static let target = try! StageTarget2D("sin(0.6*pi*x1) + 0.5*cos(0.8*pi*x2)*x1")
  static let density = try! SampleDensity2D.parse("normal2:0.3,-0.2,0.8,1.1")

  static func network(_ activation: String, widths: [Int] = [3], seed: UInt64 = 1) -> Network<Double> {
    Network<Double>(
      widths: [2] + widths + [1], activation: builtInActivation(named: activation)!,
      initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 1)), seed: seed)
  }

  /// ∫ over the box μ ± cσ by tensor Gauss–Legendre (n ≤ 256 per axis): c = 8 for integrands
  /// with ρ (e^{−32} outside), c = 12 for those with √ρ (e^{−36} outside).
  static func oracle(
    _ c: Double = 8, maxEvaluations: Int = 1 << 16, _ f: @escaping ([Double]) -> Double
  ) -> QuadratureResult<Double> {
    Integration.integrateBox(
      f, lower: [0.3 - c * 0.8, -0.2 - c * 1.1], upper: [0.3 + c * 0.8, -0.2 + c * 1.1], tolerance: 1e-10,
      maxEvaluations: maxEvaluations)
  }

  /// u(x) = h(x) − f(x) and ρ(x) at one point.
  static func residual(_ net: Network<Double>, _ x: [Double]) -> Double {
    net.valueAndTangent(at: x, direction: [Double](repeating: 0, count: net.parameterCount)).value
      - (try! target.compiled.evaluate(x))
  }

  /// The exact radial cut: a cut-off above the Nyquist frequency 1/(2Δ) is an error.
  @Test func cutOffAboveNyquistIsAnError() {
    let grid = StageGrid2D(lower: (-8, -8), spacing: 0.25, count: 64)
    let a = [Double](repeating: 1, count: 64 * 64)
    #expect(throws: StageError.self) { try grid.tails(a, a, etas: [2.01]) }
  }

  /// Closed form: g = e^{−π|x|²}, ĝ = e^{−π|ξ|²}, so ∫_{|ξ|>η}|ĝ|² = e^{−2πη²}/2; with
  /// b = e^{−π|x|²/4} (b̂ = 4e^{−4π|ξ|²}): ∫_{|ξ|>η}|b̂|² = 2e^{−8πη²} and
  /// ∫_{|ξ|>η} Re(conj(ĝ) b̂) = 0.8 e^{−5πη²}. Checks the FFT scaling and the radial cut.
  @Test func radialTailsOfGaussiansMatchClosedForms() throws {
    let grid = StageGrid2D(lower: (-8, -8), spacing: 16.0 / 128, count: 128)
    let x = grid.nodes
    let r2: [Double] = (0..<(128 * 128)).map { (k: Int) -> Double in
      let x1: Double = x[2 * k], x2: Double = x[2 * k + 1]
      return x1 * x1 + x2 * x2
    }
    let a: [Double] = r2.map { Double.exp(-Double.pi * $0) }
    let b: [Double] = r2.map { Double.exp(-Double.pi * $0 / 4) }
    let etas = [0.0, 0.2, 0.35, 0.5]
    let t = try grid.tails(a, b, etas: etas)
    for (i, eta) in etas.enumerated() {
      let e2: Double = Double.pi * eta * eta
      let exact: [Double] = [Double.exp(-2 * e2) / 2, 2 * Double.exp(-8 * e2), 0.8 * Double.exp(-5 * e2)]
      let got: [Double] = [t[i].aa, t[i].bb, t[i].ab]
      for j in 0..<3 {
        let error: Double = abs(got[j] - exact[j]) / exact[j]
        #expect(error <= 1e-11, "η = \(eta), tail \(j): \(got[j]) vs \(exact[j])")
      }
    }
    // η = 0: exact discrete Parseval (every cell counts fully).
    let l2 = grid.spacing * grid.spacing * a.reduce(0) { $0 + $1 * $1 }
    #expect(abs(t[0].aa - l2) <= 1e-13 * l2)
    // A sharp cut of the zero-padded DFT (whole cells by their centre) is far worse at η = 0.35.
    let sharp = Self.sharpTail(grid, a, eta: 0.35)
    let exact = Double.exp(-2 * Double.pi * 0.35 * 0.35) / 2
    #expect(abs(sharp - exact) > 10 * abs(t[2].aa - exact), "sharp \(sharp), weighted \(t[2].aa), exact \(exact)")
  }

  static func sharpTail(_ grid: StageGrid2D, _ a: [Double], eta: Double) -> Double {
    let z = grid.transform(a, [Double](repeating: 0, count: a.count))
    let m = grid.count * grid.padding, dxi = grid.frequencyStep
    var s = 0.0
    for k1 in 0..<m {
      for k2 in 0..<m {
        let x1 = Double(Fourier.signedIndex(k1, count: m)) * dxi, x2 = Double(Fourier.signedIndex(k2, count: m)) * dxi
        if x1 * x1 + x2 * x2 > eta * eta { s += z[k1 * m + k2].lengthSquared }
      }
    }
    return s * grid.spacing * grid.spacing / Double(m * m)
  }

  /// L, |∇L|², dL/dt and ĝ(ξ) at three frequencies against tensor Gauss–Legendre (tanh, depth 1,
  /// an anisotropic product density); the grid's error estimate covers the difference.
  @Test func gridAgreesWithGaussLegendreOracle() throws {
    let net = Self.network("tanh")
    let r = try InitialStage.computeGrid2D(
      network: net, target: Self.target, density: Self.density, etas: [0.5], points: 128)
    let rho = { (x: [Double]) in Self.density.value(x[0], x[1]) }
    let L = Self.oracle { x in
      let u = Self.residual(net, x); return u * u * rho(x)
    }
    #expect(L.status == .converged)
    #expect(abs(r.loss.double - L.value) <= r.loss.error.doubleValue + L.errorEstimate, "L \(r.loss) vs \(L)")
    #expect(abs(r.loss.double - L.value) <= 1e-9 * L.value, "L \(r.loss) vs \(L)")
    // ∇L·v = 2∫u (∇_θh·v) ρ for v = the grid's ∇L (then ≈ |∇L|²) and for a fixed second direction.
    let gradient = Self.gridGradient(net)
    let g2 = gradient.reduce(0) { $0 + $1 * $1 }
    #expect(abs(g2 - r.gradientNorm2.double) <= 1e-12 * g2)
    let other = (0..<net.parameterCount).map { Double.sin(Double($0) + 1) }
    for v in [gradient, other] {
      let exact = Self.oracle { x in
        let (h, t) = net.valueAndTangent(at: x, direction: v)
        return 2 * (h - (try! Self.target.compiled.evaluate(x))) * t * rho(x)
      }
      let grid = zip(gradient, v).reduce(0) { $0 + $1.0 * $1.1 }
      #expect(exact.status == .converged)
      #expect(abs(grid - exact.value) <= 1e-9 * g2, "∇L·v grid \(grid) vs oracle \(exact)")
    }
    // The gradient-flow identity dL/dt = −|∇L|² (x side) and the Fourier side over all ξ.
    #expect(abs(r.dLdt.double + r.gradientNorm2.double) <= 1e-12 * r.gradientNorm2.double)
    // ĝ(ξ) at three grid frequencies.
    let grid = StageGrid2D(density: Self.density, count: 128)
    let x = grid.nodes
    let h = net.outputs(x)
    let f = try Self.target.values(at: x)
    let g = (0..<(x.count / 2)).map { k in (h[k] - f[k]) * Self.density.value(x[2 * k], x[2 * k + 1]).squareRoot() }
    let z = grid.transform(g, [Double](repeating: 0, count: g.count))
    for k in [(0, 0), (-7, 11)] {
      let xi = (Double(k.0) * grid.frequencyStep, Double(k.1) * grid.frequencyStep)
      let fft = grid.continuousTransform(z, index: k)
      let re = Self.oracle(12, maxEvaluations: 1 << 14) { p in
        Self.residual(net, p) * rho(p).squareRoot() * Double.cos(2 * Double.pi * (xi.0 * p[0] + xi.1 * p[1]))
      }
      let im = Self.oracle(12, maxEvaluations: 1 << 14) { p in
        -Self.residual(net, p) * rho(p).squareRoot() * Double.sin(2 * Double.pi * (xi.0 * p[0] + xi.1 * p[1]))
      }
      let scale = L.value.squareRoot()
      // (n = 64 and 128 per axis agree to ~1e-10 here, short of `tolerance`: the check is the value.)
      #expect(abs(fft.real - re.value) <= 1e-9 * scale + re.errorEstimate, "Re ĝ\(k): \(fft.real) vs \(re)")
      #expect(
        abs(fft.imaginary - im.value) <= 1e-9 * scale + im.errorEstimate, "Im ĝ\(k): \(fft.imaginary) vs \(im)")
    }
    // 2-D Plancherel: ∫|ĝ|² (all frequency cells of the FFT) = ∫u²ρ (the oracle).
    let parseval = try grid.tails(g, g, etas: [0])[0].aa
    #expect(abs(parseval - L.value) <= 1e-9 * L.value, "∫|ĝ|² \(parseval) vs ∫u²ρ \(L.value)")
  }

  /// ∇L on the grid of 128² points (what `computeGrid2D` uses on its fine grid).
  static func gridGradient(_ net: Network<Double>) -> [Double] {
    let grid = StageGrid2D(density: density, count: 128)
    let x = grid.nodes
    let f = try! target.values(at: x)
    let w = (0..<(x.count / 2)).map { k in density.value(x[2 * k], x[2 * k + 1]) * grid.spacing * grid.spacing }
    return net.lossAndGradient(inputs: x, targets: f, weights: w, loss: MeanSquaredError()).gradient
  }

  /// ReLU (kink lines): L against the oracle within both errors (Gauss–Legendre converges only
  /// algebraically across a kink, so its own estimate is part of the budget); the batched tangent
  /// against the per-point forward mode.
  @Test func reluLossWithinErrorsAndBatchedTangent() throws {
    let net = Self.network("relu", widths: [4, 3])
    let r = try InitialStage.computeGrid2D(
      network: net, target: Self.target, density: Self.density, etas: [0.5], points: 128)
    let L = Integration.integrateBox(
      { x in
        let u = Self.residual(net, x); return u * u * Self.density.value(x[0], x[1])
      },
      lower: [0.3 - 6.4, -0.2 - 8.8], upper: [0.3 + 6.4, -0.2 + 8.8], tolerance: 1e-6, maxEvaluations: 1 << 16)
    let diff = abs(r.loss.double - L.value)
    #expect(diff <= r.loss.error.doubleValue + L.errorEstimate, "L \(r.loss) vs \(L)")
    #expect(diff <= 1e-3 * L.value)
    let x = [0.3, -1.2, 2.0, 0.7, -0.4, 0.05]
    let v = (0..<net.parameterCount).map { Double.cos(Double($0)) }
    let batch = net.tangents(batch: x, direction: v)
    for k in 0..<3 {
      let one = net.valueAndTangent(at: [x[2 * k], x[2 * k + 1]], direction: v).tangent
      #expect(abs(batch[k] - one) <= 1e-13 * (1 + abs(one)))
    }
  }

  /// R ≤ B at every η. The Fourier-side low part D(η) = 2 Re ∫_{|ξ|≤η} conj(ĝ) φ̂ (Bessel-kernel
  /// sum) and the x-side dL/dt = −|∇L|² (gradient-flow identity) give |D + |∇L|²|/|∇L|² = R(η)
  /// (the split adds up); with the factor 2 dropped it is ~1/2 (the twin).
  @Test(arguments: ["tanh", "relu"])
  func boundAndRateIdentity(_ activation: String) throws {
    let net = Self.network(activation, widths: [6, 6])
    let etas = [0.25, 0.5, 1, 1.25]
    let r = try InitialStage.computeGrid2D(
      network: net, target: Self.target, density: Self.density, etas: etas, points: 128)
    let g2 = r.gradientNorm2.double
    #expect(abs(r.dLdt.double + g2) <= 1e-12 * g2)
    for i in etas.indices {
      #expect(r.R[i].double <= r.B[i].double * (1 + 1e-12), "η = \(etas[i])")
      let defect = abs(r.lowRate[i].double + g2) / g2
      #expect(abs(defect - r.R[i].double) <= 1e-11, "η = \(etas[i]): defect \(defect), R \(r.R[i])")
      let twin = abs(r.lowRate[i].double / 2 + g2) / g2
      #expect(twin > 0.4, "twin \(twin)")
    }
  }

  /// The uniform square: its edges lie halfway between grid points, so Δ² Σ ρ = 1 exactly and L
  /// is a midpoint rule (O(Δ²)); L against tensor Gauss–Legendre on the square itself, within the
  /// grid's error (the difference to the N/2 grid, about 4× the O(Δ²) error).
  @Test func uniformSquareIsAMidpointRule() throws {
    let square = try SampleDensity2D.parse("uniform2:-1,2")
    let grid = StageGrid2D(density: square, count: 128)
    let x = grid.nodes
    let mass = (0..<(x.count / 2)).reduce(0.0) { $0 + square.value(x[2 * $1], x[2 * $1 + 1]) }
    #expect(abs(mass * grid.spacing * grid.spacing - 1) <= 1e-12)
    let net = Self.network("tanh")
    let r = try InitialStage.computeGrid2D(network: net, target: Self.target, density: square, etas: [1], points: 128)
    let L = Integration.integrateBox(
      { p in
        let u = Self.residual(net, p); return u * u / 9
      }, lower: [-1, -1], upper: [2, 2], tolerance: 1e-12)
    #expect(L.status == .converged)
    let diff = abs(r.loss.double - L.value)
    #expect(diff <= r.loss.error.doubleValue, "L \(r.loss) vs \(L.value)")
    #expect(diff <= 1e-3 * L.value && r.loss.error.doubleValue <= 1e-2 * L.value)
  }

  /// Bad input: clear errors.
  @Test func badInputIsRejected() throws {
    for text in [
      "normal2:0,0", "normal2:0,0,-1", "uniform2:1,1", "mixture2:0.5*normal2:0,0,1+0.6*normal2:1,1,1",
      "mixture2:1*uniform2:0,1", "gauss2:0,0,1", "normal2:a,0,1",
    ] {
      #expect(throws: StageError.self, "\(text)") { try SampleDensity2D.parse(text) }
    }
    #expect(throws: StageError.self) { try StageTarget2D("sin(x)") }
    #expect(throws: StageError.self) { try StageTarget2D("x1 < x2") }
    let d = SampleDensity2D.normal(.init(weight: 1, mean: (0, 0), sd: (1, 1)))
    let oneD = Network<Double>(widths: [1, 3, 1], activation: builtInActivation(named: "tanh")!, seed: 1)
    #expect(throws: StageError.self) {
      try InitialStage.computeGrid2D(network: oneD, target: Self.target, density: d, etas: [1], points: 64)
    }
    let net = Self.network("tanh")
    #expect(throws: StageError.self) {
      try InitialStage.computeGrid2D(network: net, target: Self.target, density: d, etas: [1], points: 100)
    }
    #expect(throws: StageError.self) {
      try InitialStage.computeGrid2D(network: net, target: Self.target, density: d, etas: [-1], points: 64)
    }
    // u not square-integrable against ρ.
    let grows = try StageTarget2D("exp(x1*x1)")
    #expect(throws: StageError.self) {
      try InitialStage.computeGrid2D(network: net, target: grows, density: d, etas: [1], points: 64)
    }
  }

  /// `stage_initial` with `dimension = 2`, and its errors (dimension 3, a 2-D quadrature method).
  @Test func providerTwoDimensional() throws {
    let provider = InitialStageProvider()
    func args(_ extra: [(String, ArgumentValue)]) -> ProviderArguments {
      ProviderArguments(
        [
          ("activation", .string("tanh")), ("widths", .string("5")), ("density", .string("normal2:0,0,1")),
          ("etas", .list([.number("0.5")])), ("eta", .number("0.5")), ("points", .number("64")),
        ] + extra)
    }
    let point = SweepPoint(index: 0, coordinates: [:], seed: 1)
    let R = try provider.compute(
      args([("quantity", .string("R")), ("dimension", .number("2"))]), at: point, precision: 128)
    let B = try provider.compute(
      args([("quantity", .string("B")), ("dimension", .number("2"))]), at: point, precision: 128)
    #expect(R.value <= B.value && R.value > 0)
    #expect(throws: (any Error).self) {
      try provider.compute(args([("dimension", .number("3"))]), at: point, precision: 128)
    }
    #expect(throws: (any Error).self) {
      try provider.compute(
        args([("dimension", .number("2")), ("method", .string("quadrature"))]), at: point, precision: 128)
    }
  }
}
