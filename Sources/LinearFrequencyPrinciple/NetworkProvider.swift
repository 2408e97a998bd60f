import Foundation
import MultiPrecision
import Verification

/// The data sets of 1905.10264's experiments.
enum LFPDataset: String, ProviderChoice {
  /// The authors' 1-D code (fig1a/fig1b/fig2a/fig2b): 5 points, test range [−0.8, 0.1].
  case authors5
  /// The 2-D XOR-like data (fig2): x ∈ {±1}², y = x₁x₂, test grid on [−1, 1]².
  case xor

  var data: LFPData<Double> {
    switch self {
    case .authors5:
      return try! LFPData(x1: [-0.8, -0.6, -0.3, -0.06, 0.1], y: [0.25, -0.25, -0.07, 0.15, -0.05])
    case .xor:
      return try! LFPData(x: [[-1, -1], [-1, 1], [1, -1], [1, 1]], y: [1, -1, -1, 1])
    }
  }

  /// Test points per axis from `grid`: the given count (≥ 2), or for 0 (the default) `default1D` in
  /// 1-D and 30 (a 30 × 30 grid) for XOR.
  func axisCount(_ p: ExperimentParameters, default1D: Int) throws -> Int {
    let gridCount = try p.int("grid", default: 0, min: 0)
    guard gridCount == 0 || gridCount >= 2 else {
      throw ProviderError(argument: "grid", message: "must be 0 (default) or ≥ 2")
    }
    return gridCount == 0 ? (self == .authors5 ? default1D : 30) : gridCount
  }

  func grid(_ count: Int) -> [[Double]] {
    switch self {
    case .authors5: return (0..<count).map { [-0.8 + 0.9 * Double($0) / Double(count - 1)] }
    case .xor:
      let s = (0..<count).map { -1 + 2 * Double($0) / Double(count - 1) }
      return s.flatMap { a in s.map { [a, $0] } }
    }
  }
}

/// `lfp_network`: wide two-layer networks with antisymmetric initialisation in
/// the settings of 1905.10264, trained by the exact gradient flow of the
/// linearised network (`LinearisedTwoLayer`, `KernelFlow`), compared on the test
/// grid (relative L²) at `time`: `end` (t = ∞, the default) or a snapshot τ > 0,
/// t = τ/λ_min with λ_min the slowest rate of the LFP flow on the data (ReLU,
/// d = 1, uniform b: the LFP evolution on the authors' frequency grid in the
/// network's time, `FrequencyGridLFP.networkTimeGrid`):
///
/// - `gap_lfp`: network vs the LFP solution (end, ReLU: the closed-form kernel
///   limit; end, tanh: the Fourier scheme; snapshot: the frequency-grid evolution);
/// - `gap_ntk`: network vs the exact infinite-width NTK flow (ReLU; uniform laws in
///   d = 1, normal laws in any d; `ExactReLUNTK`);
/// - `gap_cubic_spline` / `gap_linear_spline`: network vs the natural cubic spline
///   (the LFP limit with B = 0) / the linear spline (A = 0) (ReLU, d = 1, end);
/// - `gap_expected_spline` / `gap_other_spline`: against the spline the paper names for
///   the setting (cubic → natural cubic, linear → linear) / the other one;
/// - `floor`: the exact NTK flow vs the LFP solution at the same time (no network:
///   the model error no width removes).
///
/// Network quantities are seed ensembles (`seeds`, default 5): mean ± standard error.
/// Arguments: `setting` (cubic | linear | tanh_a | tanh_b | xor: the authors' settings,
/// see `settings`), or `activation` (relu|tanh), `data` (authors5|xor), `w`, `b`, `a` (laws),
/// `width`, `seeds`, `grid` (points per axis; 0: 201 in 1-D, 30 for XOR), `time`, `quantity`.
/// Figures: 1-D curves (network, LFP, splines) with `gap_expected_spline` and tanh
/// `gap_lfp`; 2-D heatmaps (network, LFP limit, their difference) with XOR `gap_lfp`.
public struct LFPNetworkProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "lfp_network" }
  public var summary: String {
    "linearised wide two-layer network (antisymmetric init) vs LFP solution, NTK flow, splines, at snapshot times"
  }

  public enum QuantityName: String, ProviderChoice {
    case gapLFP = "gap_lfp", gapNTK = "gap_ntk", gapCubicSpline = "gap_cubic_spline"
    case gapLinearSpline = "gap_linear_spline", gapExpectedSpline = "gap_expected_spline"
    case gapOtherSpline = "gap_other_spline", floor
  }
  /// The network's activation (`activation`).
  enum Activation: String, ProviderChoice { case relu, tanh }

  /// The authors' settings (1905.10264 code: fig1a, fig1b, fig2a, fig2b, fig2):
  /// activation, data, and the laws of w, b, a.
  enum Setting: String, ProviderChoice {
    case cubic, linear
    case tanhA = "tanh_a", tanhB = "tanh_b", xor

    var activation: Activation { self == .tanhA || self == .tanhB ? .tanh : .relu }
    var data: LFPDataset { self == .xor ? .xor : .authors5 }
    /// The laws of w, b and a.
    var laws: (w: String, b: String, a: String) {
      switch self {
      case .cubic: return ("uniform:-3,3", "uniform:-3,3", "uniform:-0.1,0.1")
      case .linear: return ("uniform:-0.2,0.2", "uniform:-1,1", "uniform:-1,1")
      case .tanhA: return ("uniform:-3,3", "uniform:-1,1", "uniform:-0.1,0.1")
      case .tanhB: return ("uniform:-1.5,1.5", "uniform:-3,3", "uniform:-4,4")
      case .xor: return ("normal:0,0.8", "normal:-1,2", "normal:0,0.2")
      }
    }
  }

  public static let arguments: [ProviderParameter] = [
    .init("setting", .choice(of: Setting.self), "one of the authors' settings"),
    .init("activation", .choice(of: Activation.self), default: "the setting's, else relu"),
    .init("data", .choice(of: LFPDataset.self), default: "the setting's, else authors5"),
    .init("w", .text, default: "the setting's", "the law of w"),
    .init("b", .text, default: "the setting's", "the law of b"),
    .init("a", .text, default: "the setting's", "the law of a"),
    .init("width", .integer(atLeast: 2), "the network width"), .init("seeds", .integer(atLeast: 1), default: "5"),
    .init("grid", .integer(atLeast: 0), default: "0", "test points per axis (0: 201 in 1-D, 30 for XOR)"),
    .init("time", .text, default: "end", "end (t = ∞) or τ > 0: t = τ/λ_min of the LFP flow"),
  ]

  /// A kernel flow: which one (network, exact NTK, LFP grid), the laws and grid, and for a network its
  /// width and seed.
  struct FlowKey: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case lfpGrid, ntk, network(width: Int, seed: Int) }
    var kind: Kind
    var activation: Activation
    var data: LFPDataset
    var w: String, b: String, a: String
    var gridCount: Int
  }
  /// Kernel flows (network, exact NTK, LFP grid) cached per key: every quantity and snapshot time of
  /// one sweep point, and the theorem files that share a setting, use one kernel evaluation.
  static let flows = ProviderCache<FlowKey, KernelFlow>(capacity: 4096)

  /// The network gaps pool their own seed ensemble (`seeds`).
  public func source(of arguments: ProviderArguments) -> QuantitySource { .pooledEnsemble }

  /// `seeds` linearised networks of width m (kernel and flow O(m) each): width × seeds.
  public func relativeCost(_ arguments: ProviderArguments, at point: SweepPoint) -> Double {
    ExperimentParameters(arguments, point: point).costProduct(["width", "seeds"], declared: Self.declaredArguments)
  }

  /// Every quantity and snapshot time of one configuration reads the same flows.
  public func cacheKey(_ arguments: ProviderArguments, at point: SweepPoint) -> String? {
    ExperimentParameters(arguments, point: point).cacheKey(name, declared: Self.declaredArguments, excluding: ["time"])
  }

  public func compute(
    _ quantity: QuantityName, method: NoMethod, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let s = try Setup(p)
    let reference: [Double]
    switch quantity {
    case .floor:
      let f = relativeL2(try s.ntkSolution(), try s.lfpSolution())
      let what: String
      if case .uniform = s.bLaw { what = "closed form in b, Gauss–Legendre in w" } else { what = "bivariate normal" }
      return lfpValue(f, error: 1e-9 * f, metadata: ["method": "exact NTK (\(what)) vs LFP at t = \(s.t)"])
    case .gapLFP: reference = try s.lfpSolution()
    case .gapNTK: reference = try s.ntkSolution()
    case .gapCubicSpline: reference = try s.spline(cubic: true)
    case .gapLinearSpline: reference = try s.spline(cubic: false)
    case .gapExpectedSpline, .gapOtherSpline:
      // The spline 1905.10264 names for the setting (Fig. 1): cubic when E r³ dominates, linear when E[a² r] does.
      guard s.setting == .cubic || s.setting == .linear else {
        throw ProviderError(argument: "setting", message: "\(quantity.rawValue) needs setting cubic or linear")
      }
      reference = try s.spline(cubic: (s.setting == .cubic) == (quantity == .gapExpectedSpline))
    }
    let width = try p.int("width", min: 2)
    let seeds = try p.int("seeds", default: 5, min: 1)
    let samples = try (0..<seeds).map { relativeL2(try s.network(width: width, seed: $0), reference) }
    let method =
      "exact gradient flow of the linearised network, " + (s.atEnd ? "t = ∞" : "t = \(s.timeText)/λ_min(LFP)")
    var q = Quantity(ensemble: samples, metadata: ["method": method])
    if s.d == 1, s.atEnd, quantity == .gapExpectedSpline || (quantity == .gapLFP && s.act != .relu) {
      q.figures = [try s.curveFigure(width: width)]
    }
    if s.d == 2, s.atEnd, quantity == .gapLFP { q.figures = try s.heatmapFigures(width: width) }
    return q
  }
}
