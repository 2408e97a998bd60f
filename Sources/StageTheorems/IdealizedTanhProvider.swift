import Foundation
import MultiPrecision
import Verification

/// `stage_idealized`: the idealized two-layer tanh initial-stage theorem of arXiv 1901.06523 (Xu's lecture
/// notes "理解深度学习", ch. 1, Theorem 1, eqs. (1.9)–(1.21)): for k₁, k₂ with f̂(k₁), f̂(k₂) ≠ 0 and
/// |k₂| > |k₁| > 0 the fraction p(δ) of W = (w_j) in the ball B_δ (a_j, b_j > 0 fixed) where
/// |∂L(k₁)/∂θ_{lj}| > |∂L(k₂)/∂θ_{lj}| for all l, j satisfies 1 − p(δ) ≤ C exp(−c/δ).
///
/// Setup: `k1`, `k2` (> 0, distinct; usually sweep axes so that the claim can name them), `a`, `b`
/// (lists: output weights, biases > 0), `m` (the first m neurons, default all), `target`
/// (`gauss:A,MU,SD+…`, default `gauss:1,0.3,1+gauss:0.5,-0.4,0.5`), `deltas` (a list of radii, or a sweep word
/// "0.5-0.4-0.3"; computed in one run, cached), `delta` (one of them, for `violation`), `samples` at the
/// largest radius δ₀ and `growth` g: radius δ draws round(samples·exp(g(1/δ − 1/δ₀))) points (default g = 0;
/// g ≈ c keeps the expected number of violations about level, so that the small radii are not starved),
/// `seed` (radius i draws from `SplitMix64(seed: mix(seed + i))`), `z` (standard deviations of the intervals,
/// default 3).
///
/// `quantity`:
/// - `rate`: the fitted slope of ln(1 − p̂) against 1/δ (`IdealizedRateFit`), ± z standard errors; it
///   attaches the figure of 1 − p̂ against 1/δ (log scale) with its Wilson intervals and the fit;
/// - `violation`: 1 − p̂ at `delta`, enclosed by its Wilson interval at z;
/// - `violation_upper`: the upper end of that interval (Clopper–Pearson when no violation was seen);
/// - `proof_rate`: −π|k₂ − k₁|/2, the exponent of the proof's bound 2 exp(−π(k₂ − k₁)/(2|w_j|)), eq. (1.14);
/// - `notes_rate`: −π|k₂ − k₁|, the constant c₂ as printed after eq. (1.16) (twice the exponent of (1.16)).
public struct IdealizedTanhProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "stage_idealized" }
  public var summary: String {
    "idealized two-layer tanh initial stage (1901.06523): Monte Carlo 1 − p(δ) in B_δ and its rate in 1/δ"
  }

  public enum QuantityName: String, ProviderChoice {
    case rate, violation, violationUpper = "violation_upper", proofRate = "proof_rate", notesRate = "notes_rate"
  }
  static let defaultTarget = "gauss:1,0.3,1+gauss:0.5,-0.4,0.5"
  public static let arguments: [ProviderParameter] = [
    .init("k1", .number, "the frequency claimed to dominate"), .init("k2", .number, "the other frequency"),
    .init("a", .numbers, "output weights a_j"), .init("b", .numbers, "biases b_j > 0"),
    .init("m", .integer(atLeast: 1), default: "all", "neurons used"),
    .init("target", .text, default: defaultTarget, "sum of Gaussians gauss:A,MU,SD+…"),
    .init("deltas", .numbers, "radii δ of the balls"), .init("delta", .number, "one radius (for violation)"),
    .init("samples", .integer(atLeast: 1), default: "100000", "samples at the largest radius"),
    .init("growth", .number, default: "0", "samples grow like exp(growth/δ)"),
    .init("seed", .integer(atLeast: 0), default: "1"),
    .init("z", .number, default: "3", "standard deviations of the intervals"),
  ]

  public static func check(_ p: ExperimentParameters, sweepAxes: [String]) throws(ProviderError) {
    if !sweepAxes.contains("target") {
      let text = try p.string("target", default: Self.defaultTarget)
      do { _ = try GaussianSumTarget(parsing: text) } catch {
        throw ProviderError(argument: "target", message: error.message)
      }
    }
  }

  /// The Monte Carlo runs of one model, pair of frequencies, set of radii and sample counts, and seed.
  struct RunKey: Hashable, Sendable {
    var a: [Double], b: [Double]
    var target: String
    var k1: Double, k2: Double
    var deltas: [Double]
    var counts: [Int]
    var seed: Int
  }
  /// The violation counts of every radius, one entry per `RunKey`.
  static let runs = ProviderCache<RunKey, [IdealizedViolation]>(capacity: 1024)

  public func compute(
    _ quantity: QuantityName, method: NoMethod, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let k1 = try p.double("k1"), k2 = try p.double("k2")
    guard k1 > 0, k2 > 0, k1 != k2 else {
      throw ProviderError(argument: "k1", message: "k1 and k2 must be positive and distinct, got \(k1), \(k2)")
    }
    let meta = ["k1": "\(k1)", "k2": "\(k2)"]
    switch quantity {
    case .proofRate: return .computed(-Double.pi * abs(k2 - k1) / 2, error: 0, meta)
    case .notesRate: return .computed(-Double.pi * abs(k2 - k1), error: 0, meta)
    case .rate, .violation, .violationUpper: break
    }
    var a = try p.doubles("a"), b = try p.doubles("b")
    let m = try p.int("m", default: a.count, min: 1)
    guard m <= a.count, m <= b.count else {
      throw ProviderError(argument: "m", message: "m = \(m) but a has \(a.count) and b \(b.count) entries")
    }
    a = Array(a.prefix(m)); b = Array(b.prefix(m))
    let targetText = try p.string("target", default: Self.defaultTarget)
    let model: IdealizedTanh
    do { model = try IdealizedTanh(a: a, b: b, target: try GaussianSumTarget(parsing: targetText)) } catch {
      throw ProviderError(message: error.message)
    }
    for k in [k1, k2] where model.target.transform(k).length == 0 {
      throw ProviderError(argument: "target", message: "f̂(\(k)) = 0: the theorem needs f̂(k₁), f̂(k₂) ≠ 0")
    }
    let delta = p.has("delta") ? try p.double("delta") : nil
    var deltas = try p.doubles("deltas", default: delta.map { [$0] } ?? [])
    if let delta, !deltas.contains(delta) { deltas.append(delta) }
    guard !deltas.isEmpty, deltas.allSatisfy({ $0 > 0 }) else {
      throw ProviderError(argument: "deltas", message: "give positive radii `deltas` (or `delta`)")
    }
    deltas.sort(by: >)
    let samples = try p.int("samples", default: 100_000, min: 1)
    let growth = try p.double("growth", default: 0)
    guard growth >= 0, growth <= 20 else { throw ProviderError(argument: "growth", message: "must lie in [0, 20]") }
    let counts = deltas.map { d in
      max(1, Int((Double(samples) * Double.exp(growth * (1 / d - 1 / deltas[0]))).rounded()))
    }
    let seed = try p.int("seed", default: 1, min: 0)
    let z = try p.double("z", default: 3)
    guard z > 0 else { throw ProviderError(argument: "z", message: "must be positive") }

    let key = RunKey(a: a, b: b, target: targetText, k1: k1, k2: k2, deltas: deltas, counts: counts, seed: seed)
    let runs = try Self.runs.value(for: key) {
      deltas.enumerated().map { i, d in
        model.violation(k1: k1, k2: k2, delta: d, samples: counts[i], seed: SplitMix64.mix(UInt64(seed) &+ UInt64(i)))
      }
    }
    var info = meta
    info["samples"] =
      "\(counts.reduce(0, +)) (\(samples)·exp(\(growth)(1/δ − 1/δ₀)) per radius), "
      + "W uniform in the ball of radius δ in ℝ^\(m) (seed \(seed))"
    info["mpfr"] =
      "decided in MPFR: \(runs.map(\.decidedAt256Bits).reduce(0, +)) at 256 bits, "
      + "\(runs.map(\.decidedAt1024Bits).reduce(0, +)) at 1024 bits, \(runs.map(\.unresolved).reduce(0, +)) unresolved"
    info["violations"] = runs.map { "δ=\($0.delta): \($0.violations)/\($0.samples)" }.joined(separator: "; ")

    if quantity == .rate { return try rateQuantity(runs, z: z, info: info, k1: k1, k2: k2, m: m) }
    return try violationQuantity(quantity, runs, delta: delta, z: z, info: info)
  }

  /// `rate`: the weighted least-squares slope of ln(1 − p̂) against 1/δ (radii without a violation
  /// left out, with their Clopper–Pearson bound), with the figure.
  func rateQuantity(
    _ runs: [IdealizedViolation], z: Double, info: [String: String], k1: Double, k2: Double, m: Int
  ) throws -> Quantity {
    var info = info
    let fit: IdealizedRateFit
    do { fit = try IdealizedRateFit(runs, z: z) } catch { throw ProviderError(message: error.message) }
    info["fit"] =
      "weighted least squares on \(fit.fitted.count) radii, ±\(z) standard errors, Birge ratio "
      + String(format: "%.2f", fit.birgeRatio)
    if !fit.zeroCount.isEmpty {
      info["no violation"] =
        fit.zeroCount.map { "δ=\($0.delta): 1 − p ≤ \(String(format: "%.3g", $0.upper)) (Clopper–Pearson)" }
        .joined(separator: "; ") + "; left out of the fit"
    }
    var q = Quantity.computed(fit.slope, error: fit.error, info)
    q.figures = [figure(runs, fit: fit, z: z, k1: k1, k2: k2, m: m)]
    return q
  }

  /// `violation` (Wilson interval of 1 − p at `delta`, centred on p̂; Clopper–Pearson for 0 violations)
  /// and `violation_upper` (its upper end).
  func violationQuantity(
    _ quantity: QuantityName, _ runs: [IdealizedViolation], delta: Double?, z: Double, info: [String: String]
  ) throws -> Quantity {
    guard let delta, let run = runs.first(where: { $0.delta == delta }) else {
      throw ProviderError(argument: "delta", message: "this quantity needs the radius `delta`")
    }
    let (lower, upper) =
      run.violations == 0
      ? (0.0, BinomialInterval.clopperPearsonUpperForZero(trials: run.samples, z: z))
      : BinomialInterval.wilson(successes: run.violations, trials: run.samples, z: z)
    if quantity == .violationUpper { return .computed(upper, error: 0, info) }
    var q = Quantity(
      lower: MPFloat(lower, precision: 64), upper: MPFloat(upper, precision: 64), rigorous: false, metadata: info)
    q.center = MPFloat(run.fraction, precision: 64)
    return q
  }

  /// 1 − p̂ against 1/δ (log scale) with its interval ends, the fitted line and the proof's exponent.
  func figure(
    _ runs: [IdealizedViolation], fit: IdealizedRateFit, z: Double, k1: Double, k2: Double, m: Int
  )
    -> AttachedFigure
  {
    let x = runs.map { 1 / $0.delta }
    let intervals = runs.map { r in
      r.violations == 0
        ? (0.0, BinomialInterval.clopperPearsonUpperForZero(trials: r.samples, z: z))
        : BinomialInterval.wilson(successes: r.violations, trials: r.samples, z: z)
    }
    let c = Double.pi * abs(k2 - k1) / 2
    let x0 = 1 / fit.fitted[0]
    let y0 = Double.exp(fit.intercept + fit.slope * x0)
    return .line(
      title: "1 − p(δ) against 1/δ, m = \(m), k₁ = \(k1), k₂ = \(k2)", xLabel: "1/δ", yLabel: "1 − p(δ)",
      series: [
        .init(label: "1 − p̂ (Monte Carlo)", x: x, y: runs.map(\.fraction)),
        .init(label: "upper end (\(z) sd)", x: x, y: intervals.map(\.1)),
        .init(label: "lower end (\(z) sd)", x: x, y: intervals.map(\.0)),
        .init(
          label: "fit: slope \(String(format: "%.3f", fit.slope))", x: x,
          y: x.map { Double.exp(fit.intercept + fit.slope * $0) }),
        .init(
          label: "slope −π|k₂ − k₁|/2 = \(String(format: "%.3f", -c))", x: x,
          y: x.map { y0 * Double.exp(-c * ($0 - x0)) }),
      ], logY: true)
  }
}
