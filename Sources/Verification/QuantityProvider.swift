import MultiPrecision

/// A value of a provider argument as written in `args = { … }`.
public enum ArgumentValue: Sendable, Equatable, CustomStringConvertible {
  case string(String)
  /// A number, kept as its decimal text (read by MPFR at the working precision).
  case number(String)
  case bool(Bool)
  case list([ArgumentValue])

  public var description: String {
    switch self {
    case .string(let s): return "\"\(s)\""
    case .number(let s): return s
    case .bool(let b): return String(b)
    case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
    }
  }
}

/// A problem with one argument of a provider, or with its computation.
public struct ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The argument at fault (`nil` when the computation itself failed).
  public var argument: String?
  /// Column inside the argument's text (expression errors).
  public var column: Int?
  public var message: String
  public init(argument: String? = nil, column: Int? = nil, message: String) {
    self.argument = argument; self.column = column; self.message = message
  }
  public var description: String {
    var s = ""
    if let argument { s += "argument `\(argument)`" + (column.map { " column \($0)" } ?? "") + ": " }
    return s + message
  }
}

/// The `args` table of a quantity, in file order, with typed accessors that
/// throw a `ProviderError` naming the argument.
public struct ProviderArguments: Sendable, Equatable {
  public var entries: [(key: String, value: ArgumentValue)]
  public init(_ entries: [(key: String, value: ArgumentValue)] = []) { self.entries = entries }

  public static func == (a: ProviderArguments, b: ProviderArguments) -> Bool {
    a.entries.map(\.key) == b.entries.map(\.key) && a.entries.map(\.value) == b.entries.map(\.value)
  }

  public subscript(key: String) -> ArgumentValue? { entries.first { $0.key == key }?.value }

  public func string(_ key: String) throws(ProviderError) -> String {
    guard let v = self[key] else { throw ProviderError(argument: key, message: "missing argument") }
    guard case .string(let s) = v else { throw ProviderError(argument: key, message: "expected a string, found \(v)") }
    return s
  }
  public func optionalString(_ key: String) throws(ProviderError) -> String? {
    self[key] == nil ? nil : try string(key)
  }
  /// A number, or a string holding a number or an expression text (returned as text).
  public func numberText(_ key: String) throws(ProviderError) -> String {
    guard let v = self[key] else { throw ProviderError(argument: key, message: "missing argument") }
    switch v {
    case .number(let s), .string(let s): return s
    default: throw ProviderError(argument: key, message: "expected a number, found \(v)")
    }
  }
  /// Rejects keys outside `allowed` (typos would otherwise be silently ignored).
  public func check(allowed: Set<String>) throws(ProviderError) {
    for (key, _) in entries where !allowed.contains(key) {
      let names = allowed.sorted().joined(separator: ", ")
      throw ProviderError(argument: key, message: "unknown argument (expected one of \(names))")
    }
  }
}

/// What values an argument takes, for the load-time check (`ExperimentParameters.check`)
/// and for `fprinciple providers`.
public enum ArgumentKind: Sendable, Equatable, Codable, CustomStringConvertible {
  /// A finite number.
  case number
  /// An integer, at least `atLeast` when given.
  case integer(atLeast: Int?)
  /// Any word or number, read and checked by the provider (a law, an expression, a template).
  case text
  /// One of these words.
  case choice([String])
  /// A list of numbers, or a word such as "200-100".
  case numbers
  /// A list of non-negative integers, or a word such as "200-100".
  case integers
  /// true or false.
  case bool

  /// The values of a `ProviderChoice` enumeration.
  public static func choice<C: ProviderChoice>(of _: C.Type) -> ArgumentKind { .choice(C.names) }

  public var description: String {
    switch self {
    case .number: return "number"
    case .integer(let m?): return "integer ≥ \(m)"
    case .integer(nil): return "integer"
    case .text: return "text"
    case .choice(let c): return c.joined(separator: " | ")
    case .numbers: return "list of numbers"
    case .integers: return "list of integers"
    case .bool: return "true | false"
    }
  }
}

/// One argument a provider accepts in `args = { … }` (or as a sweep axis), declared
/// once: its name, the values it takes, its default and what it sets. The skeleton
/// (`TypedQuantityProvider`) checks a file's arguments against these declarations and
/// `fprinciple providers` lists them.
public struct ProviderParameter: Sendable, Equatable, Codable {
  /// The key in `args`.
  public var name: String
  /// The values it takes.
  public var kind: ArgumentKind
  /// The value used when the key is left out, as text; nil when the argument is
  /// required or its default depends on the other arguments (`summary` says how).
  public var defaultValue: String?
  /// What the argument sets, in a few words (may be empty).
  public var summary: String
  public init(_ name: String, _ kind: ArgumentKind = .text, default defaultValue: String? = nil, _ summary: String = "")
  {
    self.name = name; self.kind = kind; self.defaultValue = defaultValue; self.summary = summary
  }
}

/// The values of a word argument (`quantity`, a method, a loss), declared once as the
/// cases of an enumeration: the raw value is the word theorem files write, and the
/// FIRST case is the default.
public protocol ProviderChoice: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension ProviderChoice {
  /// The words, the default first.
  public static var names: [String] { allCases.map(\.rawValue) }
  /// The default: the first case.
  public static var defaultCase: Self { allCases.first! }
}

/// What a provider's quantity is, for the checks on theorem files' kinds: a computation
/// (deterministic given its inputs: a claim on it can be a theorem), one training run's
/// measurement (a claim on it needs a seed ensemble, `ensemble = "seed"`), or a seed
/// ensemble the provider pools itself (its `seeds` argument is the ensemble's size).
public enum QuantitySource: Sendable, Equatable {
  case computed, singleRun, pooledEnsemble
}

/// Computes a named quantity at a sweep point, with its error bound.
///
/// Modules register their providers in a `ProviderRegistry`; theorem files
/// name them in `[quantities.NAME] provider = "…"`.
public protocol QuantityProvider: Sendable {
  /// The name theorem files use.
  var name: String { get }
  /// A one-line description for `fprinciple providers`.
  var summary: String { get }
  /// The arguments `args` may hold, with their defaults, for `fprinciple providers`
  /// (default: none declared; `validate` is what checks a file's arguments).
  var parameters: [ProviderParameter] { get }
  /// The quantities the provider can return: the values of its `quantity`
  /// argument, or the one value it computes (default: none declared).
  var quantities: [String] { get }
  /// What the quantity with these arguments is (default: `computed`).
  func source(of arguments: ProviderArguments) -> QuantitySource
  /// Checks the arguments when the file is loaded (unknown keys, bad expressions),
  /// so that a defect names its line before anything runs.
  func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError)
  /// How expensive computing at `point` is, relative to the provider's other points
  /// (no unit; default 1): the shard planner scales a previous run's seconds by it, so
  /// that a `full` profile's width 256 000 is planned as 16 times a width of 16 000
  /// (`ExperimentParameters+Cost.swift`).
  func relativeCost(_ arguments: ProviderArguments, at point: SweepPoint) -> Double
  /// The identity of the cached computation the point reads (a training run, a seed
  /// ensemble), when points of other quantities or theorems can share it through the
  /// provider's cache; nil (the default) when each point computes its own. The shard
  /// planner keeps points that share a key on one shard where it can and prices the
  /// computation once.
  func cacheKey(_ arguments: ProviderArguments, at point: SweepPoint) -> String?
  /// The quantity at `point`, computed with `precision` bits.
  func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity
  /// The same, given the quantities defined earlier in the file at this point
  /// (the `expression` provider reads them; others need not implement this).
  func compute(
    _ arguments: ProviderArguments, at point: SweepPoint, precision: Int,
    earlier: [String: Quantity]
  ) throws -> Quantity
}

extension QuantityProvider {
  public var parameters: [ProviderParameter] { [] }
  public var quantities: [String] { [] }
  public func source(of arguments: ProviderArguments) -> QuantitySource { .computed }
  public func relativeCost(_ arguments: ProviderArguments, at point: SweepPoint) -> Double { 1 }
  public func cacheKey(_ arguments: ProviderArguments, at point: SweepPoint) -> String? { nil }
  public func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {}
  public func compute(
    _ arguments: ProviderArguments, at point: SweepPoint, precision: Int,
    earlier: [String: Quantity]
  ) throws -> Quantity {
    try compute(arguments, at: point, precision: precision)
  }
}

/// The providers a run may use, by name.
public struct ProviderRegistry: Sendable {
  public private(set) var providers: [String: any QuantityProvider] = [:]
  public init(_ providers: [any QuantityProvider] = []) {
    for p in providers { register(p) }
  }
  /// Adds (or replaces) a provider under its name.
  public mutating func register(_ provider: any QuantityProvider) { providers[provider.name] = provider }
  public subscript(name: String) -> (any QuantityProvider)? { providers[name] }
  public var names: [String] { providers.keys.sorted() }
  /// The providers sorted by name.
  public var sorted: [any QuantityProvider] { names.map { providers[$0]! } }
}
