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

  public func compute(
    _ quantity: QuantityName, method: NoMethod, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let setting: Setting? = p.has("setting") ? try p.choice("setting", Setting.self) : nil
    let activation = try p.choice("activation", default: setting?.activation ?? .relu)
    let dataset = try p.choice("data", default: setting?.data ?? .authors5)
    let wText = try p.string("w", default: setting?.laws.w)
    let bText = try p.string("b", default: setting?.laws.b)
    let aText = try p.string("a", default: setting?.laws.a)
    let wLaw = try law(p, "w", default: wText)
    let bLaw = try law(p, "b", default: bText)
    let aLaw = try law(p, "a", default: aText)
    let data = dataset.data
    let d = data.dimension
    // grid: points per axis of the test grid; 0 = the dataset's default (201 in 1-D, 30 × 30 for XOR).
    let gridCount = try p.int("grid", default: 0, min: 0)
    guard gridCount == 0 || gridCount >= 2 else {
      throw ProviderError(argument: "grid", message: "must be 0 (default) or ≥ 2")
    }
    let axisCount = gridCount == 0 ? (dataset == .authors5 ? 201 : 30) : gridCount
    let grid = dataset.grid(axisCount)
    let act: LFPActivation = activation == .relu ? .relu : .tanh
    let gamma = try asProviderError { try LFPGamma(activation: act, dimension: d, w: wLaw, a: aLaw) }
    func key(_ kind: FlowKey.Kind) -> FlowKey {
      FlowKey(kind: kind, activation: activation, data: dataset, w: wText, b: bText, a: aText, gridCount: grid.count)
    }

    // The LFP evolution in the network's time (snapshots): ReLU, d = 1, uniform b on [−β, β].
    func lfpFlow() throws -> KernelFlow {
      try Self.flows.value(for: key(.lfpGrid)) { () throws -> KernelFlow in
        guard act == .relu, d == 1, case .uniform(let lo, let hi) = bLaw, lo == -hi else {
          throw ProviderError(
            argument: "time",
            message: "snapshot times need the LFP time scale: ReLU, d = 1, b uniform on a symmetric interval")
        }
        return try asProviderError {
          try FrequencyGridLFP.networkTimeGrid(gamma: gamma, data: data, biasDensity: 1 / (2 * hi))
            .flow(at: grid.map { $0[0] })
        }
      }
    }
    let timeText = try p.string("time", default: "end")
    let t: Double
    if timeText == "end" {
      t = .infinity
    } else {
      guard let tau = Double(timeText), tau > 0, tau.isFinite else {
        throw ProviderError(argument: "time", message: "`\(timeText)` is not `end` or a number τ > 0")
      }
      t = tau / (try lfpFlow().slowestRate)
    }
    let atEnd = t == .infinity

    // The reference curves.
    func lfpSolution() throws -> [Double] {
      if !atEnd { return try asProviderError { try lfpFlow().values(at: t) } }
      return try asProviderError {
        if act == .relu {
          let (A, B): (Double, Double) = try gamma.reluMoments()
          let h = try ReLULFPLimit(data: data, A: A, B: B)
          return grid.map { h($0) }
        }
        return try FrequencyGridLFP.authorsGrid(gamma: gamma, data: data).limit(at: grid.map { $0[0] })
      }
    }
    func ntkSolution() throws -> [Double] {
      guard act == .relu else {
        throw ProviderError(argument: "quantity", message: "the exact NTK is for ReLU")
      }
      let flow = try Self.flows.value(for: key(.ntk)) { () throws -> KernelFlow in
        try asProviderError {
          try ExactReLUNTK(w: wLaw, b: bLaw, a: aLaw, dimension: d).flow(data: data, at: grid)
        }
      }
      return try asProviderError { try flow.values(at: t) }
    }
    func spline(cubic: Bool) throws -> [Double] {
      guard act == .relu, d == 1, atEnd else {
        throw ProviderError(argument: "quantity", message: "splines are limits for ReLU in d = 1 (time = end)")
      }
      let (A, B): (Double, Double) = try asProviderError { try gamma.reluMoments() }
      let h = try asProviderError { try ReLULFPLimit(data: data, A: cubic ? A : 0, B: cubic ? 0 : B) }
      return grid.map { h($0) }
    }
    let reference: [Double]
    switch quantity {
    case .floor:
      let f = relativeL2(try ntkSolution(), try lfpSolution())
      let what: String
      if case .uniform = bLaw { what = "closed form in b, Gauss–Legendre in w" } else { what = "bivariate normal" }
      return lfpValue(f, error: 1e-9 * f, metadata: ["method": "exact NTK (\(what)) vs LFP at t = \(t)"])
    case .gapLFP: reference = try lfpSolution()
    case .gapNTK: reference = try ntkSolution()
    case .gapCubicSpline: reference = try spline(cubic: true)
    case .gapLinearSpline: reference = try spline(cubic: false)
    case .gapExpectedSpline, .gapOtherSpline:
      // The spline 1905.10264 names for the setting (Fig. 1): cubic when E r³ dominates, linear when E[a² r] does.
      guard setting == .cubic || setting == .linear else {
        throw ProviderError(argument: "setting", message: "\(quantity.rawValue) needs setting cubic or linear")
      }
      reference = try spline(cubic: (setting == .cubic) == (quantity == .gapExpectedSpline))
    }
    let width = try p.int("width", min: 2)
    let seeds = try p.int("seeds", default: 5, min: 1)
    func network(seed: Int) throws -> [Double] {
      let flow = try Self.flows.value(for: key(.network(width: width, seed: seed))) { () throws -> KernelFlow in
        let net = try asProviderError {
          try LinearisedTwoLayer(
            activation: activation == .relu ? .relu : .tanh, width: width, dimension: d,
            w: wLaw, b: bLaw, a: aLaw, seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(width))
        }
        return try asProviderError { try net.flow(data: data, at: grid) }
      }
      return try asProviderError { try flow.values(at: t) }
    }
    let samples = try (0..<seeds).map { relativeL2(try network(seed: $0), reference) }
    let method = "exact gradient flow of the linearised network, " + (atEnd ? "t = ∞" : "t = \(timeText)/λ_min(LFP)")
    var q = Quantity(ensemble: samples, metadata: ["method": method])
    // Curves for the report (1-D): network (seed 0) against the LFP limit and the splines.
    if d == 1, atEnd, quantity == .gapExpectedSpline || (quantity == .gapLFP && act != .relu) {
      let xs = grid.map { $0[0] }
      var series = [
        AttachedFigure.Series(label: "network (seed 0)", x: xs, y: try network(seed: 0)),
        AttachedFigure.Series(label: "LFP limit", x: xs, y: try lfpSolution()),
      ]
      if act == .relu {
        series.append(AttachedFigure.Series(label: "natural cubic spline", x: xs, y: try spline(cubic: true)))
        series.append(AttachedFigure.Series(label: "linear spline", x: xs, y: try spline(cubic: false)))
      }
      series.append(
        AttachedFigure.Series(label: "training points", x: data.x.map { $0[0] }, y: data.y, pointsOnly: true))
      let title =
        "\(setting?.rawValue ?? activation.rawValue): network (width \(width)) vs LFP limit"
        + (act == .relu ? " vs splines" : "")
      q.figures = [.line(title: title, xLabel: "x", yLabel: "h(x)", series: series)]
    }
    // Heatmaps for the report (2-D): network (seed 0), LFP limit and their difference on the test grid.
    if d == 2, atEnd, quantity == .gapLFP {
      let axis = (0..<axisCount).map { -1 + 2 * Double($0) / Double(axisCount - 1) }
      let labels = axis.map { String(format: "%.2f", $0) }
      // grid is x₁-major: entry i·count + j is (axis[i], axis[j]); rows are x₂, columns x₁.
      func rows(_ v: [Double]) -> [[Double]] {
        (0..<axisCount).map { j in (0..<axisCount).map { i in v[i * axisCount + j] } }
      }
      let net = try network(seed: 0)
      let lfp = try lfpSolution()
      let name = setting?.rawValue ?? "2-D"
      q.figures = [
        .heatmap(
          title: "\(name): network h(x) (width \(width), seed 0)", xLabel: "x₁", yLabel: "x₂", xValues: labels,
          yValues: labels, values: rows(net), valueLabel: "h"),
        .heatmap(
          title: "\(name): LFP limit h(x)", xLabel: "x₁", yLabel: "x₂", xValues: labels, yValues: labels,
          values: rows(lfp), valueLabel: "h"),
        .heatmap(
          title: "\(name): network − LFP limit (width \(width), seed 0)", xLabel: "x₁", yLabel: "x₂",
          xValues: labels, yValues: labels, values: rows(zip(net, lfp).map { $0 - $1 }), valueLabel: "difference"),
      ]
    }
    return q
  }
}
