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
  /// Exact gradient flow θ̇ = −∇L (DOP853, rtol 1e-10), snapshots at times t.
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
  /// Grid points (a power of two) on the truncation interval of ρ.
  public var points: Int = 1 << 12
  /// The order s of the Sobolev seminorms |φ|²_{Ḣ^s} = ∫ |2πξ|^{2s} |φ̂|² of the bound.
  public var sobolevOrder: Double = 1
  public init(times: [Double]) { self.times = times }
}

/// The intermediate- and final-stage quantities along one training run.
///
/// Intermediate stage, at each snapshot t and cut-off η:
///
///     ratio(η, t) = |L⁺_η(t) − L⁺_η(0)| / (L(0) − L(t)),
///     bound(η, t) = K (2πη)^{−2s} √t (L(0) − L(t))^{1/2} / (L(0) − L(t)),
///     K = sup_{snapshots ≤ t} 2 |g|_{Ḣ^s} |(∂_t u)√ρ|_{Ḣ^s} / |∇L|   (the MSE gradient flow),
///
/// (|dL⁺_η/dt| ≤ 2(L⁺_η)^{1/2}(∫_{|ξ|>η}|F[(∂_t u)√ρ]|²)^{1/2} ≤ K(2πη)^{−2s}|∇L| by Cauchy–Schwarz
/// and the tail bound ∫_{|ξ|>η}|φ̂|² ≤ (2πη)^{−2s}|φ|²_{Ḣ^s}, so |ΔL⁺_η| ≤ K(2πη)^{−2s}∫₀ᵗ|∇L| ≤
/// K(2πη)^{−2s}√t(ΔL)^{1/2} along the flow, ΔL = ∫₀ᵗ|∇L|². K ≤ 2|g|_{Ḣ^s}(Σ_j|∂_{θ_j}h√ρ|²_{Ḣ^s})^{1/2},
/// the regularity constant of the bounded-trajectory hypothesis. K is sampled at the snapshots, so
/// it is a measured estimate of the sup, and for GD or the L⁴ loss the chain ΔL = ∫|∇L|² is
/// only approximate: the bound is then a measured comparison, not an inequality).
/// L is the MSE ∫u²ρ of the residual whatever the training loss.
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
    for e in etas where !(e > 0 && e.isFinite) {
      throw StageError("eta: every cut-off must be a finite number > 0 (got \(e))")
    }
    guard !options.times.isEmpty, options.times.allSatisfy({ $0 > 0 }),
      zip(options.times, options.times.dropFirst()).allSatisfy({ $0 < $1 })
    else { throw StageError("times must be increasing and > 0 (got \(options.times))") }
    guard network.inputDimension == 1, network.outputDimension == 1 else {
      throw StageError("network: the 1-D stage quantities need widths [1, …, 1], found \(network.widths)")
    }
    let loss: any Loss
    switch options.loss {
    case "mse": loss = MeanSquaredError()
    case "l4": loss = QuarticLoss()
    default: throw StageError("loss `\(options.loss)`: expected mse or l4")
    }
    let grid = StageGrid(density: density, count: options.points, digits: 15)
    let x = grid.nodes
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
    let rho = x.map { density.value($0) }
    let sqrtRho = rho.map { $0.squareRoot() }
    let data = Dataset(
      inputs: x, targets: fx, inputDimension: 1, outputDimension: 1, weights: rho.map { $0 * grid.spacing })

    // θ(t) at every snapshot.
    var thetas: [[Double]] = [network.parameters]
    var trainingLoss: [Double] = []
    switch options.trainer {
    case .gradientFlow:
      let objective = TrainingObjective(network: network, data: data, loss: loss)
      do {
        let r = try objective.trainByGradientFlow(times: options.times, recordParameters: true)
        trainingLoss = r.losses
        thetas += r.snapshots.map { $0.parameters! }
      } catch {
        throw StageError("gradient flow: \(error)")
      }
    case .gradientDescent(let lr):
      guard lr > 0 else { throw StageError("lr must be > 0") }
      let steps = options.times.map { Int(($0 / lr).rounded()) }
      var o = TrainingOptions(steps: steps.last!)
      o.snapshotSteps = Set(steps)
      o.recordParameters = true
      let r = train(network, on: data, loss: loss, optimizer: GradientDescent<Double>(learningRate: lr), options: o)
      guard r.status == .completed else { throw StageError("gradient descent diverged (lr \(lr))") }
      trainingLoss = [r.losses[0]] + steps.map { r.losses[$0] }
      let byStep = Dictionary(r.snapshots.map { ($0.step, $0.parameters!) }, uniquingKeysWith: { a, _ in a })
      thetas += steps.map { byStep[$0]! }
    }

    let s = options.sobolevOrder
    func residual(_ theta: [Double]) -> [Double] {
      let h = network.outputs(x, parameters: theta)
      return x.indices.map { (h[$0] - fx[$0]) * sqrtRho[$0] }
    }
    func seminorm2(_ phi: [Double]) -> Double { grid.sobolevSeminorm2(phi, order: s) }
    // K(θ) = 2 |g|_{Ḣ^s} |(∂_t u)√ρ|_{Ḣ^s} / |∇L|, ∂_t u = −∇_θh·∇L by forward mode.
    func kValue(_ theta: [Double], _ g: [Double]) -> Double {
      var net = network
      net.parameters = theta
      let gradient = net.lossAndGradient(
        inputs: x, targets: fx, weights: data.sampleWeights, loss: MeanSquaredError()).gradient
      let norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else { return 0 }
      let direction = gradient.map { -$0 }
      let phi = x.indices.map { net.valueAndTangent(at: [x[$0]], direction: direction).tangent * sqrtRho[$0] }
      return 2 * seminorm2(g).squareRoot() * seminorm2(phi).squareRoot() / norm
    }

    let g0 = residual(thetas[0])
    let h0 = network.outputs(x, parameters: thetas[0])
    let dx = grid.spacing
    let L0 = dx * g0.reduce(0) { $0 + $1 * $1 }
    let tail0 = grid.tails(g0, nil, etas: etas)
    var K = kValue(thetas[0], g0)
    var result = TrainingStageResult(
      eta: etas, times: options.times, loss: [L0], trainingLoss: trainingLoss, ratio: [], bound: [],
      outputChangeShare: [], lowError: [], highError: [], K: [])
    for (i, theta) in thetas.enumerated().dropFirst() {
      let g = residual(theta)
      let L = dx * g.reduce(0) { $0 + $1 * $1 }
      let tail = grid.tails(g, nil, etas: etas)
      K = max(K, kValue(theta, g))
      let t = options.times[i - 1]
      let dL = L0 - L
      result.loss.append(L)
      result.K.append(K)
      result.ratio.append(etas.indices.map { abs(tail[$0] - tail0[$0]) / dL })
      result.bound.append(etas.map { K * Double.pow(2 * Double.pi * $0, -2 * s) * t.squareRoot() * dL.squareRoot() / dL })
      let hT = network.outputs(x, parameters: theta)
      let change = x.indices.map { (hT[$0] - h0[$0]) * sqrtRho[$0] }
      let e = dx * change.reduce(0) { $0 + $1 * $1 }
      result.outputChangeShare.append(grid.tails(change, nil, etas: etas).map { $0 / e })
      result.lowError.append(etas.indices.map { (max(L - tail[$0], 0) / (L0 - tail0[$0])).squareRoot() })
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
