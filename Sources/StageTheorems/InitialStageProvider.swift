import Foundation
import MultiPrecision
import NeuralNetworks
import Verification

/// `stage_initial`: the initial-stage quantities of the general theory
/// (1906.09235, initial stage; the suite's reconstruction, see the module
/// README) for a 1-D network at initialisation.
///
/// Setup (`StageSetup`): `widths` (hidden, "20" or "20-20"), `activation`
/// ("relu^{p}" reads an axis p), `seed`, `weight_std`, `bias_std` (N(0, s²)
/// weights and biases), or `network_file`; `target` (expression in x),
/// `density` (`normal:MU,SD`, `uniform:A,B`, `mixture:…`).
///
/// Method: `method = "grid"` (default; Double, FFT on `points` grid points,
/// default 2^15), `"quadrature"` (MPFR at `digits` + 12 digits, nested
/// Clenshaw–Curtis split at the kinks, integrals converged to 10^(−digits)) or
/// `"quadrature_double"` (the same rules in Double, to 1e-12; when the runner
/// retries an inconclusive check above 128 bits, the MPFR `"quadrature"`) or `"kink_expansion"` (ReLU^p
/// only: the tails above η directly, ĝ and φ̂ from the exact large-ξ expansion at the kinks,
/// `InitialStage.computeKinkExpansion`; not for `rate_defect`). `etas` (a list) is
/// computed in one run (cached); `eta` (usually a sweep axis) picks one of them.
///
/// `quantity`:
/// - `R`, `B`: R(η) and B(η); `B_half`: B(η)/2 (the violated twin: not a bound);
/// - `L_share`: L⁺_η / L;
/// - `rate_defect`: |D + |∇L|²| / |∇L|² with D = 2 Re ∫_{|ξ|≤η} conj(ĝ) φ̂ dξ, the
///   Fourier-side dL/dt (with η beyond the spectrum it must vanish to the
///   working precision); `rate_defect_half`: the same with the factor 2 dropped;
/// - `exp_rate`, `exp_rate_B`: least-squares slope of ln R (ln B) against η over `etas`;
///   `predicted_exp_rate`: −2π²/max_j|w_j| (two-layer tanh, first-layer weights);
/// - `relu_power`: p of ReLU^p (1 for ReLU), for claims on slopes.
public struct InitialStageProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "stage_initial" }
  public var summary: String {
    "initial stage (1906.09235, suite's reconstruction): R(η), B(η), L⁺/L, Fourier-side dL/dt, exponential rate"
  }

  public enum QuantityName: String, ProviderChoice {
    case R, B
    case bHalf = "B_half", lShare = "L_share", rateDefect = "rate_defect", rateDefectHalf = "rate_defect_half"
    case expRate = "exp_rate", expRateB = "exp_rate_B", predictedExpRate = "predicted_exp_rate"
    case reluPower = "relu_power"
  }
  public enum Method: String, ProviderChoice {
    case grid, quadrature, quadratureDouble = "quadrature_double", kinkExpansion = "kink_expansion"

    /// The method as the quantity's metadata names it.
    func label(points: Int, digits: Int) -> String {
      switch self {
      case .grid: return "Double FFT grid, \(points) points"
      case .quadrature: return "MPFR quadrature, \(digits) digits"
      case .kinkExpansion: return "Double kink expansion and direct sums"
      case .quadratureDouble: return "Double quadrature, 12 digits"
      }
    }
  }
  public static var methodKey: String? { "method" }
  public static var methodSummary: String { Method.names.joined(separator: ", ") }
  public static var arguments: [ProviderParameter] {
    StageSetup.parameters + [
      .init("points", .integer(atLeast: 16), default: "32768 (dimension 2: 256 per axis)", "grid points"),
      .init("digits", .integer(atLeast: 5), default: "30", "quadrature: the digits of the integrals"),
      .init("eta", .number, "the frequency cut-off η"), .init("etas", .numbers, default: "[eta]"),
      .init("dimension", .integer(atLeast: 1), default: "1", "1 or 2 (x1, x2; the Double grid path)"),
    ]
  }

  /// `quadrature_double` runs in Double up to this working precision (the default
  /// first attempt, 128 bits) and in MPFR above it (retries of inconclusive checks).
  static let doublePrecisionLimit = 128

  public static func check(_ p: ExperimentParameters, sweepAxes: [String]) throws(ProviderError) {
    if !sweepAxes.contains("dimension") { _ = try dimension(p) }
  }

  /// One stage computation: the setup (network, target, density, or its 2-D text), the method, the
  /// grid or digits, and the cut-offs.
  struct ComputationKey: Hashable, Sendable {
    var setup: String
    var method: Method
    var points: Int
    var digits: Int
    var etas: [Double]
  }
  /// The stage computations: R and B at every η of one computation serve every quantity.
  static let results = ProviderCache<ComputationKey, InitialStageResult>(capacity: 1024)

  /// The quantity at `precision` bits, the task-local working precision of its MPFR
  /// arithmetic (set here, once: the runner passes the precision as the argument only).
  public func compute(
    _ quantity: QuantityName, method: Method, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    try MPFloat.withPrecision(precision) { () throws -> Quantity in
      try computeAtWorkingPrecision(quantity, method: method, p, precision: precision)
    }
  }

  func computeAtWorkingPrecision(
    _ quantity: QuantityName, method requested: Method, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    // `dimension = 2`: networks ℝ² → ℝ, InitialStage2DProvider.swift.
    if try Self.dimension(p) == 2 { return try computeTwoDimensional(quantity, method: requested, p) }
    let setup = try StageSetup(p)
    // A retry of an inconclusive check comes at a higher working precision: the
    // Double quadrature (12 digits) then hands over to the MPFR quadrature, whose
    // error is far below the Double floor (`digits`, default 30).
    let method = requested == .quadratureDouble && precision > Self.doublePrecisionLimit ? .quadrature : requested
    let points = try p.int("points", default: 1 << 15, min: 16)
    let digits = try p.int("digits", default: 30, min: 5)
    let (eta, etas) = try Self.cutoffs(p)

    let meta = ["method": method.label(points: points, digits: digits)]
    switch quantity {
    case .reluPower:
      guard let k = reluPower(setup.network.activation) else {
        throw ProviderError(argument: "activation", message: "`\(setup.network.activation.name)` is not ReLU^p")
      }
      return .computed(Double(k), error: 0, meta)
    case .predictedExpRate:
      let net = setup.network
      guard net.layerCount == 2 else {
        throw ProviderError(argument: "widths", message: "the exponential rate −2π²/max|w| is for one hidden layer")
      }
      var mw = 0.0
      for i in 0..<net.widths[1] { mw = max(mw, abs(net.parameters[net.weightOffset(0) + i])) }
      return .computed(-2 * Double.pi * Double.pi / mw, error: 0, meta)
    default: break
    }
    let key = ComputationKey(setup: setup.key, method: method, points: points, digits: digits, etas: etas)
    let result = try Self.results.value(for: key) {
      do {
        switch method {
        case .grid:
          return try InitialStage.computeGrid(
            network: setup.network, target: setup.target, density: setup.density, etas: etas, points: points)
        case .kinkExpansion:
          return try InitialStage.computeKinkExpansion(
            network: setup.network, target: setup.target, density: setup.density, etas: etas)
        case .quadratureDouble:
          return try InitialStage.compute(
            Double.self, network: setup.network, target: setup.target, density: setup.density, etas: etas,
            options: InitialStageOptions(digits: 12))
        case .quadrature:
          return try InitialStage.computeMP(
            network: setup.network, target: setup.target, density: setup.density, etas: etas,
            options: InitialStageOptions(digits: digits))
        }
      } catch let error as StageError {
        throw ProviderError(message: error.message)
      }
    }
    if quantity == .expRate || quantity == .expRateB {
      let values = quantity == .expRate ? result.R : result.B
      let y = values.map { Double.log($0.double) }
      let e = values.map { $0.error.doubleValue / $0.double }
      guard y.allSatisfy({ $0.isFinite }), e.allSatisfy({ $0 < 0.5 }) else {
        throw ProviderError(
          message:
            "\(quantity == .expRate ? "R" : "B") is not resolved at every η of \(etas) (raise digits or lower η)")
      }
      let fit = fittedSlope(result.eta, y, errors: e)
      return .computed(fit.slope, error: fit.error, meta)
    }
    if quantity == .rateDefect || quantity == .rateDefectHalf, method == .kinkExpansion {
      throw ProviderError(argument: "method", message: "`rate_defect` needs a quadrature over all ξ, not the tails")
    }
    return try Self.atCutoff(quantity, of: result, eta: eta, precision: precision, meta)
  }

  /// `eta` (usually a sweep axis) and `etas` (computed in one run), sorted, with `eta` among them.
  static func cutoffs(_ p: ExperimentParameters) throws(ProviderError) -> (eta: Double?, etas: [Double]) {
    let eta = p.has("eta") ? try p.double("eta") : nil
    var etas = try p.doubles("etas", default: eta.map { [$0] } ?? [])
    if etas.isEmpty { throw ProviderError(argument: "etas", message: "give `eta` (a sweep axis) or a list `etas`") }
    if let eta, !etas.contains(eta) { etas.append(eta) }
    etas.sort()
    return (eta, etas)
  }

  /// The quantities at one cut-off η (R, B, B/2, L⁺/L, the rate defect), in 1-D and 2-D alike.
  static func atCutoff(
    _ quantity: QuantityName, of result: InitialStageResult, eta: Double?, precision: Int, _ meta: [String: String]
  ) throws -> Quantity {
    guard let eta, let i = result.eta.firstIndex(of: eta) else {
      throw ProviderError(argument: "eta", message: "this quantity needs the cut-off η")
    }
    switch quantity {
    case .R: return .computed(result.R[i], meta)
    case .B: return .computed(result.B[i], meta)
    case .bHalf:
      return .computed(StageValue(value: result.B[i].value / 2, error: result.B[i].error / 2), meta)
    case .lShare:
      let l = result.lossAbove[i]
      return .computed(StageValue(value: l.value / result.loss.value, error: l.error / result.loss.value), meta)
    case .rateDefect, .rateDefectHalf:
      // |D + |∇L|²| / |∇L|², D = 2 Re ∫_{|ξ|≤η} conj(ĝ) φ̂ dξ (the factor 2 dropped in the twin).
      let one = MPFloat(1, precision: precision)
      let scale = quantity == .rateDefect ? one : one / 2
      let d = result.lowRate[i].value * scale + result.gradientNorm2.value
      let g = result.gradientNorm2.value
      return .computed(
        StageValue(value: abs(d) / g, error: (result.lowRate[i].error + result.gradientNorm2.error) / g), meta)
    case .expRate, .expRateB, .predictedExpRate, .reluPower:
      throw ProviderError(argument: "quantity", message: "`\(quantity.rawValue)` is not a quantity at one cut-off")
    }
  }
}

/// The stage providers, for `ProviderCatalog.allProviders`.
public var stageProviders: [any QuantityProvider] {
  [InitialStageProvider(), TrainingStageProvider(), IdealizedTanhProvider()]
}
