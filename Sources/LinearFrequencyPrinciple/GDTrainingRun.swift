import MultiPrecision

/// One GD-trained network beside the curves it is compared with, on a grid: the
/// LFP limit (minimum FP-norm interpolant), the interpolant of the run's own
/// initial empirical NTK (the linearised network at t = ∞: the gap to it measures
/// laziness) and the exact infinite-width NTK interpolant (ReLU, uniform or normal
/// laws), with the network at the authors' stop (loss first below 8e−5).
public struct GDTrainingRun: Sendable {
  public let grid: [[Double]]
  public let network: GDTrainedNetwork
  /// The trained network at the end (L < untilLoss).
  public let h: [Double]
  /// The network where L first dropped below `snapshotLoss`.
  public let stoppedH: [Double]?
  /// The LFP limit: ReLU, the closed-form kernel interpolant (A = E‖w‖³,
  /// B = E[a²‖w‖]); tanh (d = 1), the authors' regularised Fourier scheme.
  public let lfp: [Double]
  /// Θ_m(x, X)Θ_m(X, X)⁻¹y with Θ_m the run's initial empirical NTK.
  public let ntk0: [Double]
  /// The exact infinite-width NTK interpolant (ReLU; nil where `ExactReLUNTK` has no
  /// closed form for the laws, and for tanh).
  public let ntkInfinity: [Double]?

  /// Draws the network (`LinearisedTwoLayer`, antisymmetric pairs, `seed`), trains it by
  /// GD (`GDTrainedNetwork`) and computes the reference curves on `grid`.
  public init(
    activation: LinearisedTwoLayer.Activation, data: LFPData<Double>, width: Int, w: ParameterDistribution,
    b: ParameterDistribution, a: ParameterDistribution, seed: UInt64, grid: [[Double]],
    configuration: GDTrainedNetwork.Configuration = .init()
  ) throws(LFPError) {
    try configuration.validate()
    let d = data.dimension
    guard grid.allSatisfy({ $0.count == d }) else { throw LFPError("grid points must have d = \(d) coordinates") }
    let gamma = try LFPGamma(activation: activation.spectral, dimension: d, w: w, a: a)
    let net = try LinearisedTwoLayer(activation: activation, width: width, dimension: d, w: w, b: b, a: a, seed: seed)
    // References first: a bad law fails before the training.
    switch activation {
    case .relu:
      let (A, B): (Double, Double) = try gamma.reluMoments()
      let limit = try ReLULFPLimit(data: data, A: A, B: B)
      lfp = grid.map { limit($0) }
      if let exact = try? ExactReLUNTK(w: w, b: b, a: a, dimension: d) {
        ntkInfinity = try exact.flow(data: data, at: grid).values(at: .infinity)
      } else {
        ntkInfinity = nil
      }
    case .tanh:
      guard d == 1 else { throw LFPError("the tanh LFP limit (Fourier scheme) is 1-D (data have d = \(d))") }
      lfp = try FrequencyGridLFP.authorsGrid(gamma: gamma, data: data).limit(at: grid.map { $0[0] })
      ntkInfinity = nil
    }
    ntk0 = try net.limit(data: data, at: grid)
    network = try GDTrainedNetwork(initial: net, data: data, configuration: configuration)
    h = network.values(at: grid)
    stoppedH = network.stoppedValues(at: grid)
    self.grid = grid
  }
}
