import MultiPrecision
import Quadrature
import RealModule

/// The critical exponent of the Fourier-domain variational problem
///
///     min Q_α[h] = ∫_{ℝ^d} ⟨ξ⟩^α |F[h](ξ)|² dξ   subject to h(x_i) = y_i,   ⟨ξ⟩ = (1 + ‖ξ‖²)^{1/2}
///
/// (Luo, Ma, Wang, Xu, Zhang, arXiv 2012.03238, well-posedness and its critical
/// exponent; arXiv 2105.11675, the upper limit of the decaying rate of the LFP
/// model): the problem is well posed iff α > d. The reason is the energy of
/// the representer kernel G = F⁻¹[⟨ξ⟩^{−α}] at 0,
///
///     I_d(α) = ∫_{ℝ^d} (1 + ‖ξ‖²)^{−α/2} dξ = π^{d/2} Γ((α − d)/2) / Γ(α/2)   (α > d),
///
/// which is finite iff α > d (point evaluation is bounded on H^{α/2} iff α > d).
public enum CriticalExponent {
  /// π^{d/2} Γ((α − d)/2) / Γ(α/2); throws for α ≤ d, where the integral diverges.
  public static func energyClosedForm<T: RealScalar>(dimension d: Int, alpha: T) throws(LFPError) -> T {
    guard alpha > T(d) else {
      throw LFPError(
        "I_d(α) = ∫(1 + ‖ξ‖²)^{−α/2} dξ diverges for α ≤ d (α = \(alpha.decimalString(digits: 6)), d = \(d))")
    }
    let td = T(d)
    return T.pow(T.pi, td / 2) * T.exp(T.logGamma((alpha - td) / 2) - T.logGamma(alpha / 2))
  }

  /// S_{d−1} ∫₀^R (1 + r²)^{−α/2} r^{d−1} dr by quadrature (R = ∞ allowed),
  /// S_{d−1} = 2π^{d/2}/Γ(d/2).
  public static func energyByQuadrature<T: RealScalar>(
    dimension d: Int, alpha: T, radius: T,
    tolerance: T? = nil
  ) throws(LFPError) -> (value: T, error: T) {
    let sphere = 2 * T.pow(T.pi, T(d) / 2) / T.gamma(T(d) / 2)
    // Pieces [0, 1], [1, 10], [10, 100], … up to the radius (the integrand is a
    // power law at large r): each is easy, and the summed error is checked
    // against the tolerance relative to the sum.
    // An infinite radius: the tail beyond R₀ = 10⁶ as ∫₀¹ f(R₀/t) R₀/t² dt (an
    // endpoint power singularity t^{α−d−1}, which tanh-sinh handles).
    var cuts: [T] = [.zero]
    var c = T(1)
    let finiteEnd = radius.isFinite ? radius : T(1_000_000)
    while c < finiteEnd && cuts.count < 40 {
      cuts.append(c)
      c *= 10
    }
    cuts.append(finiteEnd)
    let tol = tolerance ?? 1024 * T.ulpOfOne
    let f: (T) -> T = { x in T.pow(1 + x * x, -alpha / 2) * T.pow(x, d - 1) }
    var total = T.zero
    var error = T.zero
    for (p, q) in zip(cuts, cuts.dropFirst()) where q > p {
      let r = Integration.integrate(f, from: p, to: q, tolerance: tol)
      if case .nonFinite = r.status { throw LFPError("I_d(α): non-finite integrand: \(r)") }
      total += r.value
      error += r.errorEstimate
    }
    if !radius.isFinite {
      let r0 = finiteEnd
      let r = Integration.integrate(
        { (t: T) -> T in t == 0 ? .zero : f(r0 / t) * r0 / (t * t) },
        from: .zero, to: T(1), tolerance: tol, rule: DoubleExponentialRule.tanhSinh)
      if case .nonFinite = r.status { throw LFPError("I_d(α): non-finite integrand in the tail: \(r)") }
      total += r.value
      error += r.errorEstimate
    }
    guard error <= tol * abs(total) else {
      throw LFPError(
        "quadrature of I_d(α) up to \(radius.decimalString(digits: 6)) did not converge: "
          + "\(total.decimalString(digits: 12)) ± \(error.decimalString(digits: 3))")
    }
    return (sphere * total, sphere * error)
  }

  /// The discrete problem on the lattice ξ = J Δξ, J ∈ ℤ^d, ‖J‖_∞ ≤ M (2012.03238's
  /// discretisation, ridge form): min Σ_J (1 + ‖J‖²Δξ²)^{α/2} |φ_J|² subject to
  /// Σ_J φ_J e^{2πiΔξ J·x_k} = y_k. Its solution is h = Σ_k c_k k_M(· − x_k) with
  /// k_M(z) = Σ_J (1 + ‖J‖²Δξ²)^{−α/2} cos(2πΔξ J·z). For two points x₁, x₂ with
  /// labels 1, 1 this returns h at their midpoint,
  ///
  ///     h(mid) = 2 k_M(z/2) / (k_M(0) + k_M(z)),   z = x₂ − x₁ = (separation, 0, …, 0),
  ///
  /// which stays away from 0 as M → ∞ when α > d and tends to 0 (a function
  /// non-zero only at the data) when α < d, since k_M(0) ~ M^{d−α} → ∞.
  public static func latticeMidpoint(
    dimension d: Int, alpha: Double, cutoff M: Int, separation: Double = 0.2,
    spacing: Double = 1
  ) throws(LFPError) -> Double {
    guard (1...3).contains(d) else { throw LFPError("lattice problem: d must be 1, 2 or 3 (found \(d))") }
    guard M >= 1 else { throw LFPError("lattice problem: cutoff M must be ≥ 1") }
    // Multiplicities of s = ‖J⊥‖² over the (d − 1)-dimensional cube ‖J⊥‖_∞ ≤ M.
    var mult = [Double](repeating: 0, count: (d - 1) * M * M + 1)
    switch d {
    case 1: mult[0] = 1
    case 2: for j in -M...M { mult[j * j] += 1 }
    default: for j in -M...M { for k in -M...M { mult[j * j + k * k] += 1 } }
    }
    let present = mult.indices.filter { mult[$0] > 0 }
    let dx2 = spacing * spacing
    var k0 = 0.0
    var kz = 0.0
    var kh = 0.0
    for j1 in 0...M {
      var inner = 0.0
      for s in present { inner += mult[s] * Double.pow(1 + Double(j1 * j1 + s) * dx2, -alpha / 2) }
      let sym = j1 == 0 ? 1.0 : 2.0
      let phase = 2 * Double.pi * spacing * Double(j1)
      k0 += sym * inner
      kz += sym * inner * Double.cos(phase * separation)
      kh += sym * inner * Double.cos(phase * separation / 2)
    }
    return 2 * kh / (k0 + kz)
  }
}
