import BallArithmetic
import MultiPrecision

/// One term C·x^k·e^(−a·x − b·x²) of a tail majorant, its parameters given as real
/// balls: the term stands for the function with the exact parameters, which lie in
/// the balls (so a bound computed in ball arithmetic from them holds for it).
public struct DecayTerm: Sendable, CustomStringConvertible {
  /// C (≥ 0 for a majorant, > 0 for a minorant).
  public var scale: AcbBall
  /// k, the power of x.
  public var power: AcbBall
  /// a, the exponential rate.
  public var rate: AcbBall
  /// b, the Gaussian rate.
  public var gaussianRate: AcbBall

  public init(scale: AcbBall, power: AcbBall, rate: AcbBall, gaussianRate: AcbBall) {
    self.scale = scale
    self.power = power
    self.rate = rate
    self.gaussianRate = gaussianRate
  }

  /// The constant C (k = a = b = 0).
  public init(constant c: AcbBall) {
    let zero = AcbBall(0, precision: c.precision)
    self.init(scale: c, power: zero, rate: zero, gaussianRate: zero)
  }

  /// The product of two terms (parameters add, scales multiply).
  public static func * (p: DecayTerm, q: DecayTerm) -> DecayTerm {
    DecayTerm(
      scale: p.scale * q.scale, power: p.power + q.power, rate: p.rate + q.rate,
      gaussianRate: p.gaussianRate + q.gaussianRate)
  }

  /// The term to the real power y: C^y·x^(ky)·e^(−ay·x − by·x²) (C > 0).
  public func raised(to y: AcbBall) -> DecayTerm {
    DecayTerm(
      scale: AcbBall.pow(scale, y), power: power * y, rate: rate * y, gaussianRate: gaussianRate * y)
  }

  /// C·x^k·e^(−ax − bx²) at x > 0.
  public func value(at x: AcbBall) -> AcbBall {
    scale * AcbBall.exp(power * AcbBall.log(x) - rate * x - gaussianRate * x * x)
  }

  /// A ball whose upper end bounds ∫_T^∞ C·x^k·e^(−ax − bx²) dx for every choice of the
  /// parameters in their balls, T > 0; nil when no bound applies (the term may not be
  /// integrable, or its parameters are too wide to tell).
  ///
  /// - If b ≥ 0 and φ = a + 2bT − max(k, 0)/T > 0: on [T, ∞) the logarithmic derivative
  ///   of the term is −(a + 2bx − k/x) ≤ −φ, so the term is ≤ M(T)·e^(−φ(x − T)) and
  ///   ∫_T^∞ ≤ M(T)/φ (Grönwall).
  /// - If a = b = 0 exactly and k < −1: ∫_T^∞ C x^k dx = C·T^(k+1)/(−k − 1) exactly.
  public func tailIntegral(from t: MPFloat) -> AcbBall? {
    let p = scale.precision
    let tb = AcbBall(t, precision: p)
    guard t > 0, gaussianRate.isNonnegative else { return nil }
    if rate.isZero, gaussianRate.isZero {
      guard (power + 1).isNegative else { return nil }
      return scale * AcbBall.exp((power + 1) * AcbBall.log(tb)) / (-(power + 1))
    }
    let kPlus = AcbBall.max(power, AcbBall(0, precision: p))
    let phi = rate + 2 * gaussianRate * tb - kPlus / tb
    guard phi.isPositive else { return nil }
    return value(at: tb) / phi
  }

  public var description: String {
    "\(scale.string(digits: 6))·x^\(power.string(digits: 6))·exp(−\(rate.string(digits: 6))x"
      + " − \(gaussianRate.string(digits: 6))x²)"
  }
}

/// A majorant of |f| on [T, ∞): |f(x)| ≤ Σⱼ Cⱼ·x^kⱼ·e^(−aⱼx − bⱼx²) for x ≥ T, a family whose
/// tails have closed-form bounds (`DecayTerm.tailIntegral`). It is built by code that knows
/// the integrand (the `integral` provider derives it from the expression, the LFP providers
/// from the integrands they construct), never stated by hand, so the tail bound it gives
/// is as rigorous as the integral on [a, T].
public struct TailMajorant: Sendable, CustomStringConvertible {
  public var terms: [DecayTerm]

  public init(_ terms: [DecayTerm]) { self.terms = terms }

  /// An upper bound of ∫_T^∞ Σⱼ termⱼ (rounded up), nil when some term has none.
  public func tailBound(from t: MPFloat) -> MPFloat? {
    guard let p = terms.first?.scale.precision else { return MPFloat(0, precision: 64) }
    var total = AcbBall(0, precision: p)
    for term in terms {
      guard let b = term.tailIntegral(from: t), b.isFinite else { return nil }
      total = total + b
    }
    let upper = total.realBall.bounds(precision: 64).upper
    return upper.isFinite ? Swift.max(upper, MPFloat(0, precision: 64)) : nil
  }

  public var description: String { terms.map(\.description).joined(separator: " + ") }
}
