import Experiments
import Foundation
import MultiPrecision
import Verification

/// The data sets of 1905.10264's experiments.
enum LFPDataset: String {
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

/// Network predictions on the grid, cached per (parameters, width, seed): the
/// quantities gap_lfp and gap_ntk of one sweep point share one kernel evaluation.
final class NetworkCache: @unchecked Sendable {
  static let shared = NetworkCache()
  private let lock = NSLock()
  private var values: [String: [Double]] = [:]
  func value(_ key: String, _ make: () throws -> [Double]) rethrows -> [Double] {
    lock.lock()
    if let v = values[key] {
      lock.unlock()
      return v
    }
    lock.unlock()
    let v = try make()
    lock.lock()
    values[key] = v
    lock.unlock()
    return v
  }
}

/// `lfp_network`: wide two-layer networks with antisymmetric initialisation in
/// the settings of 1905.10264, trained by the exact gradient flow of the
/// linearised network (`LinearisedTwoLayer`) to t = ∞ — the claims are about the
/// long-time and wide limits — and compared on the test grid (relative L²):
///
/// - `gap_lfp`: network vs the LFP limit (ReLU: closed-form kernel; tanh: the
///   Fourier scheme);
/// - `gap_ntk`: network vs the exact infinite-width NTK interpolant (ReLU, d = 1,
///   uniform laws; `ExactReLUNTK`);
/// - `gap_cubic_spline` / `gap_linear_spline`: network vs the natural cubic spline
///   (the LFP limit with B = 0) / the linear spline (A = 0) (ReLU, d = 1);
/// - `gap_expected_spline` / `gap_other_spline`: against the spline the paper names for
///   the setting (cubic → natural cubic, linear → linear) / the other one;
/// - `floor`: the exact NTK interpolant vs the LFP limit (no network: the model
///   error no width removes).
///
/// Network quantities are seed ensembles (`seeds`, default 5): mean ± standard error.
/// Arguments: `setting` (cubic | linear | tanh_a | tanh_b | xor: the authors' settings,
/// see `settings`), or `activation` (relu|tanh), `data` (authors5|xor), `w`, `b`, `a` (laws),
/// `width`, `seeds`, `grid` (points per axis; 0: 201 in 1-D, 30 for XOR), `quantity`.
public struct LFPNetworkProvider: QuantityProvider {
  public init() {}
  public var name: String { "lfp_network" }
  public var summary: String {
    "linearised wide two-layer network (antisymmetric init) vs LFP limit, NTK interpolant, splines"
  }
  static let allowed: Set<String> = [
    "setting", "activation", "data", "w", "b", "a", "width", "seeds", "grid", "quantity",
  ]
  public var parameters: [ProviderParameter] {
    [
      .init("setting", "one of the authors' settings: " + Self.settings.keys.sorted().joined(separator: ", ")),
      .init("activation", default: "the setting's, else relu"), .init("data", default: "the setting's, else authors5"),
      .init("w", default: "the setting's"), .init("b", default: "the setting's"), .init("a", default: "the setting's"),
      .init("width", "the network width"), .init("seeds", default: "5"), .init("grid", default: "0"),
      .init("quantity", default: "gap_lfp"),
    ]
  }
  public var quantities: [String] { Self.quantities }

  /// The authors' settings (1905.10264 code: fig1a, fig1b, fig2a, fig2b, fig2):
  /// activation, data, and the laws of w, b, a.
  static let settings: [String: (String, String, String, String, String)] = [
    "cubic": ("relu", "authors5", "uniform:-3,3", "uniform:-3,3", "uniform:-0.1,0.1"),
    "linear": ("relu", "authors5", "uniform:-0.2,0.2", "uniform:-1,1", "uniform:-1,1"),
    "tanh_a": ("tanh", "authors5", "uniform:-3,3", "uniform:-1,1", "uniform:-0.1,0.1"),
    "tanh_b": ("tanh", "authors5", "uniform:-1.5,1.5", "uniform:-3,3", "uniform:-4,4"),
    "xor": ("relu", "xor", "normal:0,0.8", "normal:-1,2", "normal:0,0.2"),
  ]
  static let quantities = [
    "gap_lfp", "gap_ntk", "gap_cubic_spline", "gap_linear_spline", "gap_expected_spline",
    "gap_other_spline", "floor",
  ]

  public func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    try ExperimentParameters.validate(arguments, sweepAxes: sweepAxes, allowed: Self.allowed)
  }

  public func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    let p = ExperimentParameters(arguments, point: point)
    let setting = p.has("setting") ? try p.choice("setting", Self.settings.keys.sorted(), default: "cubic") : nil
    let preset = setting.flatMap { Self.settings[$0] }
    let activationText = try p.choice("activation", ["relu", "tanh"], default: preset?.0 ?? "relu")
    let dataset = LFPDataset(rawValue: try p.choice("data", ["authors5", "xor"], default: preset?.1 ?? "authors5"))!
    let wText = try p.string("w", default: preset?.2)
    let bText = try p.string("b", default: preset?.3)
    let aText = try p.string("a", default: preset?.4)
    let wLaw = try law(p, "w", default: wText)
    let bLaw = try law(p, "b", default: bText)
    let aLaw = try law(p, "a", default: aText)
    let quantity = try p.choice("quantity", Self.quantities, default: "gap_lfp")
    let data = dataset.data
    let d = data.dimension
    // grid: points per axis of the test grid; 0 = the dataset's default (201 in 1-D, 30 × 30 for XOR).
    let gridCount = try p.int("grid", default: 0, min: 0)
    guard gridCount == 0 || gridCount >= 2 else {
      throw ProviderError(argument: "grid", message: "must be 0 (default) or ≥ 2")
    }
    let grid = dataset.grid(gridCount == 0 ? (dataset == .authors5 ? 201 : 30) : gridCount)
    let act = LFPActivation(rawValue: activationText)!
    let gamma = try asProviderError { try LFPGamma(activation: act, dimension: d, w: wLaw, a: aLaw) }

    // The reference curves.
    func lfpLimit() throws -> [Double] {
      try asProviderError {
        if act == .relu {
          let (A, B): (Double, Double) = try gamma.reluMoments()
          let h = try ReLULFPLimit(data: data, A: A, B: B)
          return grid.map { h($0) }
        }
        return try FrequencyGridLFP.authorsGrid(gamma: gamma, data: data).limit(at: grid.map { $0[0] })
      }
    }
    func ntkLimit() throws -> [Double] {
      guard act == .relu, d == 1 else {
        throw ProviderError(argument: "quantity", message: "the exact NTK is for ReLU in d = 1")
      }
      let ntk = try asProviderError { try ExactReLUNTK(w: wLaw, b: bLaw, a: aLaw) }
      return try asProviderError { try KernelInterpolant(kernel: { ntk($0[0], $1[0]) }, data: data).values(at: grid) }
    }
    func spline(cubic: Bool) throws -> [Double] {
      guard act == .relu, d == 1 else {
        throw ProviderError(argument: "quantity", message: "splines are for ReLU in d = 1")
      }
      let (A, B): (Double, Double) = try asProviderError { try gamma.reluMoments() }
      let h = try asProviderError { try ReLULFPLimit(data: data, A: cubic ? A : 0, B: cubic ? 0 : B) }
      return grid.map { h($0) }
    }
    let reference: [Double]
    switch quantity {
    case "floor":
      let f = relativeL2(try ntkLimit(), try lfpLimit())
      return lfpValue(
        f, error: 1e-9 * f, metadata: ["method": "exact NTK (closed form in b, Gauss–Legendre in w) vs LFP kernel"])
    case "gap_lfp": reference = try lfpLimit()
    case "gap_ntk": reference = try ntkLimit()
    case "gap_cubic_spline": reference = try spline(cubic: true)
    case "gap_linear_spline": reference = try spline(cubic: false)
    default:
      // The spline 1905.10264 names for the setting (Fig. 1): cubic when E r³ dominates, linear when E[a² r] does.
      guard setting == "cubic" || setting == "linear" else {
        throw ProviderError(argument: "setting", message: "\(quantity) needs setting cubic or linear")
      }
      reference = try spline(cubic: (setting == "cubic") == (quantity == "gap_expected_spline"))
    }
    let width = try p.int("width", min: 2)
    let seeds = try p.int("seeds", default: 5, min: 1)
    let samples = try (0..<seeds).map { (seed: Int) throws -> Double in
      let key = "\(activationText)|\(dataset)|\(wText)|\(bText)|\(aText)|\(width)|\(seed)|\(grid.count)"
      let h = try NetworkCache.shared.value(key) { () throws -> [Double] in
        let net = try asProviderError {
          try LinearisedTwoLayer(
            activation: activationText == "relu" ? .relu : .tanh, width: width, dimension: d,
            w: wLaw, b: bLaw, a: aLaw, seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(width))
        }
        return try asProviderError { try net.limit(data: data, at: grid) }
      }
      return relativeL2(h, reference)
    }
    var q = Quantity(ensemble: samples, metadata: ["method": "exact gradient flow of the linearised network, t = ∞"])
    // Curves for the report (1-D): network (seed 0) against the LFP limit and the splines.
    if d == 1, quantity == "gap_expected_spline" || (quantity == "gap_lfp" && act != .relu) {
      let key = "\(activationText)|\(dataset)|\(wText)|\(bText)|\(aText)|\(width)|0|\(grid.count)"
      let xs = grid.map { $0[0] }
      var series = [
        AttachedFigure.Series(label: "network (seed 0)", x: xs, y: NetworkCache.shared.value(key) { [] }),
        AttachedFigure.Series(label: "LFP limit", x: xs, y: try lfpLimit()),
      ]
      if act == .relu {
        series.append(AttachedFigure.Series(label: "natural cubic spline", x: xs, y: try spline(cubic: true)))
        series.append(AttachedFigure.Series(label: "linear spline", x: xs, y: try spline(cubic: false)))
      }
      let title =
        "\(setting ?? activationText): network (width \(width)) vs LFP limit" + (act == .relu ? " vs splines" : "")
      q.figures = [.line(title: title, xLabel: "x", yLabel: "h(x)", series: series)]
    }
    return q
  }
}
