import ComplexModule
import MultiPrecision
import NeuralNetworks
import Spectral

/// The Double path of the stage quantities: samples on a uniform grid
/// x_j = A + jΔ (j < N, N a power of two) covering the truncation interval of ρ,
/// integrals by the trapezoidal (rectangle) rule, and Fourier transforms by the
/// FFT, F[φ](ξ_k) ≈ Δ Σ_j φ_j e^{−2πiξ_k x_j} at ξ_k = k/(NΔ).
///
/// Discrete Parseval holds exactly, Σ_k |F[φ](ξ_k)|² Δξ = Δ Σ_j φ_j², so the
/// low/high split of the grid loss adds up to the grid loss. The error against
/// the continuous quantities comes from aliasing: at a kink of ReLU^p the
/// relative error of F at ξ is about (ξΔ)^{p+1}, so keep η ≲ 0.05/Δ; the
/// analytic activations are limited by the double-precision floor (ratios
/// ≳ 1e-15). Every result is also computed on the grid of N/2 points, and the
/// difference is its error estimate.
public struct StageGrid: Sendable {
  public let lower: Double
  public let spacing: Double
  public let count: Int
  /// Zero-padding factor of the transforms: the samples are padded to
  /// `padding`·N points so that the frequency step 1/(padding·NΔ) resolves the
  /// cut-off η.
  public var padding: Int = 8
  public var nodes: [Double] { (0..<count).map { lower + Double($0) * spacing } }

  /// The grid of `count` points over the truncation interval of `density`
  /// (√ρ below 10^(−digits) outside; a uniform density gets a margin of 10% each side).
  public init(density: SampleDensity, count: Int, digits: Int = 17) {
    precondition(count >= 16 && count & (count - 1) == 0, "the grid needs a power of two ≥ 16 points")
    var (a, b) = density.support(digits: digits)
    if !density.isSmooth {
      let m = 0.1 * (b - a)
      a -= m; b += m
    }
    self.init(lower: a, spacing: (b - a) / Double(count), count: count)
  }

  public init(lower: Double, spacing: Double, count: Int) {
    self.lower = lower; self.spacing = spacing; self.count = count
  }

  /// The grid with every other point (the error estimate's second grid).
  /// Its frequency step is four times larger (a quarter of the padding), so the difference
  /// also measures the error of resolving the cut-off.
  public var halved: StageGrid {
    var g = StageGrid(lower: lower, spacing: 2 * spacing, count: count / 2)
    g.padding = max(1, padding / 4)
    return g
  }

  /// Σ_{|ξ|>η} Re(conj(F[a]) F[b]) Δξ for every η (a = b gives the tail energy).
  ///
  /// Each padded DFT bin k stands for the band [ξ_k − Δξ/2, ξ_k + Δξ/2]; the bin
  /// that contains η counts with the fraction of its band above η (second order
  /// in Δξ for a smooth spectrum, instead of first order for a sharp cut).
  public func tails(_ a: [Double], _ b: [Double]?, etas: [Double]) -> [Double] {
    let m = count * padding
    func padded(_ y: [Double]) -> [Double] { y + [Double](repeating: 0, count: m - y.count) }
    let fa = Fourier.transform(real: padded(a))
    let fb = b.map { Fourier.transform(real: padded($0)) } ?? fa
    let dxi = 1 / (Double(m) * spacing)
    let scale = spacing * spacing * dxi
    var power = [Double](repeating: 0, count: m / 2 + 1)
    for k in 0..<m {
      let s = Fourier.signedIndex(k, count: m)
      power[abs(s)] += fa[k].real * fb[k].real + fa[k].imaginary * fb[k].imaginary
    }
    return etas.map { eta in
      var s = 0.0
      for j in power.indices {
        let xi = Double(j) * dxi
        let fraction = min(1, max(0, (xi + dxi / 2 - eta) / dxi))
        if fraction > 0 { s += fraction * power[j] }
      }
      return s * scale
    }
  }
}

/// The residual, ∇L and ∂_t u of a 1-D network on a grid (Double):
/// L = Δ Σ u_j² ρ_j, ∇L by backpropagation with the weights Δρ_j (MSE),
/// ∂_t u = −∇_θh·∇L by forward mode.
struct GridResidual {
  var u: [Double]
  var rho: [Double]
  var sqrtRho: [Double]
  var velocity: [Double]
  var gradient: [Double]

  init(
    network: Network<Double>, targetValues f: [Double], grid: StageGrid, density: SampleDensity,
    velocity wantVelocity: Bool = true
  ) throws(StageError) {
    guard network.inputDimension == 1, network.outputDimension == 1 else {
      throw StageError("network: the 1-D stage quantities need widths [1, …, 1], found \(network.widths)")
    }
    let x = grid.nodes
    let h = network.outputs(x)
    u = zip(h, f).map { $0 - $1 }
    rho = x.map { density.value($0) }
    sqrtRho = rho.map { $0.squareRoot() }
    for j in u.indices where !u[j].isFinite {
      throw StageError("network output or target is not finite at x = \(x[j])")
    }
    gradient =
      network.lossAndGradient(
        inputs: x, targets: f, weights: rho.map { $0 * grid.spacing }, loss: MeanSquaredError()
      ).gradient
    if wantVelocity {
      let direction = gradient.map { -$0 }
      velocity = x.map { network.valueAndTangent(at: [$0], direction: direction).tangent }
    } else {
      velocity = []
    }
  }
}

extension InitialStage {
  /// The initial-stage quantities by the Double FFT path on `points` grid points
  /// (error estimate: the difference to the grid of `points`/2).
  public static func computeGrid(
    network: Network<Double>, target: StageTarget, density: SampleDensity, etas: [Double], points: Int = 1 << 14
  ) throws(StageError) -> InitialStageResult {
    guard !etas.isEmpty else { throw StageError("eta: at least one cut-off η is needed") }
    for e in etas where !(e > 0 && e.isFinite) {
      throw StageError("eta: every cut-off must be a finite number > 0 (got \(e))")
    }
    var fine = StageGrid(density: density, count: points)
    if density.isSmooth {
      let (a, b) = density.support(digits: 17, growth: outputGrowth(network))
      fine = StageGrid(lower: a, spacing: (b - a) / Double(points), count: points)
    }
    let a = try gridQuantities(network: network, target: target, density: density, etas: etas, grid: fine)
    let b = try gridQuantities(network: network, target: target, density: density, etas: etas, grid: fine.halved)
    return gridResult(etas: etas, fine: a, coarse: b, fourierRate: (a.dLdt, b.dLdt), nodes: points)
  }

  /// The result of a grid computation from its fine and coarse (half) grids: every value is the fine
  /// grid's, its error |fine − coarse| plus a rounding floor (1e-15 of the totals, 1e-16 relative).
  /// `fourierRate` is dL/dt over the grid's whole frequency cell on the two grids (the low-frequency
  /// part of dL/dt is it minus dL⁺_η/dt); `nodes` the grid points (x and ξ).
  static func gridResult(
    etas: [Double], fine a: GridNumbers, coarse b: GridNumbers, fourierRate: (fine: Double, coarse: Double),
    nodes: Int
  ) -> InitialStageResult {
    func v(_ x: Double, _ y: Double, floor: Double = 0) -> StageValue {
      StageValue(value: MPFloat(x, precision: 64), error: MPFloat(abs(x - y) + floor + 1e-16 * abs(x), precision: 64))
    }
    let floorL = 1e-15 * a.L, floorRate = 1e-15 * abs(a.dLdt), floorV = 1e-15 * a.V
    return InitialStageResult(
      eta: etas,
      R: etas.indices.map { v(a.R[$0], b.R[$0], floor: floorRate / abs(a.dLdt)) },
      B: etas.indices.map { v(a.B[$0], b.B[$0], floor: 2 * (floorL * floorV).squareRoot() / a.g2) },
      lossAbove: etas.indices.map { v(a.Lp[$0], b.Lp[$0], floor: floorL) },
      lossAboveRate: etas.indices.map { v(a.rate[$0], b.rate[$0], floor: floorRate) },
      loss: v(a.L, b.L), dLdt: v(a.dLdt, b.dLdt), gradientNorm2: v(a.g2, b.g2),
      lowRate: etas.indices.map {
        v(fourierRate.fine - a.rate[$0], fourierRate.coarse - b.rate[$0], floor: floorRate)
      },
      velocityNorm2: v(a.V, b.V), kinkCount: 0, xNodes: nodes, xiNodes: nodes, refinementsUsed: 0,
      precisionBits: 53)
  }

  struct GridNumbers {
    var L: Double, dLdt: Double, g2: Double, V: Double
    var Lp: [Double], rate: [Double], Vp: [Double], R: [Double], B: [Double]
  }

  static func gridQuantities(
    network: Network<Double>, target: StageTarget, density: SampleDensity, etas: [Double], grid: StageGrid
  ) throws(StageError) -> GridNumbers {
    let f = try target.compiled(Double.self)
    var fx: [Double] = []
    for x in grid.nodes {
      let y: Double
      do { y = try f.evaluate([x, x]) } catch {
        throw StageError("target `\(target.text)` cannot be evaluated at x = \(x): \(error.message)")
      }
      guard y.isFinite else { throw StageError("target `\(target.text)` is not finite at x = \(x)") }
      fx.append(y)
    }
    let r = try GridResidual(network: network, targetValues: fx, grid: grid, density: density)
    let g = zip(r.u, r.sqrtRho).map { $0 * $1 }
    if density.isSmooth {
      let m = g.map { abs($0) }.max() ?? 0
      if abs(g[0]) > 1e-6 * m || abs(g[g.count - 1]) > 1e-6 * m {
        throw StageError(
          "target `\(target.text)`: u = h − f is not square-integrable against ρ = \(density) "
            + "(|u√ρ| does not decay at the ends of the grid)")
      }
    }
    let phi = zip(r.velocity, r.sqrtRho).map { $0 * $1 }
    let dx = grid.spacing
    let L = dx * g.reduce(0) { $0 + $1 * $1 }
    let dLdt = 2 * dx * zip(g, phi).reduce(0) { $0 + $1.0 * $1.1 }
    let V = dx * phi.reduce(0) { $0 + $1 * $1 }
    let g2 = r.gradient.reduce(0) { $0 + $1 * $1 }
    let Lp = grid.tails(g, nil, etas: etas)
    let rate = grid.tails(g, phi, etas: etas).map { 2 * $0 }
    let Vp = grid.tails(phi, nil, etas: etas)
    let R = rate.map { abs($0) / abs(dLdt) }
    let B = etas.indices.map { 2 * (max(Lp[$0], 0) * max(Vp[$0], 0)).squareRoot() / g2 }
    return GridNumbers(L: L, dLdt: dLdt, g2: g2, V: V, Lp: Lp, rate: rate, Vp: Vp, R: R, B: B)
  }
}
