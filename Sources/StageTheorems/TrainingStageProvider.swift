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
public struct TrainingStageProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "stage_training" }
  public var summary: String {
    "intermediate/final stage (1906.09235, suite's reconstruction): |ΔL⁺_η|/ΔL, its bound, E⁺_η/E along training"
  }

  public enum QuantityName: String, ProviderChoice {
    case ratio, bound, share, lowError = "low_error", highError = "high_error", lowTime = "low_time"
    case highAtLowTime = "high_at_low_time"
  }
  /// `trainer`: the exact gradient flow or gradient descent with `lr`.
  public enum Method: String, ProviderChoice { case flow, gd }
  public static var methodKey: String? { "trainer" }
  public static var methodSummary: String { "flow (the exact gradient flow) or gd" }
  /// The training loss (`loss`).
  enum LossName: String, ProviderChoice { case mse, l4 }
  public static var arguments: [ProviderParameter] {
    StageSetup.parameters + [
      .init("lr", .number, default: "0.002", "gd: the learning rate"),
      .init("loss", .choice(of: LossName.self), default: "mse"),
      .init("points", .integer(atLeast: 16), default: "16384", "the measurement grid (a power of two)"),
      .init("order", .number, default: "s − 0.6 for ReLU^s, else 2", "the Sobolev order"),
      .init("t", .number, "the training time"), .init("times", .numbers, default: "[t]"),
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

  public func compute(
    _ quantity: QuantityName, method trainer: Method, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let setup = try StageSetup(p)
    let lr = try p.double("lr", default: 0.002)
    let loss = try p.choice("loss", LossName.self)
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
    let floor = 1e-13 * (quantity == .ratio ? r.loss[0] / max(r.loss[0] - r.loss[i + 1], 1e-300) : 1)
    return .computed(v, error: floor + 1e-12 * abs(v), ["method": method])
  }
}
