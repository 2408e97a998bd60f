import MultiPrecision
import Quadrature
import RealModule

/// The infinite-width limit of the (normalised) empirical kernel of
/// `LinearisedTwoLayer` for ReLU in d = 1:
///
///     K(x, x′) = E[ReLU(wx + b) ReLU(wx′ + b)] + E[a²] E[1{wx + b > 0} 1{wx′ + b > 0}] (x x′ + 1),
///
/// w ~ U(−W₁, W₂), b ~ U(−β, β), a independent (Jacot, Gabriel, Hongler 2018, the
/// NTK; its m → ∞ limit by the law of large numbers). The b-expectation is done in
/// closed form: with u = wx, v = wx′, the integrand is non-zero for
/// b > c = max(−u, −v), so E_b[·] = (1/2β) ∫_{max(c,−β)}^{β} (u + b)(v + b) db
/// (resp. the interval length). The result is a piecewise polynomial of degree
/// ≤ 3 in w, with breaks at w = 0 and where ±β = −wx or −wx′; it is integrated
/// exactly by 4-point Gauss–Legendre on each piece.
///
/// The LFP kernel G of `ReLULFPLimit` is only its translation-invariant part
/// (2010.08153, the large-bias limit): the constant and x·x′ parts, and the
/// w-gradient term, leave a model-error floor between the trained network and
/// the LFP limit.
public struct ExactReLUNTK: Sendable {
  public let wLow: Double, wHigh: Double, beta: Double, a2: Double

  public init(w: ParameterDistribution, b: ParameterDistribution, a: ParameterDistribution) throws(LFPError) {
    guard case .uniform(let wl, let wh) = w else { throw LFPError("exact NTK: w must be uniform (found \(w))") }
    guard case .uniform(let bl, let bh) = b, bl == -bh else {
      throw LFPError("exact NTK: b must be uniform on a symmetric interval (found \(b))")
    }
    wLow = wl
    wHigh = wh
    beta = bh
    a2 = try a.secondMoment()
  }

  /// The two b-expectations at fixed w: (E_b[ReLU·ReLU], E_b[1·1]).
  func inner(_ wv: Double, _ x: Double, _ xp: Double) -> (Double, Double) {
    let u = wv * x
    let v = wv * xp
    let lo = max(max(-u, -v), -beta)
    let hi = beta
    guard lo < hi else { return (0, 0) }
    func anti(_ t: Double) -> Double { u * v * t + (u + v) * t * t / 2 + t * t * t / 3 }
    return ((anti(hi) - anti(lo)) / (2 * beta), (hi - lo) / (2 * beta))
  }

  public func callAsFunction(_ x: Double, _ xp: Double) -> Double {
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
        let (r, i) = inner(mid + half * t, x, xp)
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
    let beta = self.beta
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
