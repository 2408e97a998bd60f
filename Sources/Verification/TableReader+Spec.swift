import Foundation
import TOMLKit

/// A theorem file's table read into a `TheoremSpec`, one part at a time, in the
/// order of the file format (so that the first defect reported is the first one
/// a reader meets): top-level keys, identity, settings, dependencies, sweeps,
/// ensemble, quantities, figures, claim.
extension TableReader {
  static let topLevelKeys: Set<String> = [
    "id", "title", "source", "stage", "kind", "hypotheses", "sweep", "quick", "quantities", "depends_on",
    "control_of", "role", "hypothesis", "claim", "precision", "max_precision", "tolerance", "safety_factor", "seed",
    "figures",
    "ensemble", "minimum_seeds",
  ]

  func spec(from root: TOMLTable, registry: ProviderRegistry) throws(TheoremFileError) -> TheoremSpec {
    for k in root.keys where !Self.topLevelKeys.contains(k) {
      throw error(
        [k], .invalidValue,
        "unknown key `\(k)` (expected one of \(Self.topLevelKeys.sorted().joined(separator: ", ")))")
    }
    let identity = try readIdentity(root)
    let hypotheses = try readHypotheses(root)
    let settings = try readSettings(root)
    let dependsOn = try readDependsOn(root)
    let (sweep, quick) = try readSweeps(root)
    let (ensemble, minimumSeeds) = try readEnsemble(root, sweep: sweep)
    let quantities = try readQuantities(root, axes: sweep.axisNames, registry: registry)
    let figures = try readFigures(root, names: Set(sweep.axisNames + quantities.map(\.name)))
    let (claimText, claim) = try readClaim(
      root, quantities: quantities.map(\.name),
      axes: sweep.axisNames.filter { $0 != ensemble })
    let figureTerms = try readFigureTerms(
      figures, claim: claim, quantities: quantities.map(\.name), axes: sweep.axisNames.filter { $0 != ensemble })
    var spec = TheoremSpec(
      id: identity.id, title: identity.title, source: identity.source, stage: identity.stage, kind: identity.kind,
      hypotheses: hypotheses, sweep: sweep, quickSweep: quick, quantities: quantities, dependsOn: dependsOn,
      claimText: claimText, claim: claim, precision: settings.precision, maxPrecision: settings.maxPrecision,
      tolerance: settings.tolerance, safetyFactor: settings.safetyFactor, seed: settings.seed, figures: figures,
      controlOf: identity.controlOf, ensemble: ensemble, minimumSeeds: minimumSeeds, file: file)
    spec.figureTerms = figureTerms
    spec.role = identity.role
    spec.removedHypothesis = identity.removedHypothesis
    return spec
  }

  /// What a file states and where it comes from.
  struct Identity {
    var id: String
    var title: String
    var source: TheoremSpec.Source
    var stage: TheoremSpec.Stage
    var kind: TheoremSpec.Kind
    var controlOf: String?
    var role: TheoremSpec.Role?
    var removedHypothesis: String?
  }

  /// `id`, `title`, `[source]`, `stage`, `kind`, `control_of`, `role`, `hypothesis`.
  func readIdentity(_ root: TOMLTable) throws(TheoremFileError) -> Identity {
    let id = try string(root, ["id"])
    guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
      throw error(["id"], .invalidValue, "an id is letters, digits, `-` and `_` (it names the report file)")
    }
    let title = try string(root, ["title"])
    let sourceTable = try table(root, ["source"], required: true)!
    let source = TheoremSpec.Source(
      paper: try string(sourceTable, ["source", "paper"]),
      section: try string(sourceTable, ["source", "section"]),
      equation: try optionalString(sourceTable, ["source", "equation"]) ?? "")
    let stage = try enumeration(root, ["stage"], TheoremSpec.Stage.self)
    let kind = try enumeration(root, ["kind"], TheoremSpec.Kind.self)
    let controlOf = try optionalString(root, ["control_of"])
    if kind == .control, controlOf == nil {
      throw error(["kind"], .invalidValue, "a `control` names the claim it controls in `control_of`")
    }
    if kind != .control, controlOf != nil {
      throw error(["control_of"], .invalidValue, "`control_of` is only for `kind = \"control\"`")
    }
    let (role, hypothesis) = try readRole(root, kind: kind)
    return Identity(
      id: id, title: title, source: source, stage: stage, kind: kind, controlOf: controlOf, role: role,
      removedHypothesis: hypothesis)
  }

  /// A missing top-level key, reported at the line of the key it belongs with.
  func missing(_ key: String, at path: [String], _ message: String) -> TheoremFileError {
    TheoremFileError(file: file, line: locator.line(of: path), key: key, problem: .missingKey, message: message)
  }

  /// `role` (required for theorems and controls, one of the roles of the kind;
  /// absent for observations and conjectures) and `hypothesis` (required with
  /// `role = "removes"`, absent otherwise).
  func readRole(
    _ root: TOMLTable, kind: TheoremSpec.Kind
  ) throws(TheoremFileError) -> (role: TheoremSpec.Role?, hypothesis: String?) {
    let allowed = TheoremSpec.Role.allowed(for: kind)
    let names = allowed.map { "`\($0.rawValue)`" }.joined(separator: ", ")
    let hypothesis = try optionalString(root, ["hypothesis"])
    guard !allowed.isEmpty else {
      if root["role"] != nil {
        throw error(
          ["role"], .invalidValue,
          "a\(kind == .observation ? "n" : "") \(kind.rawValue) has no role (roles are for theorems and controls)")
      }
      if hypothesis != nil {
        throw error(["hypothesis"], .invalidValue, "`hypothesis` belongs to a control with `role = \"removes\"`")
      }
      return (nil, nil)
    }
    guard root["role"] != nil else {
      throw missing(
        "role", at: ["kind"],
        kind == .theorem
          ? "missing required key `role`: a theorem is an `identity` (true for any input), a `lemma` "
            + "(mathematics the theory uses) or a `prediction` (could be false if the theory were wrong)"
          : "missing required key `role`: a control `removes` a hypothesis of the theory (with `hypothesis`), "
            + "`sharpens` a bound or is a `wrong_formula`")
    }
    let text = try string(root, ["role"])
    guard let role = TheoremSpec.Role(rawValue: text), allowed.contains(role) else {
      throw error(["role"], .invalidValue, "`\(text)` is not a role of a \(kind.rawValue) (one of \(names))")
    }
    if role == .removes {
      guard let hypothesis, !hypothesis.trimmingCharacters(in: .whitespaces).isEmpty else {
        let message =
          "a `removes` control names the hypothesis it takes away in `hypothesis = \"…\"` "
          + "(e.g. \"density regularity\", \"activation regularity\")"
        throw hypothesis == nil
          ? missing("hypothesis", at: ["role"], message) : error(["hypothesis"], .invalidValue, message)
      }
      return (role, hypothesis)
    }
    if hypothesis != nil {
      throw error(
        ["hypothesis"], .invalidValue,
        "`hypothesis` names what a `removes` control takes away; this control's role is `\(role.rawValue)`")
    }
    return (role, nil)
  }

  /// `[hypotheses]`: free key = value pairs in file order, values as text.
  func readHypotheses(_ root: TOMLTable) throws(TheoremFileError) -> [(key: String, value: String)] {
    guard let h = try table(root, ["hypotheses"], required: false) else { return [] }
    return keysInFileOrder(h, ["hypotheses"]).map { k in
      let v = h[k]!
      return (k, v.string ?? Self.decimalText(v) ?? v.bool.map(String.init) ?? "\(v)")
    }
  }

  /// The numeric settings of a check.
  struct Settings {
    var precision: Int
    var maxPrecision: Int
    var tolerance: String
    var safetyFactor: Double
    var seed: UInt64
  }

  /// `precision`, `max_precision`, `tolerance`, `safety_factor`, `seed`, with their defaults.
  func readSettings(_ root: TOMLTable) throws(TheoremFileError) -> Settings {
    let precision = try int(root, ["precision"], default: 128)
    guard precision >= 16, precision <= 1 << 20 else {
      throw error(["precision"], .invalidValue, "precision must be between 16 and 1048576 bits")
    }
    let maxPrecision = try int(root, ["max_precision"], default: precision * 8)
    guard maxPrecision >= precision else {
      throw error(["max_precision"], .invalidValue, "max_precision must be at least precision (\(precision))")
    }
    let tolerance = try decimal(root, ["tolerance"], default: "0")
    let safetyText = try decimal(root, ["safety_factor"], default: "10")
    guard let safety = Double(safetyText), safety >= 1 else {
      throw error(["safety_factor"], .invalidValue, "safety_factor must be a number ≥ 1")
    }
    let seed = try int(root, ["seed"], default: 0)
    return Settings(
      precision: precision, maxPrecision: maxPrecision, tolerance: tolerance, safetyFactor: safety,
      seed: UInt64(truncatingIfNeeded: seed))
  }

  /// `depends_on`: an array of theorem ids (checked against the other files by the loader).
  func readDependsOn(_ root: TOMLTable) throws(TheoremFileError) -> [String] {
    guard let v = root["depends_on"] else { return [] }
    guard let a = v.array else {
      throw error(["depends_on"], .wrongType, "expected an array of theorem ids, found \(v.type)")
    }
    var ids: [String] = []
    for e in a {
      guard let s = e.string else {
        throw error(["depends_on"], .wrongType, "expected theorem ids (strings), found \(e.type)")
      }
      ids.append(s)
    }
    return ids
  }

  /// `[sweep]` and `[quick]`: the quick sweep replaces some axes of the full one
  /// and keeps the others' full values, in the full sweep's axis order.
  func readSweeps(_ root: TOMLTable) throws(TheoremFileError) -> (sweep: Sweep, quick: Sweep?) {
    let sweepTable = try table(root, ["sweep"], required: false)
    let sweep =
      try sweepTable.map { t throws(TheoremFileError) in try readSweep(t, ["sweep"], inheritedMode: nil) }
      ?? Sweep(axes: [])
    guard let q = try table(root, ["quick"], required: false) else { return (sweep, nil) }
    let given = try readSweep(q, ["quick"], inheritedMode: sweep.mode)
    for axis in given.axes where !sweep.axisNames.contains(axis.name) {
      throw error(["quick", axis.name], .invalidValue, "`\(axis.name)` is not an axis of [sweep]")
    }
    let quick = Sweep(axes: sweep.axes.map { a in given.axes.first { $0.name == a.name } ?? a }, mode: given.mode)
    if quick.mode == .zip, Set(quick.axes.map(\.values.count)).count > 1 {
      throw error(["quick"], .invalidValue, "zipped axes must have the same length")
    }
    return (sweep, quick)
  }

  /// `ensemble` (an axis of a product sweep with at least `minimum_seeds` values) and `minimum_seeds`.
  func readEnsemble(_ root: TOMLTable, sweep: Sweep) throws(TheoremFileError) -> (axis: String?, minimumSeeds: Int) {
    let ensemble = try optionalString(root, ["ensemble"])
    let minimumSeeds = try int(root, ["minimum_seeds"], default: TheoremSpec.defaultMinimumSeeds)
    guard minimumSeeds >= TheoremSpec.defaultMinimumSeeds else {
      throw error(
        ["minimum_seeds"], .invalidValue,
        "minimum_seeds may raise the default \(TheoremSpec.defaultMinimumSeeds), not lower it")
    }
    if root["minimum_seeds"] != nil, ensemble == nil {
      throw error(["minimum_seeds"], .invalidValue, "`minimum_seeds` needs `ensemble = \"AXIS\"`")
    }
    guard let ensemble else { return (nil, minimumSeeds) }
    guard let axis = sweep.axes.first(where: { $0.name == ensemble }) else {
      throw error(["ensemble"], .unknownName, "`\(ensemble)` is not an axis of [sweep]")
    }
    guard sweep.mode == .product else {
      throw error(["ensemble"], .invalidValue, "an ensemble axis needs a product sweep")
    }
    guard axis.values.count >= minimumSeeds else {
      throw error(
        ["ensemble"], .invalidValue,
        "the ensemble axis `\(ensemble)` has \(axis.values.count) values in [sweep]; "
          + "a measured quantity needs at least \(minimumSeeds) seeds")
    }
    return (ensemble, minimumSeeds)
  }

  /// `[quantities.NAME]` tables in file order, each checked by its provider.
  func readQuantities(
    _ root: TOMLTable, axes: [String],
    registry: ProviderRegistry
  ) throws(TheoremFileError) -> [TheoremSpec.QuantitySpec] {
    guard let qt = try table(root, ["quantities"], required: false) else { return [] }
    var quantities: [TheoremSpec.QuantitySpec] = []
    for name in keysInFileOrder(qt, ["quantities"]) {
      quantities.append(try readQuantity(qt, name, axes: axes, earlier: quantities.map(\.name), registry: registry))
    }
    return quantities
  }

  /// One quantity: its provider (which must be registered) and its `args`,
  /// validated by the provider against the sweep axes and the earlier quantities.
  func readQuantity(
    _ qt: TOMLTable, _ name: String, axes: [String], earlier: [String],
    registry: ProviderRegistry
  ) throws(TheoremFileError) -> TheoremSpec.QuantitySpec {
    let path = ["quantities", name]
    guard let q = qt[name]?.table else {
      throw error(path, .wrongType, "expected a table `[quantities.\(name)]` with `provider` and `args`")
    }
    if axes.contains(name) { throw error(path, .invalidValue, "`\(name)` is already a sweep axis") }
    for k in q.keys where k != "provider" && k != "args" {
      throw error(path + [k], .invalidValue, "unknown key `\(k)` (a quantity has `provider` and `args`)")
    }
    let providerName = try string(q, path + ["provider"])
    guard let provider = registry[providerName] else {
      throw error(
        path + ["provider"], .unknownProvider,
        "unknown provider `\(providerName)` (known: \(registry.names.joined(separator: ", ")))")
    }
    var args = ProviderArguments()
    if let a = try table(q, path + ["args"], required: false) {
      for k in keysInFileOrder(a, path + ["args"]) {
        args.entries.append((k, try argument(a[k]!, path + ["args", k])))
      }
    }
    do {
      try provider.validate(args, sweepAxes: axes + earlier)
    } catch {
      throw providerError(error, provider: providerName, arguments: args, path: path)
    }
    return .init(name: name, provider: providerName, arguments: args)
  }

  /// A provider's complaint about its arguments, placed at the argument's line
  /// (and, for an expression, the column inside its text).
  func providerError(
    _ e: ProviderError, provider: String, arguments: ProviderArguments,
    path: [String]
  ) -> TheoremFileError {
    let argPath = path + ["args"] + (e.argument.map { [$0] } ?? [])
    var column: Int?
    if let c = e.column, let a = e.argument, case .string(let text)? = arguments[a] {
      let line = locator.line(of: argPath)
      column = locator.column(ofValue: text, onLine: line).map { $0 + c - 1 }
    }
    let problem: TheoremFileError.Problem = e.column != nil ? .badExpression : .invalidValue
    return error(argPath, problem, "provider `\(provider)`: \(e.message)", column: column)
  }

  /// `[[figures]]`: each names sweep axes or quantities among `names` (a `versus`
  /// figure's `x` and `y` are terms, compiled after the claim by `readFigureTerms`;
  /// its `series` is a sweep axis).
  func readFigures(_ root: TOMLTable, names: Set<String>) throws(TheoremFileError) -> [TheoremSpec.FigureSpec] {
    guard let v = root["figures"] else { return [] }
    guard let a = v.array else { throw error(["figures"], .wrongType, "expected an array of tables `[[figures]]`") }
    var figures: [TheoremSpec.FigureSpec] = []
    for e in a {
      guard let t = e.table else { throw error(["figures"], .wrongType, "expected `[[figures]]` tables") }
      let kind = try enumeration(t, ["figures", "kind"], FigureKind.self)
      let f = TheoremSpec.FigureSpec(
        kind: kind, x: try string(t, ["figures", "x"]),
        y: try string(t, ["figures", "y"]),
        value: try optionalString(t, ["figures", "value"]),
        title: try optionalString(t, ["figures", "title"]),
        series: try optionalString(t, ["figures", "series"]))
      if let s = f.series, kind != .versus || !names.contains(s) {
        throw error(
          ["figures", "series"], kind == .versus ? .unknownName : .invalidValue,
          kind == .versus
            ? "figure series `\(s)` is not a sweep axis" : "`series` belongs to `versus` figures only")
      }
      if kind == .versus {
        figures.append(f)
        continue
      }
      for n in [f.x, f.y] + (f.value.map { [$0] } ?? []) where !names.contains(n) {
        throw error(
          ["figures", "x"], .unknownName,
          "figure refers to `\(n)`, which is neither a sweep axis nor a quantity")
      }
      figures.append(f)
    }
    return figures
  }

  /// The `x` and `y` terms of the `versus` figures, parsed in the claim's language.
  /// They are evaluated on the claim's groups, so they may aggregate only over axes
  /// the claim aggregates over.
  func readFigureTerms(
    _ figures: [TheoremSpec.FigureSpec], claim: Claim, quantities: [String], axes: [String]
  ) throws(TheoremFileError) -> [Int: TheoremSpec.FigureTerms] {
    var out: [Int: TheoremSpec.FigureTerms] = [:]
    for (k, f) in figures.enumerated() where f.kind == .versus {
      var terms: [Term] = []
      for (key, text) in [("x", f.x), ("y", f.y)] {
        let parsed: (term: Term, aggregatedAxes: Set<String>)
        do {
          parsed = try Term.parsing(text, quantities: Set(quantities), axes: axes)
        } catch {
          throw self.error(
            ["figures", key], error.isSyntax ? .badExpression : .unknownName,
            "figure \(k + 1), `\(text)`: \(error.message)")
        }
        let extra = parsed.aggregatedAxes.subtracting(claim.aggregatedAxes)
        guard extra.isEmpty else {
          throw self.error(
            ["figures", key], .invalidValue,
            "figure \(k + 1), `\(text)` aggregates over \(extra.sorted().joined(separator: ", ")), which the claim "
              + "does not (a versus figure has one point per claim group)")
        }
        terms.append(parsed.term)
      }
      out[k] = TheoremSpec.FigureTerms(x: terms[0], y: terms[1])
    }
    return out
  }

  /// `claim`: parsed and checked against the quantities and the axes it may name.
  func readClaim(
    _ root: TOMLTable, quantities: [String],
    axes: [String]
  ) throws(TheoremFileError) -> (text: String, claim: Claim) {
    let text = try string(root, ["claim"])
    do {
      return (text, try Claim(parsing: text, quantities: Set(quantities), axes: axes))
    } catch {
      let line = locator.line(of: ["claim"])
      let column = error.column.flatMap { c in locator.column(ofValue: text, onLine: line).map { $0 + c - 1 } }
      throw TheoremFileError(
        file: file, line: line, column: column, key: "claim",
        problem: error.isSyntax ? .badExpression : .unknownName, message: error.message)
    }
  }
}
