import GradientFlow
import LinearAlgebra
import MultiPrecision
import NeuralNetworks
import RealModule

/// A wide two-layer network h(x) = Σ_{j=1}^m a_j σ(w_j·x + b_j) with the
/// antisymmetric initialisation of arXiv 1905.10264 (neurons in pairs (w, b, +a)
/// and (w, b, −a), so h_ini ≡ 0), trained by gradient flow on the sum loss
/// ½ Σ_i (h(x_i) − y_i)², in its linearised (NTK) form
///
///     h_t(x) = h_0(x) + ∇_θ h(x; θ_0)·(θ_t − θ_0),
///
/// whose function-space dynamics on the data is the linear flow
/// u′ = −Θ_m(X, X)(u − y) with the empirical neural tangent kernel
///
///     Θ_m(x, x′) = Σ_j [ σ(z_j)σ(z′_j) + a_j² σ′(z_j)σ′(z′_j)(x·x′ + 1) ],   z_j = w_j·x + b_j
///
/// (gradients in a_j; in w_j and b_j). Off the data h_t(x) = Θ_m(x, X)Θ_m(X, X)⁻¹h_t(X).
/// This is the exact gradient flow of the linearised network, not GD on the
/// network itself: the claims it serves are about the infinite-width and
/// long-time limits. Time is measured in units of 1/m (Θ_m/m is used).
public struct LinearisedTwoLayer: Sendable {
  /// The activations the two-layer networks train with: each has Double and eight-lane (SIMD8)
  /// kernels of σ and σ′ here and in `GDTrainedNetwork`; its closed forms (the power spectrum, γ²)
  /// are those of the registry's activation (`spectral`).
  public enum Activation: String, Sendable {
    case relu, tanh
    /// The registry's activation (`ActivationRegistry`), with its power spectrum.
    public var spectral: any SpectralActivation { self == .relu ? ReLU() : Tanh() }
  }
  public let activation: Activation
  public let w: [[Double]]
  public let b: [Double]
  public let a: [Double]
  public var width: Int { b.count }

  /// Draws m/2 neuron pairs with a seeded SplitMix64 generator; every component
  /// of w, and b and a, from its law (uniform or normal, as the authors' code).
  public init(
    activation: Activation, width m: Int, dimension d: Int, w wLaw: ParameterDistribution,
    b bLaw: ParameterDistribution, a aLaw: ParameterDistribution, seed: UInt64
  ) throws(LFPError) {
    guard m >= 2, m % 2 == 0 else { throw LFPError("width must be even and ≥ 2 (antisymmetric pairs), found \(m)") }
    var rng = SplitMix64(seed: seed)
    func draw(_ law: ParameterDistribution) throws(LFPError) -> Double {
      switch law {
      case .uniform(let lo, let hi): return lo + (hi - lo) * unit(&rng)
      case .normal(let mu, let sd):
        // Box–Muller.
        let u1 = max(unit(&rng), Double.leastNormalMagnitude)
        let u2 = unit(&rng)
        return mu + sd * (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
      case .constant(let c): return c
      case .cauchy: throw LFPError("cannot initialise a network from \(law): the LFP needs finite moments")
      }
    }
    var ws: [[Double]] = []
    var bs: [Double] = []
    var as_: [Double] = []
    for _ in 0..<(m / 2) {
      var wj: [Double] = []
      for _ in 0..<d { wj.append(try draw(wLaw)) }
      let bj = try draw(bLaw)
      let aj = try draw(aLaw)
      ws += [wj, wj]
      bs += [bj, bj]
      as_ += [aj, -aj]
    }
    self.activation = activation
    self.w = ws
    self.b = bs
    self.a = as_
  }

  /// A network with the given parameters (w_j ∈ ℝ^d, one row per neuron): for
  /// initialisations made elsewhere (the oracle fixtures); nothing is checked beyond
  /// the shapes (not even antisymmetry).
  public init(activation: Activation, w: [[Double]], b: [Double], a: [Double]) throws(LFPError) {
    guard !b.isEmpty, w.count == b.count, a.count == b.count, let d = w.first?.count, d >= 1,
      w.allSatisfy({ $0.count == d })
    else { throw LFPError("network parameters: need m ≥ 1 neurons with w (m × d), b (m), a (m)") }
    self.activation = activation
    self.w = w
    self.b = b
    self.a = a
  }

  /// Θ_m(x, x′)/m.
  public func kernel(_ x: [Double], _ xp: [Double]) -> Double {
    var dot = 1.0
    for k in 0..<x.count { dot += x[k] * xp[k] }
    var s = 0.0
    for j in 0..<width {
      var z = b[j]
      var zp = b[j]
      for k in 0..<x.count {
        z += w[j][k] * x[k]
        zp += w[j][k] * xp[k]
      }
      switch activation {
      case .relu:
        if z > 0 && zp > 0 { s += z * zp + a[j] * a[j] * dot }
      case .tanh:
        let t = Double.tanh(z)
        let tp = Double.tanh(zp)
        s += t * tp + a[j] * a[j] * (1 - t * t) * (1 - tp * tp) * dot
      }
    }
    return s / Double(width)
  }

  /// The gradient features of h at x: σ(z_j) (the a-gradient) and a_j σ′(z_j)
  /// (the b-gradient; the w-gradient is x times it), so that
  /// Θ_m(x, x′)/m = (φ·φ′ + (x·x′ + 1) ψ·ψ′)/m.
  func features(_ x: [Double]) -> (phi: [Double], psi: [Double]) {
    var phi = [Double](repeating: 0, count: width)
    var psi = phi
    for j in 0..<width {
      var z = b[j]
      for k in 0..<x.count { z += w[j][k] * x[k] }
      switch activation {
      case .relu:
        if z > 0 {
          phi[j] = z
          psi[j] = a[j]
        }
      case .tanh:
        let t = Double.tanh(z)
        phi[j] = t
        psi[j] = a[j] * (1 - t * t)
      }
    }
    return (phi, psi)
  }

  /// The linearised flow from h_0 = 0 on `data`, evaluated at `points` (`KernelFlow`
  /// with K = Θ_m/m; features computed once per point): `values(at: t)` is the
  /// network at time t (units of 1/m), `values(at: .infinity)` its long-time limit
  /// Θ(x, X)Θ(X, X)⁻¹y.
  public func flow(data: LFPData<Double>, at points: [[Double]]) throws(LFPError) -> KernelFlow {
    let dataFeatures = data.x.map(features)
    let m = Double(width)
    func k(
      _ x: [Double], _ f: (phi: [Double], psi: [Double]), _ xp: [Double], _ g: (phi: [Double], psi: [Double])
    )
      -> Double
    {
      var dot = 1.0
      for i in 0..<x.count { dot += x[i] * xp[i] }
      var s1 = 0.0
      var s2 = 0.0
      for j in 0..<width {
        s1 += f.phi[j] * g.phi[j]
        s2 += f.psi[j] * g.psi[j]
      }
      return (s1 + dot * s2) / m
    }
    let n = data.count
    let gram = Matrix<Double>(symmetric: n) { i, j in k(data.x[i], dataFeatures[i], data.x[j], dataFeatures[j]) }
    let cross = points.map { p in
      let f = features(p)
      return (0..<n).map { k(p, f, data.x[$0], dataFeatures[$0]) }
    }
    return try KernelFlow(gram: gram, cross: cross, y: data.y)
  }

  /// The long-time limit of the linearised flow from h_0 = 0: Θ(x, X)Θ(X, X)⁻¹y.
  public func limit(data: LFPData<Double>, at points: [[Double]]) throws(LFPError) -> [Double] {
    try flow(data: data, at: points).values(at: .infinity)
  }
}

/// The interpolant Σ_i c_i k(x, x_i) with k(X, X)c = y, for a positive definite kernel.
public struct KernelInterpolant {
  public let coefficients: [Double]
  let kernel: ([Double], [Double]) -> Double
  let data: LFPData<Double>

  public init(kernel: @escaping ([Double], [Double]) -> Double, data: LFPData<Double>) throws(LFPError) {
    let n = data.count
    let g = Matrix<Double>(symmetric: n) { i, j in kernel(data.x[i], data.x[j]) }
    do { coefficients = try g.solve(data.y) } catch { throw LFPError("kernel Gram matrix is singular: \(error)") }
    self.kernel = kernel
    self.data = data
  }

  public func values(at points: [[Double]]) -> [Double] {
    points.map { p in zip(coefficients, data.x).reduce(0) { $0 + $1.0 * kernel(p, $1.1) } }
  }
}

/// Relative L² distance ‖f − g‖ / ‖g‖ over equal-weight grid points.
public func relativeL2(_ f: [Double], _ g: [Double]) -> Double {
  let num = zip(f, g).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
  let den = g.reduce(0) { $0 + $1 * $1 }
  return (num / den).squareRoot()
}

/// A uniform draw in [0, 1) with 53 random bits.
func unit(_ rng: inout SplitMix64) -> Double { Double(rng.next() >> 11) * 0x1p-53 }
