import MultiPrecision
import NeuralNetworks
import Verification

/// `stage_training`: the intermediate- and final-stage quantities along one
/// training run (`TrainingStages.run`; 1906.09235, intermediate and final
/// stages, the suite's reconstruction).
///
/// Setup as `stage_initial` (`StageSetup`), plus `trainer` ("flow", the exact
/// gradient flow, default; or "gd" with `lr`), `loss` ("mse" or "l4"),
/// `points` (the measurement grid, default 2^14), `order` s of the Sobolev seminorms (default
/// p − 0.6 for ReLU^p, 2 for the analytic activations), `rtol` of the flow (default 1e-10),
/// `quadrature_order` (Gauss–Legendre nodes per piece of the population loss, default 8),
/// `k_samples` (extra equally spaced times at which K is sampled, default 8), `times` (a list; the
/// run is cached), `etas` (a list, computed in the same run) and the axes `eta` and `t`.
///
/// `quantity`: `ratio` |L⁺_η(t) − L⁺_η(0)| / (L(0) − L(t)); `bound`
/// K(2πη)^{−2s}√t(ΔL_ℓ)^{1/2}/ΔL (ΔL_ℓ the decrease of the training loss, ΔL of the MSE);
/// `share` E⁺_η/E of the output change;
/// `low_error`, `high_error` (‖P_{≤η}g(t)‖/‖P_{≤η}g(0)‖, ‖P_{>η}g(t)‖/‖P_{>η}g(0)‖);
/// `low_time`: the first snapshot t_k in `times` at which the low-frequency error is below
/// `threshold` (default 0.05), with the half-gap to the previous snapshot as its error (the crossing
/// lies in (t_{k−1}, t_k]); `high_at_low_time`: the high-frequency error at that snapshot (so
/// `high_at_low_time > threshold` says the low-frequency error fell below the threshold first). Both
/// are an error when the low-frequency error is not below the threshold by the last snapshot.
/// Values are computed on one run (Double grid, FFT), so they carry a rounding
/// error only: a claim that needs an ensemble must sweep seeds and aggregate.
///
/// The step-counted path (`TrainingTrajectory`; taken when `steps`, `samples`, `features`,
/// `step`, `dim` = 2, `optimizer` sgd or adam, or a loss other than mse and l4 is given):
/// hidden `widths` of any depth ("30-30-30"), `dim` 1 or 2, `samples` (0: the population loss;
/// n: n points drawn from ρ, the η-quantities still measured against ρ), `optimizer` gd, sgd
/// (`batch`) or adam (`trainer` is the same argument), `lr`, `steps`, `loss` mse, l4, huber,
/// logistic (labels sign f) or h1, `times` (snapshot steps, "end" = `steps`),
/// `features`/`feature_scale` (random Fourier features), and the quantities `ratio` and
/// `hf_fraction` = L⁺_η/L, each with the grid-halving difference in its error; the snapshot is
/// the sweep axis `t` or `step` (default: the last). Pooled over a seed axis
/// (`ensemble = "seed"`), each seed's value is one measurement.
public struct TrainingStageProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "stage_training" }
  public var summary: String {
    "intermediate/final stage (1906.09235, suite's reconstruction): |ΔL⁺_η|/ΔL, its bound, E⁺_η/E along training"
  }

  public enum QuantityName: String, ProviderChoice {
    case ratio, hfFraction = "hf_fraction", bound, share, lowError = "low_error", highError = "high_error", lowTime =
      "low_time"
    case highAtLowTime = "high_at_low_time"
  }
  /// `optimizer` (or `trainer`): the exact gradient flow or gradient descent with `lr` (time-based),
  /// or, with `steps`, gd, sgd or adam.
  public enum Method: String, ProviderChoice { case flow, gd, sgd, adam }
  public static var methodKey: String? { "optimizer" }
  public static var methodSummary: String {
    "flow (the exact gradient flow) or gd (time t = step·lr); with `steps`: gd (the default there), sgd or adam"
  }
  /// The training loss (`loss`): mse and l4 on both paths; huber, logistic and h1 with `steps`.
  enum LossName: String, ProviderChoice { case mse, l4, huber, logistic, h1 }
  public static var arguments: [ProviderParameter] {
    StageSetup.parameters.filter { $0.name != "widths" } + [
      .init("widths", .integers, default: "[20]", "hidden widths, any depth (e.g. \"30-30-30\")"),
      .init("trainer", .choice(of: Method.self), default: "flow", "the same argument as `optimizer` (older name)"),
      .init(
        "dim", .integer(atLeast: 1), default: "1",
        "input dimension d: 1 or 2 (2-D: density normal2:…, target in x1, x2)"),
      .init("steps", .integer(atLeast: 1), default: "200", "optimiser steps (gives the step-counted path)"),
      .init("batch", .integer(atLeast: 1), default: "32", "sgd: the mini-batch size"),
      .init(
        "samples", .integer(atLeast: 0), default: "0",
        "0: the population loss; n: n points drawn from ρ (η-quantities against ρ)"),
      .init(
        "features", .integer(atLeast: 0), default: "0",
        "random Fourier features [cos 2πBx, sin 2πBx], B m × d ~ N(0, σ²)"),
      .init("feature_scale", .number, default: "10", "σ of the random Fourier features"),
      .init(
        "cell", .number, default: "0.25", "steps: cell length of the population rule (4 Gauss–Legendre nodes per cell)"),
      .init("lr", .number, default: "0.002 (time-based); with steps 0.01, adam 0.001", "the learning rate"),
      .init("loss", .choice(of: LossName.self), default: "mse", "huber, logistic (labels sign f) and h1 need `steps`"),
      .init(
        "points", .integer(atLeast: 16), default: "16384 (d = 2: 128 per axis)", "the measurement grid (a power of two)"
      ),
      .init("order", .number, default: "s − 0.6 for ReLU^s, else 2", "the Sobolev order"),
      .init("t", .text, "the training time; with steps the snapshot step (a number or \"end\")"),
      .init("step", .text, "with steps: the snapshot step (a number or \"end\"; default the last of times)"),
      .init("times", .numbers, default: "[t]; with steps \"end\"", "snapshot times, or steps and \"end\""),
      .init("eta", .number, "the frequency cut-off η"), .init("etas", .numbers, default: "[eta]"),
      .init("rtol", .number, default: "1e-10", "the flow's relative tolerance"),
      .init("quadrature_order", .integer(atLeast: 2), default: "8", "Gauss-Legendre nodes per cell"),
      .init("k_samples", .integer(atLeast: 0), default: "8", "extra times at which K is sampled (0: none)"),
      .init("threshold", .number, default: "0.05", "low_time, high_at_low_time: the low-frequency error to fall below"),
    ]
  }

  /// One training run: the setup, the trainer, the grid, the Sobolev order, the times and cut-offs,
  /// the flow's settings and whether K is measured.
  struct RunKey: Hashable, Sendable {
    var setup: String
    var trainer: Method
    var lr: Double
    var loss: LossName
    var points: Int
    var order: Double
    var times: [Double]
    var etas: [Double]
    var rtol: Double
    var quadratureOrder: Int
    var kSamples: Int
    var measureK: Bool
  }
  /// The training runs; every quantity, time and cut-off of a run is read from one.
  static let runs = ProviderCache<RunKey, TrainingStageResult>(capacity: 1024)

  /// `times` may hold the word "end" (the step-counted path), which the declared kind
  /// (`numbers`) rejects: it is checked here, every other argument by the skeleton's rules.
  /// One training run: network weights × steps × max(samples, points) (the samples
  /// drawn from ρ, or the quadrature grid of the population loss and the spectra).
  public func relativeCost(_ arguments: ProviderArguments, at point: SweepPoint) -> Double {
    let p = ExperimentParameters(arguments, point: point), declared = Self.arguments
    let size = max(p.costProduct(["samples"], declared: declared), p.costProduct(["points"], declared: declared))
    return p.networkWeights(declared: declared) * p.costProduct(["steps"], declared: declared) * size
  }

  public func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    let declared = Self.declaredArguments
    try arguments.check(allowed: Set(declared.map(\.name)))
    for (key, _) in arguments.entries where sweepAxes.contains(key) {
      throw ProviderError(argument: key, message: "given both in args and as a sweep axis; keep one")
    }
    let rest = ProviderArguments(arguments.entries.filter { $0.key != "times" })
    let p = ExperimentParameters(rest, point: nil)
    for parameter in declared where rest[parameter.name] != nil { try p.check(parameter) }
    if let times = arguments["times"] {
      // Numbers (times, or steps with `steps`) and the word "end"; the step path checks the rest.
      let items: [ArgumentValue]
      if case .list(let l) = times { items = l } else { items = [times] }
      for item in items {
        switch item {
        case .number(let x) where Double(x)?.isFinite == true: continue
        case .string("end"): continue
        default:
          throw ProviderError(argument: "times", message: "expected numbers and \"end\", found \(item)")
        }
      }
    }
    try ExperimentParameters.ignoringAxes(sweepAxes) { () throws(ProviderError) in
      try Self.check(p, sweepAxes: sweepAxes)
    }
  }

  public static func check(_ p: ExperimentParameters, sweepAxes: [String]) throws(ProviderError) {
    if p.has("optimizer") && p.has("trainer") {
      throw ProviderError(argument: "optimizer", message: "give `optimizer` or `trainer` (the same argument), not both")
    }
  }

  public func compute(
    _ quantity: QuantityName, method: Method, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    // `trainer` is the older name of `optimizer`.
    let chosen: Method? =
      p.has("optimizer") ? method : (p.has("trainer") ? try p.choice("trainer", Method.self) : nil)
    if try Self.usesTrajectory(p, chosen) { return try computeTrajectory(quantity, chosen, p) }
    let trainer = chosen ?? .flow
    guard trainer == .flow || trainer == .gd else {
      throw ProviderError(argument: "optimizer", message: "\(trainer.rawValue) needs `steps` (the step-counted path)")
    }
    let setup = try StageSetup(p)
    let lr = try p.double("lr", default: 0.002)
    let loss = try p.choice("loss", LossName.self)
    guard loss == .mse || loss == .l4 else {
      throw ProviderError(argument: "loss", message: "\(loss.rawValue) needs `steps` (the step-counted path)")
    }
    let points = try p.int("points", default: 1 << 14, min: 16)
    guard points & (points - 1) == 0 else {
      throw ProviderError(argument: "points", message: "the measurement grid needs a power of two (got \(points))")
    }
    let rtol = try p.double("rtol", default: 1e-10)
    guard rtol > 0 && rtol < 1 else { throw ProviderError(argument: "rtol", message: "rtol must be in (0, 1)") }
    let quadratureOrder = try p.int("quadrature_order", default: 8, min: 2)
    let kSamples = try p.int("k_samples", default: 8, min: 0)
    let defaultOrder = reluPower(setup.network.activation).map { Double($0) - 0.6 } ?? 2
    let order = try p.double("order", default: defaultOrder)
    let t: Double? = p.has("t") ? try p.double("t") : nil
    let eta = try p.double("eta")
    var times = try p.doubles("times", default: t.map { [$0] } ?? [])
    if times.isEmpty { throw ProviderError(argument: "times", message: "give `t` (a sweep axis) or a list `times`") }
    if let t, !times.contains(t) { times.append(t) }
    times.sort()
    var options = StageTrainingOptions(times: times)
    options.trainer = trainer == .flow ? .gradientFlow : .gradientDescent(lr: lr)
    options.loss = loss.rawValue
    options.points = points
    options.sobolevOrder = order
    options.rtol = rtol
    options.quadratureOrder = quadratureOrder
    options.kSamples = kSamples
    // K costs a forward-mode pass over the grid per sample: measured when a bound is asked for or
    // K samples are requested (the ratio and share of a run with k_samples = 0 do without it).
    options.measureK = kSamples > 0 || quantity == .bound
    var etas = try p.doubles("etas", default: [eta])
    if !etas.contains(eta) { etas.append(eta) }
    etas.sort()
    let key = RunKey(
      setup: setup.key, trainer: trainer, lr: lr, loss: loss, points: points, order: order, times: times, etas: etas,
      rtol: rtol, quadratureOrder: quadratureOrder, kSamples: kSamples, measureK: options.measureK)
    let r = try Self.runs.value(for: key) {
      do {
        return try TrainingStages.run(
          network: setup.network, target: setup.target, density: setup.density, etas: etas, options: options)
      } catch let error as StageError {
        throw ProviderError(message: error.message)
      }
    }
    let j = r.eta.firstIndex(of: eta)!
    let method =
      "population quadrature split at the kinks (\(quadratureOrder) nodes per piece), "
      + (trainer == .flow ? "DOP853 rtol \(rtol)" : "GD lr \(lr)") + "; spectra on a \(points)-point grid"
    if quantity == .lowTime || quantity == .highAtLowTime {
      let threshold = try p.double("threshold", default: 0.05)
      guard threshold > 0 && threshold < 1 else {
        throw ProviderError(argument: "threshold", message: "the relative error threshold must be in (0, 1)")
      }
      guard let k = r.lowError.firstIndex(where: { $0[j] < threshold }) else {
        throw ProviderError(
          message: "the low-frequency error at η = \(eta) is not below \(threshold) by t = \(r.times.last!) "
            + "(it is \(r.lowError.last![j])): give later `times`")
      }
      var meta = ["method": method, "threshold": "\(threshold)", "low_time": "\(r.times[k])"]
      if quantity == .lowTime {
        let previous = k == 0 ? 0 : r.times[k - 1]
        return .computed((previous + r.times[k]) / 2, error: (r.times[k] - previous) / 2, meta)
      }
      meta["low_error"] = "\(r.lowError[k][j])"
      return .computed(r.highError[k][j], error: 1e-13 + 1e-12 * r.highError[k][j], meta)
    }
    guard let t else {
      throw ProviderError(argument: "t", message: "`\(quantity.rawValue)` needs the training time t")
    }
    let i = r.times.firstIndex(of: t)!
    let table: [[Double]]
    switch quantity {
    case .ratio: table = r.ratio
    case .hfFraction: table = r.hfFraction
    case .bound: table = r.bound
    case .share: table = r.outputChangeShare
    case .lowError: table = r.lowError
    case .highError, .lowTime, .highAtLowTime: table = r.highError
    }
    let v = table[i][j]
    guard v.isFinite else {
      throw ProviderError(message: "\(quantity.rawValue) is not finite at t = \(t), η = \(eta)")
    }
    // Rounding of the grid sums (the tails are differences of O(L) numbers).
    let floor =
      1e-13 * (quantity == .ratio ? r.loss[0] / max(r.loss[0] - r.loss[i + 1], 1e-300) : 1)
      + (quantity == .hfFraction ? 1e-13 * r.loss[0] / r.loss[i + 1] : 0)
    return .computed(v, error: floor + 1e-12 * abs(v), ["method": method])
  }
}
