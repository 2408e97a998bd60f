import MultiPrecision
import RealModule

/// A per-sample loss ℓ(ŷ, y) between a network output ŷ ∈ ℝᵏ and a target
/// y ∈ ℝᵏ. The training loss is the density-weighted sum
///
///     L(θ) = Σᵢ wᵢ ℓ(f(xᵢ; θ), yᵢ),  wᵢ ≥ 0 (default wᵢ = 1/n),
///
/// the theory's "large class of losses" (any ℓ differentiable in ŷ, or with a
/// subgradient). Conform a new type to add one.
public protocol Loss: Sendable {
  /// The name used in files and on the command line (e.g. "mse").
  var name: String { get }
  /// ℓ(ŷ, y); `output` and `target` have the same count k.
  func value<T: RealScalar>(output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>) -> T
  /// gradient[j] = ∂ℓ/∂ŷⱼ (a subgradient where ℓ is not differentiable).
  func gradient<T: RealScalar>(
    output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>,
    into gradient: UnsafeMutableBufferPointer<T>)
}

/// Looks up a built-in loss by name: "mse", "l1", "huber", "logcosh",
/// "cross_entropy" (softmax cross-entropy), "logistic" (±1 labels). Nil for an unknown name.
public func builtInLoss(named name: String) -> (any Loss)? {
  switch name.lowercased() {
  case "mse": return MeanSquaredError()
  case "l1", "mae": return AbsoluteError()
  case "huber": return HuberLoss()
  case "logcosh", "log_cosh", "log-cosh": return LogCoshLoss()
  case "cross_entropy", "crossentropy", "ce", "softmax_cross_entropy": return SoftmaxCrossEntropy()
  case "logistic": return LogisticLoss()
  default: return nil
  }
}

public let builtInLossNames = ["mse", "l1", "huber", "logcosh", "cross_entropy", "logistic"]

/// A loss ℓ(ŷ, y) = (1/k) Σⱼ ρ(ŷⱼ − yⱼ) that is a mean of a scalar penalty ρ of
/// the residuals; conformers give ρ and ρ′.
public protocol ComponentwiseLoss: Loss {
  func penalty<T: RealScalar>(_ r: T) -> T
  func penaltyDerivative<T: RealScalar>(_ r: T) -> T
}

extension ComponentwiseLoss {
  public func value<T: RealScalar>(output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>) -> T {
    var s: T = 0
    for j in 0..<output.count { s += penalty(output[j] - target[j]) }
    return s / T(Double(output.count))
  }
  public func gradient<T: RealScalar>(
    output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>,
    into gradient: UnsafeMutableBufferPointer<T>
  ) {
    let k = T(Double(output.count))
    for j in 0..<output.count { gradient[j] = penaltyDerivative(output[j] - target[j]) / k }
  }
}

/// Mean squared error ρ(r) = r², so L = (1/n)(1/k) Σ |ŷ − y|² with uniform
/// weights: PyTorch's `MSELoss()` (mean reduction). No factor ½.
public struct MeanSquaredError: ComponentwiseLoss {
  public init() {}
  public var name: String { "mse" }
  public func penalty<T: RealScalar>(_ r: T) -> T { r * r }
  public func penaltyDerivative<T: RealScalar>(_ r: T) -> T { 2 * r }
  // The `ComponentwiseLoss` defaults written out with ρ inlined, specialised for Double (the
  // training loop calls them per sample through `any Loss`): the same operations in the same order.
  @_specialize(where T == Double)
  public func value<T: RealScalar>(output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>) -> T {
    var s: T = 0
    for j in 0..<output.count {
      let r = output[j] - target[j]
      s += r * r
    }
    return s / T(Double(output.count))
  }
  @_specialize(where T == Double)
  public func gradient<T: RealScalar>(
    output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>,
    into gradient: UnsafeMutableBufferPointer<T>
  ) {
    let k = T(Double(output.count))
    for j in 0..<output.count { gradient[j] = 2 * (output[j] - target[j]) / k }
  }
}

/// L1 loss ρ(r) = |r|, subgradient sign(r) with 0 at r = 0 (PyTorch's `L1Loss`).
public struct AbsoluteError: ComponentwiseLoss {
  public init() {}
  public var name: String { "l1" }
  public func penalty<T: RealScalar>(_ r: T) -> T { abs(r) }
  public func penaltyDerivative<T: RealScalar>(_ r: T) -> T { r > 0 ? 1 : (r < 0 ? -1 : 0) }
}

/// Huber loss with threshold δ (default 1): ρ(r) = r²/2 for |r| ≤ δ,
/// δ(|r| − δ/2) otherwise; ρ′ = r or δ sign r (PyTorch's `HuberLoss(delta:)`).
public struct HuberLoss: ComponentwiseLoss {
  public var delta: Double
  public init(delta: Double = 1) { self.delta = delta }
  public var name: String { "huber" }
  public func penalty<T: RealScalar>(_ r: T) -> T {
    let d = T(delta)
    return abs(r) <= d ? r * r / 2 : d * (abs(r) - d / 2)
  }
  public func penaltyDerivative<T: RealScalar>(_ r: T) -> T {
    let d = T(delta)
    return abs(r) <= d ? r : (r > 0 ? d : -d)
  }
}

/// Log-cosh loss ρ(r) = log cosh r, evaluated as |r| + log1p(e^(−2|r|)) − log 2
/// (no overflow); ρ′ = tanh r.
public struct LogCoshLoss: ComponentwiseLoss {
  public init() {}
  public var name: String { "logcosh" }
  public func penalty<T: RealScalar>(_ r: T) -> T {
    let a = abs(r)
    return a + T.log(onePlus: T.exp(-2 * a)) - T.log(2)
  }
  public func penaltyDerivative<T: RealScalar>(_ r: T) -> T { T.tanh(r) }
}

/// Softmax cross-entropy ℓ(ŷ, y) = −Σⱼ yⱼ log softmax(ŷ)ⱼ with
/// softmax(ŷ)ⱼ = e^ŷⱼ / Σₘ e^ŷₘ; y is a probability vector (one-hot for class
/// labels), so with uniform weights L is PyTorch's `CrossEntropyLoss()` (mean).
/// ∂ℓ/∂ŷⱼ = softmax(ŷ)ⱼ Σₘ yₘ − yⱼ.
public struct SoftmaxCrossEntropy: Loss {
  public init() {}
  public var name: String { "cross_entropy" }

  /// log Σₘ e^ŷₘ, shifted by the maximum.
  @_specialize(where T == Double)
  func logSumExp<T: RealScalar>(_ o: UnsafeBufferPointer<T>) -> T {
    var m = o[0]
    for v in o where v > m { m = v }
    var s: T = 0
    for v in o { s += T.exp(v - m) }
    return m + T.log(s)
  }

  // Specialised for Double like `MeanSquaredError` (the training loop calls these per sample through
  // `any Loss`; unspecialised, the generic loops spent more time in metadata than in exp).
  @_specialize(where T == Double)
  public func value<T: RealScalar>(output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>) -> T {
    let lse = logSumExp(output)
    var s: T = 0
    for j in 0..<output.count where target[j] != 0 { s -= target[j] * (output[j] - lse) }
    return s
  }

  @_specialize(where T == Double)
  public func gradient<T: RealScalar>(
    output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>,
    into gradient: UnsafeMutableBufferPointer<T>
  ) {
    let lse = logSumExp(output)
    var mass: T = 0
    for v in target { mass += v }
    for j in 0..<output.count { gradient[j] = T.exp(output[j] - lse) * mass - target[j] }
  }
}

/// Logistic loss for labels y ∈ {−1, +1}: ℓ(ŷ, y) = (1/k) Σⱼ log(1 + e^(−yⱼŷⱼ)), evaluated as
/// softplus(−m) = max(−m, 0) + log1p(e^(−|m|)) with the margin m = yŷ (no overflow);
/// ∂ℓ/∂ŷⱼ = −yⱼ s(−mⱼ)/k with the logistic s(z) = 1/(1 + e^(−z)) (PyTorch's
/// `SoftMarginLoss`, mean reduction). A real y other than ±1 is used as it is (ℓ is then
/// log(1 + e^(−yŷ)), still convex in ŷ).
public struct LogisticLoss: Loss {
  public init() {}
  public var name: String { "logistic" }
  public func value<T: RealScalar>(output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>) -> T {
    var s: T = 0
    for j in 0..<output.count {
      let m = target[j] * output[j]
      s += (m < 0 ? -m : 0) + T.log(onePlus: T.exp(-abs(m)))
    }
    return s / T(Double(output.count))
  }
  public func gradient<T: RealScalar>(
    output: UnsafeBufferPointer<T>, target: UnsafeBufferPointer<T>,
    into gradient: UnsafeMutableBufferPointer<T>
  ) {
    let k = T(Double(output.count))
    for j in 0..<output.count {
      let m = target[j] * output[j]
      // s(−m) = 1/(1 + e^m), written so that neither branch overflows.
      let e = T.exp(-abs(m))
      let sMinus = m >= 0 ? e / (1 + e) : 1 / (1 + e)
      gradient[j] = -target[j] * sMinus / k
    }
  }
}
