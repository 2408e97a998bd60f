import MultiPrecision
import NeuralNetworks
import Verification

/// The step-counted path of `stage_training` (`TrainingTrajectory.run`): any depth and width,
/// d = 1 or 2, population loss or n samples, GD, SGD or Adam, MSE, L⁴, Huber, logistic or H¹.
extension TrainingStageProvider {
  /// Whether the arguments ask for the step-counted path: `steps` given, or an optimiser,
  /// dimension, sample count, loss or input map the time-based path does not have.
  static func usesTrajectory(_ p: ExperimentParameters, _ optimizer: Method?) throws(ProviderError) -> Bool {
    if p.has("steps") || p.has("samples") || p.has("features") || p.has("step") { return true }
    if p.has("dim"), try p.int("dim") != 1 { return true }
    if optimizer == .sgd || optimizer == .adam { return true }
    let loss = try p.choice("loss", LossName.self)
    return !(loss == .mse || loss == .l4)
  }

  /// The step-counted runs, by their full setting.
  static let trajectories = ProviderCache<String, TrajectoryResult>(capacity: 1024)

  /// Snapshot steps from `times` (numbers and "end"; default: "end").
  static func snapshotSteps(_ p: ExperimentParameters, steps: Int) throws(ProviderError) -> [Int] {
    func read(_ v: ArgumentValue) throws(ProviderError) -> [Int] {
      switch v {
      case .list(let items):
        var out: [Int] = []
        for item in items { out += try read(item) }
        return out
      case .string(let s), .number(let s):
        if s == "end" { return [steps] }
        guard let x = Double(s), x == x.rounded(), x >= 0, x <= Double(steps) else {
          throw ProviderError(argument: "times", message: "`\(s)` is not a step in 0 … \(steps) or \"end\"")
        }
        return [Int(x)]
      case .bool: throw ProviderError(argument: "times", message: "expected steps or \"end\"")
      }
    }
    let raw: ArgumentValue?
    switch p.point?["times"] {
    case .number(let x): raw = .number(x)
    case .text(let x): raw = .string(x)
    case nil: raw = p.arguments["times"]
    }
    guard let v = raw else { return [steps] }
    return Array(Set(try read(v))).sorted()
  }

  func computeTrajectory(_ q: QuantityName, _ chosen: Method?, _ p: ExperimentParameters) throws -> Quantity {
    guard q == .ratio || q == .hfFraction else {
      throw ProviderError(
        argument: "quantity", message: "`\(q.rawValue)` is time-based (no `steps`); with `steps`: ratio or hf_fraction")
    }
    let quantity = q.rawValue
    let dim = try p.int("dim", default: 1, min: 1)
    guard dim == 1 || dim == 2 else { throw ProviderError(argument: "dim", message: "dim must be 1 or 2") }
    var o = TrajectoryOptions()
    o.dimension = dim
    let optimizer = chosen?.rawValue ?? "gd"
    guard let opt = TrajectoryOptimizer(rawValue: optimizer) else {
      throw ProviderError(
        argument: "optimizer",
        message:
          "`\(optimizer)` with `steps`: expected gd, sgd or adam (flow is time-based: give `t`/`times`, no `steps`)")
    }
    o.optimizer = opt
    let lossName = try p.choice("loss", TrajectoryLoss.allCases.map(\.rawValue), default: "mse")
    o.loss = TrajectoryLoss(rawValue: lossName)!
    o.learningRate = try p.double("lr", default: opt == .adam ? 0.001 : 0.01)
    guard o.learningRate > 0 else { throw ProviderError(argument: "lr", message: "lr must be > 0") }
    o.steps = try p.int("steps", default: 200, min: 1)
    o.batch = try p.int("batch", default: 32, min: 1)
    o.samples = try p.int("samples", default: 0, min: 0)
    o.points = try p.int("points", default: dim == 1 ? 1 << 14 : 128, min: 16)
    guard o.points & (o.points - 1) == 0 else {
      throw ProviderError(argument: "points", message: "the measurement grid needs a power of two (got \(o.points))")
    }
    o.features = try p.int("features", default: 0, min: 0)
    o.featureScale = try p.double("feature_scale", default: 10)
    o.cell = try p.double("cell", default: 0.25)
    guard o.cell > 0 else { throw ProviderError(argument: "cell", message: "cell must be > 0") }
    o.snapshots = try Self.snapshotSteps(p, steps: o.steps)
    let seed = try p.int("seed", default: 0, min: 0)
    o.dataSeed = UInt64(seed)

    // The network: d (or 2m features) – widths – 1; first layer N(0, weight_std²), deeper layers
    // LeCun N(0, 1/fan-in), biases N(0, bias_std²) (as the time-based path).
    let widths = try p.ints("widths", default: [20])
    guard !widths.isEmpty, widths.allSatisfy({ $0 >= 1 }) else {
      throw ProviderError(argument: "widths", message: "hidden widths must be ≥ 1")
    }
    let name = try p.template("activation", default: "tanh")
    guard let activation = name == "step" ? StepActivation() : builtInActivation(named: name) else {
      throw ProviderError(argument: "activation", message: "unknown activation `\(name)`")
    }
    let ws = try p.double("weight_std", default: 1), bs = try p.double("bias_std", default: 1)
    let input = TrainingTrajectory.inputWidth(o)
    var net = Network<Double>(
      widths: [input] + widths + [1], activation: activation,
      initializer: Initializer(weights: .lecun, biases: .normal(std: bs)), seed: UInt64(seed))
    if o.features == 0 { for i in 0..<(widths[0] * input) { net.parameters[i] *= ws } }
    let targetText = try p.string(
      "target", default: dim == 1 ? "sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)" : "sin(0.6*pi*x1) + 0.5*sin(1.6*pi*x2)")
    let densityText = try p.template("density", default: dim == 1 ? "normal:0,1" : "normal2:0,0,1,1")
    let target: StageTargetAnyDimension
    let density: StageDensity
    do {
      target = try StageTargetAnyDimension(targetText, dimension: dim)
      density = try StageDensity.parse(densityText, dimension: dim)
    } catch { throw ProviderError(message: error.message) }

    let eta = try p.double("eta")
    var etas = try p.doubles("etas", default: [eta])
    if !etas.contains(eta) { etas.append(eta) }
    etas.sort()
    let key =
      "trajectory d=\(dim) w=\(widths) a=\(name) s=\(seed) ws=\(ws) bs=\(bs) f=\(targetText) rho=\(densityText) "
      + "\(optimizer) lr=\(o.learningRate) steps=\(o.steps) batch=\(o.batch) n=\(o.samples) \(lossName) "
      + "points=\(o.points) feat=\(o.features)x\(o.featureScale) cell=\(o.cell) times=\(o.snapshots) eta=\(etas)"
    let r = try Self.trajectories.value(for: key) {
      do {
        return try TrainingTrajectory.run(network: net, target: target, density: density, etas: etas, options: o)
      } catch let error as StageError {
        throw ProviderError(message: error.message)
      }
    }
    // The snapshot: `step` or `t` (a step or "end"), default the last of `times`.
    let selector = p.has("step") ? "step" : "t"
    let at: Int
    if p.has(selector) {
      let s = try p.string(selector)
      if s == "end" {
        at = o.steps
      } else {
        at = try p.int(selector, min: 0)
      }
    } else {
      at = r.steps.last!
    }
    guard let i = r.steps.firstIndex(of: at) else {
      throw ProviderError(argument: selector, message: "step \(at) is not a snapshot (times give \(r.steps))")
    }
    let j = r.etas.firstIndex(of: eta)!
    let (v, e) =
      quantity == "hf_fraction" ? (r.hfFraction[i][j], r.hfFractionError[i][j]) : (r.ratio[i][j], r.ratioError[i][j])
    guard v.isFinite, e.isFinite else {
      throw ProviderError(
        message: quantity == "ratio" && i == 0
          ? "ratio at step 0: the ratio needs a snapshot after training (t > 0)"
          : "\(quantity) is not finite at step \(at), η = \(eta) (the loss did not decrease?)")
    }
    // A value not above its own error keeps its enclosure [v − e, v + e] (straddling 0); being ≥ 0
    // by construction, its logarithm is then only bounded above (−∞, log(v + e)]: a claim decides
    // on that bound where it can (a fitted slope bounded above), and is inconclusive otherwise.
    let measure = o.samples == 0 ? "population loss" : "\(o.samples) samples drawn from ρ"
    let rounding =
      dim == 1 ? "a bound on its rounding (network running error, target Arb enclosure, FFT)" : "1e-13 L(0)/denominator"
    let method =
      "\(optimizer) lr \(o.learningRate), \(o.steps) steps, \(lossName) loss on the \(measure); "
      + "η-quantities against the population density ρ on a \(o.points)\(dim == 2 ? "²" : "")-point grid; "
      + "error = |value − value on the grid of half the points| + " + rounding
    var meta: [String: String] = [
      "method": method, "step": "\(at)", "L": "\(r.loss[i])", "training_loss": "\(r.trainingLoss[i])",
      "tail_rounding": "\(r.tailRounding[i][j])",
    ]
    // Both are ≥ 0 by construction (an energy share; |ΔL⁺_η| over a decrease of L).
    meta[Quantity.domainKey] = "nonnegative"
    if v <= e { meta["resolved"] = "no: the value is not above its error" }
    return .computed(v, error: e, meta)
  }
}
