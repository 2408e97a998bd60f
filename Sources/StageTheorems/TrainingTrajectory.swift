import Expressions
import MultiPrecision
import NeuralNetworks
import RealModule

/// How a trajectory run updates θ (one optimiser step per training step).
public enum TrajectoryOptimizer: String, Sendable, CaseIterable {
  /// Full-batch gradient descent θ ← θ − lr ∇L.
  case gd
  /// Mini-batch SGD: gradient descent on shuffled batches of `batch` samples (one batch a step).
  case sgd
  /// Full-batch Adam (PyTorch's update, β = (0.9, 0.999), ε = 1e-8).
  case adam
}

/// The training loss of a trajectory run, L_ℓ = ∫ ℓ ρ (population) or (1/n) Σ ℓ (samples).
public enum TrajectoryLoss: String, Sendable, CaseIterable {
  /// ℓ = u².
  case mse
  /// ℓ = u⁴ (the intermediate stage's "large class", L^p with p ≥ 2).
  case l4
  /// Huber with δ = 1: u²/2 for |u| ≤ 1, |u| − 1/2 beyond.
  case huber
  /// ℓ = log(1 + e^(−yh)) with labels y = sign f(x) ∈ {−1, +1} (f(x) = 0 counts as +1).
  case logistic
  /// The H¹ (Sobolev) loss ℓ = u² + u′² (d = 1): not a function of u(x) alone, so outside the
  /// theorem's class; in the frequency domain it weights |ĝ(ξ)|² by 1 + (2πξ)² (for constant ρ),
  /// i.e. it rewards the high frequencies. u′ by central differences with step 1e-4.
  case h1
}

/// Options of a trajectory run (`TrainingTrajectory.run`).
public struct TrajectoryOptions: Sendable {
  /// Input dimension d (1 or 2).
  public var dimension = 1
  public var optimizer: TrajectoryOptimizer = .gd
  public var learningRate = 0.01
  /// Training steps (the last snapshot is `steps`).
  public var steps = 200
  /// SGD: samples per mini-batch.
  public var batch = 32
  /// 0: the population loss ∫ℓρ by a composite Gauss–Legendre rule (cells ≤ `cell` long, 4 nodes
  /// each, over the truncation box of ρ, density weights); n > 0: the empirical measure of n points
  /// drawn from ρ (weights 1/n).
  public var samples = 0
  /// Snapshot steps (0 … steps), increasing; step 0 (the initial network) is always measured.
  public var snapshots: [Int] = []
  public var loss: TrajectoryLoss = .mse
  /// Points of the measurement grid: per axis for d = 2 (a power of two).
  public var points = 1 << 14
  /// Random Fourier features γ(x) = [cos 2πBx, sin 2πBx] before the network (Tancik et al.,
  /// arXiv 2006.10739): `features` rows of B drawn N(0, σ²) with σ = `featureScale`; 0: none.
  public var features = 0
  public var featureScale = 10.0
  /// Seed of the drawn samples, the mini-batch order and the feature matrix B.
  public var dataSeed: UInt64 = 0
  /// Cell length of the population rule (per axis).
  public var cell = 0.25
  public init() {}
}

/// The trajectory quantities at each snapshot (index 0: step 0) and cut-off η:
///
///     hf_fraction(η, t) = L⁺_η(t) / L(t),
///     ratio(η, t)       = |L⁺_η(t) − L⁺_η(0)| / (L(0) − L(t)),
///
/// with g = u√ρ, u = h − f (logistic: f replaced by its labels sign f), L = ∫u²ρ = ∫|ĝ|² and
/// L⁺_η = ∫_{|ξ|>η}|ĝ|², measured on the grid of ρ's truncation box (zero-padded FFT; in 2-D the
/// exact radial cut of `StageGrid2D.tails`). For the H¹ loss, L and L⁺_η are the H¹ loss's own:
/// ∫(|ĝ|² + |ĝ₁|²) over all ξ and over |ξ| > η, g₁ = u′√ρ.
///
/// Whatever the training measure (population or n samples), the η-quantities are measured
/// against the population density ρ: the theory's statement is about ρ.
///
/// Every value carries an error: the difference to the same quantity on the grid of half the
/// points (grid convergence) plus a bound on its rounding error (1-D: derived from the network's
/// running error bound, the target's Arb enclosure and the FFT's error, `RoundingFloor`; 2-D:
/// the fixed floor 1e-13 L(0) relative to the quantity's denominator).
public struct TrajectoryResult: Sendable {
  public var etas: [Double]
  /// Snapshot steps, the first 0.
  public var steps: [Int]
  /// L(t) on the grid (the split loss) and the training loss L_ℓ(t) on the training measure.
  public var loss: [Double]
  public var trainingLoss: [Double]
  /// [snapshot][η].
  public var hfFraction: [[Double]]
  public var hfFractionError: [[Double]]
  /// [snapshot][η]; snapshot 0 is NaN (no change yet).
  public var ratio: [[Double]]
  public var ratioError: [[Double]]
  /// [snapshot][η]: the bound on the rounding error of L⁺_η on the grid (absolute; see
  /// `RoundingFloor`), already part of the errors above.
  public var tailRounding: [[Double]]
}

/// A training run of a network of any depth and width on d = 1 or 2, with the F-Principle
/// quantities of 1906.09235's intermediate and final stages (the suite's reconstruction, see
/// the module README) at snapshots along the whole trajectory.
public enum TrainingTrajectory {
  /// The input map: the identity, or the random Fourier features of `options`.
  struct InputMap {
    var d: Int
    var b: [Double]  // m × d
    var m: Int
    var width: Int { m == 0 ? d : 2 * m }
    func callAsFunction(_ x: [Double]) -> [Double] {
      guard m > 0 else { return x }
      let n = x.count / d
      var out = [Double](repeating: 0, count: n * 2 * m)
      for i in 0..<n {
        for r in 0..<m {
          var z = 0.0
          for k in 0..<d { z += b[r * d + k] * x[i * d + k] }
          let angle = 2 * Double.pi * z
          out[i * 2 * m + r] = Double.cos(angle)
          out[i * 2 * m + m + r] = Double.sin(angle)
        }
      }
      return out
    }
  }

  /// Normal draws by Box–Muller from SplitMix64.
  static func gaussian(_ rng: inout SplitMix64) -> Double { rng.nextGaussian() }

  /// The input map of the options (B drawn from `dataSeed` + 7).
  static func inputMap(_ o: TrajectoryOptions) -> InputMap {
    guard o.features > 0 else { return InputMap(d: o.dimension, b: [], m: 0) }
    var rng = SplitMix64(seed: o.dataSeed &+ 7)
    let b = (0..<(o.features * o.dimension)).map { _ in o.featureScale * rng.nextGaussian() }
    return InputMap(d: o.dimension, b: b, m: o.features)
  }

  /// The network's input width for `options` (d, or 2m with features).
  public static func inputWidth(_ o: TrajectoryOptions) -> Int { o.features > 0 ? 2 * o.features : o.dimension }

  /// The composite Gauss–Legendre rule (4 nodes per cell) on [a, b].
  static func rule(_ a: Double, _ b: Double, cell: Double) -> (x: [Double], w: [Double]) {
    let t = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526]
    let v = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538]
    let cells = max(1, Int(((b - a) / cell).rounded(.up)))
    let h = (b - a) / Double(cells)
    var x: [Double] = [], w: [Double] = []
    for c in 0..<cells {
      let mid = a + (Double(c) + 0.5) * h
      for k in 0..<4 {
        x.append(mid + h / 2 * t[k]); w.append(h / 2 * v[k])
      }
    }
    return (x, w)
  }

  /// Training inputs (n × d) and weights: the population rule or n draws from ρ.
  static func trainingMeasure(
    _ density: StageDensity, _ o: TrajectoryOptions
  ) throws(StageError) -> (x: [Double], w: [Double]) {
    if o.samples > 0 {
      var rng = SplitMix64(seed: o.dataSeed &+ 1_000_003)
      let x = density.draw(o.samples, rng: &rng)
      return (x, [Double](repeating: 1 / Double(o.samples), count: o.samples))
    }
    switch density {
    case .one(let rho):
      // digits 8: ρ below 1e-16 outside (the loss is weighted by ρ).
      let (a, b) = rho.support(digits: 8, growth: 0)
      let (x, w) = rule(a, b, cell: o.cell)
      let wr = zip(x, w).map { $0.1 * rho.value($0.0) }
      return (x, wr)
    case .two(let rho):
      let box = rho.support(digits: 6, growth: 0)
      let r1 = rule(box.x1.0, box.x1.1, cell: 2 * o.cell), r2 = rule(box.x2.0, box.x2.1, cell: 2 * o.cell)
      var x: [Double] = [], w: [Double] = []
      for i in r1.x.indices {
        for j in r2.x.indices {
          let p = rho.value(r1.x[i], r2.x[j]) * r1.w[i] * r2.w[j]
          guard p > 0 else { continue }
          x.append(r1.x[i]); x.append(r2.x[j]); w.append(p)
        }
      }
      return (x, w)
    }
  }

  /// Trains `network` (input width `inputWidth(options)`, one output) on f under ρ and measures
  /// the trajectory quantities at every snapshot.
  public static func run(
    network: Network<Double>, target: StageTargetAnyDimension, density: StageDensity, etas: [Double],
    options o: TrajectoryOptions
  ) throws(StageError) -> TrajectoryResult {
    guard o.dimension == 1 || o.dimension == 2 else { throw StageError("dim must be 1 or 2 (got \(o.dimension))") }
    guard density.dimension == o.dimension, target.dimension == o.dimension else {
      throw StageError("dim = \(o.dimension): the density and the target must be \(o.dimension)-dimensional")
    }
    guard network.inputDimension == inputWidth(o), network.outputDimension == 1 else {
      throw StageError("network: expected input width \(inputWidth(o)) and one output, found \(network.widths)")
    }
    for e in etas where !(e > 0 && e.isFinite) {
      throw StageError("eta: every cut-off must be a finite number > 0 (got \(e))")
    }
    guard o.steps >= 1 else { throw StageError("steps must be ≥ 1 (got \(o.steps))") }
    guard o.learningRate > 0, o.learningRate.isFinite else { throw StageError("lr must be > 0") }
    if o.loss == .h1 && (o.dimension != 1 || o.optimizer == .sgd) {
      throw StageError("loss h1: only d = 1 with gd or adam")
    }
    if o.optimizer == .sgd && o.batch < 1 { throw StageError("batch must be ≥ 1 (got \(o.batch))") }
    var snaps = Array(Set([0] + o.snapshots)).sorted()
    guard snaps.allSatisfy({ $0 >= 0 && $0 <= o.steps }) else {
      throw StageError("times: snapshot steps must lie in 0 … steps = \(o.steps) (got \(o.snapshots))")
    }
    if snaps.count == 1 { snaps.append(o.steps) }

    let map = inputMap(o)
    let (xTrain, wTrain) = try trainingMeasure(density, o)
    var yTrain = try target.values(at: xTrain)
    if o.loss == .logistic { yTrain = yTrain.map { $0 >= 0 ? 1 : -1 } }
    let inputs = map(xTrain)

    // Training.
    let loss: any Loss
    switch o.loss {
    case .mse, .h1: loss = MeanSquaredError()
    case .l4: loss = QuarticLoss()
    case .huber: loss = HuberLoss()
    case .logistic: loss = LogisticLoss()
    }
    var thetas: [[Double]] = []
    var trainingLoss: [Double] = []
    if o.loss == .h1 {
      (thetas, trainingLoss) = try trainH1(
        network, map: map, x: xTrain, y: yTrain, w: wTrain, target: target, options: o, snapshots: snaps)
    } else {
      let data = Dataset(
        inputs: inputs, targets: yTrain, inputDimension: map.width, outputDimension: 1, weights: wTrain)
      let options = TrainingOptions(
        steps: o.steps, batchSize: o.optimizer == .sgd ? o.batch : nil, shuffleSeed: o.dataSeed &+ 11,
        snapshotSteps: Set(snaps), recordParameters: true, divergenceBound: 1e8)
      let r: TrainingResult<Double>
      switch o.optimizer {
      case .gd, .sgd:
        r = train(
          network, on: data, loss: loss, optimizer: GradientDescent(learningRate: o.learningRate), options: options)
      case .adam:
        r = train(network, on: data, loss: loss, optimizer: Adam(learningRate: o.learningRate), options: options)
      }
      guard r.status == .completed, r.snapshots.count == snaps.count else {
        throw StageError(
          "training diverged (\(o.optimizer.rawValue), lr \(o.learningRate)) after \(r.losses.count - 1) steps")
      }
      thetas = r.snapshots.map { $0.parameters! }
      trainingLoss = r.snapshots.map(\.loss)
    }

    // Measurement on the grid of ρ (with its rounding bounds) and on the grid of half the points.
    let fine = try measure(
      network, map: map, thetas: thetas, target: target, density: density, etas: etas, o, half: false)
    let coarse = try measure(
      network, map: map, thetas: thetas, target: target, density: density, etas: etas, o, half: true)
    var result = TrajectoryResult(
      etas: etas, steps: snaps, loss: fine.loss, trainingLoss: trainingLoss, hfFraction: [], hfFractionError: [],
      ratio: [], ratioError: [], tailRounding: fine.tailRounding)
    let L0 = fine.loss[0]
    for s in snaps.indices {
      let L = fine.loss[s]
      guard L > 0, L.isFinite else { throw StageError("the loss on the grid is \(L) at step \(snaps[s])") }
      let hf = fine.tails[s].map { $0 / L }
      let hfC = coarse.tails[s].map { $0 / coarse.loss[s] }
      result.hfFraction.append(hf)
      result.hfFractionError.append(
        hf.indices.map { abs(hf[$0] - hfC[$0]) + (fine.tailRounding[s][$0] + hf[$0] * fine.lossRounding[s]) / L })
      if s == 0 {
        result.ratio.append(etas.map { _ in .nan }); result.ratioError.append(etas.map { _ in .nan })
        continue
      }
      let dL = L0 - L, dLC = coarse.loss[0] - coarse.loss[s]
      let r = etas.indices.map { abs(fine.tails[s][$0] - fine.tails[0][$0]) / dL }
      let rC = etas.indices.map { abs(coarse.tails[s][$0] - coarse.tails[0][$0]) / dLC }
      let lossRounding = fine.lossRounding[s] + fine.lossRounding[0]
      result.ratio.append(dL > 0 ? r : etas.map { _ in .nan })
      result.ratioError.append(
        etas.indices.map {
          abs(r[$0] - rC[$0])
            + (fine.tailRounding[s][$0] + fine.tailRounding[0][$0] + abs(r[$0]) * lossRounding) / abs(dL)
        })
    }
    return result
  }

  /// The grid quantities at each snapshot θ: the loss L, the tails L⁺_η and bounds on their
  /// rounding errors ([snapshot] and [snapshot][η]).
  struct GridMeasurement {
    var loss: [Double] = []
    var tails: [[Double]] = []
    var lossRounding: [Double] = []
    var tailRounding: [[Double]] = []
  }

  /// The grid loss L and the tails L⁺_η at each θ (the H¹ loss: its own split), with their
  /// rounding bounds (`RoundingFloor`; on the half grid, whose values only serve the grid
  /// difference, and in 2-D, where the tails come from correlation sums that cancel, the fixed
  /// floor 1e-13 L(0) instead).
  static func measure(
    _ network: Network<Double>, map: InputMap, thetas: [[Double]], target: StageTargetAnyDimension,
    density: StageDensity, etas: [Double], _ o: TrajectoryOptions, half: Bool
  ) throws(StageError) -> GridMeasurement {
    var out = GridMeasurement()
    switch density {
    case .one(let rho):
      var grid = StageGrid(density: rho, count: o.points, digits: 15)
      if half { grid = grid.halved }
      let x = grid.nodes
      let logistic = o.loss == .logistic
      var f = try target.values(at: x)
      // Labels ±1 are exact; otherwise the target's Double values against its Arb enclosure.
      let fError = half || logistic ? [] : try target.roundingError(at: x, values: f)
      if logistic { f = f.map { $0 >= 0 ? 1 : -1 } }
      let sqrtRho = x.map { rho.value($0).squareRoot() }
      let rhoError = x.map { rho.sqrtRelativeRoundingError($0) }
      let inputs = map(x)
      let inputError = map.roundingError(x)
      let delta = 1e-4
      var fp: [Double] = [], fpError: [Double] = [], inPlus: [Double] = [], inMinus: [Double] = []
      var plusError: [Double] = [], minusError: [Double] = []
      if o.loss == .h1 {
        let xp = x.map { $0 + delta }, xm = x.map { $0 - delta }
        let a = try target.values(at: xp), b = try target.values(at: xm)
        fp = zip(a, b).map { ($0 - $1) / (2 * delta) }
        inPlus = map(xp); inMinus = map(xm)
        if !half {
          let ea = try target.roundingError(at: xp, values: a), eb = try target.roundingError(at: xm, values: b)
          fpError = zip(ea, eb).map { ($0 + $1) / (2 * delta) }
          plusError = map.roundingError(xp); minusError = map.roundingError(xm)
        }
      }
      let padded = grid.count * grid.padding
      let u = RoundingFloor.unit
      for theta in thetas {
        var h: [Double], hError: [Double] = []
        if half {
          h = network.outputs(inputs, parameters: theta)
        } else {
          (h, hError) = network.outputsWithRoundingBound(inputs, inputError: inputError, parameters: theta)
        }
        let g = x.indices.map { (h[$0] - f[$0]) * sqrtRho[$0] }
        var L = grid.spacing * g.reduce(0) { $0 + $1 * $1 }
        var t = grid.tails(g, nil, etas: etas)
        var floors: [RoundingFloor] = []
        var g1: [Double] = [], L1 = 0.0
        if o.loss == .h1 {
          var hp: [Double], hm: [Double], hpError: [Double] = [], hmError: [Double] = []
          if half {
            hp = network.outputs(inPlus, parameters: theta); hm = network.outputs(inMinus, parameters: theta)
          } else {
            (hp, hpError) = network.outputsWithRoundingBound(inPlus, inputError: plusError, parameters: theta)
            (hm, hmError) = network.outputsWithRoundingBound(inMinus, inputError: minusError, parameters: theta)
          }
          g1 = x.indices.map { ((hp[$0] - hm[$0]) / (2 * delta) - fp[$0]) * sqrtRho[$0] }
          L1 = grid.spacing * g1.reduce(0) { $0 + $1 * $1 }
          let t1 = grid.tails(g1, nil, etas: etas)
          t = zip(t, t1).map { $0 + $1 }
          if !half {
            // The difference quotient's rounding is amplified by 1/(2δ); x ± δ itself is rounded
            // (a relative change of u(|x| + δ)/δ in the quotient).
            let e1 = x.indices.map { j -> Double in
              let v = (hp[j] - hm[j]) / (2 * delta) - fp[j]
              let point = (hpError[j] + hmError[j]) / (2 * delta) + fpError[j]
              return (point + abs(v) * (3 * u + u * (abs(x[j]) + delta) / delta)) * sqrtRho[j]
                + abs(v) * sqrtRho[j] * rhoError[j]
            }
            floors.append(RoundingFloor(pointError: e1, spacing: grid.spacing, paddedCount: padded, loss: L1))
          }
        }
        if !half {
          let e = x.indices.map { j -> Double in
            let v = h[j] - f[j]
            return (hError[j] + (fError.isEmpty ? 0 : fError[j]) + u * abs(v)) * sqrtRho[j]
              + abs(v) * sqrtRho[j] * rhoError[j]
          }
          floors.insert(RoundingFloor(pointError: e, spacing: grid.spacing, paddedCount: padded, loss: L), at: 0)
          // Each part's bound evaluated at the whole (H¹: u- plus u′-part) loss or tail: ≥ its own.
          let bins = padded / 2 + 1
          out.lossRounding.append(floors.map { $0.bound(L + L1, bins: grid.count) }.reduce(0, +))
          out.tailRounding.append(etas.indices.map { k in floors.map { $0.bound(t[k], bins: bins) }.reduce(0, +) })
        }
        L += L1
        out.loss.append(L); out.tails.append(t)
      }
      return out
    case .two(let rho):
      let n = half ? o.points / 2 : o.points
      let grid = StageGrid2D(density: rho, count: n, digits: 8)
      let x = grid.nodes
      let f = try target.values(at: x).map { o.loss == .logistic ? ($0 >= 0 ? 1.0 : -1.0) : $0 }
      let sqrtRho = (0..<(n * n)).map { rho.value(x[2 * $0], x[2 * $0 + 1]).squareRoot() }
      let inputs = map(x)
      let zero = [Double](repeating: 0, count: n * n)
      for theta in thetas {
        let h = network.outputs(inputs, parameters: theta)
        let g = (0..<(n * n)).map { (h[$0] - f[$0]) * sqrtRho[$0] }
        out.loss.append(grid.spacing * grid.spacing * g.reduce(0) { $0 + $1 * $1 })
        out.tails.append(try grid.tails(g, zero, etas: etas).map(\.aa))
      }
      // Correlation sums of both signs: the fixed floor 1e-13 L(0) (not derived).
      out.lossRounding = out.loss.map { _ in 0 }
      out.tailRounding = out.loss.map { _ in etas.map { _ in 1e-13 * out.loss[0] } }
      return out
    }
  }

  /// GD or Adam on the H¹ loss Σ wᵢ (uᵢ² + u′ᵢ²), u′ᵢ = (u(xᵢ + δ) − u(xᵢ − δ))/2δ, δ = 1e-4.
  /// Its gradient Σ wᵢ [2uᵢ ∇h(xᵢ) + (u′ᵢ/δ)(∇h(xᵢ + δ) − ∇h(xᵢ − δ))] is one backward pass over
  /// the stacked points with the output cotangents as "targets" of the linear loss ℓ(ŷ, c) = cŷ.
  static func trainH1(
    _ network: Network<Double>, map: InputMap, x: [Double], y: [Double], w: [Double],
    target: StageTargetAnyDimension, options o: TrajectoryOptions, snapshots: [Int]
  ) throws(StageError) -> ([[Double]], [Double]) {
    let delta = 1e-4
    let n = x.count
    let yp = try target.values(at: x.map { $0 + delta }), ym = try target.values(at: x.map { $0 - delta })
    let stacked = map(x) + map(x.map { $0 + delta }) + map(x.map { $0 - delta })
    let ones = [Double](repeating: 1, count: 3 * n)
    var theta = network.parameters
    var gd = GradientDescent<Double>(learningRate: o.learningRate)
    var adam = Adam<Double>(learningRate: o.learningRate)
    var thetas: [[Double]] = [], losses: [Double] = []
    let wanted = Set(snapshots)
    for step in 0...o.steps {
      let h = network.outputs(stacked, parameters: theta)
      var c = [Double](repeating: 0, count: 3 * n)
      var L = 0.0
      for i in 0..<n {
        let u = h[i] - y[i]
        let up = ((h[n + i] - yp[i]) - (h[2 * n + i] - ym[i])) / (2 * delta)
        L += w[i] * (u * u + up * up)
        c[i] = 2 * w[i] * u
        c[n + i] = w[i] * up / delta
        c[2 * n + i] = -w[i] * up / delta
      }
      guard L.isFinite, theta.allSatisfy({ abs($0) < 1e8 }) else {
        throw StageError("training diverged (h1, lr \(o.learningRate)) at step \(step)")
      }
      if wanted.contains(step) { thetas.append(theta); losses.append(L) }
      if step == o.steps { break }
      let g = network.lossAndGradient(
        inputs: stacked, targets: c, weights: ones, loss: CotangentLoss(), parameters: theta
      )
      .gradient
      switch o.optimizer {
      case .adam: adam.step(parameters: &theta, gradient: g)
      default: gd.step(parameters: &theta, gradient: g)
      }
    }
    return (thetas, losses)
  }
}

/// ℓ(ŷ, c) = c·ŷ: its gradient in ŷ is the "target" c, so a backward pass with it applies given
/// output cotangents (the H¹ loss's gradient).
struct CotangentLoss: Loss {
  var name: String { "cotangent" }
  func value<T: RealScalar>(output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>) -> T {
    var s: T = 0
    for j in 0..<output.count { s += output[j] * target[j] }
    return s
  }
  func gradient<T: RealScalar>(
    output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>, into gradient: UnsafeMutableBufferPointer<T>
  ) {
    for j in 0..<output.count { gradient[j] = target[j] }
  }
}

/// The population density of a trajectory run: on ℝ or on ℝ².
public enum StageDensity: Sendable {
  case one(SampleDensity)
  case two(SampleDensity2D)

  public var dimension: Int {
    if case .one = self { return 1 }
    return 2
  }

  /// Parses the 1-D or 2-D text form (`SampleDensity`, `SampleDensity2D`) for dimension d.
  public static func parse(_ text: String, dimension d: Int) throws(StageError) -> StageDensity {
    d == 1 ? .one(try SampleDensity.parse(text)) : .two(try SampleDensity2D.parse(text))
  }

  /// n points drawn from ρ (n × d row-major).
  func draw(_ n: Int, rng: inout SplitMix64) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(n * dimension)
    for _ in 0..<n {
      switch self {
      case .one(let rho):
        switch rho {
        case .uniform(let a, let b): out.append(a + (b - a) * rng.nextUniform())
        case .normal(let m, let s): out.append(m + s * rng.nextGaussian())
        case .mixture(let cs):
          let c = Self.pick(cs.map(\.weight), &rng)
          out.append(cs[c].mean + cs[c].sd * rng.nextGaussian())
        }
      case .two(let rho):
        switch rho {
        case .uniformSquare(let a, let b):
          out.append(a + (b - a) * rng.nextUniform()); out.append(a + (b - a) * rng.nextUniform())
        case .normal(let c):
          out.append(c.mean.0 + c.sd.0 * rng.nextGaussian()); out.append(c.mean.1 + c.sd.1 * rng.nextGaussian())
        case .mixture(let cs):
          let c = Self.pick(cs.map(\.weight), &rng)
          out.append(cs[c].mean.0 + cs[c].sd.0 * rng.nextGaussian())
          out.append(cs[c].mean.1 + cs[c].sd.1 * rng.nextGaussian())
        }
      }
    }
    return out
  }

  static func pick(_ w: [Double], _ rng: inout SplitMix64) -> Int {
    var u = rng.nextUniform()
    for (i, x) in w.enumerated() {
      if u < x { return i }
      u -= x
    }
    return w.count - 1
  }
}

/// A target f on ℝ (variable x) or ℝ² (x1, x2).
public enum StageTargetAnyDimension: Sendable {
  case one(StageTarget, CompiledExpression<Double>)
  case two(StageTarget2D)

  public var dimension: Int {
    if case .one = self { return 1 }
    return 2
  }

  public init(_ text: String, dimension d: Int) throws(StageError) {
    if d == 1 {
      let t = try StageTarget(text)
      self = .one(t, try t.compiled(Double.self))
    } else {
      self = .two(try StageTarget2D(text))
    }
  }

  /// f at the n points (n × d row-major).
  func values(at x: [Double]) throws(StageError) -> [Double] {
    switch self {
    case .one(let t, let c):
      var out: [Double] = []
      out.reserveCapacity(x.count)
      for xi in x {
        let y: Double
        do { y = try c.evaluate([xi, xi]) } catch {
          throw StageError("target `\(t.text)` cannot be evaluated at x = \(xi): \(error.message)")
        }
        guard y.isFinite else { throw StageError("target `\(t.text)` is not finite at x = \(xi)") }
        out.append(y)
      }
      return out
    case .two(let t): return try t.values(at: x)
    }
  }
}
