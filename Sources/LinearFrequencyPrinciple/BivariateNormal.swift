import Quadrature
import RealModule

/// Orthant expectations of a bivariate normal pair (z, z′) with means μ₁, μ₂,
/// variances v₁, v₂ > 0 and covariance c, the two ReLU expectations of the
/// infinite-width NTK with Gaussian parameters. With s_i = √v_i, h = μ₁/s₁,
/// k = μ₂/s₂, r = c/(s₁s₂), r̄ = √(1 − r²):
///
///     P(z > 0, z′ > 0) = Φ₂(h, k; r),
///     E[z₊ z′₊] = s₁s₂ [hkΦ₂ − h E[V; ·] − k E[U; ·] + E[UV; ·]],
///
/// with (U, V) standard normal, correlation r, on the orthant {U < h, V < k}
/// (U = −(z − μ₁)/s₁) and the truncated moments (Rosenbaum 1961)
///
///     E[U; ·]  = −φ(h)Φ(A) − r φ(k)Φ(B),    E[V; ·] = −φ(k)Φ(B) − r φ(h)Φ(A),
///     E[UV; ·] = rΦ₂ − rhφ(h)Φ(A) − rkφ(k)Φ(B) + r̄² φ₂(h, k; r),
///
/// A = (k − rh)/r̄, B = (h − rk)/r̄, φ₂ the bivariate density. Φ₂ by its
/// one-dimensional form (Sheppard; t = sin θ):
///
///     Φ₂(h, k; r) = Φ(h)Φ(k) + (1/2π) ∫₀^{θ_r} exp(−(h − k)²/(2cos²θ) − hk/(1 + sin θ)) dθ,
///
/// θ_r = arcsin r, integrated by the adaptive `Integration.integrate`.
///
/// Near the diagonal (z′ → z, r → 1) r̄, A, B and h − k are ratios of small
/// numbers; the caller passes them in cancellation-free form: the Gram
/// determinant D = v₁v₂ − c² (r̄ = √D/(s₁s₂), θ_r = atan2(c, √D)),
/// N₁ = μ₂v₁ − cμ₁ and N₂ = μ₁v₂ − cμ₂ (A = N₁/(s₁√D), B = N₂/(s₂√D)), and
/// μ₁s₂ − μ₂s₁ (h − k = that/(s₁s₂)). D = 0 (z′ = z) takes the one-variable forms
/// Φ(h) and v₁[(h² + 1)Φ(h) + hφ(h)].
enum BivariateNormal {
  static func phi(_ x: Double) -> Double { Double.exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
  static func cdf(_ x: Double) -> Double { Double.erfc(-x / 2.0.squareRoot()) / 2 }

  /// The pair's moments, with the cancellation-free differences (see the type).
  struct Pair {
    var mean1: Double, mean2: Double, var1: Double, var2: Double, cov: Double
    /// v₁v₂ − c², N₁ = μ₂v₁ − cμ₁, N₂ = μ₁v₂ − cμ₂, μ₁s₂ − μ₂s₁.
    var det: Double, n1: Double, n2: Double, meanCross: Double
  }

  /// Φ₂(h, k; r) from h, k, h − k and θ_r.
  static func cdf2(_ h: Double, _ k: Double, hMinusK: Double, thetaR: Double) -> Double {
    let q = Integration.integrate(
      { (th: Double) -> Double in
        let c = Double.cos(th)
        return Double.exp(-hMinusK * hMinusK / (2 * c * c) - h * k / (1 + Double.sin(th)))
      }, from: 0, to: thetaR, tolerance: 1e-14)
    return cdf(h) * cdf(k) + q.value / (2 * Double.pi)
  }

  /// (E[z₊z′₊], P(z > 0, z′ > 0)).
  static func reluMoments(_ p: Pair) -> (product: Double, probability: Double) {
    let s1 = p.var1.squareRoot()
    let s2 = p.var2.squareRoot()
    let h = p.mean1 / s1
    let k = p.mean2 / s2
    guard p.det > 0 else {
      // z′ = z: one-variable forms.
      let q = cdf(h)
      return (p.var1 * ((h * h + 1) * q + h * phi(h)), q)
    }
    let sd = p.det.squareRoot()
    let r = p.cov / (s1 * s2)
    let rb = sd / (s1 * s2)
    let hk = p.meanCross / (s1 * s2)
    let prob = cdf2(h, k, hMinusK: hk, thetaR: Double.atan2(y: p.cov, x: sd))
    let ah = cdf(p.n1 / (s1 * sd))
    let ak = cdf(p.n2 / (s2 * sd))
    let eu = -phi(h) * ah - r * phi(k) * ak
    let ev = -phi(k) * ak - r * phi(h) * ah
    // φ₂(h, k; r) r̄² = r̄ exp(−(h² − 2rhk + k²)/(2r̄²))/(2π), h² − 2rhk + k² = (h − k)² + 2(1 − r)hk.
    let oneMinusR = rb * rb / (1 + r)
    let density = rb * Double.exp(-(hk * hk + 2 * oneMinusR * h * k) / (2 * rb * rb)) / (2 * Double.pi)
    let euv = r * prob - r * h * phi(h) * ah - r * k * phi(k) * ak + density
    return (s1 * s2 * (h * k * prob - h * ev - k * eu + euv), prob)
  }
}
