import GradientFlow
import LinearAlgebra
import MultiPrecision
import RealModule

/// Frequency-wise decay of the residual in the LFP model (arXiv 1905.10264,
/// ∂_t F[u](ξ) = −γ(ξ)² F[u_ρ](ξ)): with data spread uniformly (density p) the
/// equation is diagonal in ξ and each Fourier component of the residual decays
/// as exp(−p γ(ξ)² t), independently of the others; low frequencies first.
///
/// Set-up measured here (the periodic version, so that “uniform data” is exact):
/// n points x_i = iP/n on a circle of length P (ρ = (1/n)Σδ, density p = 1/P),
/// the LFP model on the frequencies f_j = j/P, j = 1 … M (M < n/2, the band the
/// data resolve), k(x, x′) = Σ_j (2γ(f_j)²/P) cos(2πf_j(x − x′)), and a target
/// y = Σ_j (α_j cos + β_j sin)(2πf_j x) with seeded coefficients. The residual
/// on the data, u = h(X) − y, follows u′ = −(1/n) k(X, X) u (the generic
/// `LinearFlow`, not the diagonal form), and its DFT component at f_k after a
/// time t_k = P/γ(f_k)² (one predicted e-fold) gives the measured rate
/// −log(|û_k(t_k)|/|û_k(0)|)/t_k, to compare with γ(f_k)²/P.
public struct FrequencyDecay: Sendable {
  public let gamma: LFPGamma
  public let period: Double
  public let points: Int
  public let band: Int

  public init(gamma: LFPGamma, period: Double = 1, points: Int = 64, band: Int = 16) throws(LFPError) {
    guard gamma.dimension == 1 else { throw LFPError("frequency decay: d = 1 only") }
    guard period > 0, points >= 4, band >= 1, 2 * band < points else {
      throw LFPError("frequency decay: need P > 0 and 1 ≤ M < n/2 (M = \(band), n = \(points))")
    }
    self.gamma = gamma
    self.period = period
    self.points = points
    self.band = band
  }

  /// The predicted rate γ(f_k)²/P.
  public func predictedRate(_ k: Int) throws(LFPError) -> Double {
    try gamma.value(norm: Double(k) / period) / period
  }

  /// The measured rate of frequency index k (1 ≤ k ≤ M).
  public func measuredRate(_ k: Int, seed: UInt64) throws(LFPError) -> Double {
    guard (1...band).contains(k) else { throw LFPError("frequency index k = \(k) is outside the band 1…\(band)") }
    let n = points
    let x = (0..<n).map { Double($0) * period / Double(n) }
    let f = (1...band).map { Double($0) / period }
    let w = try f.map { (fj: Double) throws(LFPError) -> Double in 2 * (try gamma.value(norm: fj)) / period }
    var rng = SplitMix64(seed: seed)
    let coefficients = (0..<(2 * band)).map { _ in 0.5 + 0.5 * unit(&rng) }
    let y = x.map { xi in
      (0..<band).reduce(0.0) {
        $0 + coefficients[2 * $1] * Double.cos(2 * Double.pi * f[$1] * xi)
          + coefficients[2 * $1 + 1] * Double.sin(2 * Double.pi * f[$1] * xi)
      }
    }
    var k0 = Matrix<Double>(rows: n, columns: n)
    for i in 0..<n {
      for j in 0..<n {
        var s = 0.0
        for (fj, wj) in zip(f, w) { s += wj * Double.cos(2 * Double.pi * fj * (x[i] - x[j])) }
        k0[i, j] = s / Double(n)
      }
    }
    let flow: LinearFlow<Double>
    do { flow = try LinearFlow(k: k0, y: y) } catch { throw LFPError("LFP kernel matrix: \(error)") }
    let t = 1 / (try predictedRate(k))
    let h0 = [Double](repeating: 0, count: n)
    let ht = flow.exact(u0: h0, at: t)
    func component(_ h: [Double]) -> Double {
      var re = 0.0
      var im = 0.0
      for i in 0..<n {
        let u = h[i] - y[i]
        let phase = 2 * Double.pi * f[k - 1] * x[i]
        re += u * Double.cos(phase)
        im -= u * Double.sin(phase)
      }
      return (re * re + im * im).squareRoot()
    }
    return -Double.log(component(ht) / component(h0)) / t
  }
}
