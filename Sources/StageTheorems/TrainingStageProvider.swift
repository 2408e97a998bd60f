import Experiments
import MultiPrecision
import NeuralNetworks
import Verification

/// `stage_training`: the intermediate- and final-stage quantities along one
/// training run (`TrainingStages.run`; 1906.09235, intermediate and final
/// stages, the suite's reconstruction).
///
/// Setup as `stage_initial` (`StageSetup`), plus `trainer` ("flow", the exact
/// gradient flow, default; or "gd" with `lr`), `loss` ("mse" or "l4"),
/// `points` (grid, default 2^12), `order` s of the Sobolev seminorms (default
/// p − 0.6 for ReLU^p, 2 for the analytic activations), `times` (a list; the
/// run is cached), `etas` (a list, computed in the same run) and the axes `eta` and `t`.
///
/// `quantity`: `ratio` |L⁺_η(t) − L⁺_η(0)| / (L(0) − L(t)); `bound`
/// K(2πη)^{−2s}√t(ΔL)^{1/2}/ΔL; `share` E⁺_η/E of the output change;
/// `low_error`, `high_error` (‖P_{≤η}g(t)‖/‖P_{≤η}g(0)‖, ‖P_{>η}g(t)‖/‖P_{>η}g(0)‖).
/// Values are computed on one run (Double grid, FFT), so they carry a rounding
/// error only: a claim that needs an ensemble must sweep seeds and aggregate.
public struct TrainingStageProvider: QuantityProvider {
  public init() {}
  public var name: String { "stage_training" }
  public var summary: String {
    "intermediate/final stage (1906.09235, suite's reconstruction): |ΔL⁺_η|/ΔL, its bound, E⁺_η/E along training"
  }
  static let quantities = ["ratio", "bound", "share", "low_error", "high_error"]
  static let allowed = StageSetup.arguments.union(
    ["trainer", "lr", "loss", "points", "order", "times", "t", "eta", "etas", "quantity"])
  public var parameters: [ProviderParameter] {
    StageSetup.parameters + [
      .init("trainer", default: "flow", "flow or gd"), .init("lr", default: "0.002", "gd: the learning rate"),
      .init("loss", default: "mse", "mse or l4"), .init("points", default: "4096"),
      .init("order", default: "s − 0.6 for ReLU^s, else 2", "the Sobolev order"),
      .init("t", "the training time"), .init("times", default: "[t]"),
      .init("eta", "the frequency cut-off η"), .init("etas", default: "[eta]"), .init("quantity", default: "ratio"),
    ]
  }
  public var quantities: [String] { Self.quantities }

  public func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    try ExperimentParameters.validate(arguments, sweepAxes: sweepAxes, allowed: Self.allowed)
    let p = ExperimentParameters(arguments, point: nil)
    if !sweepAxes.contains("quantity") { _ = try p.choice("quantity", Self.quantities, default: "ratio") }
    if !sweepAxes.contains("trainer") { _ = try p.choice("trainer", ["flow", "gd"], default: "flow") }
    if !sweepAxes.contains("loss") { _ = try p.choice("loss", ["mse", "l4"], default: "mse") }
  }

  public func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    let p = ExperimentParameters(arguments, point: point)
    let setup = try StageSetup(p)
    let quantity = try p.choice("quantity", Self.quantities, default: "ratio")
    let trainer = try p.choice("trainer", ["flow", "gd"], default: "flow")
    let lr = try p.double("lr", default: 0.002)
    let loss = try p.choice("loss", ["mse", "l4"], default: "mse")
    let points = try p.int("points", default: 1 << 12, min: 16)
    let defaultOrder = reluPower(setup.network.activation).map { Double($0) - 0.6 } ?? 2
    let order = try p.double("order", default: defaultOrder)
    let t = try p.double("t")
    let eta = try p.double("eta")
    var times = try p.doubles("times", default: [t])
    if !times.contains(t) { times.append(t) }
    times.sort()
    var options = StageTrainingOptions(times: times)
    options.trainer = trainer == "flow" ? .gradientFlow : .gradientDescent(lr: lr)
    options.loss = loss
    options.points = points
    options.sobolevOrder = order
    var etas = try p.doubles("etas", default: [eta])
    if !etas.contains(eta) { etas.append(eta) }
    etas.sort()
    let key = "training \(setup.key) \(trainer) lr=\(lr) \(loss) n=\(points) s=\(order) times=\(times) eta=\(etas)"
    let r: TrainingStageResult = try StageCache.shared.value(key) {
      do {
        return try TrainingStages.run(
          network: setup.network, target: setup.target, density: setup.density, etas: etas, options: options)
      } catch let error as StageError {
        throw ProviderError(message: error.message)
      }
    }
    let i = r.times.firstIndex(of: t)!, j = r.eta.firstIndex(of: eta)!
    let table: [[Double]]
    switch quantity {
    case "ratio": table = r.ratio
    case "bound": table = r.bound
    case "share": table = r.outputChangeShare
    case "low_error": table = r.lowError
    default: table = r.highError
    }
    let v = table[i][j]
    guard v.isFinite else { throw ProviderError(message: "\(quantity) is not finite at t = \(t), η = \(eta)") }
    // Rounding of the grid sums (the tails are differences of O(L) numbers).
    let floor = 1e-13 * (quantity == "ratio" ? r.loss[0] / max(r.loss[0] - r.loss[i + 1], 1e-300) : 1)
    return .computed(v, error: floor + 1e-12 * abs(v), ["method": "Double grid \(points) points, \(trainer)"])
  }
}
