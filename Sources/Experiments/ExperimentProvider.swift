import Verification

/// The parameters of an experiment's expensive part (one training run, one
/// iteration operator): every parameter but the measurement's. Sweep points
/// with the same `key` share one run (`RunCache`), so the key names every
/// parameter the run depends on.
public protocol ExperimentConfiguration: Sendable {
  /// The parameter names it reads, for the load-time check of `args`.
  static var keys: Set<String> { get }
  /// Reads and checks the parameters; a bad value throws an error naming its key.
  init(_ parameters: ExperimentParameters) throws(ProviderError)
  /// Every parameter the run depends on: the cache key.
  var key: String { get }
}

/// The skeleton every experiment provider of this module shares: a provider
/// declares what it measures and how its run is made, and gets the
/// `QuantityProvider` methods.
///
/// A conformer declares
/// - `Measurement`: the values of the `quantity` key, declared once as the
///   cases of an enumeration (raw value = the name in theorem files); the FIRST
///   case is the default;
/// - `measurementKeys`: the other keys `measure` reads (a peak, a threshold, δ);
/// - `Configuration`: the run's parameters (`ExperimentConfiguration`);
/// - `runs` and `run(_:)`: the expensive computation, made once per
///   configuration key and process (`RunCache`); a diverged training run is
///   thrown from here (`TrainingSetup.train`), so every measurement on it fails
///   with the same error;
/// - `measure(_:of:configuration:parameters:)`: the quantity at one sweep point.
///
/// It gets `validate` (unknown keys, a key given both in `args` and as a sweep
/// axis, then every parameter that is not a sweep axis read once, so that a
/// defect names its line before anything runs) and `compute`:
/// configuration → cached run → measurement. Every parameter is read through
/// `ExperimentParameters`: from the sweep point, else `args`, else its default.
public protocol ExperimentProvider: QuantityProvider {
  associatedtype Measurement: RawRepresentable, CaseIterable, Sendable where Measurement.RawValue == String
  associatedtype Configuration: ExperimentConfiguration
  associatedtype Run: Sendable

  /// The keys `measure` reads besides `quantity`.
  static var measurementKeys: Set<String> { get }
  /// The process-wide memo of runs, one per configuration key.
  static var runs: RunCache<Run> { get }
  /// The run of one configuration.
  static func run(_ configuration: Configuration) throws -> Run
  /// Load-time checks of the measurement keys beyond `quantity` (choices,
  /// ranges), with the parameters of `args` alone; none by default.
  static func validateMeasurement(_ parameters: ExperimentParameters) throws(ProviderError)
  /// The quantity `measurement` of `run` at the sweep point of `parameters`.
  static func measure(
    _ measurement: Measurement, of run: Run, configuration: Configuration,
    parameters: ExperimentParameters
  ) throws -> Quantity
}

extension ExperimentProvider {
  public static func validateMeasurement(_ parameters: ExperimentParameters) throws(ProviderError) {}

  /// Every key `args` (or a sweep axis) may name: `quantity`, the measurement
  /// keys and the configuration's keys.
  public static var allowedKeys: Set<String> {
    measurementKeys.union(Configuration.keys).union([ExperimentParameters.measurementKey])
  }

  /// The argument names, sorted.
  public var argumentNames: [String] { Self.allowedKeys.sorted() }
  /// The values of `quantity`, the default first.
  public var measurementNames: [String] { Measurement.allCases.map(\.rawValue) }

  /// Every argument key, for `fprinciple providers`; only `quantity` carries its
  /// default here: the others' defaults depend on the provider and on each
  /// other (the training defaults of `TrainingSetup`) and are documented with
  /// each provider.
  public var parameters: [ProviderParameter] {
    argumentNames.map { name in
      name == ExperimentParameters.measurementKey
        ? ProviderParameter(name, default: measurementNames.first, "what to measure") : ProviderParameter(name)
    }
  }
  /// The values of `quantity`, the default first.
  public var quantities: [String] { measurementNames }

  public func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    try ExperimentParameters.validate(arguments, sweepAxes: sweepAxes, allowed: Self.allowedKeys)
    try ExperimentParameters.ignoringAxes(sweepAxes) { () throws(ProviderError) in
      let p = ExperimentParameters(arguments, point: nil)
      _ = try Configuration(p)
      _ = try p.measurement(Measurement.self)
      try Self.validateMeasurement(p)
    }
  }

  public func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    let p = ExperimentParameters(arguments, point: point)
    let c = try Configuration(p)
    let measurement = try p.measurement(Measurement.self)
    let run = try Self.runs.value(for: c.key) { try Self.run(c) }
    return try Self.measure(measurement, of: run, configuration: c, parameters: p)
  }
}
