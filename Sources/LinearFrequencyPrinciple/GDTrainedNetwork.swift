import LinearAlgebra
import MultiPrecision

/// The authors' two-layer network h(x; θ) = Σ_{j=1}^m a_j σ(w_j·x + b_j) (arXiv
/// 1905.10264, code fig1a/fig1b: m total neurons in m/2 antisymmetric pairs
/// (w, b, +a), (w, b, −a), so h(x; θ₀) ≡ 0; a plain width sum, no 1/√m) trained by
/// **full-batch gradient descent on the network itself** (not its linearisation),
/// every parameter a, w, b trained, on the sum loss
///
///     L(θ) = ½ Σ_{i=1}^n (h(x_i; θ) − y_i)²,
///
/// θ_{k+1} = θ_k − η ∇L(θ_k), with the step η = c/λ_max(Θ_m(X, X)), Θ_m the empirical
/// neural tangent kernel Σ_j ∇_θ h(x)·∇_θ h(x′) of the initial parameters on the data
/// (unnormalised; the kernel of `LinearisedTwoLayer` is Θ_m/m). In the NTK regime the
/// residual on the data moves by r ← (I − ηΘ_m)r, stable for c < 2.
///
/// Training stops at the first step k with L(θ_k) < `untilLoss` (default 1e−8); the
/// parameters at the first step with L < `snapshotLoss` (8e−5, the authors' stop) are
/// kept as `stopped`. The initialisation is `initial` (a `LinearisedTwoLayer`, whose
/// limit is the interpolant of the run's own initial empirical NTK). Two activations:
/// ReLU (σ′ = 1[z > 0]) and tanh; any input dimension d.
public struct GDTrainedNetwork: Sendable {
  /// The settings of one run.
  public struct Configuration: Sendable, Equatable {
    /// c in η = c/λ_max(Θ_m(X, X)); 0 < c < 2.
    public var learningRateFactor: Double
    /// Stop at the first step with L < untilLoss (> 0).
    public var untilLoss: Double
    /// Give up (an error) after this many steps.
    public var maxSteps: Int
    /// Keep the parameters where L first drops below this level (the authors' 8e−5).
    public var snapshotLoss: Double
    /// A fixed step η instead of c/λ_max(Θ_m(X, X)) (nil: the rule). For small
    /// initialisations (the condensed regime) Θ_m(X, X) at θ₀ is tiny, c/λ_max is huge
    /// and GD diverges once the network grows; there a fixed η is the usual choice.
    public var fixedLearningRate: Double?

    public init(
      learningRateFactor: Double = 0.9, untilLoss: Double = 1e-8, maxSteps: Int = 10_000_000,
      snapshotLoss: Double = 8e-5, fixedLearningRate: Double? = nil
    ) {
      self.learningRateFactor = learningRateFactor
      self.untilLoss = untilLoss
      self.maxSteps = maxSteps
      self.snapshotLoss = snapshotLoss
      self.fixedLearningRate = fixedLearningRate
    }

    /// Checks the settings: every bad value is an error naming it.
    public func validate() throws(LFPError) {
      guard learningRateFactor.isFinite, learningRateFactor > 0 else {
        throw LFPError("learning-rate factor must be a finite number > 0, found \(learningRateFactor)")
      }
      guard learningRateFactor < 2 else {
        throw LFPError(
          "learning-rate factor \(learningRateFactor) ≥ 2: GD unstable (the residual's fastest mode is "
            + "multiplied by 1 − c each step in the NTK regime, |1 − c| ≥ 1); use c < 2")
      }
      guard untilLoss.isFinite, untilLoss > 0 else {
        throw LFPError("loss level must be a finite number > 0, found \(untilLoss)")
      }
      guard snapshotLoss.isFinite, snapshotLoss > 0 else {
        throw LFPError("snapshot loss level must be a finite number > 0, found \(snapshotLoss)")
      }
      guard maxSteps >= 1 else { throw LFPError("max steps must be ≥ 1, found \(maxSteps)") }
      if let eta = fixedLearningRate, !(eta.isFinite && eta > 0) {
        throw LFPError("fixed learning rate must be a finite number > 0, found \(eta)")
      }
    }
  }

  /// Parameters of the network: w (m × d), b, a.
  public struct Parameters: Sendable, Equatable {
    public var w: [[Double]]
    public var b: [Double]
    public var a: [Double]
    public var width: Int { b.count }
  }

  /// The initialisation (antisymmetric pairs) and its empirical NTK.
  public let initial: LinearisedTwoLayer
  public let configuration: Configuration
  /// λ_max(Θ_m(X, X)) at initialisation (unnormalised kernel) and η = c/λ_max (or
  /// the configuration's fixed η).
  public let lambdaMax: Double
  public let learningRate: Double
  /// The parameters at the end (L < untilLoss).
  public let final: Parameters
  /// Steps taken and the loss at the end.
  public let steps: Int
  public let loss: Double
  /// The first step with L < snapshotLoss, its loss and parameters (nil if the run
  /// stopped earlier, which needs untilLoss ≥ snapshotLoss).
  public let stopped: (steps: Int, loss: Double, parameters: Parameters)?
  let data: LFPData<Double>

  /// λ_max(Θ_m(X, X)) of the unnormalised empirical NTK of `initial` on the data.
  static func lambdaMax(_ initial: LinearisedTwoLayer, data: LFPData<Double>) throws(LFPError) -> Double {
    let gram = Matrix<Double>(symmetric: data.count) { i, j in
      Double(initial.width) * initial.kernel(data.x[i], data.x[j])
    }
    let lambda: Double
    do { lambda = try gram.symmetricEigen().values.max() ?? 0 } catch {
      throw LFPError("empirical NTK on the data: eigenvalues failed: \(error)")
    }
    guard lambda.isFinite, lambda > 0 else {
      throw LFPError("empirical NTK on the data has λ_max = \(lambda): no gradient reaches the data")
    }
    return lambda
  }

  /// The residual h(x_i; θ_s) − y_i on the data after s GD steps from `initial`, for each
  /// s of `steps`, with η = c/λ_max(Θ_m(X, X)) as in a training run (every parameter
  /// trained, the network itself, not its linearisation). Returns η and the residuals
  /// by step count. Divergence is an error naming the step.
  public static func residuals(
    _ initial: LinearisedTwoLayer, data: LFPData<Double>, learningRateFactor c: Double = 0.9, at steps: Set<Int>
  ) throws(LFPError) -> (learningRate: Double, residuals: [Int: [Double]]) {
    try Configuration(learningRateFactor: c).validate()
    guard let last = steps.max(), steps.allSatisfy({ $0 >= 0 }) else { return (0, [:]) }
    let eta = c / (try lambdaMax(initial, data: data))
    var state = GDState(initial, data: data)
    var loss = state.forward()
    let initialLoss = loss
    var out: [Int: [Double]] = [:]
    for k in 0...last {
      if k > 0 {
        loss = state.step(eta)
        guard loss.isFinite, loss <= 1e6 * initialLoss else {
          throw LFPError("GD diverged at step \(k): loss \(loss) (initial \(initialLoss)) with learning rate \(eta)")
        }
      }
      if steps.contains(k) { out[k] = state.r }
    }
    return (eta, out)
  }

  /// Trains `initial` on `data` (see the type's documentation). Errors: a bad
  /// configuration, divergence (the loss not finite or above 10⁶·L(θ₀), naming the
  /// step), or the loss level not reached within `maxSteps`.
  public init(
    initial: LinearisedTwoLayer, data: LFPData<Double>, configuration: Configuration = .init()
  ) throws(LFPError) {
    try configuration.validate()
    guard let d = initial.w.first?.count, d == data.dimension else {
      throw LFPError("network input dimension does not match the data (d = \(data.dimension))")
    }
    let lambda = try Self.lambdaMax(initial, data: data)
    self.initial = initial
    self.configuration = configuration
    self.lambdaMax = lambda
    self.learningRate = configuration.fixedLearningRate ?? configuration.learningRateFactor / lambda
    self.data = data
    var state = GDState(initial, data: data)
    let result = try state.run(learningRate: learningRate, configuration: configuration)
    self.steps = result.steps
    self.loss = result.loss
    self.final = state.parameters
    self.stopped = result.stopped
  }
}
