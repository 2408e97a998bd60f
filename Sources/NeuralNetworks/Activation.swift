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

/// Looks up a built-in activation by `name` ("relu", "leaky_relu", "tanh",
/// "sigmoid", "softplus", "sin", "elu", "gelu", "relu^k" with k an integer ≥ 1,
/// e.g. "relu^3"). Returns nil for an unknown name.
public func builtInActivation(named name: String) -> (any Activation)? {
  switch name.lowercased() {
  case "relu": return ReLU()
  case "leaky_relu", "leakyrelu": return LeakyReLU()
  case "tanh": return Tanh()
  case "sigmoid": return Sigmoid()
  case "softplus": return Softplus()
  case "sin", "sine": return Sine()
  case "elu": return ELU()
  case "gelu": return GELU()
  default:
    let n = name.lowercased()
    if n.hasPrefix("relu^"), let k = Int(n.dropFirst(5)), k >= 1 { return ReLUPower(k) }
    return nil
  }
}

/// The names `builtInActivation(named:)` accepts (ReLU^k as "relu^k").
public let builtInActivationNames = [
  "relu", "leaky_relu", "tanh", "sigmoid", "softplus", "sin", "elu", "gelu", "relu^k",
]
