import LinearAlgebra
import MultiPrecision

/// The scalars networks are trained in: `Double` (CBLAS and tight loops) and
/// `MPFloat` (gradients at any MPFR precision).
///
/// The kernels of the forward pass, backpropagation and the optimisers are
/// customisation points with a generic default (below, written against
/// `RealScalar` only) and a `Double` witness (`NetworkScalar+Double.swift`): the
/// same mechanism as `DenseScalar`, whose `gemm` the layers call. Generic network
/// code is not specialised across modules, so each kernel is one witness call per
/// layer or step, never one per entry.
public protocol NetworkScalar: DenseScalar {
  /// values[i] = σ(z[i]) and, if `derivatives` is non-nil, derivatives[i] = σ′(z[i]);
  /// `values` may be `z` (in place). `Double` uses the activation's fast path
  /// `Activation.evaluate(_:values:derivatives:count:)`.
  static func applyActivation(
    _ activation: any Activation, _ z: UnsafePointer<Self>, values: UnsafeMutablePointer<Self>,
    derivatives: UnsafeMutablePointer<Self>?, count: Int)
  /// z[i, j] = b[j] for the n rows of the n × m row-major matrix z.
  static func fillRows(_ z: UnsafeMutablePointer<Self>, n: Int, m: Int, with b: UnsafePointer<Self>)
  /// s[j] += Σᵢ g[i, j] over the n rows of the n × m row-major matrix g.
  static func addColumnSums(_ g: UnsafePointer<Self>, n: Int, m: Int, into s: UnsafeMutablePointer<Self>)
  /// a[i] *= b[i] (the Hadamard product a ⊙ b, in place).
  static func multiplyEntrywise(_ a: UnsafeMutablePointer<Self>, by b: UnsafePointer<Self>, count: Int)
  /// Whether every |θⱼ| ≤ bound (false if some θⱼ is NaN).
  static func allBounded(_ theta: [Self], by bound: Double) -> Bool
  /// `count` zeros.
  static func zeros(_ count: Int) -> [Self]
  /// The gradient step θ ← θ − η g.
  static func descend(_ theta: inout [Self], along g: [Self], learningRate eta: Self)
  /// The heavy-ball buffer update b ← μ b + g.
  static func accumulateMomentum(_ b: inout [Self], gradient g: [Self], momentum mu: Self)
  /// One Adam update with the bias corrections folded in (PyTorch's order of operations):
  /// m ← m + (1 − β₁)(g − m), v ← β₂ v + (1 − β₂) g², θ ← θ − s · m / (√v / c₂ + ε),
  /// s = η/(1 − β₁ᵗ), c₂ = √(1 − β₂ᵗ).
  static func adamUpdate(
    _ theta: inout [Self], gradient g: [Self], m: inout [Self], v: inout [Self],
    oneMinusBeta1: Self, beta2: Self, oneMinusBeta2: Self, epsilon: Self, stepSize: Self, biasCorrection2: Self)
}

extension NetworkScalar {
  public static func applyActivation(
    _ activation: any Activation, _ z: UnsafePointer<Self>, values: UnsafeMutablePointer<Self>,
    derivatives: UnsafeMutablePointer<Self>?, count: Int
  ) {
    for i in 0..<count {
      let zi = z[i]  // `values` may alias `z`
      derivatives?[i] = activation.derivative(zi)
      values[i] = activation.value(zi)
    }
  }

  public static func fillRows(_ z: UnsafeMutablePointer<Self>, n: Int, m: Int, with b: UnsafePointer<Self>) {
    for i in 0..<n { (z + i * m).update(from: b, count: m) }
  }

  public static func addColumnSums(_ g: UnsafePointer<Self>, n: Int, m: Int, into s: UnsafeMutablePointer<Self>) {
    for i in 0..<n { for j in 0..<m { s[j] += g[i * m + j] } }
  }

  public static func multiplyEntrywise(_ a: UnsafeMutablePointer<Self>, by b: UnsafePointer<Self>, count: Int) {
    for i in 0..<count { a[i] *= b[i] }
  }

  public static func allBounded(_ theta: [Self], by bound: Double) -> Bool {
    let b = Self(bound)
    return theta.allSatisfy { abs($0) <= b }
  }

  public static func zeros(_ count: Int) -> [Self] { [Self](repeating: 0, count: count) }

  public static func descend(_ theta: inout [Self], along g: [Self], learningRate eta: Self) {
    for i in theta.indices { theta[i] -= eta * g[i] }
  }

  public static func accumulateMomentum(_ b: inout [Self], gradient g: [Self], momentum mu: Self) {
    for i in b.indices { b[i] = mu * b[i] + g[i] }
  }

  public static func adamUpdate(
    _ theta: inout [Self], gradient g: [Self], m: inout [Self], v: inout [Self],
    oneMinusBeta1: Self, beta2: Self, oneMinusBeta2: Self, epsilon: Self, stepSize: Self, biasCorrection2: Self
  ) {
    for i in theta.indices {
      let gi = g[i]
      m[i] += oneMinusBeta1 * (gi - m[i])
      v[i] = beta2 * v[i] + oneMinusBeta2 * gi * gi
      let denom = Self.sqrt(v[i]) / biasCorrection2 + epsilon
      theta[i] -= stepSize * (m[i] / denom)
    }
  }
}

extension MPFloat: NetworkScalar {}
