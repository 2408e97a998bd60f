import BallArithmetic
import MultiPrecision
import NeuralNetworks
import Quadrature

/// Certified enclosures of γ(ξ)² and of the critical-exponent integrals, on Arb balls
/// (`Integration.certifiedIntegral`), with tail bounds from majorants that the code
/// derives from the integrands it constructs (stated with each function).
extension ParameterDistribution {
  /// A parameter of the law as a ball enclosing its decimal.
  static func ball(_ x: Double, precision: Int) -> AcbBall {
    AcbBall(decimal: String(x), precision: precision) ?? AcbBall(MPFloat(x, precision: 64), precision: precision)
  }

  /// E[X²] as a ball (uniform (a² + ab + b²)/3, normal m² + s², const c²); nil for Cauchy.
  func secondMomentBall(precision p: Int) -> AcbBall? {
    switch self {
    case .uniform(let a, let b):
      let (ta, tb) = (Self.ball(a, precision: p), Self.ball(b, precision: p))
      return (ta * ta + ta * tb + tb * tb) / 3
    case .normal(let m, let s):
      let (tm, ts) = (Self.ball(m, precision: p), Self.ball(s, precision: p))
      return tm * tm + ts * ts
    case .constant(let c):
      let t = Self.ball(c, precision: p)
      return t * t
    case .cauchy: return nil
    }
  }
}

extension ParameterDistribution {
  /// E‖w‖^p as a ball for the laws whose moment is elementary in any d (`normMoment`):
  /// const:C gives (|C|√d)^p, normal:0,SD the χ_d moment SD^p 2^(p/2) Γ((d+p)/2)/Γ(d/2);
  /// nil otherwise.
  func normMomentBall(_ p: Int, dimension d: Int, precision bits: Int) -> AcbBall? {
    switch self {
    case .constant(let c):
      let r = AcbBall.abs(Self.ball(c, precision: bits)) * AcbBall.sqrt(AcbBall(d, precision: bits))
      return AcbBall.pow(r, p)
    case .normal(let m, let s) where m == 0:
      let half = AcbBall(1, precision: bits) / 2
      let v =
        AcbBall.pow(Self.ball(s, precision: bits), p) * AcbBall.pow(AcbBall.sqrt(AcbBall(2, precision: bits)), p)
        * AcbBall.gamma(AcbBall(d + p, precision: bits) * half) / AcbBall.gamma(AcbBall(d, precision: bits) * half)
      return v.isFinite ? v : nil
    default:
      return nil
    }
  }
}

extension LFPGamma {
  /// The ReLU closed form E[r³]/(16π⁴‖ξ‖^(d+3)) + E[a²] E[r]/(4π²‖ξ‖^(d+1)) (`reluClosedForm`)
  /// on balls, for the laws of w with an elementary `normMomentBall`; nil otherwise.
  public func certifiedReluClosedForm(xi: AcbBall, precision p: Int) -> AcbBall? {
    guard activation.isReLU, !xi.containsZero, xi.isFinite,
      let r3 = w.normMomentBall(3, dimension: dimension, precision: p),
      let r1 = w.normMomentBall(1, dimension: dimension, precision: p),
      let a2 = a.secondMomentBall(precision: p)
    else { return nil }
    let x = AcbBall.abs(xi)
    let pi = AcbBall.pi(precision: p)
    let p2 = pi * pi
    return r3 / (16 * p2 * p2 * AcbBall.pow(x, dimension + 3)) + a2 * r1 / (4 * p2 * AcbBall.pow(x, dimension + 1))
  }

  /// γ(ξ)² for tanh with a uniform law of w, certified (d = 1):
  ///
  ///     γ² = E_w[P(ξ/|w|)/|w|] + 4π²ξ² E[a²] E_w[P(ξ/|w|)/|w|³],   P(q) = π² csch²(π²q).
  ///
  /// Each E_w is (1/(b − a)) Σ over the signs of w of ∫ P(ξ/w)/w^m dw on (0, h], h = |a| or b,
  /// which u = 1/w turns into ∫_{1/h}^∞ π² csch²(cu) u^(m−2) du, c = π²|ξ|: analytic on the
  /// range (the essential singularity of the integrand at w = 0 has gone to u = ∞), with the
  /// majorant csch²(cu) = 4e^(−2cu)/(1 − e^(−2cu))² ≤ 4e^(−2cu)/(1 − e^(−2cU))² on u ≥ U.
  /// Returns nil when the law or activation is not of this kind or a piece is not certified.
  public func certifiedTanh(xi: AcbBall, precision p: Int) -> AcbBall? {
    guard activation is Tanh, dimension == 1, case .uniform(let lo, let hi) = w, lo < hi, !xi.containsZero,
      xi.isFinite,
      let a2 = a.secondMomentBall(precision: p)
    else { return nil }
    let pi = AcbBall.pi(precision: p)
    let x = AcbBall.abs(xi)
    let c = pi * pi * x
    // Ranges of |w| with their u-intervals [1/h, 1/l] (l = 0: to ∞).
    var ranges: [(Double, Double)] = []
    if lo < 0 { ranges.append((Swift.max(0, -hi), -lo)) }
    if hi > 0 { ranges.append((Swift.max(0, lo), hi)) }
    var sums: [AcbBall] = []
    for m in [1, 3] {
      var total = AcbBall(0, precision: p)
      for (l, h) in ranges {
        let g: (AcbBall) -> AcbBall = { u in
          pi * pi * AcbBall.square(AcbBall.csch(c * u)) * AcbBall.pow(u, m - 2)
        }
        let start = MPFloat(1, precision: p) / MPFloat(h, precision: p)
        let r: CertifiedQuadratureResult
        if l > 0 {
          r = Integration.certifiedIntegral(
            g, from: start, to: MPFloat(1, precision: p) / MPFloat(l, precision: p), precision: p)
        } else {
          r = Integration.certifiedIntegral(
            g, from: start,
            toInfinityWithTail: { t in
              let tb = AcbBall(t, precision: p)
              let scale = 4 * pi * pi / AcbBall.square(1 - AcbBall.exp(-2 * c * tb))
              return TailMajorant([
                DecayTerm(
                  scale: scale, power: AcbBall(m - 2, precision: p), rate: 2 * c,
                  gaussianRate: AcbBall(0, precision: p))
              ]).tailBound(from: t)
            }, precision: p)
        }
        guard r.isRigorous else { return nil }
        total = total + r.enclosure
      }
      sums.append(total / (Self.ballOf(hi, p) - Self.ballOf(lo, p)))
    }
    return sums[0] + 4 * pi * pi * x * x * a2 * sums[1]
  }

  static func ballOf(_ x: Double, _ p: Int) -> AcbBall { ParameterDistribution.ball(x, precision: p) }
}

extension CriticalExponent {
  /// π^(d/2) Γ((α − d)/2)/Γ(α/2) as a ball (α > d), nil for α ≤ d.
  public static func energyClosedFormBall(dimension d: Int, alpha: AcbBall) -> AcbBall? {
    let p = alpha.precision
    let td = AcbBall(d, precision: p)
    let v =
      AcbBall.exp(td / 2 * AcbBall.log(AcbBall.pi(precision: p))) * AcbBall.gamma((alpha - td) / 2)
      / AcbBall.gamma(alpha / 2)
    guard (alpha - td).realBall.isPositive, v.isFinite else { return nil }
    return v
  }

  /// S_{d−1} ∫₀^R (1 + r²)^(−α/2) r^(d−1) dr, certified (R = ∞ allowed, α > d then), with
  /// S_{d−1} = 2π^(d/2)/Γ(d/2). On [R₀, ∞) the integrand is ≤ r^(d−1−α) ((1 + r²) ≥ r²), so
  /// the tail beyond T is at most T^(d−α)/(α − d) (`DecayTerm.tailIntegral`). Returns nil
  /// when an enclosure is not rigorous.
  public static func energyCertified(dimension d: Int, alpha: AcbBall, radius: MPFloat) -> CertifiedQuadratureResult? {
    let p = alpha.precision
    let half = -alpha / 2
    let f: (AcbBall) -> AcbBall = { r in AcbBall.pow(1 + r * r, half) * AcbBall.pow(r, d - 1) }
    let zero = MPFloat(0, precision: p)
    var r: CertifiedQuadratureResult
    if radius.isFinite {
      r = Integration.certifiedIntegral(f, from: zero, to: radius, precision: p)
    } else {
      let majorant = TailMajorant([
        DecayTerm(
          scale: AcbBall(1, precision: p), power: AcbBall(d - 1, precision: p) - alpha,
          rate: AcbBall(0, precision: p), gaussianRate: AcbBall(0, precision: p))
      ])
      r = Integration.certifiedIntegral(
        f, from: zero, toInfinityWithTail: { majorant.tailBound(from: $0) }, precision: p)
    }
    guard r.isRigorous else { return nil }
    let pi = AcbBall.pi(precision: p)
    let td = AcbBall(d, precision: p)
    let sphere = 2 * AcbBall.exp(td / 2 * AcbBall.log(pi)) / AcbBall.gamma(td / 2)
    r.enclosure = sphere * r.enclosure
    return r
  }
}
