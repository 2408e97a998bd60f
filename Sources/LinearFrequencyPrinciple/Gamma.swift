import MultiPrecision
import Quadrature
import RealModule

/// γ(ξ)², the rate of frequency ξ in the linear frequency principle (LFP)
///
///     ∂_t F[u](ξ, t) = −γ(ξ)² F[u_ρ](ξ, t),   u = h − f*, u_ρ = u·ρ,
///
/// of a wide two-layer network h(x) = Σ_j a_j σ(w_j·x + b_j) trained by gradient
/// flow (Zhang, Xu, Luo, Ma, arXiv 1905.10264, the LFP model; Luo, Ma, Xu, Zhang,
/// arXiv 2010.08153, the exact LFP operator). The expectation is over the
/// initial parameter laws; a is independent of w, r = ‖w‖. Overall positive
/// constants (the bias density, 1/σ_b in 2010.08153) are left out: they rescale
/// time only.
public struct LFPGamma: Sendable {
  public var activation: any SpectralActivation
  public var dimension: Int
  public var w: ParameterDistribution
  public var a: ParameterDistribution

  /// Checks the dimension and that the laws have the moments the formula needs.
  public init<Sigma: SpectralActivation>(
    activation: Sigma, dimension: Int = 1, w: ParameterDistribution,
    a: ParameterDistribution
  ) throws(LFPError) {
    guard dimension >= 1 else { throw LFPError("dimension must be at least 1, found \(dimension)") }
    guard activation.isReLU || dimension == 1 else {
      throw LFPError("γ² for \(activation.name) is implemented in d = 1 only (found d = \(dimension))")
    }
    self.activation = activation
    self.dimension = dimension
    self.w = w
    self.a = a
    try w.requireMoment(activation.isReLU ? 3 : 1, of: "w")
    try a.requireMoment(2, of: "a")
    if case .constant(0) = w { throw LFPError("w = const:0: every neuron is constant in x, γ² ≡ 0") }
  }

  /// The ReLU moments A = E[r³] and B = E[a² r] = E[a²] E[r] (a independent of w).
  public func reluMoments<T: RealScalar>(_: T.Type = T.self) throws(LFPError) -> (A: T, B: T) {
    let r3: T = try w.normMoment(3, dimension: dimension)
    let r1: T = try w.normMoment(1, dimension: dimension)
    let a2: T = try a.secondMoment()
    return (r3, a2 * r1)
  }

  static func requireNonzero<T: RealScalar>(_ xi: T) throws(LFPError) {
    guard xi != 0, xi.isFinite else {
      throw LFPError("ξ = \(xi.decimalString(digits: 6)): γ² is defined for finite ξ ≠ 0 (it diverges at ξ = 0)")
    }
  }

  /// ReLU in d dimensions, closed form (1905.10264; 2010.08153, LFP operator for ReLU):
  ///
  ///     γ(ξ)² = E[r³] / (16π⁴‖ξ‖^{d+3}) + E[a² r] / (4π²‖ξ‖^{d+1}).
  ///
  /// The first term is |F[ReLU]|² (the gradient in a), the second |F[ReLU′]|²
  /// (the gradients in w and b).
  public func reluClosedForm<T: RealScalar>(norm xi: T) throws(LFPError) -> T {
    try Self.requireNonzero(xi)
    let (A, B): (T, T) = try reluMoments()
    let x = abs(xi)
    let p2 = T.pi * T.pi
    return A / (16 * p2 * p2 * T.pow(x, dimension + 3)) + B / (4 * p2 * T.pow(x, dimension + 1))
  }

  /// Any activation in d = 1, as an expectation over the law of w:
  ///
  ///     γ(ξ)² = E[ (1/r) |F[σ](ξ/r)|² (1 + 4π² a² ξ²/r²) ]
  ///           = E_w[(1/r) S(ξ/r)] + 4π² ξ² E[a²] E_w[(1/r³) S(ξ/r)],   S = |F[σ]|²,
  ///
  /// (the a-gradient term |F[σ(w·+b)]|² averaged over b, plus the w-, b-gradient
  /// term |F[σ′(w·+b)]|² = (2πξ/r)² S(ξ/r)/r, as in 1905.10264's ReLU formula and
  /// the authors' tanh weight). Each expectation, and E[a²], is computed by
  /// quadrature over the density (split at w = 0), never in closed form, so
  /// that it checks `reluClosedForm` and covers laws without one. A neuron with
  /// r = 0 is constant and contributes 0.
  public func byQuadrature<T: RealScalar>(_ xi: T, tolerance: T? = nil) throws(LFPError) -> (value: T, error: T) {
    guard dimension == 1 else { throw LFPError("the quadrature route of γ² is for d = 1 (found d = \(dimension))") }
    try Self.requireNonzero(xi)
    let x = abs(xi)
    let act = activation
    // Default: 1024 ulps relative (the quadrature's own default, 64 ulps, sits at
    // its rounding floor for these sharply peaked integrands).
    let tolerance = tolerance ?? 1024 * T.ulpOfOne
    let first = try w.expectation(
      { (wv: T) -> T in
        let r = abs(wv)
        return r == 0 ? .zero : act.powerSpectrum(x / r) / r
      }, breakPoints: [.zero], tolerance: tolerance)
    let second = try w.expectation(
      { (wv: T) -> T in
        let r = abs(wv)
        return r == 0 ? .zero : act.powerSpectrum(x / r) / (r * r * r)
      }, breakPoints: [.zero], tolerance: tolerance)
    let a2 = try a.expectation({ (av: T) -> T in av * av }, breakPoints: [.zero], tolerance: tolerance)
    let c = 4 * T.pi * T.pi * x * x
    let value = first.value + c * a2.value * second.value
    let error = first.error + c * (a2.error * abs(second.value) + abs(a2.value) * second.error)
    return (value, error)
  }

  /// γ(ξ)² by the closed form where there is one (ReLU, or a constant w law),
  /// else by quadrature (d = 1).
  public func value<T: RealScalar>(norm xi: T) throws(LFPError) -> T {
    if activation.isReLU { return try reluClosedForm(norm: xi) }
    if case .constant(let c) = w {
      try Self.requireNonzero(xi)
      let r: T = real(abs(c))
      let x = abs(xi)
      let a2: T = try a.secondMoment()
      return activation.powerSpectrum(x / r) / r * (1 + 4 * T.pi * T.pi * a2 * x * x / (r * r))
    }
    return try byQuadrature(xi).value
  }
}
