import GradientFlow
import MultiPrecision
import NeuralNetworks
import Spectral

/// The L⁴ loss ℓ(u) = u⁴ of the intermediate stage's "large class of loss
/// functions" (1906.09235): the gradient replaces 2u by ℓ′(u) = 4u³.
public struct QuarticLoss: ComponentwiseLoss {
  public init() {}
  public var name: String { "l4" }
  public func penalty<T: RealScalar>(_ r: T) -> T { r * r * r * r }
  public func penaltyDerivative<T: RealScalar>(_ r: T) -> T { 4 * r * r * r }
}

/// How the network is trained between snapshots.
public enum StageTrainer: Sendable, Equatable {
  /// Exact gradient flow θ̇ = −∇L of the population loss (DOP853 at `StageTrainingOptions.rtol`),
  /// snapshots at times t.
  case gradientFlow
  /// Gradient descent with learning rate `lr`; snapshot at step k is time t = k·lr.
  case gradientDescent(lr: Double)
}

/// Options of a training run for the intermediate and final stages.
public struct StageTrainingOptions: Sendable {
  /// Snapshot times t > 0 (increasing).
  public var times: [Double]
  public var trainer: StageTrainer = .gradientFlow
  /// "mse" or "l4".
  public var loss: String = "mse"
  /// Grid points (a power of two) on the truncation interval of ρ where the spectra are measured.
  public var points: Int = 1 << 14
  /// Relative tolerance of the gradient-flow integrator (DOP853; absolute tolerance rtol/100).
  public var rtol: Double = 1e-10
  /// Gauss–Legendre nodes per piece of the population quadrature (pieces ≤ 1 long, split at the kinks).
  public var quadratureOrder: Int = 8
  /// Extra times at which K is sampled (besides the snapshots): this many equally spaced times in (0, t_max].
  public var kSamples: Int = 8
  /// Whether K (and so the bound) is measured; without it `K` and `bound` are NaN.
  public var measureK = true
  /// The order s of the Sobolev seminorms |φ|²_{Ḣ^s} = ∫ |2πξ|^{2s} |φ̂|² of the bound.
  public var sobolevOrder: Double = 1
  public init(times: [Double]) { self.times = times }
}

/// The intermediate- and final-stage quantities along one training run.
///
/// Intermediate stage, at each snapshot t and cut-off η:
///
///     ratio(η, t) = |L⁺_η(t) − L⁺_η(0)| / (L(0) − L(t)),
///     bound(η, t) = K (2πη)^{−2s} √t (L_ℓ(0) − L_ℓ(t))^{1/2} / (L(0) − L(t)),
///     K = sup_{snapshots ≤ t} 2 |g|_{Ḣ^s} |(∂_t u)√ρ|_{Ḣ^s} / |∇L_ℓ|,   ∂_t u = −∇_θh·∇L_ℓ,
///
/// where L_ℓ = ∫ℓ(u)ρ is the training loss (L_ℓ = L for the MSE). Along the flow θ̇ = −∇L_ℓ,
/// |dL⁺_η/dt| ≤ 2(L⁺_η)^{1/2}(∫_{|ξ|>η}|F[(∂_t u)√ρ]|²)^{1/2} ≤ K(2πη)^{−2s}|∇L_ℓ| by Cauchy–Schwarz
/// and the tail bound ∫_{|ξ|>η}|φ̂|² ≤ (2πη)^{−2s}|φ|²_{Ḣ^s}, so |ΔL⁺_η| ≤ K(2πη)^{−2s}∫₀ᵗ|∇L_ℓ| ≤
/// K(2πη)^{−2s}√t(ΔL_ℓ)^{1/2}, ΔL_ℓ = ∫₀ᵗ|∇L_ℓ|². K ≤ 2|g|_{Ḣ^s}(Σ_j|∂_{θ_j}h√ρ|²_{Ḣ^s})^{1/2},
/// the regularity constant of the bounded-trajectory hypothesis. K is sampled at the snapshots and
/// at `kSamples` equally spaced times, with the seminorms summed up to the grid's Nyquist frequency,
/// so it is a measured (lower) estimate of the sup; for GD (t = k·lr) ΔL_ℓ = Σ lr|∇L_ℓ|² only up to
/// O(lr), so the bound is then a measured comparison, not an inequality.
/// L is the MSE ∫u²ρ of the residual whatever the training loss.
///
/// Training runs on the population loss ∫ℓ(u)ρ by Gauss–Legendre quadrature split at the kinks
/// (`PopulationQuadrature`), so ∇L is smooth in θ and the flow integrator takes large steps; L(t) and
/// ∇L are the same quadrature's. The spectra (L⁺_η, the Ḣ^s seminorms, E⁺_η) are measured on a grid
/// of `points` samples of u√ρ over the truncation interval of ρ (zero-padded FFT, `StageGrid.tails`).
///
/// Final stage, the output change Δh = h(θ_t) − h(θ_0):
///
///     E⁺_η / E = ∫_{|ξ|>η} |F[Δh √ρ]|² / ∫ |F[Δh √ρ]|²,
///
/// and the low/high relative errors of the residual, ‖P_{≤η} g(t)‖/‖P_{≤η} g(0)‖ and
/// ‖P_{>η} g(t)‖/‖P_{>η} g(0)‖.
public struct TrainingStageResult: Sendable {
  public var eta: [Double]
  public var times: [Double]
  /// L(t) (MSE, grid) at t = 0 and at each snapshot.
  public var loss: [Double]
  /// The training loss at t = 0 and at each snapshot.
  public var trainingLoss: [Double]
  /// ratio[t][η], bound[t][η] (t indexes the snapshots).
  public var ratio: [[Double]]
  public var bound: [[Double]]
  /// E⁺_η / E of the output change at each snapshot.
  public var outputChangeShare: [[Double]]
  /// L⁺_η(t) / L(t) of the residual (grid) at each snapshot.
  public var hfFraction: [[Double]] = []
  /// ‖P_{≤η} g(t)‖ / ‖P_{≤η} g(0)‖ and ‖P_{>η} g(t)‖ / ‖P_{>η} g(0)‖.
  public var lowError: [[Double]]
  public var highError: [[Double]]
  /// K at each snapshot (sup so far).
  public var K: [Double]
}

public enum TrainingStages {
  /// Trains `network` on the population loss over the grid (weights Δρ_j) and
  /// measures the stage quantities at each snapshot.
  public static func run(
    network: Network<Double>, target: StageTarget, density: SampleDensity, etas: [Double],
    options: StageTrainingOptions
  ) throws(StageError) -> TrainingStageResult {
    let loss = try checkedLoss(network: network, etas: etas, options: options)
    let population = try PopulationQuadrature(
      network: network, target: target, density: density, order: options.quadratureOrder)
    try population.check(network.parameters)
    let path = try trainingPath(network: network, population: population, loss: loss, options: options)
    let grid = try GridResidualSampler(network: network, target: target, density: density, points: options.points)
    return try measure(
      network: network, population: population, loss: loss, path: path, grid: grid, etas: etas, options: options)
  }

  /// Checks the cut-offs, the snapshot times and the network's shape; the training loss.
  static func checkedLoss(
    network: Network<Double>, etas: [Double], options: StageTrainingOptions
  ) throws(StageError) -> any Loss {
    for e in etas where !(e > 0 && e.isFinite) {
      throw StageError("eta: every cut-off must be a finite number > 0 (got \(e))")
    }
    guard !options.times.isEmpty, options.times.allSatisfy({ $0 > 0 }),
      zip(options.times, options.times.dropFirst()).allSatisfy({ $0 < $1 })
    else { throw StageError("times must be increasing and > 0 (got \(options.times))") }
    guard network.inputDimension == 1, network.outputDimension == 1 else {
      throw StageError("network: the 1-D stage quantities need widths [1, …, 1], found \(network.widths)")
    }
    switch options.loss {
    case "mse": return MeanSquaredError()
    case "l4": return QuarticLoss()
    default: throw StageError("loss `\(options.loss)`: expected mse or l4")
    }
  }

  /// θ along the training: `thetas[j]` is θ at time 0 (j = 0) or at `allTimes[j − 1]` (the
  /// snapshots and the extra K samples, sorted; GD: rounded to whole steps, as are the
  /// `snapshotTimes`), and the training loss at 0 and at each snapshot.
  struct TrainingPath {
    var thetas: [[Double]]
    var allTimes: [Double]
    var snapshotTimes: [Double]
    var trainingLoss: [Double]
  }

  /// The exact gradient flow (DOP853) or GD with step k at time t = k·lr, on the population loss.
  static func trainingPath(
    network: Network<Double>, population: PopulationQuadrature, loss: any Loss, options: StageTrainingOptions
  ) throws(StageError) -> TrainingPath {
    let tMax = options.times.last!
    let samples = max(0, options.kSamples)
    var allTimes = Array(Set(options.times + (0..<samples).map { tMax * Double($0 + 1) / Double(samples) })).sorted()
    var snapshotTimes = options.times
    var thetas: [[Double]] = [network.parameters]
    switch options.trainer {
    case .gradientFlow:
      let field: ODERightHandSide<Double> = { _, theta, dtheta in
        let g = population.lossAndGradient(theta, loss: loss).gradient
        for i in g.indices { dtheta[i] = -g[i] }
      }
      var o = ODEOptions<Double>(rtol: options.rtol, atol: options.rtol / 100)
      o.blowUpNorm = 1e8
      let solution = RungeKuttaPair<Double>.dop853().integrate(
        field, t0: 0, u0: network.parameters, times: allTimes, options: o)
      guard solution.succeeded else {
        throw StageError("gradient flow stopped (\(solution.status)): \(solution.reason)")
      }
      thetas += solution.states
    case .gradientDescent(let lr):
      guard lr > 0 else { throw StageError("lr must be > 0") }
      // Step k is time t = k·lr.
      let steps = Array(Set(allTimes.map { Int(($0 / lr).rounded()) })).sorted()
      allTimes = steps.map { Double($0) * lr }
      snapshotTimes = options.times.map { ($0 / lr).rounded() * lr }
      var theta = network.parameters
      var step = 0
      for last in steps {
        while step < last {
          let g = population.lossAndGradient(theta, loss: loss).gradient
          for i in theta.indices { theta[i] -= lr * g[i] }
          step += 1
        }
        guard theta.allSatisfy({ $0.isFinite && abs($0) < 1e8 }) else {
          throw StageError("gradient descent diverged (lr \(lr)) before step \(last)")
        }
        thetas.append(theta)
      }
    }
    let trainingLoss = ([0] + snapshotTimes.map { allTimes.firstIndex(of: $0)! + 1 }).map {
      population.lossAndGradient(thetas[$0], loss: loss).loss
    }
    return TrainingPath(thetas: thetas, allTimes: allTimes, snapshotTimes: snapshotTimes, trainingLoss: trainingLoss)
  }

  /// The grid of ρ with f and √ρ at its nodes: the residual g = (h − f)√ρ of any θ.
  struct GridResidualSampler {
    let network: Network<Double>
    let grid: StageGrid
    let x: [Double]
    let fx: [Double]
    let sqrtRho: [Double]

    init(network: Network<Double>, target: StageTarget, density: SampleDensity, points: Int) throws(StageError) {
      self.network = network
      grid = StageGrid(density: density, count: points, digits: 15)
      x = grid.nodes
      let f = try target.compiled(Double.self)
      var fx: [Double] = []
      for xi in x {
        let y: Double
        do { y = try f.evaluate([xi, xi]) } catch {
          throw StageError("target `\(target.text)` cannot be evaluated at x = \(xi): \(error.message)")
        }
        guard y.isFinite else { throw StageError("target `\(target.text)` is not finite at x = \(xi)") }
        fx.append(y)
      }
      self.fx = fx
      sqrtRho = x.map { density.value($0).squareRoot() }
    }

    func residual(_ theta: [Double]) -> [Double] {
      let h = network.outputs(x, parameters: theta)
      return x.indices.map { (h[$0] - fx[$0]) * sqrtRho[$0] }
    }
  }

  /// The stage quantities at each snapshot of `path` (K: the running maximum over every sample).
  static func measure(
    network: Network<Double>, population: PopulationQuadrature, loss: any Loss, path: TrainingPath,
    grid sampler: GridResidualSampler, etas: [Double], options: StageTrainingOptions
  ) throws(StageError) -> TrainingStageResult {
    let (grid, x, sqrtRho) = (sampler.grid, sampler.x, sampler.sqrtRho)
    let (thetas, allTimes, snapshotTimes, trainingLoss) = (
      path.thetas, path.allTimes, path.snapshotTimes, path.trainingLoss
    )
    let s = options.sobolevOrder
    let dx = grid.spacing
    func seminorm2(_ phi: [Double]) -> Double { grid.sobolevSeminorm2(phi, order: s) }
    // (L, K) at θ: L = ∫u²ρ by the population quadrature; K = 2 |g|_{Ḣ^s} |(∂_t u)√ρ|_{Ḣ^s} / |∇L_ℓ|
    // with ∇L_ℓ the population gradient of the training loss and ∂_t u = −∇_θh·∇L_ℓ by forward mode
    // on the grid.
    let isMSE = options.loss == "mse"
    func lossAndK(_ theta: [Double], _ g: [Double]) -> (L: Double, K: Double) {
      var net = network
      net.parameters = theta
      let (L, mseGradient) = population.lossAndGradient(theta, loss: MeanSquaredError())
      guard options.measureK else { return (L, .nan) }
      let gradient = isMSE ? mseGradient : population.lossAndGradient(theta, loss: loss).gradient
      let norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else { return (L, 0) }
      let direction = gradient.map { -$0 }
      let phi = net.tangents(at: x, direction: direction).enumerated().map { $0.element * sqrtRho[$0.offset] }
      return (L, 2 * seminorm2(g).squareRoot() * seminorm2(phi).squareRoot() / norm)
    }

    let g0 = sampler.residual(thetas[0])
    let h0 = network.outputs(x, parameters: thetas[0])
    let tail0 = grid.tails(g0, nil, etas: etas)
    let gridL0 = dx * g0.reduce(0) { $0 + $1 * $1 }
    let (L0, K0) = lossAndK(thetas[0], g0)
    var K = K0
    var result = TrainingStageResult(
      eta: etas, times: options.times, loss: [L0], trainingLoss: trainingLoss, ratio: [], bound: [],
      outputChangeShare: [], lowError: [], highError: [], K: [])
    for (j, theta) in thetas.enumerated().dropFirst() {
      let g = sampler.residual(theta)
      let (L, k) = lossAndK(theta, g)
      K = options.measureK ? max(K, k) : .nan
      guard let i = snapshotTimes.firstIndex(of: allTimes[j - 1]) else { continue }
      let t = snapshotTimes[i]
      let tail = grid.tails(g, nil, etas: etas)
      let gridL = dx * g.reduce(0) { $0 + $1 * $1 }
      let dL = L0 - L
      guard dL > 0 else { throw StageError("the loss did not decrease by t = \(t) (L(0) = \(L0), L(t) = \(L))") }
      // ΔL_ℓ = ∫₀ᵗ|∇L_ℓ|² of the training loss (= ΔL for the MSE).
      let dTrain = trainingLoss[0] - trainingLoss[i + 1]
      guard dTrain > 0 else {
        throw StageError("the training loss did not decrease by t = \(t) (\(trainingLoss[0]) → \(trainingLoss[i + 1]))")
      }
      result.loss.append(L)
      result.K.append(K)
      result.ratio.append(etas.indices.map { abs(tail[$0] - tail0[$0]) / dL })
      result.bound.append(
        etas.map { K * Double.pow(2 * Double.pi * $0, -2 * s) * t.squareRoot() * dTrain.squareRoot() / dL })
      let hT = network.outputs(x, parameters: theta)
      let change = x.indices.map { (hT[$0] - h0[$0]) * sqrtRho[$0] }
      let e = dx * change.reduce(0) { $0 + $1 * $1 }
      result.outputChangeShare.append(grid.tails(change, nil, etas: etas).map { $0 / e })
      result.hfFraction.append(tail.map { $0 / gridL })
      result.lowError.append(etas.indices.map { (max(gridL - tail[$0], 0) / (gridL0 - tail0[$0])).squareRoot() })
      result.highError.append(etas.indices.map { (max(tail[$0], 0) / tail0[$0]).squareRoot() })
    }
    return result
  }

}

extension StageGrid {
  /// |φ|²_{Ḣ^s} = ∫ |2πξ|^{2s} |φ̂(ξ)|² dξ on the grid (FFT, no padding needed: a full sum).
  public func sobolevSeminorm2(_ phi: [Double], order s: Double) -> Double {
    let f = Fourier.transform(real: phi)
    let dxi = 1 / (Double(count) * spacing)
    var sum = 0.0
    for k in 0..<count {
      let xi = Double(abs(Fourier.signedIndex(k, count: count))) * dxi
      if xi == 0 { continue }
      sum += Double.pow(2 * Double.pi * xi, 2 * s) * (f[k].real * f[k].real + f[k].imaginary * f[k].imaginary)
    }
    return sum * spacing * spacing * dxi
  }
}
