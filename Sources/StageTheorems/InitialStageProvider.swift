import Experiments
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
public struct InitialStageProvider: QuantityProvider {
  public init() {}
  public var name: String { "stage_initial" }
  public var summary: String {
    "initial stage (1906.09235, suite's reconstruction): R(η), B(η), L⁺/L, Fourier-side dL/dt, exponential rate"
  }

  static let quantities = [
    "R", "B", "B_half", "L_share", "rate_defect", "rate_defect_half", "exp_rate", "exp_rate_B", "predicted_exp_rate",
    "relu_power",
  ]
  static let methods = ["grid", "quadrature", "quadrature_double", "kink_expansion"]
  /// `quadrature_double` runs in Double up to this working precision (the default
  /// first attempt, 128 bits) and in MPFR above it (retries of inconclusive checks).
  static let doublePrecisionLimit = 128
  static let allowed = StageSetup.arguments.union([
    "method", "points", "digits", "etas", "eta", "quantity", "dimension",
  ])
  public var parameters: [ProviderParameter] {
    StageSetup.parameters + [
      .init("method", default: "grid", Self.methods.joined(separator: ", ")), .init("points", default: "32768"),
      .init("digits", default: "30"), .init("eta", "the frequency cut-off η"), .init("etas", default: "[eta]"),
      .init("quantity", default: "R"), .init("dimension", default: "1", "1 or 2 (x1, x2; the Double grid path)"),
    ]
  }
  public var quantities: [String] { Self.quantities }

  public func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    try ExperimentParameters.validate(arguments, sweepAxes: sweepAxes, allowed: Self.allowed)
    let p = ExperimentParameters(arguments, point: nil)
    if !sweepAxes.contains("quantity") { _ = try p.choice("quantity", Self.quantities, default: "R") }
    if !sweepAxes.contains("method") { _ = try p.choice("method", Self.methods, default: "grid") }
    if !sweepAxes.contains("dimension") { _ = try Self.dimension(p) }
  }

  /// The quantity at `precision` bits, the task-local working precision of its MPFR
  /// arithmetic (set here, once: the runner passes the precision as the argument only).
  public func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    try MPFloat.withPrecision(precision) { () throws -> Quantity in
      try computeAtWorkingPrecision(arguments, at: point, precision: precision)
    }
  }

  func computeAtWorkingPrecision(
    _ arguments: ProviderArguments, at point: SweepPoint, precision: Int
  ) throws -> Quantity {
    let p = ExperimentParameters(arguments, point: point)
    // `dimension = 2`: networks ℝ² → ℝ, InitialStage2DProvider.swift.
    if try Self.dimension(p) == 2 { return try computeTwoDimensional(p) }
    let setup = try StageSetup(p)
    let quantity = try p.choice("quantity", Self.quantities, default: "R")
    var method = try p.choice("method", Self.methods, default: "grid")
    // A retry of an inconclusive check comes at a higher working precision: the
    // Double quadrature (12 digits) then hands over to the MPFR quadrature, whose
    // error is far below the Double floor (`digits`, default 30).
    if method == "quadrature_double" && precision > Self.doublePrecisionLimit { method = "quadrature" }
    let points = try p.int("points", default: 1 << 15, min: 16)
    let digits = try p.int("digits", default: 30, min: 5)
    let eta = p.has("eta") ? try p.double("eta") : nil
    var etas = try p.doubles("etas", default: eta.map { [$0] } ?? [])
    if etas.isEmpty { throw ProviderError(argument: "etas", message: "give `eta` (a sweep axis) or a list `etas`") }
    if let eta, !etas.contains(eta) { etas.append(eta) }
    etas.sort()

    let meta = [
      "method": method == "grid"
        ? "Double FFT grid, \(points) points"
        : method == "quadrature"
          ? "MPFR quadrature, \(digits) digits"
          : method == "kink_expansion" ? "Double kink expansion and direct sums" : "Double quadrature, 12 digits"
    ]
    switch quantity {
    case "relu_power":
      guard let k = reluPower(setup.network.activation) else {
        throw ProviderError(argument: "activation", message: "`\(setup.network.activation.name)` is not ReLU^p")
      }
      return .computed(Double(k), error: 0, meta)
    case "predicted_exp_rate":
      let net = setup.network
      guard net.layerCount == 2 else {
        throw ProviderError(argument: "widths", message: "the exponential rate −2π²/max|w| is for one hidden layer")
      }
      var mw = 0.0
      for i in 0..<net.widths[1] { mw = max(mw, abs(net.parameters[net.weightOffset(0) + i])) }
      return .computed(-2 * Double.pi * Double.pi / mw, error: 0, meta)
    default: break
    }
    let key = "initial \(setup.key) m=\(method) n=\(points) d=\(digits) etas=\(etas)"
    let result: InitialStageResult = try StageCache.shared.value(key) {
      do {
        if method == "grid" {
          return try InitialStage.computeGrid(
            network: setup.network, target: setup.target, density: setup.density, etas: etas, points: points)
        }
        if method == "kink_expansion" {
          return try InitialStage.computeKinkExpansion(
            network: setup.network, target: setup.target, density: setup.density, etas: etas)
        }
        if method == "quadrature_double" {
          return try InitialStage.compute(
            Double.self, network: setup.network, target: setup.target, density: setup.density, etas: etas,
            options: InitialStageOptions(digits: 12))
        }
        return try InitialStage.computeMP(
          network: setup.network, target: setup.target, density: setup.density, etas: etas,
          options: InitialStageOptions(digits: digits))
      } catch let error as StageError {
        throw ProviderError(message: error.message)
      }
    }
    if quantity == "exp_rate" || quantity == "exp_rate_B" {
      let values = quantity == "exp_rate" ? result.R : result.B
      let y = values.map { Double.log($0.double) }
      let e = values.map { $0.error.doubleValue / $0.double }
      guard y.allSatisfy({ $0.isFinite }), e.allSatisfy({ $0 < 0.5 }) else {
        throw ProviderError(
          message:
            "\(quantity == "exp_rate" ? "R" : "B") is not resolved at every η of \(etas) (raise digits or lower η)")
      }
      let fit = fittedSlope(result.eta, y, errors: e)
      return .computed(fit.slope, error: fit.error, meta)
    }
    guard let eta, let i = result.eta.firstIndex(of: eta) else {
      throw ProviderError(argument: "eta", message: "this quantity needs the cut-off η")
    }
    switch quantity {
    case "R": return .computed(result.R[i], meta)
    case "B": return .computed(result.B[i], meta)
    case "B_half":
      return .computed(StageValue(value: result.B[i].value / 2, error: result.B[i].error / 2), meta)
    case "L_share":
      let l = result.lossAbove[i]
      return .computed(StageValue(value: l.value / result.loss.value, error: l.error / result.loss.value), meta)
    case "rate_defect", "rate_defect_half":
      if method == "kink_expansion" {
        throw ProviderError(argument: "method", message: "`rate_defect` needs a quadrature over all ξ, not the tails")
      }
      let scale = quantity == "rate_defect" ? MPFloat(1, precision: precision) : MPFloat(1, precision: precision) / 2
      let d = result.lowRate[i].value * scale + result.gradientNorm2.value
      let g = result.gradientNorm2.value
      return .computed(
        StageValue(value: abs(d) / g, error: (result.lowRate[i].error + result.gradientNorm2.error) / g), meta)
    default:
      throw ProviderError(argument: "quantity", message: "unknown quantity `\(quantity)`")
    }
  }
}

/// The stage providers, for `ProviderCatalog.allProviders`.
public var stageProviders: [any QuantityProvider] {
  [InitialStageProvider(), TrainingStageProvider(), IdealizedTanhProvider()]
}
