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

  /// `seeds` GD runs of width m: a step costs O(m n) and the step count does not grow
  /// with m (η ∝ 1/λ_max ∝ 1/m), so width × seeds.
  public func relativeCost(_ arguments: ProviderArguments, at point: SweepPoint) -> Double {
    ExperimentParameters(arguments, point: point).costProduct(["width", "seeds"], declared: Self.declaredArguments)
  }

  /// Every quantity of one configuration reads the same seed ensemble of runs.
  public func cacheKey(_ arguments: ProviderArguments, at point: SweepPoint) -> String? {
    ExperimentParameters(arguments, point: point).cacheKey(name, declared: Self.declaredArguments)
  }

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
  public static func initialisationSeed(_ seed: Int, width: Int) -> UInt64 {
    var g = SplitMix64(seed: UInt64(seed) << 32 ^ UInt64(width))
    return g.next()
  }

  public func compute(
    _ quantity: QuantityName, method: NoMethod, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let s = try Setup(p)
    if quantity == .floor {
      let r = try s.run(0)
      let f = relativeL2(try s.ntk(r), r.lfp)
      return lfpValue(f, error: 1e-9 * f, metadata: ["method": "exact NTK interpolant vs LFP limit (no network)"])
    }
    let samples: [Double] = try (0..<s.seeds).map { seed in try s.sample(quantity, try s.run(seed)) }
    let method =
      "full-batch GD on the network (a, w, b), "
      + (s.configuration.fixedLearningRate.map { "η = \($0)" } ?? "η = \(s.lrFactor)/λ_max(Θ_m)")
      + ", until L < \(s.untilLoss); \(s.seeds) seeds"
    var q = Quantity(ensemble: samples, metadata: ["method": method])
    if quantity == .gapLFP, s.data.dimension == 1 { q.figures = [try s.curveFigure()] }
    return q
  }
}
