import MultiPrecision
import RealModule

/// A scalar activation function σ applied entrywise to the hidden layers,
/// with its first and second derivatives σ′, σ″ (the theory's regularity
/// conditions are stated through them).
///
/// Conform a new type to add an activation: implement the three generic
/// functions; the Double fast path `evaluate(_:values:derivatives:count:)`
/// defaults to them and may be overridden for speed.
/// At a kink (ReLU at 0) the derivative returned is a one-sided one; the
/// convention is stated by each type.
public protocol Activation: Sendable {
  /// The name used in files and on the command line (e.g. "tanh").
  var name: String { get }
  /// How smooth σ is: where integrals over a network's input must be split, and which
  /// expansions apply. Required, with no default, so that a kinked activation cannot be
  /// taken for a smooth one.
  var regularity: ActivationRegularity { get }
  /// σ(x).
  func value<T: RealScalar>(_ x: T) -> T
  /// σ′(x).
  func derivative<T: RealScalar>(_ x: T) -> T
  /// σ″(x).
  func secondDerivative<T: RealScalar>(_ x: T) -> T
  /// values[i] = σ(z[i]) and, if `derivatives` is non-nil, derivatives[i] = σ′(z[i]).
  /// `values` may be the same buffer as `z` (in-place evaluation).
  func evaluate(
    _ z: UnsafePointer<Double>, values: UnsafeMutablePointer<Double>,
    derivatives: UnsafeMutablePointer<Double>?, count: Int)
}

extension Activation {
  public func evaluate(
    _ z: UnsafePointer<Double>, values: UnsafeMutablePointer<Double>,
    derivatives: UnsafeMutablePointer<Double>?, count: Int
  ) {
    // `values` may alias `z`: read z[i] before writing.
    if let d = derivatives {
      for i in 0..<count {
        let zi = z[i]
        d[i] = derivative(zi)
        values[i] = value(zi)
      }
    } else {
      for i in 0..<count { values[i] = value(z[i]) }
    }
  }
}

/// How smooth an activation σ is.
public enum ActivationRegularity: Sendable, Equatable {
  /// Analytic on ℝ (tanh, sigmoid, softplus, sin, GELU).
  case smooth
  /// Piecewise polynomial with its one kink at 0: σ(z) = zᵖ for z > 0 (p = `degree`; p = 0:
  /// the constant 1, the step) and `negativeSlope`·z for z < 0 (nonzero only for p = 1:
  /// leaky ReLU). ReLU is (1, 0), ReLU^p is (p, 0).
  case piecewisePolynomial(degree: Int, negativeSlope: Double)
  /// Analytic except at `at`, where it is only finitely smooth (ELU at 0), and not
  /// polynomial between them.
  case kinked(at: [Double])

  /// The points where σ is not analytic (the kink set).
  public var kinks: [Double] {
    switch self {
    case .smooth: return []
    case .piecewisePolynomial: return [0]
    case .kinked(let points): return points
    }
  }

  /// p of ReLU^p (ReLU and leaky ReLU: 1); nil for the step and activations that are
  /// not piecewise polynomial.
  public var reluPower: Int? {
    if case .piecewisePolynomial(let p, _) = self, p >= 1 { return p }
    return nil
  }
}

/// The built-in activations, one line each: adding an activation is one conformance to
/// `Activation` (with its `regularity`) and one line here. Training, the network files, the
/// stage theorems and the command line look activations up here.
public enum ActivationRegistry {
  /// The names an activation is known by (the first is its `name`) and how to make it.
  public static let entries: [(names: [String], make: @Sendable () -> any Activation)] = [
    (["relu"], { ReLU() }),
    (["leaky_relu", "leakyrelu"], { LeakyReLU() }),
    (["tanh"], { Tanh() }),
    (["sigmoid"], { Sigmoid() }),
    (["softplus"], { Softplus() }),
    (["sin", "sine"], { Sine() }),
    (["elu"], { ELU() }),
    (["gelu"], { GELU() }),
    (["step"], { StepActivation() }),
  ]

  /// The activation named `name` (case-insensitive), or ReLU^k for "relu^k" with an integer k ≥ 1.
  public static func activation(named name: String) -> (any Activation)? {
    let n = name.lowercased()
    if let entry = entries.first(where: { $0.names.contains(n) }) { return entry.make() }
    if n.hasPrefix("relu^"), let k = Int(n.dropFirst(5)), k >= 1 { return ReLUPower(k) }
    return nil
  }

  /// The names files use (ReLU^k as "relu^k").
  public static var names: [String] { entries.map { $0.names[0] } + ["relu^k"] }
}

/// Looks up a built-in activation by `name` (`ActivationRegistry`: "relu", "leaky_relu",
/// "tanh", "sigmoid", "softplus", "sin", "elu", "gelu", "step", "relu^k" with k an integer
/// ≥ 1, e.g. "relu^3"). Returns nil for an unknown name.
public func builtInActivation(named name: String) -> (any Activation)? {
  ActivationRegistry.activation(named: name)
}

/// The names `builtInActivation(named:)` accepts (ReLU^k as "relu^k").
public let builtInActivationNames = ActivationRegistry.names
