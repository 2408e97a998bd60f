import ArgumentParser
import Experiments
import Foundation
import JSONCodec
import ProviderCatalog
import Reports
import Verification

/// `fprinciple falsify FILE.toml`: searches a claim's `[falsify]` box for its
/// smallest margin (`Falsifier`) and writes a counterexample file when it fails.
struct FalsifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "falsify",
    abstract: "Search a theorem file's [falsify] axes for a counterexample to its claim.",
    discussion: """
      The file's [falsify] table names continuous axes, `AXIS = [LO, HI]` (each an axis of
      its [sweep] that the claim holds at every value of), and optionally `budget = N`; the
      other axes keep their [sweep] values. Every evaluation is checked as `verify` checks
      a sweep point (same providers, retries at doubled precision, verdict rules). The
      search: a seeded Latin hypercube over the box, then Nelder–Mead from the best points,
      in rounds until the budget is spent. It prints the point of smallest margin found,
      its margin and error, and the evaluations spent. When that margin is negative beyond
      its error (a `fail`), it writes a one-point theorem file `<id>-counterexample.toml`
      to --out that `verify` reproduces, and exits 1. Exit 0 when the budget ran out
      without a counterexample (no proof that the claim holds); 2 for bad input (a
      malformed file, no [falsify] table, a budget below 1, a claim that gave no margin).
      With --json, standard output carries only
      {"worst": {"point": {AXIS: VALUE, …}, "margin": M, "error": E}, "evaluations": N,
      "counterexample": PATH or null}.
      """
  )

  @Argument(help: "The theorem file.")
  var file: String

  @Option(help: "Evaluations to spend (default: the file's [falsify] budget, else 64).")
  var budget: Int?

  @Option(help: "Seed of the search (default: the file's seed).")
  var seed: UInt64?

  @Option(help: "Directory the counterexample file is written to.")
  var out = "."

  @Flag(help: "Print only the result as JSON on standard output.")
  var json = false

  func validate() throws {
    if let budget, budget < 1 { throw ValidationError("--budget must be at least 1 evaluation") }
  }

  func run() async throws {
    let say: (String) -> Void = { json ? FileHandle.standardError.write(Data(($0 + "\n").utf8)) : print($0) }
    func fail(_ message: String) -> CommandError { CommandError(message: message, status: 2) }
    ExperimentEnvironment.prepare()
    let registry = ProviderRegistry.standard
    let spec: TheoremSpec
    do { spec = try TheoremLoader(registry: registry).loadFile(file) } catch { throw fail("\(error)") }
    guard let f = spec.falsify else {
      throw fail(
        "\(file): no [falsify] table: name the axes to search, e.g. `[falsify]` with `x = [0, 1]` "
          + "(an axis of [sweep] the claim holds at every value of)")
    }
    let falsifier = Falsifier(
      runner: Runner(registry: registry), budget: budget ?? f.budget ?? Falsifier.defaultBudget,
      seed: seed ?? spec.seed)
    let box = f.axes.map { "\($0.name) ∈ [\(ReportNumber.text($0.lower)), \(ReportNumber.text($0.upper))]" }.joined(
      separator: ", ")
    say("falsify \(spec.id): \(box), budget \(falsifier.budget), seed \(falsifier.seed)")
    let result = await falsifier.search(spec)
    guard let worst = result.worst else {
      throw fail(
        "\(spec.id): none of \(result.evaluations) evaluations gave a numeric margin (\(result.problem ?? "?")); "
          + "falsify minimises the margin of the claim's deciding comparison, so it cannot search a claim "
          + "whose checks are errors or vacuous at every point")
    }
    let order = spec.sweep.axisNames
    let at = order.compactMap { k in worst.point[k].map { "\(k) = \($0)" } }.joined(separator: ", ")
    say(
      "\(result.evaluations) evaluations; worst point \(at): margin \(worst.margin) ± \(worst.error) (\(worst.verdict.rawValue))"
    )
    if result.unevaluable > 0 {
      say("\(result.unevaluable) evaluations gave no margin: \(result.problem ?? "?")")
    }
    var path: String?
    if result.foundCounterexample {
      let original = try String(contentsOfFile: file, encoding: .utf8)
      let (id, text) = try Falsifier.counterexampleFile(original: original, spec: spec, result: result)
      let p = (out as NSString).appendingPathComponent(id + ".toml")
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      try ReportWriter.writeAtomically(text, to: p)
      path = p
      say("counterexample: wrote \(p) (`fprinciple verify --theorems \(out) --only \(id)` reproduces it)")
    } else {
      say(
        "no counterexample within the budget of \(result.budget) evaluations; this is not a proof that the claim holds")
    }
    if json { print(Self.json(result, worst: worst, path: path)) }
    if path != nil { throw ExitCode(1) }
  }

  /// `{"counterexample": PATH|null, "evaluations": N, "worst": {"error": E, "margin": M, "point": {…}}}`
  /// (keys sorted): numeric coordinates and finite numbers as JSON numbers, the rest as strings.
  static func json(_ r: FalsificationResult, worst: FalsificationResult.Worst, path: String?) -> String {
    func value(_ t: String) -> JSONValue {
      if let d = Double(t), d.isFinite { return d == d.rounded() && abs(d) < 1e15 ? .integer(Int(d)) : .number(d) }
      return .string(t)
    }
    let point = worst.point.keys.sorted().map { ($0, value(worst.point[$0]!)) }
    let object = JSONValue.object([
      ("counterexample", path.map { .string($0) } ?? .null),
      ("evaluations", .integer(r.evaluations)),
      ("worst", .object([("error", value(worst.error)), ("margin", value(worst.margin)), ("point", .object(point))])),
    ])
    return object.text
  }
}
