/// The canonical theorem file of a spec: what `TheoremLoader` reads back to the same spec.
extension TheoremSpec {
  /// The spec as a theorem file, in one fixed layout: the top-level keys in the
  /// order of the file format (README "Adding a conjecture"), then `[source]`,
  /// `[hypotheses]`, `[sweep]`, `[quick]`, `[full]`, `[quantities.NAME]` with
  /// `[quantities.NAME.args]` (one key per line, so that the order of the
  /// arguments is kept), `[[figures]]` and `[falsify]`. Sweep axes are written as
  /// the lists of values they expand to (a range table is not kept); defaults
  /// are written out; comments are not kept.
  ///
  /// `TheoremLoader().load(text: spec.canonicalTOML)` gives a spec with the same
  /// fields (`VerificationTests/CanonicalPrinterTests` checks it on every file of
  /// `Theorems/`); derived parts (the parsed claim, figure terms) are recomputed.
  public var canonicalTOML: String {
    var out: [String] = []
    func line(_ key: String, _ value: String) { out.append(Self.tomlKey(key) + " = " + value) }
    let q = Self.tomlString

    line("id", q(id))
    line("title", q(title))
    line("kind", q(kind.rawValue))
    if let role { line("role", q(role.rawValue)) }
    if let removedHypothesis { line("hypothesis", q(removedHypothesis)) }
    if let controlOf { line("control_of", q(controlOf)) }
    line("stage", q(stage.rawValue))
    if !dependsOn.isEmpty { line("depends_on", "[" + dependsOn.map(q).joined(separator: ", ") + "]") }
    line("claim", q(claimText))
    line("precision", String(precision))
    line("max_precision", String(maxPrecision))
    // `tolerance` is read as decimal text (a string keeps it exactly); the safety factor is a Double.
    line("tolerance", q(tolerance))
    line("safety_factor", "\(safetyFactor)")
    line("seed", String(Int64(bitPattern: seed)))
    if let ensemble {
      line("ensemble", q(ensemble))
      line("minimum_seeds", String(minimumSeeds))
    }

    out.append("\n[source]")
    line("paper", q(source.paper))
    line("section", q(source.section))
    if !source.equation.isEmpty { line("equation", q(source.equation)) }

    if !hypotheses.isEmpty {
      out.append("\n[hypotheses]")
      for (k, v) in hypotheses { line(k, q(v)) }
    }
    func writeSweep(_ name: String, _ s: Sweep, mode: Sweep.Mode) {
      out.append("\n[\(name)]")
      if s.mode != mode { line("mode", q(s.mode.rawValue)) }
      for axis in s.axes { line(axis.name, "[" + axis.values.map(Self.tomlValue).joined(separator: ", ") + "]") }
    }
    if !sweep.axes.isEmpty { writeSweep("sweep", sweep, mode: .product) }
    if let quickSweep { writeSweep("quick", quickSweep, mode: sweep.mode) }
    if let fullSweep { writeSweep("full", fullSweep, mode: sweep.mode) }

    for quantity in quantities {
      out.append("\n[quantities.\(Self.tomlKey(quantity.name))]")
      line("provider", q(quantity.provider))
      if !quantity.arguments.entries.isEmpty {
        out.append("\n[quantities.\(Self.tomlKey(quantity.name)).args]")
        for (k, v) in quantity.arguments.entries { line(k, Self.tomlValue(v)) }
      }
    }
    for figure in figures {
      out.append("\n[[figures]]")
      line("kind", q(figure.kind.rawValue))
      line("x", q(figure.x))
      line("y", q(figure.y))
      for (k, v) in [
        ("value", figure.value), ("title", figure.title), ("series", figure.series), ("facet", figure.facet),
        ("color", figure.color),
      ] {
        if let v { line(k, q(v)) }
      }
    }
    if let falsify {
      out.append("\n[falsify]")
      if let budget = falsify.budget { line("budget", String(budget)) }
      for a in falsify.axes { line(a.name, "[\(a.lower), \(a.upper)]") }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// A bare key when it is one (`A–Z a–z 0–9 _ -`), else a quoted one.
  static func tomlKey(_ k: String) -> String {
    let bare =
      !k.isEmpty
      && k.unicodeScalars.allSatisfy { c in
        ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
      }
    return bare ? k : tomlString(k)
  }

  /// A TOML basic string: `"`, `\` and control characters escaped.
  static func tomlString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if c.value < 0x20 || c.value == 0x7F {
          out +=
            "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count)
            + String(c.value, radix: 16, uppercase: true)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }

  /// A sweep value: a number as its decimal text (read back by `TableReader.decimalText`), a word as a string.
  static func tomlValue(_ v: SweepValue) -> String {
    switch v {
    case .number(let s): return s
    case .text(let s): return tomlString(s)
    }
  }

  static func tomlValue(_ v: ArgumentValue) -> String {
    switch v {
    case .string(let s): return tomlString(s)
    case .number(let s): return s
    case .bool(let b): return String(b)
    case .list(let l): return "[" + l.map(tomlValue).joined(separator: ", ") + "]"
    }
  }
}
