import GradientFlow
import MultiPrecision
import RealModule

/// Frequency-wise decay of the residual of a trained wide network (the network
/// side of `FrequencyDecay`; arXiv 1905.10264: the LFP model predicts that the
/// Fourier component of the residual at ξ decays like exp(−γ(ξ)² t) for uniform data).
///
/// Set-up: n equispaced points x_i = −P/2 + iP/n (density n/P), the target
/// y = Σ_{j=1}^{M} (α_j cos + β_j sin)(2πf_j x), f_j = j/P, with seeded coefficients
/// in [½, 1) on the band the data resolve (M < n/2); the network is
/// `LinearisedTwoLayer` (antisymmetric pairs, h₀ = 0) trained on the sum loss by
/// the exact gradient flow of the linearised network (or the infinite-width NTK,
/// width nil), so the residual on the data is u(t) = −e^{−Θ(X, X)t}y (time in
/// units of 1/m). Its DFT component û_k = Σ_i u(x_i) e^{−2πi f_k x_i} is measured after
/// one predicted e-fold t_k = 1/r_k, giving the rate −log(|û_k(t_k)|/|û_k(0)|)/t_k.
///
/// Prediction: the network's kernel is p_b·G(x − x′) plus parts in the affine null
/// space and the w-gradient term (`ExactReLUNTK`), so on data of density n/P the
/// flow acts on the Fourier component at ξ as multiplication by n·p_b·γ(ξ)²/P:
/// r_k = n p_b γ(f_k)²/P, p_b = 1/(2β) for b ~ U(−β, β). The edges of the
/// interval, the non-translation-invariant parts of the kernel and aliasing near
/// n/(2P) are what the prediction leaves out; the measurement keeps them.
public struct NetworkFrequencyDecay: Sendable {
  public let gamma: LFPGamma
  public let w: ParameterDistribution
  public let b: ParameterDistribution
  public let a: ParameterDistribution
  public let period: Double
  public let points: Int
  public let band: Int
  public let biasDensity: Double

  public init(
    w: ParameterDistribution, b: ParameterDistribution, a: ParameterDistribution, period: Double = 1,
    points: Int = 64, band: Int = 16
  ) throws(LFPError) {
    guard period > 0, points >= 4, band >= 1, 2 * band < points else {
      throw LFPError("network frequency decay: need P > 0 and 1 ≤ M < n/2 (M = \(band), n = \(points))")
    }
    guard case .uniform(let lo, let hi) = b, lo == -hi else {
      throw LFPError("network frequency decay: b must be uniform on a symmetric interval (found \(b))")
    }
    self.gamma = try LFPGamma(activation: .relu, dimension: 1, w: w, a: a)
    self.w = w
    self.b = b
    self.a = a
    self.period = period
    self.points = points
    self.band = band
    self.biasDensity = 1 / (2 * hi)
  }

  /// The data x_i and the target with coefficients from `seed`.
  public func data(seed: UInt64) throws(LFPError) -> LFPData<Double> {
    let x = (0..<points).map { -period / 2 + Double($0) * period / Double(points) }
    var rng = SplitMix64(seed: seed)
    let coefficients = (0..<(2 * band)).map { _ in 0.5 + 0.5 * unit(&rng) }
    let y = x.map { xi in
      (0..<band).reduce(0.0) {
        let phase = 2 * Double.pi * Double($1 + 1) / period * xi
        return $0 + coefficients[2 * $1] * Double.cos(phase) + coefficients[2 * $1 + 1] * Double.sin(phase)
      }
    }
    return try LFPData(x1: x, y: y)
  }

  /// The predicted rate r_k = n p_b γ(f_k)²/P.
  public func predictedRate(_ k: Int) throws(LFPError) -> Double {
    guard (1...band).contains(k) else { throw LFPError("frequency index k = \(k) is outside the band 1…\(band)") }
    return Double(points) * biasDensity * (try gamma.value(norm: Double(k) / period)) / period
  }

  /// The kernel flow on the data: the network of `width` drawn with the SplitMix64 hash of
  /// (`seed`, width) (`LFPGDProvider.initialisationSeed`: independent members; a seed
  /// s·γ + 7, γ SplitMix64's increment, put member s + 1 on member s's stream one draw
  /// later), or the exact NTK (width nil).
  public func flow(width: Int?, seed: UInt64) throws(LFPError) -> KernelFlow {
    let d = try data(seed: seed)
    if let width {
      let net = try LinearisedTwoLayer(
        activation: .relu, width: width, dimension: 1, w: w, b: b, a: a,
        seed: LFPGDProvider.initialisationSeed(Int(seed), width: width))
      return try net.flow(data: d, at: [])
    }
    return try ExactReLUNTK(w: w, b: b, a: a).flow(data: d, at: [])
  }

  /// The measured rate of frequency index k on a flow from `flow(width:seed:)`.
  public func measuredRate(_ k: Int, flow: KernelFlow) throws(LFPError) -> Double {
    let t = 1 / (try predictedRate(k))
    let start = componentMagnitude(flow.y.map { -$0 }, k: k)
    let h = try flow.dataValues(at: t)
    return -Double.log(componentMagnitude(zip(h, flow.y).map { $0 - $1 }, k: k) / start) / t
  }

  /// |û_k| = |Σ_i u_i e^{−2πi f_k x_i}|, f_k = k/P, of a residual u on the data points.
  func componentMagnitude(_ u: [Double], k: Int) -> Double {
    let f = Double(k) / period
    var re = 0.0
    var im = 0.0
    for i in 0..<points {
      let x = -period / 2 + Double(i) * period / Double(points)
      re += u[i] * Double.cos(2 * Double.pi * f * x)
      im -= u[i] * Double.sin(2 * Double.pi * f * x)
    }
    return (re * re + im * im).squareRoot()
  }
}
