import MultiPrecision
import Quadrature
import RealModule

extension ExactReLUNTK {
  /// The normal route: (z, z′) = (w·x + b, w·x′ + b) is bivariate normal with
  /// means μ_w Σ_k x_k + μ_b, variances σ_w²‖x‖² + σ_b², covariance σ_w² x·x′ + σ_b²
  /// (the components of w are i.i.d. N(μ_w, σ_w²), b ~ N(μ_b, σ_b²)), and
  /// K = E[z₊z′₊] + E[a²] P(z > 0, z′ > 0)(x·x′ + 1) by `BivariateNormal`.
  func normalKernel(_ x: [Double], _ xp: [Double]) -> Double {
    guard case .normal(let mw, let sw, let mb, let sb) = law else { preconditionFailure("normal law expected") }
    let w2 = sw * sw
    let b2 = sb * sb
    var sx = 0.0, xx = 0.0, xxp = 0.0, xpxp = 0.0, xd = 0.0, dd = 0.0, sumD = 0.0, wedge = 0.0
    for i in 0..<x.count {
      let di = xp[i] - x[i]
      sx += x[i]
      sumD += di
      xx += x[i] * x[i]
      xxp += x[i] * xp[i]
      xpxp += xp[i] * xp[i]
      xd += x[i] * di
      dd += di * di
      for j in 0..<i {
        let m = x[i] * xp[j] - x[j] * xp[i]
        wedge += m * m
      }
    }
    let mu1 = mw * sx + mb
    let mu2 = mw * (sx + sumD) + mb
    let v1 = w2 * xx + b2
    let v2 = w2 * xpxp + b2
    let c = w2 * xxp + b2
    // v₁v₂ − c² = σ_w⁴‖x ∧ x′‖² + σ_w²σ_b²‖x − x′‖² (Lagrange's identity).
    let det = w2 * w2 * wedge + w2 * b2 * dd
    // μ₂v₁ − cμ₁ = μ_wσ_w²(Σδ‖x‖² − Σx·(x·δ)) + μ_wσ_b²Σδ − μ_bσ_w² x·δ, δ = x′ − x, and symmetrically.
    let n1 = mw * w2 * (sumD * xx - sx * xd) + mw * b2 * sumD - mb * w2 * xd
    let xpd = xd + dd  // x′·δ
    let sxp = sx + sumD
    let n2 = -(mw * w2 * (sumD * xpxp - sxp * xpd) + mw * b2 * sumD - mb * w2 * xpd)
    // μ₁s₂ − μ₂s₁ = μ₁(s₂ − s₁) − (μ₂ − μ₁)s₁, s₂ − s₁ = σ_w² δ·(x + x′)/(s₁ + s₂).
    let s1 = v1.squareRoot()
    let s2 = v2.squareRoot()
    let meanCross = mu1 * w2 * (xd + xpd) / (s1 + s2) - mw * sumD * s1
    let m = BivariateNormal.reluMoments(
      .init(mean1: mu1, mean2: mu2, var1: v1, var2: v2, cov: c, det: det, n1: n1, n2: n2, meanCross: meanCross))
    return m.product + a2 * m.probability * (xxp + 1)
  }

  /// The independent check of the normal route in d = 1, at the precision of
  /// `T` (MPFR for `MPFloat`): conditioned on w, the b-expectation is the
  /// one-variable truncated-normal form (α = (c − μ_b)/σ_b, c = max(−wx, −wx′),
  /// Q = P(b > c) = erfc(α/√2)/2):
  ///
  ///     E[(wx + b)(wx′ + b) + E[a²](xx′ + 1); b > c]
  ///       = (w²xx′ + E[a²](xx′ + 1))Q + w(x + x′)(μ_bQ + σ_bφ(α)) + (μ_b² + σ_b²)Q + σ_bφ(α)(c + μ_b),
  ///
  /// and the w-expectation is adaptive quadrature over the law of w (cut at ±20
  /// standard deviations, mass beyond < e^{−200}), split at w = 0 (where c switches
  /// branch) and at μ_w ± 2, 4, 8 σ_w. It shares no formula with the bivariate route
  /// (no Φ₂, no truncated bivariate moments). Returns the value and the error estimate.
  public func byQuadrature<T: RealScalar>(_ x: T, _ xp: T, tolerance: T) throws(LFPError) -> (value: T, error: T) {
    guard case .normal(let mwD, let swD, let mbD, let sbD) = law, dimension == 1 else {
      throw LFPError("byQuadrature(_:_:tolerance:) checks the normal route in d = 1")
    }
    let (mw, sw, mb, sb, a2t): (T, T, T, T, T) = (real(mwD), real(swD), real(mbD), real(sbD), real(a2))
    let norm = 1 / T.sqrt(2 * T.pi)
    let lo = mw - 20 * sw
    let hi = mw + 20 * sw
    var breaks: [T] = [-8, -4, -2, 2, 4, 8].map { mw + T($0) * sw }
    if lo < 0 && 0 < hi { breaks.append(T.zero) }
    let outer = Integration.integrate(
      { (wv: T) -> T in
        let c = max(-wv * x, -wv * xp)
        let alpha = (c - mb) / sb
        let q = T.erfc(alpha / T.sqrt(2)) / 2
        let ph = norm * T.exp(-alpha * alpha / 2)
        let constant: T = (wv * wv * x * xp + a2t * (x * xp + 1)) * q
        let linear: T = wv * (x + xp) * (mb * q + sb * ph)
        let quadratic: T = (mb * mb + sb * sb) * q + sb * ph * (c + mb)
        let inner: T = constant + linear + quadratic
        let z = (wv - mw) / sw
        return inner * norm / sw * T.exp(-z * z / 2)
      }, from: lo, to: hi, tolerance: tolerance, breakPoints: breaks.sorted())
    guard outer.isConverged || outer.status == QuadratureStatus<T>.belowAbsoluteError else {
      throw LFPError("exact NTK quadrature did not converge: \(outer.status)")
    }
    return (outer.value, outer.errorEstimate)
  }
}
