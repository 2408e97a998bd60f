import MultiPrecision
import RealModule

/// What a run stopped with.
public enum TrainingStatus: String, Sendable, Codable {
  /// All requested steps were taken.
  case completed
  /// The loss became NaN or ±∞, or some |θⱼ| exceeded the divergence bound; the run
  /// stopped there, keeping the snapshots taken so far.
  case diverged
}

/// Network state recorded at one step.
public struct Snapshot<Scalar: NetworkScalar>: Sendable {
  /// Optimiser steps taken (0 = initial network).
  public var step: Int
  /// L(θ) on the full training set at this step.
  public var loss: Double
  /// f(x; θ) at the evaluation points, row-major n_eval × k (empty if none requested).
  public var outputs: [Double]
  /// θ, if parameters were requested.
  public var parameters: [Scalar]?
}

/// The options of a training run. A "step" is one optimiser update (one mini-batch
/// with a batch size, the whole set otherwise).
public struct TrainingOptions: Sendable {
  public var steps: Int
  /// nil: full batch. Otherwise mini-batches of this size from a Fisher–Yates
  /// shuffle of 0..<n by SplitMix64(shuffleSeed) at each epoch, taken in order
  /// (the last batch of an epoch may be smaller). The mini-batch loss is
  /// (n/|B|) Σ_{i∈B} wᵢ ℓᵢ, an unbiased estimate of L.
  public var batchSize: Int?
  public var shuffleSeed: UInt64
  /// Steps at which to take a snapshot (0 = before training).
  public var snapshotSteps: Set<Int>
  /// Points (n_eval × d row-major) at which snapshots record f; empty for none.
  public var evaluationPoints: [Double]
  /// Whether snapshots record θ.
  public var recordParameters: Bool
  /// The run diverges when max |θⱼ| exceeds this (or the loss is not finite).
  public var divergenceBound: Double

  public init(
    steps: Int, batchSize: Int? = nil, shuffleSeed: UInt64 = 0, snapshotSteps: Set<Int> = [],
    evaluationPoints: [Double] = [], recordParameters: Bool = false, divergenceBound: Double = 1e12
  ) {
    self.steps = steps
    self.batchSize = batchSize
    self.shuffleSeed = shuffleSeed
    self.snapshotSteps = snapshotSteps
    self.evaluationPoints = evaluationPoints
    self.recordParameters = recordParameters
    self.divergenceBound = divergenceBound
  }

  /// Snapshot steps 0, K, 2K, … up to `steps` (and `steps` itself).
  public static func every(_ k: Int, upTo steps: Int) -> Set<Int> {
    guard k > 0 else { return [] }
    var s = Set(stride(from: 0, through: steps, by: k))
    s.insert(steps)
    return s
  }
}

/// The outcome of `train`.
public struct TrainingResult<Scalar: NetworkScalar>: Sendable {
  public var status: TrainingStatus
  /// L(θ_t) on the full training set for t = 0, 1, …, up to the last step taken
  /// (for a diverged run the last entry is the offending value).
  public var losses: [Double]
  public var snapshots: [Snapshot<Scalar>]
  /// The network after the last step taken.
  public var network: Network<Scalar>
}

/// The training problem θ ↦ L(θ) = Σᵢ wᵢ ℓ(f(xᵢ; θ), yᵢ) for a fixed architecture,
/// data set and loss, in scalar type `Scalar`.
///
/// Its vector field `gradientFlowField(_:)` drives exact gradient flow
/// dθ/dt = −∇L(θ) (`trainByGradientFlow`, integrated by the GradientFlow module).
public struct TrainingObjective<Scalar: NetworkScalar>: Sendable {
  public let network: Network<Scalar>
  public let loss: any Loss
  public let inputs: [Scalar]
  public let targets: [Scalar]
  public let weights: [Scalar]

  public init(network: Network<Scalar>, data: Dataset, loss: any Loss) {
    precondition(data.inputDimension == network.inputDimension, "data dimension d does not match the network")
    precondition(data.outputDimension == network.outputDimension, "target dimension k does not match the network")
    self.network = network
    self.loss = loss
    inputs = data.inputs.map { Scalar($0) }
    targets = data.targets.map { Scalar($0) }
    weights = data.sampleWeights.map { Scalar($0) }
  }

  public var parameterCount: Int { network.parameterCount }

  /// L(θ).
  public func value(at theta: [Scalar]) -> Scalar {
    network.loss(inputs: inputs, targets: targets, weights: weights, loss: loss, parameters: theta)
  }

  /// (L(θ), ∇L(θ)) by backpropagation.
  public func valueAndGradient(at theta: [Scalar]) -> (loss: Scalar, gradient: [Scalar]) {
    network.lossAndGradient(inputs: inputs, targets: targets, weights: weights, loss: loss, parameters: theta)
  }

  /// (L(θ), ∇L(θ)) with the buffers of `workspace` (reused between steps by `train`).
  func valueAndGradient(at theta: [Scalar], workspace: BackpropWorkspace<Scalar>) -> (loss: Scalar, gradient: [Scalar])
  {
    network.lossAndGradient(
      inputs: inputs, targets: targets, weights: weights, loss: loss, parameters: theta, workspace: workspace)
  }

  /// ∇L(θ).
  public func gradient(at theta: [Scalar]) -> [Scalar] { valueAndGradient(at: theta).gradient }

  /// The gradient-flow vector field F(θ) = −∇L(θ) (dθ/dt = F(θ)).
  public func gradientFlowField(_ theta: [Scalar]) -> [Scalar] { gradient(at: theta).map { -$0 } }
}

/// Trains `network` on `data` with `loss` and `optimizer` for `options.steps` steps.
///
/// losses[t] = L(θ_t) on the full set, t = 0 … steps. With full batch, L(θ_t) is
/// the value computed with the gradient at step t (the last needs one more
/// forward pass). Deterministic: the same inputs give bit-identical results.
public func train<Scalar: RealScalar, O: Optimizer>(
  _ network: Network<Scalar>, on data: Dataset, loss: any Loss, optimizer: O, options: TrainingOptions,
  progress: ((Int, Double) -> Void)? = nil
) -> TrainingResult<Scalar> where O.Scalar == Scalar {
  var optimizer = optimizer
  let objective = TrainingObjective(network: network, data: data, loss: loss)
  let evalPoints = options.evaluationPoints.map { Scalar($0) }
  var theta = network.parameters
  var losses: [Double] = []
  var snapshots: [Snapshot<Scalar>] = []
  var status = TrainingStatus.completed
  let n = data.count

  // When the evaluation points are the training inputs (bit for bit) and the batch is full, a
  // snapshot's outputs are those of the step's own forward pass (`trainingOutputs`): the same
  // affine maps and activations on the same θ, so the same values, without a second forward pass.
  let evaluatesOnInputs =
    !evalPoints.isEmpty && options.evaluationPoints.count == data.inputs.count
    && zip(options.evaluationPoints, data.inputs).allSatisfy { $0.bitPattern == $1.bitPattern }
  func snapshot(_ step: Int, _ l: Double, trainingOutputs: () -> [Scalar]? = { nil }) {
    guard options.snapshotSteps.contains(step) else { return }
    let out: [Double]
    if evalPoints.isEmpty {
      out = []
    } else if evaluatesOnInputs, let f = trainingOutputs() {
      out = f.map(\.doubleValue)
    } else {
      out = network.outputs(evalPoints, parameters: theta).map(\.doubleValue)
    }
    snapshots.append(Snapshot(step: step, loss: l, outputs: out, parameters: options.recordParameters ? theta : nil))
  }
  func diverged(_ l: Double) -> Bool {
    !l.isFinite || !Scalar.allBounded(theta, by: options.divergenceBound)
  }

  // Mini-batch state.
  var rng = SplitMix64(seed: options.shuffleSeed)
  var order: [Int] = []
  var cursor = 0
  var batchObjective: TrainingObjective<Scalar>? = nil
  let workspace = BackpropWorkspace<Scalar>()

  for step in 0...options.steps {
    let gradient: [Scalar]
    let l: Double
    if let b = options.batchSize, b < n {
      l = objective.value(at: theta).doubleValue
      if step == options.steps || diverged(l) {
        losses.append(l)
        snapshot(step, l)
        if diverged(l) { status = .diverged }
        break
      }
      if cursor >= order.count {
        order = Array(0..<n)
        rng.shuffle(&order)
        cursor = 0
      }
      let batch = Array(order[cursor..<min(cursor + b, n)])
      cursor += batch.count
      var sub = data.subset(batch)
      let scale = Double(n) / Double(batch.count)
      sub.weights =
        sub.weights.map { $0.map { $0 * scale } } ?? [Double](repeating: 1 / Double(batch.count), count: batch.count)
      batchObjective = TrainingObjective(network: network, data: sub, loss: loss)
      gradient = batchObjective!.valueAndGradient(at: theta, workspace: workspace).gradient
    } else {
      if step == options.steps {
        // L(θ) = objective.value(at: θ), its forward pass kept for the snapshot.
        let out = network.outputs(objective.inputs, parameters: theta)
        l = network.loss(outputs: out, targets: objective.targets, weights: objective.weights, loss: loss).doubleValue
        losses.append(l)
        snapshot(step, l, trainingOutputs: { out })
        if diverged(l) { status = .diverged }
        break
      }
      let (lv, g) = objective.valueAndGradient(at: theta, workspace: workspace)
      l = lv.doubleValue
      gradient = g
    }
    losses.append(l)
    snapshot(step, l, trainingOutputs: { options.batchSize.map { $0 >= n } ?? true ? workspace.outputs() : nil })
    if diverged(l) {
      status = .diverged
      break
    }
    progress?(step, l)
    optimizer.step(parameters: &theta, gradient: gradient)
    var spent = gradient
    workspace.recycle(&spent)
  }
  var final = network
  final.parameters = theta
  return TrainingResult(status: status, losses: losses, snapshots: snapshots, network: final)
}
