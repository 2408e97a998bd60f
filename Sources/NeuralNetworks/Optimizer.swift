import MultiPrecision
import RealModule

/// A first-order update rule θ ← update(θ, g) with g = ∇L(θ) (or a mini-batch
/// estimate of it). Stateful (momentum buffers, moment estimates).
public protocol Optimizer<Scalar> {
  associatedtype Scalar: RealScalar
  /// One step: updates `parameters` in place from `gradient`.
  mutating func step(parameters: inout [Scalar], gradient: [Scalar])
}

/// Gradient descent θ ← θ − η g (full batch, or mini-batch SGD when the trainer
/// is given a batch size).
public struct GradientDescent<Scalar: RealScalar>: Optimizer {
  public var learningRate: Scalar
  public init(learningRate: Scalar) { self.learningRate = learningRate }
  public mutating func step(parameters: inout [Scalar], gradient: [Scalar]) {
    if Scalar.self == Double.self {
      let lr = unsafeBitCast(learningRate, to: Double.self)
      parameters.withUnsafeMutableBufferPointer { p in
        gradient.withUnsafeBufferPointer { g in
          let pd = UnsafeMutableRawPointer(p.baseAddress!).assumingMemoryBound(to: Double.self)
          let gd = UnsafeRawPointer(g.baseAddress!).assumingMemoryBound(to: Double.self)
          for i in 0..<p.count { pd[i] -= lr * gd[i] }
        }
      }
      return
    }
    for i in parameters.indices { parameters[i] -= learningRate * gradient[i] }
  }
}

/// Heavy-ball momentum, PyTorch's `SGD(momentum: μ, dampening: 0)`:
/// b ← μ b + g (b = g at the first step), θ ← θ − η b.
public struct Momentum<Scalar: RealScalar>: Optimizer {
  public var learningRate: Scalar
  public var momentum: Scalar
  public private(set) var buffer: [Scalar] = []
  public init(learningRate: Scalar, momentum: Scalar = Scalar(0.9)) {
    self.learningRate = learningRate
    self.momentum = momentum
  }
  public mutating func step(parameters: inout [Scalar], gradient: [Scalar]) {
    if buffer.isEmpty {
      buffer = gradient
    } else {
        if Scalar.self == Double.self {
        let mu = unsafeBitCast(momentum, to: Double.self)
        buffer.withUnsafeMutableBufferPointer { b in
          gradient.withUnsafeBufferPointer { g in
            let bd = doubles(b.baseAddress!), gd = doubles(g.baseAddress!)
            for i in 0..<b.count { bd[i] = mu * bd[i] + gd[i] }
          }
        }
      } else {
        for i in buffer.indices { buffer[i] = momentum * buffer[i] + gradient[i] }
      }
    }
    var gd = GradientDescent(learningRate: learningRate)
    gd.step(parameters: &parameters, gradient: buffer)
  }
}

/// Adam (Kingma and Ba) with PyTorch's exact update (`torch.optim.Adam`, no weight
/// decay, amsgrad off), step t = 1, 2, …:
///
///     m ← m + (1 − β₁)(g − m),  v ← β₂ v + (1 − β₂) g²,
///     θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
public struct Adam<Scalar: RealScalar>: Optimizer {
  public var learningRate: Scalar
  public var beta1: Scalar
  public var beta2: Scalar
  public var epsilon: Scalar
  public private(set) var t = 0
  public private(set) var m: [Scalar] = []
  public private(set) var v: [Scalar] = []

  public init(
    learningRate: Scalar, beta1: Scalar = Scalar(0.9), beta2: Scalar = Scalar(0.999),
    epsilon: Scalar = Scalar(1e-8)
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  public mutating func step(parameters: inout [Scalar], gradient: [Scalar]) {
    if m.isEmpty {
      m = zeros(parameters.count, Scalar.self)
      v = m
    }
    t += 1
    let bc1 = 1 - Scalar.pow(beta1, t)
    let bc2Sqrt = Scalar.sqrt(1 - Scalar.pow(beta2, t))
    let stepSize = learningRate / bc1
    let a1 = 1 - beta1, a2 = 1 - beta2
    if Scalar.self == Double.self {
      let (b2, e, ss, bc, c1, c2) = (
        unsafeBitCast(beta2, to: Double.self), unsafeBitCast(epsilon, to: Double.self),
        unsafeBitCast(stepSize, to: Double.self), unsafeBitCast(bc2Sqrt, to: Double.self),
        unsafeBitCast(a1, to: Double.self), unsafeBitCast(a2, to: Double.self))
      parameters.withUnsafeMutableBufferPointer { pp in
        gradient.withUnsafeBufferPointer { gp in
          m.withUnsafeMutableBufferPointer { mp in
            v.withUnsafeMutableBufferPointer { vp in
              let p = doubles(pp.baseAddress!), g = doubles(gp.baseAddress!)
              let md = doubles(mp.baseAddress!), vd = doubles(vp.baseAddress!)
              // 8 lanes at a time (the same IEEE operations as the scalar tail, so
              // the same results), then the tail.
              var i = 0
              while i + 8 <= pp.count {
                let gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Double>.self)
                var mi = UnsafeRawPointer(md + i).loadUnaligned(as: SIMD8<Double>.self)
                var vi = UnsafeRawPointer(vd + i).loadUnaligned(as: SIMD8<Double>.self)
                var pi = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Double>.self)
                mi += c1 * (gi - mi)
                vi = b2 * vi + c2 * gi * gi
                let denom = vi.squareRoot() / bc + e
                pi -= ss * (mi / denom)
                UnsafeMutableRawPointer(md + i).storeBytes(of: mi, as: SIMD8<Double>.self)
                UnsafeMutableRawPointer(vd + i).storeBytes(of: vi, as: SIMD8<Double>.self)
                UnsafeMutableRawPointer(p + i).storeBytes(of: pi, as: SIMD8<Double>.self)
                i += 8
              }
              for i in i..<pp.count {
                let gi = g[i]
                md[i] += c1 * (gi - md[i])
                vd[i] = b2 * vd[i] + c2 * gi * gi
                let denom = vd[i].squareRoot() / bc + e
                p[i] -= ss * (md[i] / denom)
              }
            }
          }
        }
      }
      return
    }
    for i in parameters.indices {
      let g = gradient[i]
      m[i] += a1 * (g - m[i])
      v[i] = beta2 * v[i] + a2 * g * g
      let denom = Scalar.sqrt(v[i]) / bc2Sqrt + epsilon
      parameters[i] -= stepSize * (m[i] / denom)
    }
  }
}

/// The optimisers by name, for files and the command line.
public enum OptimizerKind: String, Sendable, CaseIterable, Codable {
  /// Full-batch (or, with a batch size, mini-batch) gradient descent.
  case gd
  /// Mini-batch SGD: gradient descent on shuffled batches (the trainer needs a batch size).
  case sgd
  case momentum
  case adam
}
