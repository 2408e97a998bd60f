import MultiPrecision
import NeuralNetworks
import RealModule

/// An activation σ of the suite (`Activation`, looked up in `ActivationRegistry`) with the closed
/// form the LFP needs: its power spectrum |F[σ](ν)|² (ν ≠ 0), F[f](ν) = ∫ f(x) e^{−2πiνx} dx
/// (distributional transforms). One conformance per activation, below:
///
/// | σ | F[σ](ν) | |F[σ](ν)|² |
/// |---|---|---|
/// | ReLU | −1/(4π²ν²) (ν ≠ 0) | 1/(16π⁴ν⁴) |
/// | tanh | −iπ csch(π²ν) | π² csch²(π²ν) |
/// | sigmoid = (1 + tanh(x/2))/2 | F[tanh](2ν) (ν ≠ 0) | π² csch²(2π²ν) |
/// | softplus = log(1 + eˣ), σ′ = sigmoid | F[sigmoid](ν)/(2πiν) | csch²(2π²ν)/(4ν²) |
///
/// The tanh transform follows from the partial fractions of tanh (sum of poles
/// at iπ(k + ½)); the rest from scaling F[σ(c·)](ν) = F[σ](ν/c)/|c| and
/// F[σ′](ν) = 2πiν F[σ](ν). An activation of the registry without a conformance has no γ² here,
/// and the LFP says so (`SpectralActivations.named`).
public protocol SpectralActivation: Activation {
  /// |F[σ](ν)|² for ν ≠ 0.
  func powerSpectrum<T: RealScalar>(_ nu: T) -> T
}

extension SpectralActivation {
  /// True for ReLU (read from its regularity: piecewise linear, 0 below its kink): σ grows
  /// linearly at +∞ and its transform has the 1/ν² pole structure of ReLU (the d-dimensional
  /// closed form of γ² applies).
  public var isReLU: Bool { regularity == .piecewisePolynomial(degree: 1, negativeSlope: 0) }
}

extension SpectralActivation where Self == ReLU {
  /// `.relu` where an activation with a spectrum is expected.
  public static var relu: ReLU { ReLU() }
}

extension ReLU: SpectralActivation {
  public func powerSpectrum<T: RealScalar>(_ nu: T) -> T {
    let v = abs(nu)
    let p2 = T.pi * T.pi
    return 1 / (16 * p2 * p2 * v * v * v * v)
  }
}

extension SpectralActivation where Self == Tanh {
  /// `.tanh` where an activation with a spectrum is expected.
  public static var tanh: Tanh { Tanh() }
}

extension Tanh: SpectralActivation {
  public func powerSpectrum<T: RealScalar>(_ nu: T) -> T { T.pi * T.pi * cschSquared(T.pi * T.pi * abs(nu)) }
}

extension SpectralActivation where Self == Sigmoid {
  /// `.sigmoid` where an activation with a spectrum is expected.
  public static var sigmoid: Sigmoid { Sigmoid() }
}

extension Sigmoid: SpectralActivation {
  public func powerSpectrum<T: RealScalar>(_ nu: T) -> T { T.pi * T.pi * cschSquared(2 * T.pi * T.pi * abs(nu)) }
}

extension SpectralActivation where Self == Softplus {
  /// `.softplus` where an activation with a spectrum is expected.
  public static var softplus: Softplus { Softplus() }
}

extension Softplus: SpectralActivation {
  public func powerSpectrum<T: RealScalar>(_ nu: T) -> T {
    let v = abs(nu)
    return cschSquared(2 * T.pi * T.pi * v) / (4 * v * v)
  }
}

/// The registry's activations that have a power spectrum here.
public enum SpectralActivations {
  /// Their names, in the registry's order (relu, tanh, sigmoid, softplus).
  public static var names: [String] {
    ActivationRegistry.entries.filter { $0.make() is any SpectralActivation }.map { $0.names[0] }
  }

  /// The activation named `text` (any name the registry knows), if it has a power spectrum.
  public static func named(_ text: String) throws(LFPError) -> any SpectralActivation {
    let expected = "(expected one of " + names.joined(separator: ", ") + ")"
    guard let a = ActivationRegistry.activation(named: text) else {
      throw LFPError("unknown activation `\(text)` \(expected)")
    }
    guard let s = a as? any SpectralActivation else {
      throw LFPError("activation `\(text)` has no closed-form power spectrum for the LFP \(expected)")
    }
    return s
  }
}

/// csch²(y) = 4e^{−2y}/(1 − e^{−2y})² for y > 0, without overflow for large y
/// and without cancellation for small y (1 − e^{−2y} = −expm1(−2y)).
@inlinable
func cschSquared<T: RealScalar>(_ y: T) -> T {
  let e = T.exp(-2 * y)
  let d = -T.expMinusOne(-2 * y)
  return 4 * e / (d * d)
}
