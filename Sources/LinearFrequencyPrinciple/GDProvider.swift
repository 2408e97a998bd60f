import Foundation
import MultiPrecision
import Verification

/// `lfp_gd`: the authors' two-layer network trained by full-batch gradient descent on
/// the network itself (`GDTrainedNetwork`: all of a, w, b; η = c/λ_max(Θ_m(X, X)),
/// c = `lr_factor` (0.9); until L = ½Σ(h − y)² < `until_loss` (1e−8)), beside the
/// linearised network (the exact gradient flow of its linearisation at t = ∞: the
/// interpolant of the run's own initial empirical NTK), the LFP limit and the exact
/// infinite-width NTK interpolant (`GDTrainingRun`). Relative L² on the test grid;
/// network quantities are seed ensembles (`seeds`, default 5; mean ± standard error).
///
/// Settings (`setting`): the authors' `cubic`, `linear`, `tanh_a`, `tanh_b`, `xor` (as
/// `lfp_network`), and `condensed`: w, b, a ~ U(−s, s) with s = m^(−γ/2), γ = `gamma`
/// (default 1.5), trained with a fixed step `learning_rate` (default 0.2 for γ > 1, where
/// the c/λ_max rule diverges from a tiny initial NTK; for γ ≤ 1, and with
/// `learning_rate = 0`, the c/λ_max rule). In the phase diagram of Luo, Xu, Ma, Zhang
/// (arXiv 2007.07497, JMLR 22(71) 2021), f = (1/α)Σ a_k σ(w_k·x), a ~ N(0, β₁²),
/// w ~ N(0, β₂²) (bias in w), γ = lim −log(β₁β₂/α)/log m, γ′ = lim −log(β₁/β₂)/log m:
/// the linear (NTK) regime is γ < 1 (or γ′ > γ − 1), the condensed regime γ > 1 with
/// γ′ < γ − 1. Here α = 1, β₁ = β₂ ∝ s: γ′ = 0 and γ as given; the authors' settings
/// have γ = 0 (deep in the linear regime). The LFP limit depends on the laws only
/// through E‖w‖³/E[a²‖w‖], the same for every s: the condensed setting is compared
/// with the limit the LFP predicts for its laws.
///
/// Quantities: `gap_lfp` (GD vs LFP limit), `gap_lfp_linearised` (linearised network vs
/// LFP limit), `gap_lfp_stopped` (GD at the authors' stop, L < 8e−5, vs LFP limit),
/// `gap_ntk` / `gap_ntk_linearised` (vs the exact NTK interpolant), `laziness` (GD vs
/// the run's own initial-NTK interpolant), `parameter_change` (‖θ − θ₀‖/‖θ₀‖),
/// `pattern_flips` (ReLU activation-pattern flips on the data per neuron and point),
/// `gap_expected_spline` / `gap_other_spline` (cubic | linear: the spline 1905.10264
/// names for the setting / the other), `steps`, `floor` (exact NTK vs LFP; no network).
/// Figures (1-D, with `gap_lfp`): GD (seed 0), linearised, LFP and NTK curves.
public struct LFPGDProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "lfp_gd" }
  public var summary: String {
    "two-layer network trained by full-batch GD (a, w, b) vs its linearisation, the LFP limit and the exact NTK"
  }

  public enum QuantityName: String, ProviderChoice {
    case gapLFP = "gap_lfp", gapLFPLinearised = "gap_lfp_linearised", gapLFPStopped = "gap_lfp_stopped"
    case gapNTK = "gap_ntk", gapNTKLinearised = "gap_ntk_linearised", laziness
    case parameterChange = "parameter_change", patternFlips = "pattern_flips"
    case gapExpectedSpline = "gap_expected_spline", gapOtherSpline = "gap_other_spline", steps, floor
  }
  /// The authors' settings of `lfp_network`, and the condensed regime.
  enum Setting: String, ProviderChoice {
    case cubic, linear
    case tanhA = "tanh_a", tanhB = "tanh_b", xor, condensed
    /// The setting of `lfp_network` (nil for `condensed`).
    var network: LFPNetworkProvider.Setting? { LFPNetworkProvider.Setting(rawValue: rawValue) }
  }

  public static let arguments: [ProviderParameter] = [
    .init("setting", .choice(of: Setting.self), default: "cubic", "one of the authors' settings, or condensed"),
    .init("width", .integer(atLeast: 2), "the network width m"),
    .init("seeds", .integer(atLeast: 1), default: "5"),
    .init("grid", .integer(atLeast: 0), default: "0", "test points (0: 101 in 1-D, 30 per axis for XOR)"),
    .init("until_loss", .number, default: "1e-8", "train until L = ½Σ(h − y)² is below this"),
    .init("lr_factor", .number, default: "0.9", "c in η = c/λ_max(Θ_m(X, X))"),
    .init("gamma", .number, default: "1.5", "condensed: the initialisation scale s = m^(−γ/2)"),
    .init("learning_rate", .number, default: "0.2 (condensed, γ > 1)", "a fixed step; 0: the c/λ_max rule"),
  ]

  /// The network quantities pool their own seed ensemble (`seeds`).
  public func source(of arguments: ProviderArguments) -> QuantitySource { .pooledEnsemble }

  /// One GD training run: the setting's laws, grid, width, step rule and seed.
  struct RunKey: Hashable, Sendable {
    var activation: String, data: String, w: String, b: String, a: String
    var gridCount: Int, width: Int, lrFactor: Double, untilLoss: Double, fixedRate: Double, seed: Int
  }
  static let runs = ProviderCache<RunKey, GDTrainingRun>(capacity: 1024)

  /// The generator seed of ensemble member `seed` at `width`: the first SplitMix64 output
  /// from (seed, width). (A seed of the form s·γ + m, γ SplitMix64's own increment, would
  /// start member s + k on member s's stream k draws later: seeds 0 and 3 share all but
  /// one neuron pair when a pair takes 3 draws.)
  static func initialisationSeed(_ seed: Int, width: Int) -> UInt64 {
    var g = SplitMix64(seed: UInt64(seed) << 32 ^ UInt64(width))
    return g.next()
  }

  public func compute(
    _ quantity: QuantityName, method: NoMethod, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let setting: Setting = try p.choice("setting", default: .cubic)
    let width = try p.int("width", min: 2)
    let seeds = try p.int("seeds", default: 5, min: 1)
    let untilLoss = try p.double("until_loss", default: 1e-8)
    let lrFactor = try p.double("lr_factor", default: 0.9)
    let (activationText, datasetText, wText, bText, aText): (String, String, String, String, String)
    var configuration = GDTrainedNetwork.Configuration(learningRateFactor: lrFactor, untilLoss: untilLoss)
    if let s = setting.network {
      (activationText, datasetText, wText, bText, aText) = (
        s.activation.rawValue, s.data.rawValue, s.laws.w, s.laws.b, s.laws.a
      )
    } else {
      let gamma = try p.double("gamma", default: 1.5)
      let s = pow(Double(width), -gamma / 2)
      let u = "uniform:\(-s),\(s)"
      (activationText, datasetText, wText, bText, aText) = ("relu", "authors5", u, u, u)
      let eta = try p.double("learning_rate", default: gamma > 1 ? 0.2 : 0)
      guard eta >= 0, eta.isFinite else {
        throw ProviderError(argument: "learning_rate", message: "must be 0 (the c/λ_max rule) or a step > 0")
      }
      configuration.fixedLearningRate = eta > 0 ? eta : nil
    }
    let dataset = LFPDataset(rawValue: datasetText)!
    let data = dataset.data
    let gridCount = try p.int("grid", default: 0, min: 0)
    guard gridCount == 0 || gridCount >= 2 else {
      throw ProviderError(argument: "grid", message: "must be 0 (default) or ≥ 2")
    }
    let grid = dataset.grid(gridCount == 0 ? (dataset == .authors5 ? 101 : 30) : gridCount)
    let wLaw = try law(p, "w", default: wText)
    let bLaw = try law(p, "b", default: bText)
    let aLaw = try law(p, "a", default: aText)
    let activation: LinearisedTwoLayer.Activation = activationText == "relu" ? .relu : .tanh
    func run(_ seed: Int) throws -> GDTrainingRun {
      let key = RunKey(
        activation: activationText, data: datasetText, w: wText, b: bText, a: aText, gridCount: grid.count,
        width: width, lrFactor: lrFactor, untilLoss: untilLoss, fixedRate: configuration.fixedLearningRate ?? 0,
        seed: seed)
      return try Self.runs.value(for: key) { () throws -> GDTrainingRun in
        try asProviderError {
          try GDTrainingRun(
            activation: activation, data: data, width: width, w: wLaw, b: bLaw, a: aLaw,
            seed: Self.initialisationSeed(seed, width: width), grid: grid, configuration: configuration)
        }
      }
    }
    func ntk(_ r: GDTrainingRun) throws -> [Double] {
      guard let v = r.ntkInfinity else {
        throw ProviderError(argument: "quantity", message: "no exact NTK for setting \(setting.rawValue)")
      }
      return v
    }
    func spline(cubic: Bool) throws -> [Double] {
      let gamma = try asProviderError { try LFPGamma(activation: .relu, dimension: 1, w: wLaw, a: aLaw) }
      let (A, B): (Double, Double) = try asProviderError { try gamma.reluMoments() }
      let h = try asProviderError { try ReLULFPLimit(data: data, A: cubic ? A : 0, B: cubic ? 0 : B) }
      return grid.map { h($0) }
    }
    if quantity == .floor {
      let r = try run(0)
      let f = relativeL2(try ntk(r), r.lfp)
      return lfpValue(f, error: 1e-9 * f, metadata: ["method": "exact NTK interpolant vs LFP limit (no network)"])
    }
    let samples: [Double] = try (0..<seeds).map { seed in
      let r = try run(seed)
      switch quantity {
      case .gapLFP: return relativeL2(r.h, r.lfp)
      case .gapLFPLinearised: return relativeL2(r.ntk0, r.lfp)
      case .gapLFPStopped:
        guard let h = r.stoppedH else {
          throw ProviderError(argument: "until_loss", message: "the run stopped before L < 8e−5")
        }
        return relativeL2(h, r.lfp)
      case .gapNTK: return relativeL2(r.h, try ntk(r))
      case .gapNTKLinearised: return relativeL2(r.ntk0, try ntk(r))
      case .laziness: return relativeL2(r.h, r.ntk0)
      case .parameterChange: return r.network.relativeParameterChange
      case .patternFlips: return Double(r.network.patternFlips) / Double(width * data.count)
      case .steps: return Double(r.network.steps)
      case .floor: return relativeL2(try ntk(r), r.lfp)
      case .gapExpectedSpline, .gapOtherSpline:
        guard setting == .cubic || setting == .linear else {
          throw ProviderError(argument: "setting", message: "\(quantity.rawValue) needs setting cubic or linear")
        }
        return relativeL2(r.h, try spline(cubic: (setting == .cubic) == (quantity == .gapExpectedSpline)))
      }
    }
    let method =
      "full-batch GD on the network (a, w, b), "
      + (configuration.fixedLearningRate.map { "η = \($0)" } ?? "η = \(lrFactor)/λ_max(Θ_m)")
      + ", until L < \(untilLoss); \(seeds) seeds"
    var q = Quantity(ensemble: samples, metadata: ["method": method])
    if quantity == .gapLFP, data.dimension == 1 {
      let r = try run(0)
      let xs = grid.map { $0[0] }
      var series = [
        AttachedFigure.Series(label: "GD-trained network (seed 0)", x: xs, y: r.h),
        AttachedFigure.Series(label: "linearised network (seed 0, t = ∞)", x: xs, y: r.ntk0),
        AttachedFigure.Series(label: "LFP limit", x: xs, y: r.lfp),
      ]
      if let n = r.ntkInfinity { series.append(AttachedFigure.Series(label: "exact NTK interpolant", x: xs, y: n)) }
      q.figures = [
        .line(
          title: "\(setting.rawValue): GD-trained network (width \(width)) vs linearised vs LFP vs NTK", xLabel: "x",
          yLabel: "h(x)", series: series)
      ]
    }
    return q
  }
}
