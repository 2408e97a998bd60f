import Foundation
import TOMLKit

/// Typed access to a parsed TOML table that reports defects with file, line and key.
struct TableReader {
  let file: String
  let locator: SourceLocator

  func error(_ path: [String], _ problem: TheoremFileError.Problem, _ message: String, column: Int? = nil) -> TheoremFileError {
    TheoremFileError(file: file, line: locator.line(of: path), column: column,
                     key: path.joined(separator: "."), problem: problem, message: message)
  }

  func value(_ table: TOMLTable, _ path: [String]) -> TOMLValueConvertible? { table[path.last!] }

  func string(_ table: TOMLTable, _ path: [String]) throws(TheoremFileError) -> String {
    guard let v = value(table, path) else { throw error(path, .missingKey, "missing required key `\(path.last!)`") }
    guard let s = v.string else { throw error(path, .wrongType, "expected a string, found \(v.type)") }
    return s
  }
  func optionalString(_ table: TOMLTable, _ path: [String]) throws(TheoremFileError) -> String? {
    value(table, path) == nil ? nil : try string(table, path)
  }
  func int(_ table: TOMLTable, _ path: [String], default d: Int) throws(TheoremFileError) -> Int {
    guard let v = value(table, path) else { return d }
    guard let i = v.int else { throw error(path, .wrongType, "expected an integer, found \(v.type)") }
    return i
  }
  /// A number (integer or float) or a string holding a decimal, as decimal text.
  func decimal(_ table: TOMLTable, _ path: [String], default d: String) throws(TheoremFileError) -> String {
    guard let v = value(table, path) else { return d }
    if let t = Self.decimalText(v) { return t }
    throw error(path, .wrongType, "expected a number, found \(v.type)")
  }
  func table(_ table: TOMLTable, _ path: [String], required: Bool) throws(TheoremFileError) -> TOMLTable? {
    guard let v = value(table, path) else {
      if required { throw error(path, .missingKey, "missing required table `[\(path.joined(separator: "."))]`") }
      return nil
    }
    guard let t = v.table else { throw error(path, .wrongType, "expected a table, found \(v.type)") }
    return t
  }
  func enumeration<E: RawRepresentable & CaseIterable>(_ table: TOMLTable, _ path: [String], _: E.Type) throws(TheoremFileError) -> E where E.RawValue == String {
    let s = try string(table, path)
    guard let e = E(rawValue: s) else {
      throw error(path, .invalidValue, "`\(s)` is not one of " + E.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))
    }
    return e
  }

  static func decimalText(_ v: TOMLValueConvertible) -> String? {
    if let i = v.int { return String(i) }
    if let d = v.double { return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)" }
    if let s = v.string, Double(s.trimmingCharacters(in: .whitespaces)) != nil { return s.trimmingCharacters(in: .whitespaces) }
    return nil
  }

  /// Keys of a table in the order they appear in the file (TOMLKit sorts them).
  func keysInFileOrder(_ table: TOMLTable, _ path: [String]) -> [String] {
    table.keys.map { ($0, locator.line(of: path + [$0])) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
  }

  // MARK: The spec

  mutating func spec(from root: TOMLTable, registry: ProviderRegistry) throws(TheoremFileError) -> TheoremSpec {
    let known: Set<String> = ["id", "title", "source", "stage", "kind", "hypotheses", "sweep", "quick", "quantities",
                              "depends_on", "control_of", "claim", "precision", "max_precision", "tolerance", "safety_factor",
                              "seed", "figures", "ensemble", "minimum_seeds"]
    for k in root.keys where !known.contains(k) {
      throw error([k], .invalidValue, "unknown key `\(k)` (expected one of \(known.sorted().joined(separator: ", ")))")
    }
    let id = try string(root, ["id"])
    guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
      throw error(["id"], .invalidValue, "an id is letters, digits, `-` and `_` (it names the report file)")
    }
    let title = try string(root, ["title"])
    let sourceTable = try table(root, ["source"], required: true)!
    let source = TheoremSpec.Source(paper: try string(sourceTable, ["source", "paper"]),
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

    var hypotheses: [(key: String, value: String)] = []
    if let h = try table(root, ["hypotheses"], required: false) {
      for k in keysInFileOrder(h, ["hypotheses"]) {
        let v = h[k]!
        hypotheses.append((k, v.string ?? Self.decimalText(v) ?? v.bool.map(String.init) ?? "\(v)"))
      }
    }

    let precision = try int(root, ["precision"], default: 128)
    guard precision >= 16, precision <= 1 << 20 else { throw error(["precision"], .invalidValue, "precision must be between 16 and 1048576 bits") }
    let maxPrecision = try int(root, ["max_precision"], default: precision * 8)
    guard maxPrecision >= precision else { throw error(["max_precision"], .invalidValue, "max_precision must be at least precision (\(precision))") }
    let tolerance = try decimal(root, ["tolerance"], default: "0")
    let safetyText = try decimal(root, ["safety_factor"], default: "10")
    guard let safety = Double(safetyText), safety >= 1 else { throw error(["safety_factor"], .invalidValue, "safety_factor must be a number ≥ 1") }
    let seedValue = try int(root, ["seed"], default: 0)

    var dependsOn: [String] = []
    if let v = root["depends_on"] {
      guard let a = v.array else { throw error(["depends_on"], .wrongType, "expected an array of theorem ids, found \(v.type)") }
      for e in a {
        guard let s = e.string else { throw error(["depends_on"], .wrongType, "expected theorem ids (strings), found \(e.type)") }
        dependsOn.append(s)
      }
    }

    let sweepTable = try table(root, ["sweep"], required: false)
    let sweep = try sweepTable.map { t throws(TheoremFileError) in try readSweep(t, ["sweep"], inheritedMode: nil) } ?? Sweep(axes: [])
    var quick: Sweep?
    if let q = try table(root, ["quick"], required: false) {
      quick = try readSweep(q, ["quick"], inheritedMode: sweep.mode)
      for axis in quick!.axes where !sweep.axisNames.contains(axis.name) {
        throw error(["quick", axis.name], .invalidValue, "`\(axis.name)` is not an axis of [sweep]")
      }
      // Axes not overridden keep their full values.
      var axes = quick!.axes
      for a in sweep.axes where !axes.contains(where: { $0.name == a.name }) { axes.append(a) }
      quick = Sweep(axes: sweep.axes.map { a in axes.first { $0.name == a.name }! }, mode: quick!.mode)
      if quick!.mode == .zip, Set(quick!.axes.map(\.values.count)).count > 1 {
        throw error(["quick"], .invalidValue, "zipped axes must have the same length")
      }
    }

    let ensemble = try optionalString(root, ["ensemble"])
    let minimumSeeds = try int(root, ["minimum_seeds"], default: TheoremSpec.defaultMinimumSeeds)
    guard minimumSeeds >= TheoremSpec.defaultMinimumSeeds else {
      throw error(["minimum_seeds"], .invalidValue, "minimum_seeds may raise the default \(TheoremSpec.defaultMinimumSeeds), not lower it")
    }
    if root["minimum_seeds"] != nil, ensemble == nil {
      throw error(["minimum_seeds"], .invalidValue, "`minimum_seeds` needs `ensemble = \"AXIS\"`")
    }
    if let ensemble {
      guard let axis = sweep.axes.first(where: { $0.name == ensemble }) else {
        throw error(["ensemble"], .unknownName, "`\(ensemble)` is not an axis of [sweep]")
      }
      guard sweep.mode == .product else { throw error(["ensemble"], .invalidValue, "an ensemble axis needs a product sweep") }
      guard axis.values.count >= minimumSeeds else {
        throw error(["ensemble"], .invalidValue,
                    "the ensemble axis `\(ensemble)` has \(axis.values.count) values in [sweep]; a measured quantity needs at least \(minimumSeeds) seeds")
      }
    }
    let axes = sweep.axisNames
    var quantities: [TheoremSpec.QuantitySpec] = []
    if let qt = try table(root, ["quantities"], required: false) {
      for name in keysInFileOrder(qt, ["quantities"]) {
        let path = ["quantities", name]
        guard let q = qt[name]?.table else { throw error(path, .wrongType, "expected a table `[quantities.\(name)]` with `provider` and `args`") }
        if axes.contains(name) { throw error(path, .invalidValue, "`\(name)` is already a sweep axis") }
        for k in q.keys where k != "provider" && k != "args" {
          throw error(path + [k], .invalidValue, "unknown key `\(k)` (a quantity has `provider` and `args`)")
        }
        let providerName = try string(q, path + ["provider"])
        guard let provider = registry[providerName] else {
          throw error(path + ["provider"], .unknownProvider,
                      "unknown provider `\(providerName)` (known: \(registry.names.joined(separator: ", ")))")
        }
        var args = ProviderArguments()
        if let a = try table(q, path + ["args"], required: false) {
          for k in keysInFileOrder(a, path + ["args"]) {
            args.entries.append((k, try argument(a[k]!, path + ["args", k])))
          }
        }
        do {
          try provider.validate(args, sweepAxes: axes + quantities.map(\.name))
        } catch {
          let argPath = path + ["args"] + (error.argument.map { [$0] } ?? [])
          var column: Int?
          if let c = error.column, let a = error.argument, case .string(let text)? = args[a] {
            let line = locator.line(of: argPath)
            column = locator.column(ofValue: text, onLine: line).map { $0 + c - 1 }
          }
          let problem: TheoremFileError.Problem = error.column != nil ? .badExpression : .invalidValue
          throw self.error(argPath, problem, "provider `\(providerName)`: \(error.message)", column: column)
        }
        quantities.append(.init(name: name, provider: providerName, arguments: args))
      }
    }

    var figures: [TheoremSpec.FigureSpec] = []
    if let v = root["figures"] {
      guard let a = v.array else { throw error(["figures"], .wrongType, "expected an array of tables `[[figures]]`") }
      for e in a {
        guard let t = e.table else { throw error(["figures"], .wrongType, "expected `[[figures]]` tables") }
        let kind = try enumeration(t, ["figures", "kind"], FigureKindName.self)
        let f = TheoremSpec.FigureSpec(kind: .init(rawValue: kind.rawValue)!, x: try string(t, ["figures", "x"]),
                                       y: try string(t, ["figures", "y"]), value: try optionalString(t, ["figures", "value"]),
                                       title: try optionalString(t, ["figures", "title"]))
        let names = Set(axes + quantities.map(\.name))
        for n in [f.x, f.y] + (f.value.map { [$0] } ?? []) where !names.contains(n) {
          throw error(["figures", "x"], .unknownName, "figure refers to `\(n)`, which is neither a sweep axis nor a quantity")
        }
        figures.append(f)
      }
    }

    let claimText = try string(root, ["claim"])
    let claim: Claim
    do {
      claim = try Claim(parsing: claimText, quantities: Set(quantities.map(\.name)), axes: axes.filter { $0 != ensemble })
    } catch {
      let line = locator.line(of: ["claim"])
      let column = error.column.flatMap { c in locator.column(ofValue: claimText, onLine: line).map { $0 + c - 1 } }
      throw TheoremFileError(file: file, line: line, column: column, key: "claim",
                             problem: error.isSyntax ? .badExpression : .unknownName, message: error.message)
    }

    return TheoremSpec(id: id, title: title, source: source, stage: stage, kind: kind, hypotheses: hypotheses,
                       sweep: sweep, quickSweep: quick, quantities: quantities, dependsOn: dependsOn,
                       claimText: claimText, claim: claim, precision: precision, maxPrecision: maxPrecision,
                       tolerance: tolerance, safetyFactor: safety, seed: UInt64(truncatingIfNeeded: seedValue),
                       figures: figures, controlOf: controlOf, ensemble: ensemble, minimumSeeds: minimumSeeds, file: file)
  }

  enum FigureKindName: String, CaseIterable { case loglog, line, heatmap }

  func argument(_ v: TOMLValueConvertible, _ path: [String]) throws(TheoremFileError) -> ArgumentValue {
    if let s = v.string { return .string(s) }
    if let b = v.bool { return .bool(b) }
    if let d = Self.decimalText(v) { return .number(d) }
    if let a = v.array {
      var out: [ArgumentValue] = []
      for e in a { out.append(try argument(e, path)) }
      return .list(out)
    }
    throw error(path, .wrongType, "an argument is a string, number, boolean or array, found \(v.type)")
  }

  /// `[sweep]`: `mode` and one key per axis: an array of values, or a range table
  /// `{ from, to, count, spacing = "linear" | "log" }` or `{ from, to, step }`.
  func readSweep(_ t: TOMLTable, _ path: [String], inheritedMode: Sweep.Mode?) throws(TheoremFileError) -> Sweep {
    var mode = inheritedMode ?? .product
    if t["mode"] != nil {
      let s = try string(t, path + ["mode"])
      guard let m = Sweep.Mode(rawValue: s) else { throw error(path + ["mode"], .invalidValue, "mode is `product` or `zip`, found `\(s)`") }
      mode = m
    }
    var axes: [SweepAxis] = []
    for name in keysInFileOrder(t, path) where name != "mode" {
      let p = path + [name]
      let v = t[name]!
      var values: [SweepValue] = []
      if let a = v.array {
        for e in a {
          if let d = Self.decimalText(e), e.string == nil { values.append(.number(d)) }
          else if let s = e.string { values.append(.text(s)) }
          else { throw error(p, .wrongType, "sweep values are numbers or strings, found \(e.type)") }
        }
      } else if let r = v.table {
        values = try range(r, p)
      } else {
        throw error(p, .wrongType, "a sweep axis is an array of values or a range table { from, to, count }, found \(v.type)")
      }
      guard !values.isEmpty else { throw error(p, .invalidValue, "a sweep axis needs at least one value") }
      axes.append(SweepAxis(name: name, values: values))
    }
    if mode == .zip, Set(axes.map(\.values.count)).count > 1 {
      throw error(path + ["mode"], .invalidValue, "zipped axes must have the same length (found \(axes.map { "\($0.name): \($0.values.count)" }.joined(separator: ", ")))")
    }
    return Sweep(axes: axes, mode: mode)
  }

  func range(_ r: TOMLTable, _ p: [String]) throws(TheoremFileError) -> [SweepValue] {
    for k in r.keys where !["from", "to", "count", "step", "spacing"].contains(k) {
      throw error(p + [k], .invalidValue, "unknown key `\(k)` in a range (from, to, count, step, spacing)")
    }
    guard let fromText = Self.decimalText(r["from"] ?? false), let from = Double(fromText) else {
      throw error(p + ["from"], r["from"] == nil ? .missingKey : .wrongType, "a range needs a number `from`")
    }
    guard let toText = Self.decimalText(r["to"] ?? false), let to = Double(toText) else {
      throw error(p + ["to"], r["to"] == nil ? .missingKey : .wrongType, "a range needs a number `to`")
    }
    let spacing = try optionalString(r, p + ["spacing"]) ?? "linear"
    if let stepValue = r["step"] {
      guard let stepText = Self.decimalText(stepValue), let step = Double(stepText), step > 0, spacing == "linear" else {
        throw error(p + ["step"], .invalidValue, "`step` is a positive number (linear spacing only)")
      }
      let n = Int(((to - from) / step).rounded(.down) + 1e-9) + 1
      guard n >= 1, n <= 1_000_000 else { throw error(p, .invalidValue, "a range of \(n) values") }
      // Integer ranges stay exact; others are printed from Double (shortest round-trip text).
      if let f = Int(fromText), let s = Int(stepText) { return (0..<n).map { .number(String(f + $0 * s)) } }
      return (0..<n).map { .number(Self.shortest(from + Double($0) * step)) }
    }
    let count = try int(r, p + ["count"], default: -1)
    guard count >= 1 else { throw error(p + ["count"], r["count"] == nil ? .missingKey : .invalidValue, "a range needs `count` ≥ 1 (or `step`)") }
    switch spacing {
    case "linear":
      return (0..<count).map { i in
        count == 1 ? .number(fromText) : .number(Self.shortest(from + (to - from) * Double(i) / Double(count - 1)))
      }
    case "log":
      guard from > 0, to > 0 else { throw error(p + ["spacing"], .invalidValue, "log spacing needs positive `from` and `to`") }
      return (0..<count).map { i in
        count == 1 ? .number(fromText) : .number(Self.shortest(from * Foundation.pow(to / from, Double(i) / Double(count - 1))))
      }
    default:
      throw error(p + ["spacing"], .invalidValue, "spacing is `linear` or `log`, found `\(spacing)`")
    }
  }

  /// Shortest decimal that round-trips, trimmed to 12 significant digits so
  /// that 0.1·3 prints as 0.3 (grid values are nominal, not computed results).
  static func shortest(_ x: Double) -> String {
    let s = String(format: "%.12g", x)
    if let d = Double(s), d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return s
  }
}
