import MultiPrecision
import Spectral
import Verification

/// `jacobi_contrast`: the Jacobi-iteration contrast of 1901.06523.
///
/// Weighted Jacobi u ← u + ω D⁻¹(f − A u) on −u'' = f, u(0) = u(1) = 0,
/// discretised on `points` interior points (`Spectral.JacobiPoisson`), from
/// u⁰ = 0 towards u* = Σ_k sin(kπx) over the `modes` (every mode starts with
/// error component −1). `quantity`:
/// - `iteration` (default): the iteration after which the error component of
///   mode `k` stays below `threshold` × its start (exact: the iteration is
///   recorded every step; never reaching it within `iterations` (default: 10%
///   past the slowest mode's analytic count) is an error);
/// - `analytic_iteration`: ⌊log ε / log|μ_k|⌋ + 1 with μ_k = 1 − ω(1 − cos kπh);
/// - `amplification`: |μ_k|.
struct JacobiProvider: ExperimentProvider {
  var name: String { "jacobi_contrast" }
  var summary: String { "Jacobi iteration on the 1-D Poisson problem: convergence iteration of a mode" }

  enum QuantityName: String, ProviderChoice {
    case iteration, analyticIteration = "analytic_iteration", amplification
  }

  static let measurementArguments: [ProviderParameter] = [
    .init("k", .integer(atLeast: 1), "the mode"), .init("modes", .integers, default: "[k]", "the modes of u*"),
    .init("threshold", .number, default: "0.01", "the fraction of its start to stay below"),
    .init("iterations", .integer(atLeast: 1), default: "10% past the slowest mode's analytic count"),
  ]

  /// The discretisation and the relaxation weight.
  struct Configuration: ExperimentConfiguration {
    static let arguments: [ProviderParameter] = [
      .init("points", .integer(atLeast: 2), default: "31", "interior points n"),
      .init("omega", .number, default: "2/3", "the relaxation weight ω > 0"),
    ]
    /// n, the interior points.
    var points: Int
    /// ω > 0.
    var omega: Double
    init(_ p: ExperimentParameters) throws(ProviderError) {
      points = try p.int("points", default: 31, min: 2)
      omega = try p.double("omega", default: 2.0 / 3)
      guard omega > 0 else { throw ProviderError(argument: "omega", message: "ω must be positive, found \(omega)") }
    }
  }

  /// The iteration operator (cheap; the error history depends on the measured modes).
  typealias Run = JacobiPoisson<Double>

  static let runs = ProviderCache<Configuration, Run>()

  /// The iteration involves no random choice: computed, not measured.
  func source(of arguments: ProviderArguments) -> QuantitySource { .computed }

  static func run(_ c: Configuration) -> Run { JacobiPoisson<Double>(interiorPoints: c.points, omega: c.omega) }

  static func measure(
    _ quantity: QuantityName, of jacobi: Run, configuration c: Configuration,
    parameters p: ExperimentParameters
  ) throws -> Quantity {
    let n = c.points
    let mode = try p.int("k", min: 1)
    guard mode <= n else { throw ProviderError(argument: "k", message: "modes run from 1 to \(n)") }
    let modes = try p.ints("modes", default: [mode])
    guard modes.contains(mode) else { throw ProviderError(argument: "modes", message: "must contain mode \(mode)") }
    let threshold = try p.double("threshold", default: 0.01)
    switch quantity {
    case .amplification:
      return .deterministic(jacobi.amplification(mode).magnitude)
    case .analyticIteration:
      guard let t = jacobi.analyticConvergenceIteration(mode: mode, threshold: threshold) else {
        throw ProviderError(message: "|μ_\(mode)| ≥ 1: mode \(mode) does not converge")
      }
      return .deterministic(Double(t))
    case .iteration:
      // By default, run 10% past the slowest requested mode's analytic count.
      let slowest =
        modes.compactMap { jacobi.analyticConvergenceIteration(mode: $0, threshold: threshold) }.max()
        ?? 1000
      let iterations = try p.int("iterations", default: slowest + slowest / 10 + 10, min: 1)
      let h = 1.0 / Double(n + 1)
      let x = (1...n).map { Double($0) * h }
      let uStar = x.map { xi in modes.reduce(0.0) { $0 + Double.sin(Double($1) * Double.pi * xi) } }
      let history = jacobi.errorModes(
        initial: Array(repeating: 0, count: n), solution: uStar,
        iterations: iterations)
      guard let t = JacobiPoisson<Double>.convergenceIteration(history: history, mode: mode, threshold: threshold)
      else {
        throw ProviderError(
          message: "mode \(mode) did not fall below \(threshold) of its start within \(iterations) iterations")
      }
      return .deterministic(Double(t), metadata: ["mu": String(jacobi.amplification(mode))])
    }
  }
}
