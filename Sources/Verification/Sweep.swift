import MultiPrecision

/// A value of a sweep axis: a number (kept as its exact decimal text so that
/// MPFR reads it at any precision) or a word (an activation name, a loss, …).
public enum SweepValue: Sendable, Hashable, Codable, CustomStringConvertible {
  case number(String)
  case text(String)

  public var description: String {
    switch self {
    case .number(let s), .text(let s): return s
    }
  }
  /// The decimal text when numeric.
  public var decimal: String? { if case .number(let s) = self { return s } else { return nil } }
  /// The value as a `Double` when numeric (for plotting and ordering).
  public var doubleValue: Double? { decimal.flatMap(Double.init) }
}

/// One axis of a sweep: a parameter name and the values it takes, in order.
public struct SweepAxis: Sendable, Equatable, Codable {
  public var name: String
  public var values: [SweepValue]
  public init(name: String, values: [SweepValue]) { self.name = name; self.values = values }
}

/// A point of a sweep: one value per axis, and its index in the sweep's order.
public struct SweepPoint: Sendable, Hashable, Codable {
  public var index: Int
  public var coordinates: [String: SweepValue]
  /// The theorem's seed combined with the point's `seed` coordinate when that is an axis.
  public var seed: UInt64
  public init(index: Int, coordinates: [String: SweepValue], seed: UInt64) {
    self.index = index; self.coordinates = coordinates; self.seed = seed
  }
  public subscript(name: String) -> SweepValue? { coordinates[name] }
}

/// The parameters a claim is checked on: axes combined as their cartesian
/// product (`mode = "product"`, the last axis varying fastest) or zipped
/// (`mode = "zip"`, all axes the same length, the i-th values together).
public struct Sweep: Sendable, Equatable, Codable {
  public enum Mode: String, Sendable, Codable { case product, zip }
  public var axes: [SweepAxis]
  public var mode: Mode
  public init(axes: [SweepAxis], mode: Mode = .product) { self.axes = axes; self.mode = mode }

  public var axisNames: [String] { axes.map(\.name) }

  /// Number of points.
  public var count: Int {
    if axes.isEmpty { return 1 }
    switch mode {
    case .product: return axes.reduce(1) { $0 * $1.values.count }
    case .zip: return axes[0].values.count
    }
  }

  /// All points in a fixed order (deterministic). A sweep with no axes has one point.
  public func points(seed: UInt64) -> [SweepPoint] {
    (0..<count).map { i in
      var coordinates: [String: SweepValue] = [:]
      switch mode {
      case .zip:
        for axis in axes { coordinates[axis.name] = axis.values[i] }
      case .product:
        var rest = i
        for axis in axes.reversed() {
          coordinates[axis.name] = axis.values[rest % axis.values.count]
          rest /= axis.values.count
        }
      }
      var pointSeed = seed
      if let s = coordinates["seed"]?.decimal, let v = UInt64(s) { pointSeed = SplitMix64.mix(seed &+ v) }
      return SweepPoint(index: i, coordinates: coordinates, seed: pointSeed)
    }
  }
}
