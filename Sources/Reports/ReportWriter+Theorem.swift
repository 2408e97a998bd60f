import Foundation
import Verification

/// The Markdown report of one theorem (`Reports/<id>.md`): the verdict, the
/// facts table, the claim, the configuration, one row per check, the
/// counterexamples, the figures and the quantities at every sweep point.
extension ReportWriter {
  public func markdown(_ t: TheoremResult, run: RunResult, figureFiles: [String]) -> String {
    [
      header(t), Self.evidence(t, run: run), facts(t), claimSection(t), configuration(t, run: run), results(t),
      counterexamples(t),
      figureSection(figureFiles), quantities(t),
    ].joined()
  }

  /// The title and the verdict line.
  func header(_ t: TheoremResult) -> String {
    var s = "# \(t.title)\n\nVerdict: \(Self.verdictBadge(t.shownVerdict))"
    if !t.taintedBy.isEmpty {
      let claims = t.taintedBy.count > 1 ? "claims" : "claim"
      s += " (depends on failed \(claims) \(Self.codeList(t.taintedBy)); own verdict: \(t.verdict.rawValue))"
    }
    let checks = t.groups.count == 1 ? "check" : "checks"
    return s + " — \(Self.countsText(t)) of \(t.groups.count) \(checks)\n\n"
  }

  /// What the verdict is evidence for: the role of a theorem (a prediction tests
  /// the theory; an identity or a lemma checks the computation or the mathematics),
  /// what a control does, and the controls of a claim that remove a hypothesis.
  static func evidence(_ t: TheoremResult, run: RunResult) -> String {
    var s: String
    switch (t.kind, t.role) {
    case (.theorem, .prediction?):
      s = "Role: **prediction** of the theory: it could be false if the theory were wrong about networks."
    case (.theorem, .identity?):
      s = "Role: **identity**: true for any input by its stated argument; it checks the computation, not the theory."
    case (.theorem, .lemma?):
      s =
        "Role: **lemma**: mathematics the theory uses; it checks that mathematics and its numerics, not the "
        + "theory's claims about networks."
    case (.control, .removes?):
      s =
        "Role: control that **removes a hypothesis** of the theory: \(t.removedHypothesis ?? "?"). "
        + "It must fail because that hypothesis is taken away."
    case (.control, .sharpens?):
      s =
        "Role: control that **sharpens** the bound or threshold: it shows the check is not vacuous, "
        + "not that the theory is right."
    case (.control, .wrongFormula?):
      s = "Role: control with a **wrong formula**: it shows the check tells the right formula from a wrong one."
    case (.observation, _):
      s = "Kind: **observation**, a paper's empirical statement run in its setting."
    case (.conjecture, _):
      s = "Kind: **conjecture**: it may fail."
    default:
      s = "Role: not declared."
    }
    if t.kind == .theorem || t.kind == .observation {
      let controls = run.removingControls(of: t.id)
      s +=
        controls.isEmpty
        ? (t.kind == .observation
          ? " No control removes a hypothesis of the theory (only reversed or sharpened twins)." : "")
        : " Controls that remove a hypothesis: \(removingControlsText(t.id, run: run))."
    }
    if let f = t.falsification { s += "\n\n" + falsificationText(f, axesOrder: t.axes.map(\.name)) }
    return s + "\n\n"
  }

  /// "falsification: N evaluations, worst margin m at point p", and what it means.
  static func falsificationText(_ f: FalsificationResult, axesOrder: [String]) -> String {
    let box = f.axes.map { "\($0.name) ∈ [\(number($0.lower)), \(number($0.upper))]" }.joined(separator: ", ")
    var s = "Falsification (\(box); budget \(f.budget), seed \(f.seed)): \(f.evaluations) evaluations"
    if let w = f.worst {
      s += ", worst margin \(w.margin) ± \(w.error) at \(coordinatesText(w.point, order: axesOrder))"
      s +=
        f.foundCounterexample
        ? ". **Counterexample**: the claim fails there, between the grid points (`fprinciple falsify` writes it as a file that `verify` reproduces)."
        : " (\(w.verdict.rawValue)). No counterexample within the budget; that is not a proof."
    } else {
      s += "; none gave a margin"
    }
    if f.unevaluable > 0 {
      s += " \(f.unevaluable) evaluation\(f.unevaluable == 1 ? "" : "s") gave no margin (\(cell(f.problem ?? "?")))."
    }
    return s
  }

  /// The table of id, kind, stage, ensemble, source and dependencies.
  func facts(_ t: TheoremResult) -> String {
    var s = "| | |\n|---|---|\n"
    s += "| id | `\(t.id)` (file `Theorems/\(t.file)`) |\n"
    let of = t.controlOf.map { " of \(Self.reportLink($0)) (must fail)" } ?? ""
    s += "| kind | \(t.kind.rawValue)\(of) |\n"
    if let r = t.role {
      s += "| role | \(r.rawValue)\(t.removedHypothesis.map { ": " + Self.cell($0) } ?? "") |\n"
    }
    s += "| stage | \(t.stage.rawValue) |\n"
    if let e = t.ensemble { s += "| ensemble | pooled over `\(e)` (mean ± standard error over the seeds) |\n" }
    s += "| source | \(Self.sourceText(t.source, withEquation: true)) |\n"
    if !t.dependsOn.isEmpty { s += "| depends on | \(t.dependsOn.map(Self.reportLink).joined(separator: ", ")) |\n" }
    return s
  }

  /// The claim, what it is aggregated over, and how a check is decided.
  func claimSection(_ t: TheoremResult) -> String {
    var s = "\n## Claim\n\n```\n\(t.claim)\n```\n\n"
    if t.aggregatedAxes.isEmpty {
      s += "Checked at every sweep point.\n\n"
    } else {
      s +=
        "Aggregated over the sweep axis \(Self.codeList(t.aggregatedAxes)); "
        + "every other axis is checked value by value.\n\n"
    }
    let paired =
      t.ensemble == nil
      ? "" : " (here: the standard error of the margin paired over the seeds, plus the measurement resolution)"
    s +=
      "A check is **certified** when every quantity is a rigorous enclosure and the claim holds on all of it; "
      + "**pass** when its margin exceeds \(Self.number(t.safetyFactor)) × the numerical error\(paired); "
      + "**fail** when it is violated by more than the error; "
      + "**inconclusive** otherwise (retried with doubled precision up to \(t.maxPrecision) bits).\n\n"
    return s
  }

  /// Precision, safety factor, tolerance, seed, sweep, hypotheses, quantities, versions, time.
  /// How the sweep row names the run's profile (nothing for the default one).
  static func profileNote(_ run: RunResult) -> String {
    switch run.runProfile {
    case .quick: return " (quick sweep)"
    case .default: return ""
    case .full: return " (full profile: the papers' scales)"
    }
  }

  func configuration(_ t: TheoremResult, run: RunResult) -> String {
    var s = "## Configuration\n\n| setting | value |\n|---|---|\n"
    s += "| precision | \(t.precision) bits (retries up to \(t.maxPrecision)) |\n"
    s += "| safety factor | \(Self.number(t.safetyFactor)) |\n| tolerance (for `==`) | \(t.tolerance) |\n"
    s += "| seed | \(t.seed) |\n"
    let axes = t.axes.map { a in "`\(a.name)` ∈ {\(a.values.map(\.description).joined(separator: ", "))}" }
    s += "| sweep | \(t.sweepMode.rawValue) of \(axes.joined(separator: "; "))\(Self.profileNote(run)) |\n"
    for h in t.hypotheses where h.count == 2 { s += "| hypothesis: \(h[0]) | \(Self.cell(h[1])) |\n" }
    for q in t.quantityProviders where q.count >= 2 {
      let args = q.count > 2 ? ": " + Self.cell(q.dropFirst(2).joined(separator: "; ")) : ""
      s += "| quantity `\(q[0])` | provider `\(q[1])`\(args) |\n"
    }
    s += "| versions | \(Self.versionsText(run.versions)) |\n"
    if !deterministic { s += "| time | \(String(format: "%.2f", t.seconds)) s, generated \(run.generated) |\n" }
    return s
  }

  /// One row per check (group): its point, verdict and deciding comparison.
  func results(_ t: TheoremResult) -> String {
    var s = "\n## Results\n\n"
    s += "| # | point | verdict | deciding comparison | left side | right side | margin | error | bits |\n"
    s += "|---|---|---|---|---|---|---|---|---|\n"
    let order = t.axes.map(\.name)
    for g in t.groups {
      let o = g.outcome
      let cells = [
        String(g.index + 1), Self.cell(Self.coordinatesText(g.coordinates, order: order)),
        o.verdict.rawValue + (o.rigorous ? "" : "†"), Self.cell(Self.comparisonText(o)), Self.cell(o.lhs),
        Self.cell(o.rhs), Self.cell(o.margin), Self.cell(o.error), String(g.precision),
      ]
      s += "| " + cells.joined(separator: " | ") + " |\n"
    }
    if t.groups.contains(where: { !$0.outcome.rigorous }) {
      s += "\n† the numbers are not all rigorous enclosures (error estimates), so at best `pass`.\n"
    }
    return s
  }

  /// The failing checks with their points and numbers, and the checks that could not be evaluated.
  func counterexamples(_ t: TheoremResult) -> String {
    let failures = t.groups.filter { $0.outcome.verdict == .fail || $0.outcome.verdict == .error }
    guard !failures.isEmpty else { return "" }
    var s = "\n## Counterexamples and errors\n\n"
    for g in failures {
      let o = g.outcome
      let at = Self.coordinatesText(o.point ?? g.coordinates, order: t.axes.map(\.name))
      s += "- **\(o.verdict.rawValue)** at \(at): "
      if let c = o.comparison { s += "`\(c)`" }
      if let l = o.lhs, let r = o.rhs {
        s += " with left side \(l) and right side \(r), margin \(o.margin ?? "?") (error \(o.error ?? "?"))"
      }
      if let reason = o.reason { s += " — \(reason)" }
      s += "\n"
    }
    return s
  }

  /// The figure files, in order.
  func figureSection(_ files: [String]) -> String {
    guard !files.isEmpty else { return "" }
    return "\n## Figures\n\n" + files.enumerated().map { k, f in "![Figure \(k + 1)](\(f))\n\n" }.joined()
  }

  /// Every quantity at every sweep point, value ± error bound.
  func quantities(_ t: TheoremResult) -> String {
    let pooled =
      t.ensemble.map {
        "; measured quantities are pooled over the `\($0)` axis: mean ± standard error over the seeds, "
          + "with each seed's value"
      } ?? ""
    var s =
      "\n## Quantities\n\nValue ± error bound at each sweep point "
      + "(‡: error estimate, not a rigorous bound)\(pooled).\n\n"
    let names = t.quantityProviders.map { $0[0] }
    s += "| point | " + names.map { "`\($0)`" }.joined(separator: " | ") + " |\n"
    s += "|---|" + names.map { _ in "---|" }.joined() + "\n"
    for p in t.groups.flatMap(\.points) {
      let cells = names.map { n -> String in
        guard let q = p.quantities.first(where: { $0.name == n }) else { return p.error == nil ? "" : "—" }
        return q.display
      }
      s +=
        "| \(Self.cell(Self.coordinatesText(p.coordinates, order: t.axes.map(\.name)))) | "
        + cells.joined(separator: " | ") + " |\n"
    }
    return s
  }
}
