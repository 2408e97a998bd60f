import MultiPrecision
import RealModule

/// A first-order update rule θ ← update(θ, g) with g = ∇L(θ) (or a mini-batch
/// estimate of it). Stateful (momentum buffers, moment estimates).
public protocol Optimizer<Scalar> {
  associatedtype Scalar: NetworkScalar
  /// One step: updates `parameters` in place from `gradient`.
  mutating func step(parameters: inout [Scalar], gradient: [Scalar])
}

/// Gradient descent θ ← θ − η g (full batch, or mini-batch SGD when the trainer
/// is given a batch size).
public struct GradientDescent<Scalar: NetworkScalar>: Optimizer {
  public var learningRate: Scalar
  public init(learningRate: Scalar) { self.learningRate = learningRate }
  public mutating func step(parameters: inout [Scalar], gradient: [Scalar]) {
    Scalar.descend(&parameters, along: gradient, learningRate: learningRate)
  }
}

/// Heavy-ball momentum, PyTorch's `SGD(momentum: μ, dampening: 0)`:
/// b ← μ b + g (b = g at the first step), θ ← θ − η b.
public struct Momentum<Scalar: NetworkScalar>: Optimizer {
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
      Scalar.accumulateMomentum(&buffer, gradient: gradient, momentum: momentum)
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
public struct Adam<Scalar: NetworkScalar>: Optimizer {
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
      m = Scalar.zeros(parameters.count)
      v = m
    }
    t += 1
    let bc1 = 1 - Scalar.pow(beta1, t)
    let bc2Sqrt = Scalar.sqrt(1 - Scalar.pow(beta2, t))
    Scalar.adamUpdate(
      &parameters, gradient: gradient, m: &m, v: &v, oneMinusBeta1: 1 - beta1, beta2: beta2,
      oneMinusBeta2: 1 - beta2, epsilon: epsilon, stepSize: learningRate / bc1, biasCorrection2: bc2Sqrt)
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
