import BallArithmetic
import MultiPrecision
import NumericProviders
import Verification

/// The providers of the LFP theorem files (add to `ProviderCatalog.allProviders`).
public var lfpProviders: [any QuantityProvider] {
  [LFPGammaProvider(), LFPCriticalProvider(), LFPDecayProvider(), LFPNetworkProvider(), LFPGDProvider()]
}

func lfpValue(_ v: Double, error: Double = 0, metadata: [String: String] = [:]) -> Quantity {
  Quantity(value: MPFloat(v, precision: 64), errorEstimate: MPFloat(abs(error), precision: 64), metadata: metadata)
}

/// Reads a law argument (text such as `uniform:-3,3`), from the sweep or args.
func law(_ p: ExperimentParameters, _ key: String, default d: String) throws -> ParameterDistribution {
  let text = try p.string(key, default: d)
  do { return try ParameterDistribution(parsing: text) } catch {
    throw ProviderError(argument: key, message: error.message)
  }
}

func asProviderError<R>(_ body: () throws -> R) throws -> R {
  do { return try body() } catch let e as LFPError { throw ProviderError(message: e.message) }
}

/// `lfp_gamma`: γ(ξ)² of the LFP model (see `LFPGamma`) at `xi`, for `activation`,
/// `dim`, laws `w`, `a`; `route` = auto | closed | quadrature; `quantity` =
/// gamma2 (default) | max_abs_w (max |w| over the law's support, for the tanh rate).
/// Computed in MPFR at the run's precision; the error is the quadrature's estimate
/// (closed form: 16 ulps).
public struct LFPGammaProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "lfp_gamma" }
  public var summary: String { "γ(ξ)² of the linear frequency principle (closed form or MPFR quadrature)" }

  public enum QuantityName: String, ProviderChoice {
    /// γ(ξ)².
    case gamma2
    /// max |w| over the law's support (the tanh rate).
    case maxAbsW = "max_abs_w"
  }
  /// `route`: certified where it can be, else the closed form (ReLU) or quadrature (`auto`).
  public enum Method: String, ProviderChoice { case auto, closed, quadrature }
  public static var methodKey: String? { "route" }
  public static var methodSummary: String { "auto (certified where possible), closed (ReLU) or quadrature" }
  public static let arguments: [ProviderParameter] = [
    .init("xi", .text, "the frequency norm ‖ξ‖ (a decimal, read at the working precision)"),
    .init("activation", .text, default: "relu", SpectralActivations.names.joined(separator: ", ")),
    .init("dim", .integer(atLeast: 1), default: "1", "the input dimension d"),
    .init("w", .text, default: "normal:0,1", "the law of w"), .init("a", .text, default: "normal:0,1", "the law of a"),
  ]

  public func compute(
    _ quantity: QuantityName, method route: Method, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let wLaw = try law(p, "w", default: "normal:0,1")
    if quantity == .maxAbsW {
      switch wLaw {
      case .uniform(let lo, let hi): return Quantity(exact: MPFloat(max(abs(lo), abs(hi)), precision: 64))
      case .constant(let c): return Quantity(exact: MPFloat(abs(c), precision: 64))
      default: throw ProviderError(argument: "w", message: "max |w| is finite only for uniform and const laws")
      }
    }
    let act: any SpectralActivation
    do { act = try SpectralActivations.named(try p.string("activation", default: "relu")) } catch let e as LFPError {
      throw ProviderError(argument: "activation", message: e.message)
    }
    let gamma = try asProviderError {
      try LFPGamma(
        activation: act, dimension: try p.int("dim", default: 1, min: 1), w: wLaw,
        a: try law(p, "a", default: "normal:0,1"))
    }
    let xiText = try p.string("xi")
    return try MPFloat.withPrecision(precision) { () throws -> Quantity in
      guard let xi = MPFloat(xiText) else {
        throw ProviderError(argument: "xi", message: "`\(xiText)` is not a number")
      }
      return try asProviderError { () throws -> Quantity in
        switch route {
        case .quadrature:
          let q: (value: MPFloat, error: MPFloat) = try gamma.byQuadrature(xi)
          return Quantity(value: q.value, errorEstimate: q.error, metadata: ["route": "quadrature"])
        case .closed:
          let v: MPFloat = try gamma.reluClosedForm(norm: xi)
          return Quantity(value: v, errorEstimate: 16 * v.ulp, metadata: ["route": "closed form"])
        case .auto:
          if let q = certifiedGamma(gamma, xiText: xiText, precision: precision) { return q }
          if act.isReLU {
            let v: MPFloat = try gamma.reluClosedForm(norm: xi)
            return Quantity(value: v, errorEstimate: 16 * v.ulp, metadata: ["route": "closed form"])
          }
          let q: (value: MPFloat, error: MPFloat) = try gamma.byQuadrature(xi)
          return Quantity(value: q.value, errorEstimate: q.error, metadata: ["route": "quadrature"])
        }
      }
    }
  }
}

/// `lfp_critical`: the critical exponent α = d of the Fourier-domain variational
/// problem (see `CriticalExponent`). `dim`, and `alpha` or `excess` (α = d + excess);
/// `quantity` = energy_closed | energy_quadrature (up to `radius`, default inf) |
/// lattice_midpoint (cutoff `M`).
public struct LFPCriticalProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "lfp_critical" }
  public var summary: String { "critical exponent α = d: ∫⟨ξ⟩^{−α}dξ and the lattice interpolant at the midpoint" }

  public enum QuantityName: String, ProviderChoice {
    /// ∫_{|ξ| ≤ radius} ⟨ξ⟩^{−α} dξ by quadrature (certified where it can be).
    case energyQuadrature = "energy_quadrature"
    /// The same over ℝᵈ in closed form.
    case energyClosed = "energy_closed"
    /// The lattice interpolant at the midpoint (cutoff `M`).
    case latticeMidpoint = "lattice_midpoint"
  }
  public static let arguments: [ProviderParameter] = [
    .init("dim", .integer(atLeast: 1), "the dimension d"),
    .init("alpha", .text, default: "dim + excess", "the exponent α (a decimal)"),
    .init("excess", .text, default: "0", "α − d (a decimal)"),
    .init("radius", .text, default: "inf", "energy_quadrature: the radius of integration"),
    .init("M", .integer(atLeast: 1), "lattice_midpoint: the cutoff"),
    .init("separation", .number, default: "0.2", "lattice_midpoint"),
  ]

  public func compute(
    _ quantity: QuantityName, method: NoMethod, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let d = try p.int("dim", min: 1)
    let alphaText = p.has("alpha") ? try p.string("alpha") : nil
    let excessText = try p.string("excess", default: "0")
    if quantity == .latticeMidpoint {
      let alpha = alphaText.flatMap(Double.init) ?? (Double(d) + (Double(excessText) ?? 0))
      let h = try asProviderError {
        try CriticalExponent.latticeMidpoint(
          dimension: d, alpha: alpha, cutoff: try p.int("M", min: 1),
          separation: try p.double("separation", default: 0.2))
      }
      return lfpValue(h, error: 1e-12 * abs(h))
    }
    let radiusText = try p.string("radius", default: "inf")
    return try MPFloat.withPrecision(precision) { () throws -> Quantity in
      guard let alpha = alphaText.flatMap({ MPFloat($0) }) ?? MPFloat(excessText).map({ MPFloat(d) + $0 }) else {
        throw ProviderError(argument: "alpha", message: "not a number")
      }
      return try asProviderError { () throws -> Quantity in
        // α as a ball enclosing its decimal (alpha = "…", or d + excess).
        let alphaBall =
          alphaText.flatMap { AcbBall(decimal: $0, precision: precision) }
          ?? AcbBall(decimal: excessText, precision: precision).map { AcbBall(d, precision: precision) + $0 }
        if quantity == .energyClosed {
          if let a = alphaBall, let v = CriticalExponent.energyClosedFormBall(dimension: d, alpha: a) {
            let e = v.realBall
            return Quantity(lower: e.lower, upper: e.upper, rigorous: true, metadata: ["certified": "yes"])
          }
          let v: MPFloat = try CriticalExponent.energyClosedForm(dimension: d, alpha: alpha)
          return Quantity(value: v, errorEstimate: 16 * v.ulp)
        }
        // The integration radius: a number, an expression or inf (`IntegralBound`).
        guard let radius = try? IntegralBound(parsing: radiusText).value(precision: precision) else {
          throw LFPError("radius `\(radiusText)` is not a number")
        }
        if let a = alphaBall, radius.isFinite || alpha > MPFloat(d),
          let c = CriticalExponent.energyCertified(dimension: d, alpha: a, radius: radius)
        {
          let e = c.interval
          var meta = ["certified": "yes", "status": c.status.rawValue, "evaluations": String(c.evaluations)]
          if let t = c.truncation, let b = c.tailBound {
            meta["tail"] =
              "beyond r = \(t.decimalString(digits: 6)): ≤ \(b.decimalString(digits: 3)) (r^(d−1−α) majorant)"
          }
          return Quantity(lower: e.lower, upper: e.upper, rigorous: true, metadata: meta)
        }
        let q: (value: MPFloat, error: MPFloat) = try CriticalExponent.energyByQuadrature(
          dimension: d, alpha: alpha,
          radius: radius)
        return Quantity(value: q.value, errorEstimate: q.error, metadata: ["certified": "no"])
      }
    }
  }
}

/// `lfp_decay`: the frequency-wise decay of the residual at frequency index `k`:
/// `model` = lfp (the LFP model on the circle, `FrequencyDecay`; laws `w`, `a`) |
/// network (the linearised wide network of `width`, seed ensemble over `seeds`,
/// `NetworkFrequencyDecay`; `setting` cubic | linear, the laws of `lfp_network`, or
/// laws `w`, `b` (uniform, symmetric), `a`) | ntk (its infinite-width limit) | gd (networks
/// of `width` trained by full-batch GD on themselves, η = `lr_factor`/λ_max, seed ensemble:
/// the rate per unit of flow time from the per-step factor, `NetworkFrequencyDecay+GD.swift`); `quantity` = measured_rate | predicted_rate | rate_ratio
/// (measured/predicted); `activation` (lfp model), `points`, `band`, `period`, `seed`.
public struct LFPDecayProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "lfp_decay" }
  public var summary: String { "decay rate of one Fourier component of the residual (LFP model or network) vs γ(ξ)²" }

  public enum QuantityName: String, ProviderChoice {
    /// measured / predicted.
    case rateRatio = "rate_ratio"
    case measuredRate = "measured_rate", predictedRate = "predicted_rate"
  }
  /// `model`: the LFP model on the circle, the linearised network (seed ensemble), its NTK
  /// limit, or networks trained by gradient descent on themselves (seed ensemble).
  public enum Method: String, ProviderChoice { case lfp, network, ntk, gd }
  public static var methodKey: String? { "model" }
  public static var methodSummary: String { "lfp, network, ntk or gd" }

  /// `model = "network"` and `"gd"` pool a seed ensemble of networks (`seeds`); the others are computed.
  public func source(of arguments: ProviderArguments) -> QuantitySource {
    arguments["model"] == .string(Method.network.rawValue) || arguments["model"] == .string(Method.gd.rawValue)
      ? .pooledEnsemble : .computed
  }

  /// The ensembles cost width × seeds (a GD run or a linearised flow per member).
  public func relativeCost(_ arguments: ProviderArguments, at point: SweepPoint) -> Double {
    ExperimentParameters(arguments, point: point).costProduct(["width", "seeds"], declared: Self.arguments)
  }

  /// The network ensembles: one per configuration (every k of the linearised flows; the GD
  /// runs last one e-fold of their k, so k is part of theirs). The LFP and NTK models: none.
  public func cacheKey(_ arguments: ProviderArguments, at point: SweepPoint) -> String? {
    let p = ExperimentParameters(arguments, point: point)
    switch try? p.string("model", default: "lfp") {
    case "network": return p.cacheKey(name, declared: Self.declaredArguments, excluding: ["k"])
    case "gd": return p.cacheKey(name, declared: Self.declaredArguments)
    default: return nil
    }
  }
  /// `setting` of the network and NTK models: the laws of an authors' 1-D ReLU setting.
  enum Setting: String, ProviderChoice {
    case cubic, linear
    var laws: (w: String, b: String, a: String) { (self == .cubic ? LFPNetworkProvider.Setting.cubic : .linear).laws }
  }
  public static let arguments: [ProviderParameter] = [
    .init("k", .integer(atLeast: 1), "the frequency index"),
    .init("setting", .choice(of: Setting.self), default: "cubic", "network/ntk: the paper's cubic or linear regime"),
    .init("activation", .text, default: "relu"),
    .init("w", .text, default: "normal:0,1", "the law of w (network/ntk: the setting's)"),
    .init("b", .text, "network/ntk: the law of b (default: the setting's)"),
    .init("a", .text, default: "normal:0,1", "the law of a (network/ntk: the setting's)"),
    .init("points", .integer(atLeast: nil), default: "64"), .init("band", .integer(atLeast: nil), default: "16"),
    .init("period", .number, default: "1"), .init("seed", .integer(atLeast: 0), default: "0"),
    .init("seeds", .integer(atLeast: 1), default: "5", "network: seeds pooled"),
    .init("width", .integer(atLeast: 2), "network, gd: the hidden width (default: infinite, the NTK)"),
    .init("lr_factor", .number, default: "0.9", "gd: c in η = c/λ_max(Θ_m(X, X))"),
  ]

  public func compute(
    _ quantity: QuantityName, method model: Method, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let k = try p.int("k", min: 1)
    if model != .lfp { return try networkDecay(p, model: model, k: k, quantity: quantity) }
    let act = try asProviderError { try SpectralActivations.named(try p.string("activation", default: "relu")) }
    let gamma = try asProviderError {
      try LFPGamma(
        activation: act, w: try law(p, "w", default: "normal:0,1"), a: try law(p, "a", default: "normal:0,1"))
    }
    let decay = try asProviderError {
      try FrequencyDecay(
        gamma: gamma, period: try p.double("period", default: 1), points: try p.int("points", default: 64),
        band: try p.int("band", default: 16))
    }
    let seed = UInt64(try p.int("seed", default: 0, min: 0))
    return try asProviderError { () throws -> Quantity in
      let predicted = try decay.predictedRate(k)
      if quantity == .predictedRate { return lfpValue(predicted, error: 1e-14 * predicted) }
      let measured = try decay.measuredRate(k, seed: seed)
      // Error estimate: the eigen-decomposition's rounding, ~n ε relative to the largest rate.
      let largest = try decay.predictedRate(1)
      let error = 1e3 * Double.ulpOfOne * largest
      if quantity == .measuredRate { return lfpValue(measured, error: error) }
      return lfpValue(measured / predicted, error: error / predicted)
    }
  }

  /// The network (seed ensemble) and infinite-width (exact NTK) versions.
  func networkDecay(_ p: ExperimentParameters, model: Method, k: Int, quantity: QuantityName) throws -> Quantity {
    // setting: the laws of an authors' 1-D ReLU setting (cubic | linear), or `w`, `b`, `a` given.
    let preset = try p.choice("setting", Setting.self).laws
    let wText = try p.string("w", default: preset.w)
    let bText = try p.string("b", default: preset.b)
    let aText = try p.string("a", default: preset.a)
    let decay = try asProviderError {
      try NetworkFrequencyDecay(
        w: try law(p, "w", default: wText), b: try law(p, "b", default: bText), a: try law(p, "a", default: aText),
        period: try p.double("period", default: 1), points: try p.int("points", default: 64),
        band: try p.int("band", default: 16))
    }
    let predicted = try asProviderError { try decay.predictedRate(k) }
    if quantity == .predictedRate { return lfpValue(predicted, error: 1e-14 * predicted) }
    func rate(width: Int?, seed: Int) throws -> Double {
      let key = DecayFlowKey(
        w: wText, b: bText, a: aText, period: decay.period, points: decay.points, band: decay.band, width: width,
        seed: seed)
      let flow = try Self.flows.value(for: key) { () throws -> KernelFlow in
        try asProviderError { try decay.flow(width: width, seed: UInt64(seed)) }
      }
      let r = try asProviderError { try decay.measuredRate(k, flow: flow) }
      return quantity == .rateRatio ? r / predicted : r
    }
    if model == .ntk {
      let v = try rate(width: nil, seed: try p.int("seed", default: 0, min: 0))
      let largest = try asProviderError { try decay.predictedRate(1) }
      let scale = quantity == .rateRatio ? largest / predicted : largest
      return lfpValue(v, error: 1e3 * Double.ulpOfOne * scale, metadata: ["method": "exact NTK flow (m = ∞)"])
    }
    let width = try p.int("width", min: 2)
    let seeds = try p.int("seeds", default: 5, min: 1)
    if model == .gd {
      let c = try p.double("lr_factor", default: 0.9)
      let samples = try (0..<seeds).map { seed throws -> Double in
        let key = DecayGDKey(
          flow: DecayFlowKey(
            w: wText, b: bText, a: aText, period: decay.period, points: decay.points, band: decay.band, width: width,
            seed: seed), learningRateFactor: c, k: k)
        let run = try Self.gdRuns.value(for: key) { () throws -> NetworkFrequencyDecay.GDRun in
          try asProviderError {
            try decay.gdRun(
              width: width, seed: UInt64(seed),
              initialisationSeed: LFPGDProvider.initialisationSeed(seed, width: width), learningRateFactor: c,
              upTo: k)
          }
        }
        let r = try asProviderError { try decay.measuredRate(k, gd: run) }
        return quantity == .rateRatio ? r / predicted : r
      }
      return Quantity(ensemble: samples, metadata: ["method": "full-batch GD on the network (a, w, b), η = c/λ_max"])
    }
    let samples = try (0..<seeds).map { try rate(width: width, seed: $0) }
    return Quantity(ensemble: samples, metadata: ["method": "exact gradient flow of the linearised network"])
  }

  /// A kernel flow of `NetworkFrequencyDecay`: the laws, the grid, the width (nil: the NTK) and the seed.
  struct DecayFlowKey: Hashable, Sendable {
    var w: String, b: String, a: String
    var period: Double
    var points: Int, band: Int
    var width: Int?
    var seed: Int
  }
  /// The kernel flows, one per key (every quantity and k of a setting share one).
  static let flows = ProviderCache<DecayFlowKey, KernelFlow>(capacity: 4096)
  /// A GD run of `NetworkFrequencyDecay`: a flow key (width set), the learning-rate factor
  /// and the frequency index (the run lasts one predicted e-fold of it).
  struct DecayGDKey: Hashable, Sendable {
    var flow: DecayFlowKey
    var learningRateFactor: Double
    var k: Int
  }
  /// The GD runs, one per key (every quantity and k share one).
  static let gdRuns = ProviderCache<DecayGDKey, NetworkFrequencyDecay.GDRun>(capacity: 1024)
}

/// γ² as a certified enclosure where `LFPGamma.certifiedTanh` (tanh, uniform w) or
/// `certifiedReluClosedForm` (ReLU, const or centred normal w) applies, else nil.
func certifiedGamma(_ gamma: LFPGamma, xiText: String, precision: Int) -> Quantity? {
  guard let xi = AcbBall(decimal: xiText, precision: precision),
    let v = gamma.certifiedTanh(xi: xi, precision: precision)
      ?? gamma.certifiedReluClosedForm(xi: xi, precision: precision)
  else { return nil }
  let e = v.realBall
  guard e.isFinite else { return nil }
  return Quantity(
    lower: e.lower, upper: e.upper, rigorous: true,
    metadata: [
      "route": gamma.activation.isReLU ? "closed form on balls" : "certified quadrature (u = 1/|w|, tail bound)",
      "certified": "yes",
    ])
}
