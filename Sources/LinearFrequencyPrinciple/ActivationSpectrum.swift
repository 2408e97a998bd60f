import MultiPrecision
import RealModule

/// An activation σ of the two-layer network and its power spectrum |F[σ](ν)|²
/// (ν ≠ 0), with F[f](ν) = ∫ f(x) e^{−2πiνx} dx (distributional transforms):
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
/// F[σ′](ν) = 2πiν F[σ](ν).
public enum LFPActivation: String, Sendable, CaseIterable {
  case relu, tanh, sigmoid, softplus

  public init(parsing text: String) throws(LFPError) {
    guard let a = LFPActivation(rawValue: text.lowercased()) else {
      throw LFPError(
        "unknown activation `\(text)` (expected one of "
          + LFPActivation.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    self = a
  }

  /// |F[σ](ν)|² for ν ≠ 0.
  public func powerSpectrum<T: RealScalar>(_ nu: T) -> T {
    let v = abs(nu)
    switch self {
    case .relu:
      let p2 = T.pi * T.pi
      return 1 / (16 * p2 * p2 * v * v * v * v)
    case .tanh: return T.pi * T.pi * cschSquared(T.pi * T.pi * v)
    case .sigmoid: return T.pi * T.pi * cschSquared(2 * T.pi * T.pi * v)
    case .softplus: return cschSquared(2 * T.pi * T.pi * v) / (4 * v * v)
    }
  }

  /// True when σ grows linearly at +∞ and its transform has the 1/ν² pole
  /// structure of ReLU (the d-dimensional closed form of γ² applies).
  public var isReLU: Bool { self == .relu }
}

/// csch²(y) = 4e^{−2y}/(1 − e^{−2y})² for y > 0, without overflow for large y
/// and without cancellation for small y (1 − e^{−2y} = −expm1(−2y)).
@inlinable
func cschSquared<T: RealScalar>(_ y: T) -> T {
  let e = T.exp(-2 * y)
  let d = -T.expMinusOne(-2 * y)
  return 4 * e / (d * d)
}
