import GradientFlow
import LinearAlgebra
import MultiPrecision
import Quadrature
import RealModule

/// The infinite-width limit of the (normalised) empirical kernel of
/// `LinearisedTwoLayer` for ReLU (Jacot, Gabriel, Hongler 2018, the NTK; its
/// m → ∞ limit by the law of large numbers), z = w·x + b, a independent of (w, b):
///
///     K(x, x′) = E[ReLU(z) ReLU(z′)] + E[a²] P(z > 0, z′ > 0) (x·x′ + 1).
///
/// Two parameter laws, each exact:
///
/// - **uniform** (d = 1): w ~ U(W₁, W₂), b ~ U(−β, β). The b-expectation is done in
///   closed form: with u = wx, v = wx′, the integrand is non-zero for
///   b > c = max(−u, −v), so E_b[·] = (1/2β) ∫_{max(c,−β)}^{β} (u + b)(v + b) db
///   (resp. the interval length). The result is a piecewise polynomial of degree
///   ≤ 3 in w, with breaks at w = 0 and where ±β = −wx or −wx′; it is integrated
///   exactly by 4-point Gauss–Legendre on each piece. For a symmetric law
///   W₁ = −W₂ = −W and β ≥ W·max(|x|, |x′|) the whole kernel is the polynomial
///   (`symmetricClosedForm`, derived by carrying out both integrals)
///
///       K = β²/6 + E[a²]/2 + (E[w²] + E[a²]) x x′/2 + (1/2β)[G(x − x′) − (B/2)|x − x′| x x′],
///
///   G(δ) = A|δ|³/12 − B|δ|/2 the LFP kernel of `ReLULFPLimit` (A = E|w|³,
///   B = E[a²]E|w|): the LFP kernel enters with the bias density p_b = 1/(2β)
///   (`biasDensity`), the constant and x x′ parts lie in its affine null space, and
///   the w-gradient term −(B/4β)|x − x′| x x′ is the model error no width removes.
/// - **normal** (any d): every component of w ~ N(μ_w, σ_w²), b ~ N(μ_b, σ_b²). Then
///   (z, z′) is bivariate normal with means μ_wΣx_k + μ_b (and the same for x′),
///   variances σ_w²‖x‖² + σ_b² and covariance σ_w² x·x′ + σ_b², and both expectations
///   are the orthant moments of `BivariateNormal` (closed form up to Φ₂).
///
/// The LFP kernel G of `ReLULFPLimit` is only the translation-invariant part
/// (2010.08153, the large-bias limit): the constant and x·x′ parts, and the
/// w-gradient term, leave a model-error floor between the trained network and
/// the LFP limit.
public struct ExactReLUNTK: Sendable {
  public enum Law: Sendable, Equatable {
    case uniform(wLow: Double, wHigh: Double, beta: Double)
    case normal(wMean: Double, wSD: Double, bMean: Double, bSD: Double)
  }
  public let law: Law
  public let a2: Double
  public let dimension: Int

  /// Uniform w and b (b on a symmetric interval; d = 1), or normal w and b (any d).
  public init(
    w: ParameterDistribution, b: ParameterDistribution, a: ParameterDistribution, dimension: Int = 1
  ) throws(LFPError) {
    guard dimension >= 1 else { throw LFPError("exact NTK: dimension must be ≥ 1, found \(dimension)") }
    switch (w, b) {
    case (.uniform(let wl, let wh), .uniform(let bl, let bh)):
      guard bl == -bh else { throw LFPError("exact NTK: uniform b must be on a symmetric interval (found \(b))") }
      guard dimension == 1 else { throw LFPError("exact NTK: uniform laws are for d = 1 (found d = \(dimension))") }
      law = .uniform(wLow: wl, wHigh: wh, beta: bh)
    case (.normal(let mw, let sw), .normal(let mb, let sb)):
      law = .normal(wMean: mw, wSD: sw, bMean: mb, bSD: sb)
    default:
      throw LFPError("exact NTK: w and b must both be uniform or both be normal (found w = \(w), b = \(b))")
    }
    self.dimension = dimension
    a2 = try a.secondMoment()
  }

  /// The density of b where the LFP kernel enters the NTK (p_b = 1/(2β) for
  /// b ~ U(−β, β)); nil for normal b, whose density is not constant.
  public var biasDensity: Double? {
    if case .uniform(_, _, let beta) = law { return 1 / (2 * beta) }
    return nil
  }

  /// K(x, x′) for points of the kernel's dimension.
  public func callAsFunction(_ x: [Double], _ xp: [Double]) -> Double {
    precondition(x.count == dimension && xp.count == dimension, "ExactReLUNTK: points must have d = \(dimension)")
    switch law {
    case .uniform: return uniformKernel(x[0], xp[0])
    case .normal: return normalKernel(x, xp)
    }
  }

  /// K(x, x′) in d = 1.
  public func callAsFunction(_ x: Double, _ xp: Double) -> Double { self([x], [xp]) }

  /// The polynomial form of K for symmetric uniform laws (see the type's
  /// comment), or nil where it does not apply (W₁ ≠ −W₂, or β < W·max(|x|, |x′|)).
  public func symmetricClosedForm(_ x: Double, _ xp: Double) -> Double? {
    guard case .uniform(let wl, let wh, let beta) = law, wl == -wh, beta >= wh * max(abs(x), abs(xp)) else {
      return nil
    }
    let ew2 = wh * wh / 3
    let A = wh * wh * wh / 4
    let B = a2 * wh / 2
    let d = abs(x - xp)
    let xx = x * xp
    let affine = beta * beta / 6 + a2 / 2 + (ew2 + a2) * xx / 2
    return affine + (A * d * d * d / 12 - B * d / 2 - B * d * xx / 2) / (2 * beta)
  }

  /// The kernel flow of the infinite-width network on `data` at `points` (`KernelFlow`).
  public func flow(data: LFPData<Double>, at points: [[Double]]) throws(LFPError) -> KernelFlow {
    guard data.dimension == dimension else {
      throw LFPError("exact NTK: data have d = \(data.dimension), the kernel d = \(dimension)")
    }
    let n = data.count
    let gram = Matrix<Double>(symmetric: n) { i, j in self(data.x[i], data.x[j]) }
    return try KernelFlow(gram: gram, cross: points.map { p in data.x.map { self(p, $0) } }, y: data.y)
  }

  /// The two b-expectations at fixed w: (E_b[ReLU·ReLU], E_b[1·1]).
  func inner(_ wv: Double, _ x: Double, _ xp: Double, beta: Double) -> (Double, Double) {
    let u = wv * x
    let v = wv * xp
    let lo = max(max(-u, -v), -beta)
    let hi = beta
    guard lo < hi else { return (0, 0) }
    func anti(_ t: Double) -> Double { u * v * t + (u + v) * t * t / 2 + t * t * t / 3 }
    return ((anti(hi) - anti(lo)) / (2 * beta), (hi - lo) / (2 * beta))
  }

  func uniformKernel(_ x: Double, _ xp: Double) -> Double {
    guard case .uniform(let wLow, let wHigh, let beta) = law else { preconditionFailure("uniform law expected") }
    var cuts = [wLow, wHigh, 0]
    for p in [x, xp] where p != 0 { cuts += [beta / p, -beta / p] }
    cuts = cuts.filter { $0 >= wLow && $0 <= wHigh }.sorted()
    // 4-point Gauss–Legendre nodes and weights on [−1, 1].
    let s1 = (3.0 / 7 - 2.0 / 7 * (6.0 / 5).squareRoot()).squareRoot()
    let s2 = (3.0 / 7 + 2.0 / 7 * (6.0 / 5).squareRoot()).squareRoot()
    let w1 = (18 + 30.0.squareRoot()) / 36
    let w2 = (18 - 30.0.squareRoot()) / 36
    let nodes = [(-s2, w2), (-s1, w1), (s1, w1), (s2, w2)]
    var k1 = 0.0
    var k0 = 0.0
    for (lo, hi) in zip(cuts, cuts.dropFirst()) where hi > lo {
      let mid = (lo + hi) / 2
      let half = (hi - lo) / 2
      for (t, wt) in nodes {
        let (r, i) = inner(mid + half * t, x, xp, beta: beta)
        k1 += wt * half * r
        k0 += wt * half * i
      }
    }
    let width = wHigh - wLow
    return (k1 + a2 * k0 * (x * xp + 1)) / width
  }

  /// The same expectation by adaptive 2-D quadrature (the independent check):
  /// nested `Integration.integrate` over b then w, split at the kinks.
  public func byQuadrature(_ x: Double, _ xp: Double) -> Double {
    guard case .uniform(let wLow, let wHigh, let beta) = law else {
      preconditionFailure("byQuadrature is the check of the uniform route (normal: byMPFRQuadrature)")
    }
    let a2 = self.a2
    var outerBreaks: [Double] = [0]
    for p in [x, xp] where p != 0 { outerBreaks += [beta / p, -beta / p] }
    outerBreaks = outerBreaks.filter { $0 > wLow && $0 < wHigh }.sorted()
    let outer = Integration.integrate(
      { (wv: Double) -> Double in
        let kinks = [-wv * x, -wv * xp].filter { $0 > -beta && $0 < beta }
        let r = Integration.integrate(
          { (bv: Double) -> Double in
            let z = wv * x + bv
            let zp = wv * xp + bv
            return z > 0 && zp > 0 ? z * zp + a2 * (x * xp + 1) : 0
          }, from: -beta, to: beta, breakPoints: kinks.sorted())
        return r.value / (2 * beta)
      }, from: wLow, to: wHigh, breakPoints: outerBreaks)
    return outer.value / (wHigh - wLow)
  }
}
