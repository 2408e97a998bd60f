import Foundation

/// Writes `Reports/<id>.md`, `Reports/<id>.json`, `Reports/<id>-figN.svg` and
/// the index `Reports/README.md` (+ `README.json`) from a run's results.
/// Every file is written atomically (temporary file, then rename).
public struct ReportWriter: Sendable {
  /// Leave out wall-clock times and the generation time (for golden tests).
  public var deterministic: Bool
  public init(deterministic: Bool = false) { self.deterministic = deterministic }

  /// All files of a report as (file name, contents), in a fixed order.
  public func files(for run: RunResult) -> [(name: String, contents: String)] {
    var out: [(String, String)] = []
    for t in run.theorems {
      let figures = self.figures(t)
      out.append(("\(t.id).md", markdown(t, run: run, figureFiles: figures.map(\.name))))
      out.append(("\(t.id).json", json(t)))
      out += figures.map { ($0.name, $0.svg) }
    }
    out.append(("README.md", index(run)))
    out.append(("README.json", json(run)))
    return out
  }

  /// Writes every file into `directory` (created if needed).
  public func write(_ run: RunResult, to directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (name, contents) in files(for: run) {
      try Self.writeAtomically(contents, to: (directory as NSString).appendingPathComponent(name))
    }
  }

  /// Writes `contents` to a temporary file beside `path`, then renames it over `path`.
  public static func writeAtomically(_ contents: String, to path: String) throws {
    let tmp = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    try Data(contents.utf8).write(to: URL(fileURLWithPath: tmp))
    if rename(tmp, path) != 0 {
      try? FileManager.default.removeItem(atPath: tmp)
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
  }

  func encoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys]
    return e
  }

  public func json<T: Encodable>(_ value: T) -> String {
    var v = value
    if deterministic, var r = v as? RunResult {
      r.generated = ""
      for i in r.theorems.indices { r.theorems[i].seconds = 0 }
      v = r as! T
    } else if deterministic, var t = v as? TheoremResult {
      t.seconds = 0
      v = t as! T
    }
    return String(decoding: try! encoder().encode(v), as: UTF8.self) + "\n"
  }

  static func verdictBadge(_ v: Verdict) -> String {
    switch v {
    case .certified: return "✅ **certified**"
    case .pass: return "✅ **pass**"
    case .inconclusive: return "❔ **inconclusive**"
    case .fail: return "❌ **fail**"
    case .error: return "⚠️ **error**"
    case .tainted: return "⚠️ **tainted**"
    }
  }

  public static func countsText(_ t: TheoremResult) -> String {
    let c = t.counts
    return Verdict.allCases.filter { (c[$0] ?? 0) > 0 }.map { "\(c[$0]!) \($0.rawValue)" }.joined(separator: ", ")
  }

  static func coordinatesText(_ c: [String: String], order: [String]) -> String {
    let keys = order.filter { c[$0] != nil } + c.keys.filter { !order.contains($0) }.sorted()
    return keys.isEmpty ? "—" : keys.map { "\($0) = \(c[$0]!)" }.joined(separator: ", ")
  }

  static func cell(_ s: String?) -> String {
    (s ?? "").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }

  public func markdown(_ t: TheoremResult, run: RunResult, figureFiles: [String]) -> String {
    let axisOrder = t.axes.map(\.name)
    var s = "# \(t.title)\n\n"
    s += "Verdict: \(Self.verdictBadge(t.shownVerdict))"
    if !t.taintedBy.isEmpty { s += " (depends on failed claim\(t.taintedBy.count > 1 ? "s" : "") \(t.taintedBy.map { "`\($0)`" }.joined(separator: ", ")); own verdict: \(t.verdict.rawValue))" }
    s += " — \(Self.countsText(t)) of \(t.groups.count) check\(t.groups.count == 1 ? "" : "s")\n\n"
    s += "| | |\n|---|---|\n"
    s += "| id | `\(t.id)` (file `Theorems/\(t.file)`) |\n"
    s += "| kind | \(t.kind.rawValue)\(t.controlOf.map { " of [`\($0)`](\($0).md) (must fail)" } ?? "") |\n| stage | \(t.stage.rawValue) |\n"
    if let e = t.ensemble { s += "| ensemble | pooled over `\(e)` (mean ± standard error over the seeds) |\n" }
    s += "| source | \(Self.cell(t.source.paper)), \(Self.cell(t.source.section))\(t.source.equation.isEmpty ? "" : ", \(Self.cell(t.source.equation))") |\n"
    if !t.dependsOn.isEmpty { s += "| depends on | \(t.dependsOn.map { "[`\($0)`](\($0).md)" }.joined(separator: ", ")) |\n" }
    s += "\n## Claim\n\n```\n\(t.claim)\n```\n\n"
    if !t.aggregatedAxes.isEmpty {
      s += "Aggregated over the sweep axis \(t.aggregatedAxes.map { "`\($0)`" }.joined(separator: ", ")); every other axis is checked value by value.\n\n"
    } else {
      s += "Checked at every sweep point.\n\n"
    }
    s += "A check is **certified** when every quantity is a rigorous enclosure and the claim holds on all of it; **pass** when its margin exceeds \(Self.number(t.safetyFactor)) × the numerical error\(t.ensemble == nil ? "" : " (here: the standard error of the margin paired over the seeds, plus the measurement resolution)"); **fail** when it is violated by more than the error; **inconclusive** otherwise (retried with doubled precision up to \(t.maxPrecision) bits).\n\n"

    s += "## Configuration\n\n| setting | value |\n|---|---|\n"
    s += "| precision | \(t.precision) bits (retries up to \(t.maxPrecision)) |\n"
    s += "| safety factor | \(Self.number(t.safetyFactor)) |\n| tolerance (for `==`) | \(t.tolerance) |\n| seed | \(t.seed) |\n"
    s += "| sweep | \(t.sweepMode.rawValue) of \(t.axes.map { "`\($0.name)` ∈ {\($0.values.map(\.description).joined(separator: ", "))}" }.joined(separator: "; "))\(run.quick ? " (quick sweep)" : "") |\n"
    for h in t.hypotheses where h.count == 2 { s += "| hypothesis: \(h[0]) | \(Self.cell(h[1])) |\n" }
    for q in t.quantityProviders where q.count >= 2 {
      s += "| quantity `\(q[0])` | provider `\(q[1])`\(q.count > 2 ? ": " + Self.cell(q.dropFirst(2).joined(separator: "; ")) : "") |\n"
    }
    s += "| versions | fprinciple \(run.versions.package), Swift \(run.versions.swift), MPFR \(run.versions.mpfr)\(run.versions.blas.map { ", \($0)" } ?? "") |\n"
    if !deterministic { s += "| time | \(String(format: "%.2f", t.seconds)) s, generated \(run.generated) |\n" }

    s += "\n## Results\n\n"
    s += "| # | point | verdict | deciding comparison | left side | right side | margin | error | bits |\n|---|---|---|---|---|---|---|---|---|\n"
    for g in t.groups {
      let o = g.outcome
      s += "| \(g.index + 1) | \(Self.cell(Self.coordinatesText(g.coordinates, order: axisOrder))) | \(o.verdict.rawValue)\(o.rigorous ? "" : "†") | \(Self.cell(Self.comparisonText(o))) | \(Self.cell(o.lhs)) | \(Self.cell(o.rhs)) | \(Self.cell(o.margin)) | \(Self.cell(o.error)) | \(g.precision) |\n"
    }
    if t.groups.contains(where: { !$0.outcome.rigorous }) {
      s += "\n† the numbers are not all rigorous enclosures (error estimates), so at best `pass`.\n"
    }

    let failures = t.groups.filter { $0.outcome.verdict == .fail || $0.outcome.verdict == .error }
    if !failures.isEmpty {
      s += "\n## Counterexamples and errors\n\n"
      for g in failures {
        let o = g.outcome
        s += "- **\(o.verdict.rawValue)** at \(Self.coordinatesText(o.point ?? g.coordinates, order: axisOrder)): "
        if let c = o.comparison { s += "`\(c)`" }
        if let l = o.lhs, let r = o.rhs { s += " with left side \(l) and right side \(r), margin \(o.margin ?? "?") (error \(o.error ?? "?"))" }
        if let reason = o.reason { s += " — \(reason)" }
        s += "\n"
      }
    }

    if !figureFiles.isEmpty {
      s += "\n## Figures\n\n"
      for (k, f) in figureFiles.enumerated() { s += "![Figure \(k + 1)](\(f))\n\n" }
    }

    s += "\n## Quantities\n\nValue ± error bound at each sweep point (‡: error estimate, not a rigorous bound)" + (t.ensemble.map { "; measured quantities are pooled over the `\($0)` axis: mean ± standard error over the seeds, with each seed's value" } ?? "") + ".\n\n"
    let names = t.quantityProviders.map { $0[0] }
    s += "| point | " + names.map { "`\($0)`" }.joined(separator: " | ") + " |\n|---|" + names.map { _ in "---|" }.joined() + "\n"
    for g in t.groups {
      for p in g.points {
        let cells = names.map { n -> String in
          guard let q = p.quantities.first(where: { $0.name == n }) else { return p.error == nil ? "" : "—" }
          return q.display
        }
        s += "| \(Self.cell(Self.coordinatesText(p.coordinates, order: axisOrder))) | " + cells.joined(separator: " | ") + " |\n"
      }
    }
    return s
  }

  static func comparisonText(_ o: Outcome) -> String {
    switch (o.comparison, o.reason) {
    case let (c?, r?): return "`\(c)` (\(r))"
    case let (c?, nil): return "`\(c)`"
    case let (nil, r?): return r
    default: return ""
    }
  }

  static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }

  public func index(_ run: RunResult) -> String {
    var s = "# Verification reports\n\n"
    s += "Generated by `fprinciple verify\(run.quick ? " --quick" : "")`"
    if !deterministic { s += " at \(run.generated)" }
    s += " with fprinciple \(run.versions.package), Swift \(run.versions.swift), MPFR \(run.versions.mpfr)\(run.versions.blas.map { ", \($0)" } ?? "").\n\n"
    s += Self.kindSummary(run) + "\n"
    for kind in TheoremSpec.Kind.allCases {
      let ts = run.theorems.filter { $0.kind == kind }
      guard !ts.isEmpty else { continue }
      s += "## \(Self.kindHeading(kind))\n\n"
      s += "| \(kind == .control ? "control (of)" : kind.rawValue) | source | verdict | checks | time |\n|---|---|---|---|---|\n"
      for t in ts {
        let time = deterministic ? "—" : String(format: "%.2f s", t.seconds)
        let of = t.controlOf.map { " (of [`\($0)`](\($0).md))" } ?? ""
        let flag = t.isProblem ? " ⚠️ problem" : ""
        s += "| [\(Self.cell(t.title))](\(t.id).md)\(of) | \(Self.cell(t.source.paper)), \(Self.cell(t.source.section)) | \(Self.verdictBadge(t.shownVerdict))\(flag) | \(Self.countsText(t)) | \(time) |\n"
      }
      s += "\n"
    }
    s += Self.replicationNote(run)
    s += "Verdicts: certified (rigorous enclosure), pass (margin > safety factor × numerical or seed-ensemble error), inconclusive (the margin is within that error, a single run, or a vacuous check), fail (violated beyond the error), error (not evaluable), tainted (depends on a failed claim). "
    s += "Kinds: a theorem is a proved statement and must hold; an observation is a paper's empirical statement run in its setting (replicates when it holds); a conjecture may fail; a control is a deliberately violated twin or negative control and must fail.\n"
    return s
  }

  /// The closing note: which of the papers' observations replicate in their
  /// settings and which do not, each with its deciding check's numbers.
  static func replicationNote(_ run: RunResult) -> String {
    let observations = run.theorems.filter { $0.kind == .observation }
    guard !observations.isEmpty else { return "" }
    var s = "## Replication of the papers' observations\n\n"
    for t in observations {
      let v = t.shownVerdict
      let blind = run.controlsNotFailing(t.id)
      let word = v.holds ? (blind.isEmpty ? "replicates" : "holds, but does not discriminate")
        : v == .fail ? "does not replicate" : v == .inconclusive ? "undecided" : "could not be checked"
      s += "- [`\(t.id)`](\(t.id).md): **\(word)** (\(countsText(t)))"
      if !blind.isEmpty {
        s += "; its control " + blind.map { "[`\($0)`](\($0).md)" }.joined(separator: ", ")
          + " does not fail either, so this check cannot tell the claim from its negative control"
      }
      let worst = t.groups.max { $0.outcome.verdict.severity < $1.outcome.verdict.severity }
      if let o = worst?.outcome, !v.holds || t.groups.count == 1 {
        let at = coordinatesText(o.point ?? worst!.coordinates, order: t.axes.map(\.name))
        s += "; deciding check at \(at)"
        if let m = o.margin { s += ": margin \(m) ± \(o.error ?? "?")" }
        if let r = o.reason { s += " — \(cell(r))" }
      }
      s += "\n"
    }
    return s + "\n"
  }

  static func kindHeading(_ k: TheoremSpec.Kind) -> String {
    switch k {
    case .theorem: return "Theorems (must hold)"
    case .observation: return "Observations (the papers' empirical claims, in their settings)"
    case .conjecture: return "Conjectures"
    case .control: return "Controls (must fail)"
    }
  }

  /// One line per kind: how many hold (theorems, conjectures), replicate
  /// (observations) or fail as they must (controls), and the problems.
  public static func kindSummary(_ run: RunResult) -> String {
    var lines: [String] = []
    for kind in TheoremSpec.Kind.allCases {
      let ts = run.theorems.filter { $0.kind == kind }
      guard !ts.isEmpty else { continue }
      let c = ts.reduce(into: [Verdict: Int]()) { $0[$1.shownVerdict, default: 0] += 1 }
      let detail = Verdict.allCases.filter { (c[$0] ?? 0) > 0 }.map { "\(c[$0]!) \($0.rawValue)" }.joined(separator: ", ")
      let holding = ts.filter { $0.shownVerdict.holds }.count
      switch kind {
      case .theorem: lines.append("- theorems: \(holding) of \(ts.count) hold (\(detail))")
      case .observation:
        let blind = ts.filter { $0.shownVerdict.holds && !run.controlsNotFailing($0.id).isEmpty }.count
        lines.append("- observations: \(holding - blind) of \(ts.count) replicate in our runs (\(detail)"
          + (blind > 0 ? "; \(blind) more hold but their control does not fail, so they do not discriminate" : "") + ")")
      case .conjecture: lines.append("- conjectures: \(holding) of \(ts.count) hold (\(detail))")
      case .control:
        let failing = ts.filter { $0.shownVerdict == .fail }.count
        let blind = ts.filter { $0.shownVerdict != .fail && !$0.isProblem }.map { "`\($0.id)`" }
        lines.append("- controls: \(failing) of \(ts.count) fail as they must (\(detail))"
          + (blind.isEmpty ? "" : "; not failing, controls of observations or conjectures (reported, not a suite problem): "
             + blind.joined(separator: ", ")))
      }
    }
    let problems = run.theorems.filter(\.isProblem).map(\.id)
    lines.append(problems.isEmpty ? "- problems: none (every theorem holds, every control of a theorem fails)"
                                  : "- problems: " + problems.map { "`\($0)`" }.joined(separator: ", "))
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: Figures

  public func figures(_ t: TheoremResult) -> [(name: String, svg: String)] {
    var out: [(String, String)] = []
    for (k, fig) in t.figures.enumerated() {
      let name = "\(t.id)-fig\(k + 1).svg"
      switch fig.kind {
      case .loglog, .line:
        let series = lineSeries(t, x: fig.x, y: fig.y)
        var fits: [(slope: Double, intercept: Double, label: String)?] = []
        if fig.kind == .loglog, fig.fit == true {
          fits = series.map { se in
            Self.powerFit(se.points).map { ($0.slope, $0.intercept, "fit\(series.count > 1 ? " " + se.label : ""): slope \(String(format: "%.4f", $0.slope))") }
          }
        }
        out.append((name, SVGPlot.linePlot(title: fig.title ?? "\(fig.y) against \(fig.x)", xLabel: fig.x, yLabel: fig.y,
                                            series: series, logX: fig.kind == .loglog, logY: fig.kind == .loglog, fits: fits)))
      case .heatmap:
        guard let value = fig.value, let xs = t.axes.first(where: { $0.name == fig.x }), let ys = t.axes.first(where: { $0.name == fig.y }) else { continue }
        var grid = Array(repeating: Array(repeating: Double.nan, count: xs.values.count), count: ys.values.count)
        for p in t.groups.flatMap(\.points) {
          guard let xi = xs.values.firstIndex(where: { $0.description == p.coordinates[fig.x] }),
                let yi = ys.values.firstIndex(where: { $0.description == p.coordinates[fig.y] }),
                let q = p.quantities.first(where: { $0.name == value }), let v = Double(q.value) else { continue }
          grid[yi][xi] = v
        }
        out.append((name, SVGPlot.heatmap(title: fig.title ?? "\(value) over \(fig.x) × \(fig.y)", xLabel: fig.x, yLabel: fig.y,
                                           xValues: xs.values.map(\.description), yValues: ys.values.map(\.description),
                                           values: grid, valueLabel: value)))
      }
    }
    // Figures attached by providers, once per title, in sweep order.
    var seen = Set<String>()
    for p in t.groups.flatMap(\.points) {
      for q in p.quantities {
        for fig in q.figures ?? [] where seen.insert(fig.title).inserted {
          out.append(("\(t.id)-fig\(t.figures.count + seen.count).svg", fig.svg))
        }
      }
    }
    return out
  }

  /// One series per combination of the other axes: (x coordinate, quantity y).
  func lineSeries(_ t: TheoremResult, x: String, y: String) -> [SVGPlot.Series] {
    var order: [String] = []
    var series: [String: [(Double, Double)]] = [:]
    let fixed = Set(t.axes.filter { $0.values.count == 1 }.map(\.name))
    for p in t.groups.flatMap(\.points) {
      guard let xs = p.coordinates[x], let xv = Double(xs) else { continue }
      let yv: Double?
      if let q = p.quantities.first(where: { $0.name == y }) { yv = Double(q.value) } else { yv = p.coordinates[y].flatMap(Double.init) }
      guard let yv else { continue }
      // Axes with one value (fixed settings) do not tell the series apart.
      let rest = p.coordinates.filter { $0.key != x && !fixed.contains($0.key) }.sorted { $0.key < $1.key }
        .map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
      if series[rest] == nil { order.append(rest) }
      series[rest, default: []].append((xv, yv))
    }
    return order.map { SVGPlot.Series(label: $0.isEmpty ? y : "\(y) (\($0))", points: series[$0]!.sorted { $0.0 < $1.0 }.map { (x: $0.0, y: $0.1) }) }
  }

  /// Least-squares line through (log10 x, log10 y): (slope, intercept).
  static func powerFit(_ points: [(x: Double, y: Double)]) -> (slope: Double, intercept: Double)? {
    let p = points.filter { $0.x > 0 && $0.y > 0 }.map { (log10($0.x), log10($0.y)) }
    guard p.count >= 2 else { return nil }
    let mx = p.map(\.0).reduce(0, +) / Double(p.count), my = p.map(\.1).reduce(0, +) / Double(p.count)
    let sxx = p.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
    guard sxx > 0 else { return nil }
    let slope = p.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +) / sxx
    return (slope, my - slope * mx)
  }
}
