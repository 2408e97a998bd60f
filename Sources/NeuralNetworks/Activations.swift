import MultiPrecision
import RealModule

/// ReLU σ(x) = max(0, x); σ′(x) = 1 for x > 0 and 0 for x ≤ 0 (PyTorch's
/// convention at 0); σ″ = 0.
public struct ReLU: Activation {
  public init() {}
  public var name: String { "relu" }
  public var regularity: ActivationRegularity { .piecewisePolynomial(degree: 1, negativeSlope: 0) }
  public func value<T: RealScalar>(_ x: T) -> T { x > 0 ? x : 0 }
  public func derivative<T: RealScalar>(_ x: T) -> T { x > 0 ? 1 : 0 }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T { 0 }
  public func evaluate(
    _ z: UnsafePointer<Double>, values: UnsafeMutablePointer<Double>,
    derivatives: UnsafeMutablePointer<Double>?, count: Int
  ) {
    for i in 0..<count {
      let zi = z[i]
      derivatives?[i] = zi > 0 ? 1 : 0
      values[i] = zi > 0 ? zi : 0
    }
  }
}

/// Leaky ReLU σ(x) = x for x > 0, αx otherwise (default α = 0.01, PyTorch's);
/// σ′ = 1 or α (α at 0); σ″ = 0.
public struct LeakyReLU: Activation {
  public var slope: Double
  public init(slope: Double = 0.01) { self.slope = slope }
  public var name: String { "leaky_relu" }
  public var regularity: ActivationRegularity { .piecewisePolynomial(degree: 1, negativeSlope: slope) }
  public func value<T: RealScalar>(_ x: T) -> T { x > 0 ? x : T(slope) * x }
  public func derivative<T: RealScalar>(_ x: T) -> T { x > 0 ? 1 : T(slope) }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T { 0 }
}

/// σ(x) = tanh x; σ′ = 1 − tanh²x; σ″ = −2 tanh x (1 − tanh²x). The Double fast
/// path uses `fastTanh` (a few ulp, vectorisable) instead of libm's tanh.
public struct Tanh: Activation {
  public init() {}
  public var name: String { "tanh" }
  public var regularity: ActivationRegularity { .smooth }
  public func value<T: RealScalar>(_ x: T) -> T { T.tanh(x) }
  public func derivative<T: RealScalar>(_ x: T) -> T {
    let t = T.tanh(x)
    return 1 - t * t
  }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T {
    let t = T.tanh(x)
    return -2 * t * (1 - t * t)
  }
  public func evaluate(
    _ z: UnsafePointer<Double>, values: UnsafeMutablePointer<Double>,
    derivatives: UnsafeMutablePointer<Double>?, count: Int
  ) {
    fastTanh(z, values: values, derivatives: derivatives, count: count)
  }
}

/// Logistic sigmoid s(x) = 1/(1 + e^(−x)); s′ = s(1 − s); s″ = s(1 − s)(1 − 2s).
public struct Sigmoid: Activation {
  public init() {}
  public var name: String { "sigmoid" }
  public var regularity: ActivationRegularity { .smooth }
  public func value<T: RealScalar>(_ x: T) -> T { logistic(x) }
  public func derivative<T: RealScalar>(_ x: T) -> T {
    let s = logistic(x)
    return s * (1 - s)
  }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T {
    let s = logistic(x)
    return s * (1 - s) * (1 - 2 * s)
  }
  /// One exponential per entry: s = logistic(z) once, then σ = s and σ′ = s(1 − s), the very
  /// operations of `value` and `derivative` (so the same results bit for bit, at half the cost).
  public func evaluate(
    _ z: UnsafePointer<Double>, values: UnsafeMutablePointer<Double>,
    derivatives: UnsafeMutablePointer<Double>?, count: Int
  ) {
    for i in 0..<count {
      let s: Double = logistic(z[i])
      derivatives?[i] = s * (1 - s)
      values[i] = s
    }
  }
}

/// The logistic function 1/(1 + e^(−x)), evaluated without overflow.
@inlinable
func logistic<T: RealScalar>(_ x: T) -> T {
  if x >= 0 { return 1 / (1 + T.exp(-x)) }
  let e = T.exp(x)
  return e / (1 + e)
}

/// Softplus σ(x) = log(1 + eˣ) (β = 1); σ′ = s(x) (logistic); σ″ = s(1 − s).
public struct Softplus: Activation {
  public init() {}
  public var name: String { "softplus" }
  public var regularity: ActivationRegularity { .smooth }
  public func value<T: RealScalar>(_ x: T) -> T {
    // log(1 + eˣ) = max(x, 0) + log1p(e^(−|x|)).
    (x > 0 ? x : 0) + T.log(onePlus: T.exp(-abs(x)))
  }
  public func derivative<T: RealScalar>(_ x: T) -> T { logistic(x) }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T {
    let s = logistic(x)
    return s * (1 - s)
  }
}

/// σ(x) = sin x; σ′ = cos x; σ″ = −sin x.
public struct Sine: Activation {
  public init() {}
  public var name: String { "sin" }
  public var regularity: ActivationRegularity { .smooth }
  public func value<T: RealScalar>(_ x: T) -> T { T.sin(x) }
  public func derivative<T: RealScalar>(_ x: T) -> T { T.cos(x) }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T { -T.sin(x) }
}

/// ELU σ(x) = x for x > 0, α(eˣ − 1) otherwise (default α = 1);
/// σ′ = 1 or αeˣ; σ″ = 0 or αeˣ (left-hand values at 0).
public struct ELU: Activation {
  public var alpha: Double
  public init(alpha: Double = 1) { self.alpha = alpha }
  public var name: String { "elu" }
  public var regularity: ActivationRegularity { .kinked(at: [0]) }
  public func value<T: RealScalar>(_ x: T) -> T { x > 0 ? x : T(alpha) * T.expMinusOne(x) }
  public func derivative<T: RealScalar>(_ x: T) -> T { x > 0 ? 1 : T(alpha) * T.exp(x) }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T { x > 0 ? 0 : T(alpha) * T.exp(x) }
}

/// GELU in its exact form σ(x) = x Φ(x), Φ(x) = ½(1 + erf(x/√2)) the standard
/// normal distribution function; σ′ = Φ(x) + x φ(x), σ″ = φ(x)(2 − x²), with
/// φ(x) = e^(−x²/2)/√(2π).
public struct GELU: Activation {
  public init() {}
  public var name: String { "gelu" }
  public var regularity: ActivationRegularity { .smooth }
  @inline(__always)
  func phi<T: RealScalar>(_ x: T) -> T { T.exp(-x * x / 2) / T.sqrt(2 * T.pi) }
  @inline(__always)
  func bigPhi<T: RealScalar>(_ x: T) -> T { (1 + T.erf(x / T.sqrt(2))) / 2 }
  public func value<T: RealScalar>(_ x: T) -> T { x * bigPhi(x) }
  public func derivative<T: RealScalar>(_ x: T) -> T { bigPhi(x) + x * phi(x) }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T { phi(x) * (2 - x * x) }
}

/// ReLU^k: σ(x) = max(0, x)ᵏ (k ≥ 1); σ′ = k xᵏ⁻¹, σ″ = k(k − 1) xᵏ⁻² for x > 0,
/// all 0 for x ≤ 0 (k = 1 is ReLU).
public struct ReLUPower: Activation {
  public var k: Int
  public init(_ k: Int) {
    precondition(k >= 1, "ReLU^k needs k ≥ 1")
    self.k = k
  }
  public var name: String { "relu^\(k)" }
  public var regularity: ActivationRegularity { .piecewisePolynomial(degree: k, negativeSlope: 0) }
  public func value<T: RealScalar>(_ x: T) -> T { x > 0 ? power(x, k) : 0 }
  public func derivative<T: RealScalar>(_ x: T) -> T { x > 0 ? T(Double(k)) * power(x, k - 1) : 0 }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T {
    x > 0 && k >= 2 ? T(Double(k * (k - 1))) * power(x, k - 2) : 0
  }
}

/// xⁿ for n ≥ 0 by repeated multiplication.
@inlinable
func power<T: RealScalar>(_ x: T, _ n: Int) -> T {
  var r: T = 1
  for _ in 0..<n { r *= x }
  return r
}

/// The Heaviside step σ(x) = 1 for x > 0, else 0 (σ′ = 0 away from 0): a
/// discontinuous activation, the negative control of the final stage (the
/// output change of a step network jumps, so its spectrum decays like |ξ|^{−1}).
/// Only its output layer moves under gradient flow.
public struct StepActivation: Activation {
  public init() {}
  public var name: String { "step" }
  public var regularity: ActivationRegularity { .piecewisePolynomial(degree: 0, negativeSlope: 0) }
  public func value<T: RealScalar>(_ x: T) -> T { x > 0 ? 1 : 0 }
  public func derivative<T: RealScalar>(_ x: T) -> T { 0 }
  public func secondDerivative<T: RealScalar>(_ x: T) -> T { 0 }
}
