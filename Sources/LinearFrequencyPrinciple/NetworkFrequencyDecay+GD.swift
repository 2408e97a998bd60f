import MultiPrecision
import RealModule

/// Frequency-wise decay of the residual of a network trained by gradient descent on
/// itself (`GDTrainedNetwork`: every parameter, η = c/λ_max(Θ_m(X, X))), the GD side of
/// `NetworkFrequencyDecay` (which runs the exact gradient flow of the linearisation).
///
/// One GD step moves the residual on the data by u ← (I − ηΘ_m)u in the NTK regime, and
/// Θ_m = m·(the kernel of the linearised flow, whose time unit is 1/m), so a step is
/// flow time η·m and the LFP predicts the factor 1 − η·m·r_k per step on the Fourier
/// component at f_k, r_k = n p_b γ(f_k)²/P. Measured: after s_k = round(1/(η m r_k)) ≥ 1
/// steps (one predicted e-fold), with ρ_k = |û_k(s_k)|/|û_k(0)|, the rate
/// r̂_k = (1 − ρ_k^{1/s_k})/(η m), which equals r_k exactly when the component decays
/// by the predicted factor every step (no discretisation bias at large η·m·r_k).
/// Everything GD adds to the linearised picture (parameters leaving θ₀, pattern flips)
/// is in the measurement.
extension NetworkFrequencyDecay {
  /// The residuals of one GD run at the step counts the frequencies 1 … k need.
  public struct GDRun: Sendable {
    /// η and the width m.
    public let learningRate: Double
    public let width: Int
    /// The initial residual −y and the residual after `steps[j]` steps, j = 1 … k.
    public let initial: [Double]
    public let steps: [Int: Int]
    public let residuals: [Int: [Double]]
  }

  /// GD on the network of `width` drawn from `initialisationSeed` (data from `seed`),
  /// the residual recorded at s_j for j = 1 … `upTo` (the run lasts s_upTo steps: one
  /// e-fold of the slowest of them).
  public func gdRun(
    width: Int, seed: UInt64, initialisationSeed: UInt64, learningRateFactor c: Double = 0.9, upTo k: Int
  ) throws(LFPError) -> GDRun {
    guard (1...band).contains(k) else { throw LFPError("frequency index k = \(k) is outside the band 1…\(band)") }
    let d = try data(seed: seed)
    let net = try LinearisedTwoLayer(
      activation: .relu, width: width, dimension: 1, w: w, b: b, a: a, seed: initialisationSeed)
    let eta = c / (try GDTrainedNetwork.lambdaMax(net, data: d))
    var steps: [Int: Int] = [:]
    for j in 1...k {
      let s = (1 / (eta * Double(width) * (try predictedRate(j)))).rounded()
      guard s.isFinite, s < 1e8 else {
        throw LFPError("GD frequency decay: k = \(j) needs \(s) steps at η = \(eta), m = \(width) (over 10⁸)")
      }
      steps[j] = max(1, Int(s))
    }
    let run = try GDTrainedNetwork.residuals(net, data: d, learningRateFactor: c, at: Set(steps.values))
    return GDRun(
      learningRate: run.learningRate, width: width, initial: d.y.map { -$0 }, steps: steps,
      residuals: steps.mapValues { run.residuals[$0]! })
  }

  /// The measured rate r̂_k of a GD run (see the extension's documentation).
  public func measuredRate(_ k: Int, gd run: GDRun) throws(LFPError) -> Double {
    guard let s = run.steps[k], let u = run.residuals[k] else {
      throw LFPError("frequency index k = \(k) is outside the band 1…\(band)")
    }
    let rho = componentMagnitude(u, k: k) / componentMagnitude(run.initial, k: k)
    return (1 - Double.pow(rho, 1 / Double(s))) / (run.learningRate * Double(run.width))
  }
}
