import ArgumentParser
import Experiments
import Foundation
import LinearAlgebra
import ProviderCatalog
import Reports
import Verification

/// `fprinciple verify`: checks the theorem files and writes the reports.
struct VerifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check the claims in Theorems/*.toml and write Markdown/JSON/SVG reports.",
    discussion: """
      Each theorem file names a sweep, the quantities to compute and a claim (see
      Sources/Verification/README.md). Sweep points run in parallel on all cores;
      output order is deterministic. Verdicts: certified, pass, inconclusive, fail,
      error, tainted. Exit code 0 when every theorem holds and every control fails;
      1 when a theorem fails, errors, is tainted or inconclusive, or a control does not
      fail; 2 for bad input (a malformed theorem file, an unknown --only id).
      With --json, standard output carries the JSON only; messages go to standard error.
      Sharding: `verify --shard 1/4 --output shard1.json` runs a quarter of the checks;
      `fprinciple report --merge shard*.json` assembles the reports.
      """
  )

  @Option(help: "Directory of theorem files.")
  var theorems = "Theorems"

  @Option(help: "Directory the reports are written to.")
  var reports = "Reports"

  @Option(help: "Run only this theorem id (and what it depends on); repeatable.")
  var only: [String] = []

  @Flag(help: "Use each file's small [quick] sweep (what `swift test` runs).")
  var quick = false

  @Option(help: "Run shard i of n (1-based, e.g. 2/4) and write its JSON to --output instead of reports.")
  var shard: String?

  @Option(help: "Shard JSON file (with --shard).")
  var output: String?

  @Flag(help: "Print the run's JSON to standard output (and every message to standard error).")
  var json = false

  @Flag(help: "Leave timings out of the reports (reproducible output).")
  var deterministic = false

  func validate() throws {
    if let shard, Self.parseShard(shard) == nil { throw ValidationError("--shard is i/n with 1 ≤ i ≤ n, e.g. 2/4") }
    if shard != nil && output == nil { throw ValidationError("--shard needs --output FILE.json") }
  }

  static func parseShard(_ s: String) -> (index: Int, count: Int)? {
    let parts = s.split(separator: "/").compactMap { Int($0) }
    guard parts.count == 2, parts[1] >= 1, parts[0] >= 1, parts[0] <= parts[1] else { return nil }
    return (parts[0] - 1, parts[1])
  }

  func run() async throws {
    ExperimentEnvironment.prepare()
    let registry = ProviderRegistry.standard
    let specs: [TheoremSpec]
    do {
      specs = try TheoremLoader(registry: registry).loadDirectory(theorems)
    } catch {
      FileHandle.standardError.write(Data("\(error)\n".utf8))
      throw ExitCode(2)
    }
    var runner = Runner(
      registry: registry,
      options: .init(quick: quick, only: only.isEmpty ? nil : Set(only), shard: shard.flatMap(Self.parseShard)))
    let bar = ProgressBar()
    if let bar { runner.progress = { done, total, id in bar.update(done, of: total, id) } }
    let result: RunResult
    do {
      result = try await runner.run(
        specs, versions: .current(package: FPrincipleVersion.string, blas: BLAS.configuration))
    } catch {
      FileHandle.standardError.write(Data("\n\(error)\n".utf8))
      throw ExitCode(2)
    }
    bar?.finish()
    let writer = ReportWriter(deterministic: deterministic)
    // Messages go to standard error when standard output carries JSON.
    let say: (String) -> Void = json ? { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } : { print($0) }
    if shard != nil, let output {
      try ReportWriter.writeAtomically(writer.json(result), to: output)
      say("wrote shard \(result.shard ?? "") to \(output)")
    } else {
      try writer.write(result, to: reports)
      say("wrote \(reports)/README.md")
    }
    if json { print(writer.json(result), terminator: "") }
    // A shard's verdicts are partial (a theorem may have no checks in it); `report --merge` decides.
    if shard == nil { try Self.summarize(result, say: say) }
  }

  /// Prints one line per theorem and the per-kind summary; exit 1 when a
  /// theorem does not hold or a control does not fail (`TheoremResult.isProblem`).
  static func summarize(_ result: RunResult, say: (String) -> Void = { print($0) }) throws {
    for t in result.theorems {
      let c = ReportWriter.countsText(t)
      let kind = t.kind.rawValue + (t.controlOf.map { " of \($0)" } ?? "")
      say(
        "\(t.shownVerdict.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(t.id) [\(kind)] \(c)\(t.isProblem ? "  <- problem" : "")"
      )
    }
    say(String(ReportWriter.kindSummary(result).dropLast()))
    if result.theorems.contains(where: \.isProblem) { throw ExitCode(1) }
  }
}
