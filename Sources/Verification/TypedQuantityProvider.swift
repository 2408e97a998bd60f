/// The skeleton every provider of the suite shares: a provider declares its
/// arguments, the quantities it computes and (where it has several) its methods,
/// and computes one typed quantity; the skeleton implements the string side of
/// `QuantityProvider` once.
///
/// A conformer declares
/// - `QuantityName`: the values of the `quantity` argument, the cases of an
///   enumeration (`ProviderChoice`: raw value = the word in theorem files, the FIRST
///   case is the default); a provider that computes one thing keeps the default
///   `SingleQuantity` and takes no `quantity` argument;
/// - `Method` and `methodKey`: the values of the argument that picks how it is
///   computed (`method`, `route`, `model`, `trainer`), likewise an enumeration;
///   the default `NoMethod` takes no such argument;
/// - `arguments`: every other argument, once (name, kind, default, help);
/// - `compute(_:method:_:precision:)`: the quantity at one sweep point, with the
///   quantity and method parsed (once, here at the edge) and every other parameter
///   read through `ExperimentParameters` (the sweep point first, then `args`, then
///   the default);
/// - optionally `check(_:)`: load-time checks beyond each argument's kind (an
///   expression that must parse, two arguments that must agree).
///
/// It gets `parameters` and `quantities` (what `fprinciple providers` lists),
/// `validate` (unknown keys; a key given both in `args` and as a sweep axis; every
/// argument given in `args` read as its declared kind; the quantity and the method;
/// then `check`: so that a defect names its line before anything runs) and
/// `compute`. Expensive parts are memoised in a `ProviderCache` with a typed key.
public protocol TypedQuantityProvider: QuantityProvider {
  associatedtype QuantityName: ProviderChoice = SingleQuantity
  associatedtype Method: ProviderChoice = NoMethod

  /// The argument that picks the `Method` (nil: the provider has one method).
  static var methodKey: String? { get }
  /// What `methodKey` sets, for `fprinciple providers`.
  static var methodSummary: String { get }
  /// Every argument besides `quantity` and `methodKey`.
  static var arguments: [ProviderParameter] { get }
  /// Whether a parameter may come from a sweep axis of its name (`ExperimentParameters`),
  /// so that giving it both ways is a load error; false for providers whose arguments
  /// are expressions over the sweep axes (they read `parameters.arguments`).
  static var readsSweepAxes: Bool { get }

  /// Load-time checks beyond the declared kinds, with the parameters of `args`
  /// alone (an error about a parameter that is a sweep axis is left to `compute`).
  static func check(_ parameters: ExperimentParameters, sweepAxes: [String]) throws(ProviderError)

  /// The quantity `quantity` by `method` at the sweep point of `parameters`, with
  /// `precision` bits (the quantities defined earlier in the file in `earlier`).
  func compute(
    _ quantity: QuantityName, method: Method, _ parameters: ExperimentParameters, precision: Int,
    earlier: [String: Quantity]
  ) throws -> Quantity
  /// The same, for providers that do not read the earlier quantities.
  func compute(
    _ quantity: QuantityName, method: Method, _ parameters: ExperimentParameters, precision: Int
  ) throws -> Quantity
}

/// The `QuantityName` of a provider that computes one thing: no `quantity` argument.
public enum SingleQuantity: String, ProviderChoice { case value }
/// The `Method` of a provider with one method: no method argument.
public enum NoMethod: String, ProviderChoice { case only }

extension TypedQuantityProvider {
  public static var methodKey: String? { nil }
  public static var methodSummary: String { "how it is computed" }
  public static var readsSweepAxes: Bool { true }
  public static func check(_ parameters: ExperimentParameters, sweepAxes: [String]) throws(ProviderError) {}

  public func compute(
    _ quantity: QuantityName, method: Method, _ parameters: ExperimentParameters, precision: Int,
    earlier: [String: Quantity]
  ) throws -> Quantity {
    try compute(quantity, method: method, parameters, precision: precision)
  }
  public func compute(
    _ quantity: QuantityName, method: Method, _ parameters: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    try compute(quantity, method: method, parameters, precision: precision, earlier: [:])
  }

  /// Whether the provider takes a `quantity` argument.
  static var hasQuantityArgument: Bool { QuantityName.self != SingleQuantity.self }

  /// Every declared argument: `quantity`, the method's, then `arguments`.
  public static var declaredArguments: [ProviderParameter] {
    var all: [ProviderParameter] = []
    if hasQuantityArgument {
      all.append(
        ProviderParameter(
          ExperimentParameters.quantityKey, .choice(of: QuantityName.self), default: QuantityName.defaultCase.rawValue,
          "what to compute"))
    }
    if let key = methodKey {
      all.append(ProviderParameter(key, .choice(of: Method.self), default: Method.defaultCase.rawValue, methodSummary))
    }
    return all + arguments
  }

  public var parameters: [ProviderParameter] { Self.declaredArguments }
  /// The values of `quantity`, the default first.
  public var quantities: [String] { Self.hasQuantityArgument ? QuantityName.names : [] }

  public func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    let declared = Self.declaredArguments
    try arguments.check(allowed: Set(declared.map(\.name)))
    let axes = Self.readsSweepAxes ? sweepAxes : []
    for (key, _) in arguments.entries where axes.contains(key) {
      throw ProviderError(argument: key, message: "given both in args and as a sweep axis; keep one")
    }
    let p = ExperimentParameters(arguments, point: nil)
    for parameter in declared where arguments[parameter.name] != nil { try p.check(parameter) }
    try ExperimentParameters.ignoringAxes(axes) { () throws(ProviderError) in
      try Self.check(p, sweepAxes: sweepAxes)
    }
  }

  public func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    try compute(arguments, at: point, precision: precision, earlier: [:])
  }

  public func compute(
    _ arguments: ProviderArguments, at point: SweepPoint, precision: Int, earlier: [String: Quantity]
  ) throws -> Quantity {
    let p = ExperimentParameters(arguments, point: point)
    let quantity: QuantityName =
      Self.hasQuantityArgument ? try p.choice(ExperimentParameters.quantityKey) : QuantityName.defaultCase
    let method: Method = try Self.methodKey.map { key throws(ProviderError) in try p.choice(key) } ?? .defaultCase
    return try compute(quantity, method: method, p, precision: precision, earlier: earlier)
  }
}
