import MultiPrecision
import RealModule

/// A training set: n samples xᵢ ∈ ℝᵈ with targets yᵢ ∈ ℝᵏ and sample weights
/// wᵢ (a data density: L = Σᵢ wᵢ ℓ(f(xᵢ), yᵢ)). Stored row-major in Double.
public struct Dataset: Sendable, Equatable {
  /// n × d, row-major.
  public var inputs: [Double]
  /// n × k, row-major.
  public var targets: [Double]
  public let inputDimension: Int
  public let outputDimension: Int
  /// wᵢ; nil means the uniform density wᵢ = 1/n.
  public var weights: [Double]?

  public init(
    inputs: [Double], targets: [Double], inputDimension d: Int, outputDimension k: Int, weights: [Double]? = nil
  ) {
    precondition(d >= 1 && k >= 1 && inputs.count % d == 0)
    precondition(targets.count == inputs.count / d * k, "targets must be n × k")
    precondition(weights.map { $0.count == inputs.count / d } ?? true, "one weight per sample")
    self.inputs = inputs
    self.targets = targets
    inputDimension = d
    outputDimension = k
    self.weights = weights
  }

  /// n.
  public var count: Int { inputs.count / inputDimension }

  /// wᵢ, the uniform 1/n when no density was given.
  public var sampleWeights: [Double] { weights ?? [Double](repeating: 1 / Double(count), count: count) }

  /// The rows `indices`, in that order (weights carried along).
  public func subset(_ indices: [Int]) -> Dataset {
    var x: [Double] = [], y: [Double] = []
    x.reserveCapacity(indices.count * inputDimension)
    y.reserveCapacity(indices.count * outputDimension)
    for i in indices {
      x.append(contentsOf: inputs[(i * inputDimension)..<((i + 1) * inputDimension)])
      y.append(contentsOf: targets[(i * outputDimension)..<((i + 1) * outputDimension)])
    }
    return Dataset(
      inputs: x, targets: y, inputDimension: inputDimension, outputDimension: outputDimension,
      weights: weights.map { w in indices.map { w[$0] } })
  }

  /// Class labels 0..<classes as one-hot target rows (for softmax cross-entropy).
  public static func oneHot(_ labels: [Int], classes: Int) -> [Double] {
    var y = [Double](repeating: 0, count: labels.count * classes)
    for (i, c) in labels.enumerated() {
      precondition((0..<classes).contains(c), "label \(c) out of range")
      y[i * classes + c] = 1
    }
    return y
  }
}
