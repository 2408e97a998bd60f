import Verification

/// The parameters of a provider at one sweep point: each named parameter is
/// read from the sweep point when the theorem file has a sweep axis of that
/// name, else from the quantity's `args`, else its default. A parameter given
/// both ways is rejected when the file is loaded (`validate`).
///
/// This is how a seed, an activation, an optimiser, a frequency index or a
/// filter width δ become sweep axes without the providers knowing which ones.
/// Every typed reader throws a `ProviderError` naming the parameter.
public struct ExperimentParameters: Sendable {
  public var arguments: ProviderArguments
  public var point: SweepPoint?

  public init(_ arguments: ProviderArguments, point: SweepPoint?) {
    self.arguments = arguments; self.point = point
  }

  /// Checks `args` against the provider's parameter names: unknown keys, and
  /// keys that are also sweep axes.
  public static func validate(
    _ arguments: ProviderArguments, sweepAxes: [String], allowed: Set<String>
  )
    throws(ProviderError)
  {
    try arguments.check(allowed: allowed)
    for (key, _) in arguments.entries where sweepAxes.contains(key) {
      throw ProviderError(argument: key, message: "given both in args and as a sweep axis; keep one")
    }
  }

  /// Runs a load-time check with the parameters of `args` alone, ignoring an
  /// error about a parameter that is a sweep axis (its values are known only
  /// at compute time, where the same check runs).
  public static func ignoringAxes(_ axes: [String], _ body: () throws(ProviderError) -> Void) throws(ProviderError) {
    do { try body() } catch {
      if let a = error.argument, axes.contains(a) { return }
      throw error
    }
  }

  /// Reads the parameter as its declared kind (its value must be given): the load-time
  /// check of one argument.
  public func check(_ parameter: ProviderParameter) throws(ProviderError) {
    let key = parameter.name
    switch parameter.kind {
    case .number: _ = try double(key)
    case .integer(let lo): _ = try int(key, min: lo)
    case .text: _ = try string(key)
    case .choice(let words): _ = try choice(key, words, default: words[0])
    case .numbers: _ = try doubles(key)
    case .integers: _ = try ints(key)
    case .bool: _ = try bool(key, default: false)
    }
  }

  /// The raw value: the sweep coordinate first, then the argument.
  func raw(_ key: String) -> ArgumentValue? {
    if let v = point?[key] {
      switch v {
      case .number(let s): return .number(s)
      case .text(let s): return .string(s)
      }
    }
    return arguments[key]
  }

  public func has(_ key: String) -> Bool { raw(key) != nil }

  /// The sweep point (given at compute time; absent in the load-time checks).
  public func sweepPoint() throws(ProviderError) -> SweepPoint {
    guard let point else { throw ProviderError(message: "computed without a sweep point") }
    return point
  }

  public func string(_ key: String, default d: String? = nil) throws(ProviderError) -> String {
    guard let v = raw(key) else {
      if let d { return d }
      throw ProviderError(argument: key, message: "missing (give it in args or as a sweep axis)")
    }
    switch v {
    case .string(let s), .number(let s): return s
    case .bool(let b): return String(b)
    case .list: throw ProviderError(argument: key, message: "expected a word, found \(v)")
    }
  }

  public func double(_ key: String, default d: Double? = nil) throws(ProviderError) -> Double {
    guard let v = raw(key) else {
      if let d { return d }
      throw ProviderError(argument: key, message: "missing (give it in args or as a sweep axis)")
    }
    switch v {
    case .number(let s), .string(let s):
      guard let x = Double(s), x.isFinite else {
        throw ProviderError(argument: key, message: "`\(s)` is not a finite number")
      }
      return x
    default: throw ProviderError(argument: key, message: "expected a number, found \(v)")
    }
  }

  public func int(_ key: String, default d: Int? = nil, min lo: Int? = nil) throws(ProviderError) -> Int {
    let x = try double(key, default: d.map(Double.init))
    guard x == x.rounded(), abs(x) < 1e15 else {
      throw ProviderError(argument: key, message: "expected an integer, found \(x)")
    }
    if let lo, Int(x) < lo { throw ProviderError(argument: key, message: "must be at least \(lo), found \(Int(x))") }
    return Int(x)
  }

  public func bool(_ key: String, default d: Bool) throws(ProviderError) -> Bool {
    guard let v = raw(key) else { return d }
    switch v {
    case .bool(let b): return b
    case .string("true"): return true
    case .string("false"): return false
    default: throw ProviderError(argument: key, message: "expected true or false, found \(v)")
    }
  }

  public func doubles(_ key: String, default d: [Double]? = nil) throws(ProviderError) -> [Double] {
    guard let v = raw(key) else {
      if let d { return d }
      throw ProviderError(argument: key, message: "missing (give it in args)")
    }
    switch v {
    case .list(let items):
      return try items.map { item throws(ProviderError) -> Double in
        guard case .number(let s) = item, let x = Double(s), x.isFinite else {
          throw ProviderError(argument: key, message: "expected a list of numbers, found \(v)")
        }
        return x
      }
    case .number(let s), .string(let s):
      // A single number, or "200-200-100" (a width list as a sweep word).
      let parts = s.split(separator: "-").map { Double($0) }
      if !parts.isEmpty, parts.allSatisfy({ $0 != nil }) { return parts.map { $0! } }
      throw ProviderError(argument: key, message: "expected a list of numbers, found \(v)")
    default: throw ProviderError(argument: key, message: "expected a list of numbers, found \(v)")
    }
  }

  public func ints(_ key: String, default d: [Int]? = nil) throws(ProviderError) -> [Int] {
    let xs = try doubles(key, default: d.map { $0.map(Double.init) })
    guard xs.allSatisfy({ $0 == $0.rounded() && $0 >= 0 && $0 < 1e9 }) else {
      throw ProviderError(argument: key, message: "expected non-negative integers, found \(xs)")
    }
    return xs.map { Int($0) }
  }

  /// The key that names what a provider computes (`TypedQuantityProvider.QuantityName`).
  public static let quantityKey = "quantity"

  /// One of the cases of `C` by its raw value, the first case by default.
  public func choice<C: ProviderChoice>(_ key: String, _: C.Type = C.self) throws(ProviderError) -> C {
    try choice(key, default: C.defaultCase)
  }

  /// One of the cases of `C` by its raw value (the cases are the declared names).
  public func choice<C: RawRepresentable & CaseIterable>(_ key: String, default d: C) throws(ProviderError) -> C
  where C.RawValue == String {
    C(rawValue: try choice(key, C.allCases.map(\.rawValue), default: d.rawValue))!
  }

  /// One of `choices`.
  public func choice(_ key: String, _ choices: [String], default d: String) throws(ProviderError) -> String {
    let s = try string(key, default: d)
    guard choices.contains(s) else {
      throw ProviderError(argument: key, message: "`\(s)` is not one of \(choices.joined(separator: ", "))")
    }
    return s
  }
}
