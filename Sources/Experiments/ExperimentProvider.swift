import Verification

/// The parameters of an experiment's expensive part (one training run, one
/// iteration operator): every parameter but the measurement's. Sweep points
/// with an equal configuration share one run (`ExperimentProvider.runs`, a
/// `ProviderCache` keyed by the configuration itself).
public protocol ExperimentConfiguration: Hashable, Sendable {
  /// The parameters it reads, declared once (name, kind, default, help).
  static var arguments: [ProviderParameter] { get }
  /// Reads and checks the parameters; a bad value throws an error naming its key.
  init(_ parameters: ExperimentParameters) throws(ProviderError)
}

/// The `TypedQuantityProvider` of a training experiment: a provider declares what
/// it measures and how its run is made.
///
/// A conformer declares
/// - `QuantityName`: the values of `quantity` (the first case is the default);
/// - `measurementArguments`: the other arguments `measure` reads (a peak, a
///   threshold, δ);
/// - `Configuration`: the run's parameters (`ExperimentConfiguration`);
/// - `runs` and `run(_:)`: the expensive computation, made once per configuration
///   and process; a diverged training run is thrown from here
///   (`TrainingSetup.train`), so every measurement on it fails with the same error;
/// - `measure(_:of:configuration:parameters:)`: the quantity at one sweep point.
///
/// It gets `arguments` (the measurement's, then the configuration's), the
/// load-time `check` (the configuration and `validateMeasurement` read from `args`)
/// and `compute`: configuration → cached run → measurement.
public protocol ExperimentProvider: TypedQuantityProvider where Method == NoMethod {
  associatedtype Configuration: ExperimentConfiguration
  associatedtype Run: Sendable

  /// The arguments `measure` reads besides `quantity`.
  static var measurementArguments: [ProviderParameter] { get }
  /// The process-wide memo of runs, one per configuration.
  static var runs: ProviderCache<Configuration, Run> { get }
  /// The run of one configuration.
  static func run(_ configuration: Configuration) throws -> Run
  /// Load-time checks of the measurement arguments beyond their kinds (ranges),
  /// with the parameters of `args` alone; none by default.
  static func validateMeasurement(_ parameters: ExperimentParameters) throws(ProviderError)
  /// The quantity `quantity` of `run` at the sweep point of `parameters`.
  static func measure(
    _ quantity: QuantityName, of run: Run, configuration: Configuration, parameters: ExperimentParameters
  ) throws -> Quantity
}

extension ExperimentProvider {
  public static func validateMeasurement(_ parameters: ExperimentParameters) throws(ProviderError) {}

  public static var arguments: [ProviderParameter] { measurementArguments + Configuration.arguments }

  /// A training experiment measures one run (the Jacobi iteration overrides: it is computed).
  public func source(of arguments: ProviderArguments) -> QuantitySource { .singleRun }

  /// The run of one configuration, shared by every measurement of it (and by any provider
  /// whose runs are of the same configuration type).
  public func cacheKey(_ arguments: ProviderArguments, at point: SweepPoint) -> String? {
    ExperimentParameters(arguments, point: point).cacheKey("\(Configuration.self)", declared: Configuration.arguments)
  }

  /// One training run: network weights × steps × max(samples, points) (the data set or
  /// the grid it is measured on, whichever the provider has and is larger).
  public func relativeCost(_ arguments: ProviderArguments, at point: SweepPoint) -> Double {
    let p = ExperimentParameters(arguments, point: point), declared = Self.declaredArguments
    let size = max(p.costProduct(["samples"], declared: declared), p.costProduct(["points"], declared: declared))
    return p.networkWeights(declared: declared) * p.costProduct(["steps"], declared: declared) * size
  }

  public static func check(_ parameters: ExperimentParameters, sweepAxes: [String]) throws(ProviderError) {
    _ = try Configuration(parameters)
    try validateMeasurement(parameters)
  }

  public func compute(
    _ quantity: QuantityName, method: NoMethod, _ parameters: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let c = try Configuration(parameters)
    let run = try Self.runs.value(for: c) { try Self.run(c) }
    return try Self.measure(quantity, of: run, configuration: c, parameters: parameters)
  }
}
