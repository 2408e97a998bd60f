import MultiPrecision
import RealModule

/// How a layer's weights enter its pre-activation.
///
/// - `standard`: z = W a + b (PyTorch's `Linear`).
/// - `ntk`: z = W a / √(fan-in) + b (the neural-tangent parameterisation of
///   Jacot et al.; usually with W ~ N(0, 1)).
public enum Parameterization: String, Sendable, Codable {
  case standard
  case ntk
}

/// A fully connected network f(x; θ): ℝᵈ → ℝᵏ with layer widths
/// `widths = [d, n₁, …, n_{L−1}, k]`:
///
///     a⁰ = x,  zˡ = cₗ Wˡ aˡ⁻¹ + bˡ,  aˡ = σ(zˡ) (l < L),  f = z^L,
///
/// Wˡ of shape nₗ × nₗ₋₁ (out × in), cₗ = 1 (standard) or 1/√nₗ₋₁ (NTK); the
/// last layer is linear.
///
/// θ is one flat vector, layer by layer: Wˡ row-major then bˡ. The same code runs
/// in any `RealScalar`: Double (matrix products by CBLAS `dgemm`) and `MPFloat`
/// (plain loops, for gradients at high precision).
public struct Network<Scalar: NetworkScalar>: Sendable {
  /// [d, n₁, …, k].
  public let widths: [Int]
  public var activation: any Activation
  public let parameterization: Parameterization
  /// θ, layout described above.
  public var parameters: [Scalar]

  /// A network with explicit parameters (count must equal `parameterCount(widths)`).
  public init(
    widths: [Int], activation: any Activation, parameterization: Parameterization = .standard,
    parameters: [Scalar]
  ) {
    precondition(widths.count >= 2 && widths.allSatisfy { $0 >= 1 }, "widths need d ≥ 1, k ≥ 1")
    precondition(parameters.count == Self.parameterCount(widths), "parameter count mismatch")
    self.widths = widths
    self.activation = activation
    self.parameterization = parameterization
    self.parameters = parameters
  }

  /// Σₗ (nₗ nₗ₋₁ + nₗ).
  public static func parameterCount(_ widths: [Int]) -> Int {
    var c = 0
    for l in 1..<widths.count { c += widths[l] * widths[l - 1] + widths[l] }
    return c
  }

  public var inputDimension: Int { widths[0] }
  public var outputDimension: Int { widths[widths.count - 1] }
  /// L, the number of affine layers.
  public var layerCount: Int { widths.count - 1 }
  public var parameterCount: Int { parameters.count }

  /// Offset in θ of Wˡ for layer index `l` in 0..<L (layer l maps widths[l] → widths[l+1]).
  public func weightOffset(_ l: Int) -> Int {
    var o = 0
    for j in 0..<l { o += widths[j + 1] * widths[j] + widths[j + 1] }
    return o
  }
  /// Offset in θ of bˡ.
  public func biasOffset(_ l: Int) -> Int { weightOffset(l) + widths[l + 1] * widths[l] }

  /// cₗ for layer index `l`.
  public func weightMultiplier(_ l: Int) -> Scalar {
    switch parameterization {
    case .standard: return 1
    case .ntk: return 1 / Scalar.sqrt(Scalar(Double(widths[l])))
    }
  }

  /// The same network with every parameter converted to `U` (rounded to U's working precision).
  public func converted<U: NetworkScalar>(to: U.Type = U.self) -> Network<U> {
    Network<U>(
      widths: widths, activation: activation, parameterization: parameterization,
      parameters: parameters.map { U($0.mpFloat) })
  }
}

/// Distribution of the initial weights.
public enum WeightInitialization: Sendable, Equatable {
  /// Xavier/Glorot normal: N(0, 2/(n_in + n_out)).
  case xavier
  /// He/Kaiming normal: N(0, 2/n_in).
  case he
  /// LeCun normal: N(0, 1/n_in).
  case lecun
  /// N(0, std²) for every layer (the F-Principle reference uses std 0.05; the NTK
  /// parameterisation uses std 1).
  case normal(std: Double)
}

/// Distribution of the initial biases.
public enum BiasInitialization: Sendable, Equatable {
  case zero
  case normal(std: Double)
}

/// A seeded initialisation: weights and biases drawn from SplitMix64(seed) by
/// Box–Muller, layer by layer (W row-major, then b), then multiplied by `scale`
/// (scale < 1 gives the small-initialisation regime).
public struct Initializer: Sendable, Equatable {
  public var weights: WeightInitialization
  public var biases: BiasInitialization
  public var scale: Double
  public init(weights: WeightInitialization = .xavier, biases: BiasInitialization = .zero, scale: Double = 1) {
    self.weights = weights
    self.biases = biases
    self.scale = scale
  }

  /// θ for the given widths, in Double (the same numbers for every scalar type).
  public func parameters(widths: [Int], seed: UInt64) -> [Double] {
    var rng = SplitMix64(seed: seed)
    var theta: [Double] = []
    theta.reserveCapacity(Network<Double>.parameterCount(widths))
    for l in 1..<widths.count {
      let nIn = Double(widths[l - 1]), nOut = Double(widths[l])
      let std: Double
      switch weights {
      case .xavier: std = (2 / (nIn + nOut)).squareRoot()
      case .he: std = (2 / nIn).squareRoot()
      case .lecun: std = (1 / nIn).squareRoot()
      case .normal(let s): std = s
      }
      for _ in 0..<(widths[l] * widths[l - 1]) { theta.append(scale * std * rng.nextGaussian()) }
      for _ in 0..<widths[l] {
        switch biases {
        case .zero: theta.append(0)
        case .normal(let s): theta.append(scale * s * rng.nextGaussian())
        }
      }
    }
    return theta
  }
}

extension Network {
  /// A freshly initialised network.
  public init(
    widths: [Int], activation: any Activation, parameterization: Parameterization = .standard,
    initializer: Initializer = Initializer(), seed: UInt64
  ) {
    let theta = initializer.parameters(widths: widths, seed: seed)
    self.init(
      widths: widths, activation: activation, parameterization: parameterization,
      parameters: theta.map { Scalar($0) })
  }
}
