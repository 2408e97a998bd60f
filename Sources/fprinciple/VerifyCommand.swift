import ArgumentParser
import Experiments
import Foundation
import JSONCodec
import LinearAlgebra
import NeuralNetworks
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
      Profiles: --profile quick (the [quick] tables, = --quick), default ([sweep]),
      full ([full]: the papers' scales; reports go to Reports/full unless --reports is given).
      Sharding: `verify --shard 1/4 --output shard1.json` runs a quarter of the checks,
      planned by cost (the previous run's seconds, from --costs or the profile's
      README.json, scaled by each provider's relative cost of a point: width ×
      seeds, network weights × steps × samples); `fprinciple report --merge shard*.json` assembles the
      reports. `verify --plan --shards 4` prints the plan without running it.
      """
  )

  @Option(help: "Directory of theorem files.")
  var theorems = "Theorems"

  @Option(help: "Directory the reports are written to (default Reports, Reports/full for --profile full).")
  var reports: String?

  @Option(help: "Run only this theorem id (and what it depends on); repeatable.")
  var only: [String] = []

  @Flag(help: "Use each file's small [quick] sweep (what `swift test` runs); = --profile quick.")
  var quick = false

  @Option(help: "Which sweep of each file to run: quick, default or full (the papers' scales).")
  var profile: Profile?

  @Option(help: "Run shard i of n (1-based, e.g. 2/4) and write its JSON to --output instead of reports.")
  var shard: String?

  @Option(help: "Shard JSON file (with --shard).")
  var output: String?

  @Option(
    help: """
      A previous run's JSON (README.json, or a shard/merged run) whose timings plan the shards; \
      repeatable, the first file that timed a theorem prices it (default: README.json of the \
      profile's reports directory, then of Reports/).
      """)
  var costs: [String] = []

  @Flag(help: "Print the shard plan (planned seconds per shard and their spread) for --shards and exit.")
  var plan = false

  @Option(help: "Number of shards the plan is made for (with --plan).")
  var shards: Int?

  @Flag(help: "Print the run's JSON to standard output (and every message to standard error).")
  var json = false

  @Flag(help: "Leave timings out of the reports (reproducible output).")
  var deterministic = false

  func validate() throws {
    if let shard, Self.parseShard(shard) == nil { throw ValidationError("--shard is i/n with 1 ≤ i ≤ n, e.g. 2/4") }
    if shard != nil && output == nil && !plan { throw ValidationError("--shard needs --output FILE.json") }
    if quick, let profile, profile != .quick {
      throw ValidationError("--quick is --profile quick; it cannot be combined with --profile \(profile.rawValue)")
    }
    if plan && shards == nil { throw ValidationError("--plan needs --shards N") }
    if let shards, shards < 1 { throw ValidationError("--shards must be at least 1, found \(shards)") }
    if shards != nil && !plan { throw ValidationError("--shards is for --plan; a shard run takes --shard i/n") }
  }

  /// The profile asked for (`--quick` is `--profile quick`).
  var runProfile: Profile { profile ?? (quick ? .quick : .default) }

  /// The reports directory: `--reports`, else `Reports` (`Reports/full` for the full profile).
  var reportsDirectory: String { reports ?? runProfile.reportsDirectory(root: "Reports") }

  /// The timings that plan the shards: the `--costs` files, else the README.json of the
  /// profile's reports directory and of `Reports/` (a full run's timings first, the default
  /// run's for the theorems it did not run); nil when none is readable (`--costs` given
  /// but unreadable is an error).
  func costEstimate() throws -> CostEstimate? {
    let given = !costs.isEmpty
    var candidates = given ? costs : [reportsDirectory + "/README.json", "Reports/README.json"]
    if !given, candidates[0] == candidates[1] { candidates.removeLast() }
    var estimate: CostEstimate?
    for path in candidates {
      guard let data = FileManager.default.contents(atPath: path) else {
        if given { throw CommandError(message: "--costs: cannot read \(path)", status: 2) }
        continue
      }
      do {
        let next = CostEstimate(previous: try JSONDecoder().decode(RunResult.self, from: data))
        estimate = estimate.map { $0.filling(from: next) } ?? next
      } catch {
        if given { throw CommandError(message: "--costs: \(path) is not a run's JSON: \(error)", status: 2) }
      }
    }
    return estimate
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
      throw CommandError(message: "\(error)", status: 2)
    }
    let estimate = (shard != nil || plan) ? try costEstimate() : nil
    var runner = Runner(
      registry: registry,
      options: .init(
        only: only.isEmpty ? nil : Set(only), shard: shard.flatMap(Self.parseShard), profile: runProfile,
        costs: estimate))
    if plan, let shards {
      try printPlan(runner, specs, shards: shards, timed: estimate != nil)
      return
    }
    let bar = ProgressBar()
    if let bar { runner.progress = { done, total, id in bar.update(done, of: total, id) } }
    let result: RunResult
    do {
      result = try await runner.run(
        specs, versions: .current(package: FPrincipleVersion.string, blas: BLAS.configuration))
    } catch {
      bar?.finish()
      throw CommandError(message: "\(error)", status: 2)
    }
    bar?.finish()
    let writer = ReportWriter(deterministic: deterministic)
    // Messages go to standard error when standard output carries JSON.
    let say: (String) -> Void = json ? { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } : { print($0) }
    if shard != nil, let output {
      try ReportWriter.writeAtomically(writer.json(result), to: output)
      say("wrote shard \(result.shard ?? "") to \(output)")
    } else {
      try writer.write(result, to: reportsDirectory)
      say("wrote \(reportsDirectory)/README.md")
    }
    if json { print(writer.json(result), terminator: "") }
    // A shard's verdicts are partial (a theorem may have no checks in it); `report --merge` decides.
    if shard == nil { try Self.summarize(result, say: say) }
  }

  /// `--plan`: the planned seconds per shard, their spread and the groups in each.
  func printPlan(_ runner: Runner, _ specs: [TheoremSpec], shards: Int, timed: Bool) throws {
    let p: ShardPlan
    do { p = try runner.plan(specs, count: shards) } catch {
      throw CommandError(message: "\(error)", status: 2)
    }
    var groups = [Int](repeating: 0, count: shards)
    for a in p.assignment.values { for s in a { groups[s] += 1 } }
    let basis =
      timed
      ? "the previous run's seconds per unit of the providers' relative cost (width × seeds, weights × steps × samples)"
      : "1 s per unit of relative cost (no previous run found)"
    if json {
      let rows: [JSONValue] = (0..<shards).map { i in
        .object([
          ("shard", .string("\(i + 1)/\(shards)")), ("seconds", .number(p.cost[i])), ("checks", .integer(groups[i])),
        ])
      }
      let doc: JSONValue = .object([
        ("profile", .string(runProfile.rawValue)), ("shards", .array(rows)), ("spread", .number(p.spread)),
        ("basis", .string(basis)),
      ])
      print(doc.text)
      return
    }
    print("profile \(runProfile.rawValue), \(shards) shards, cost from \(basis):")
    for i in 0..<shards {
      print("  shard \(i + 1)/\(shards): \(String(format: "%.1f", p.cost[i])) s planned, \(groups[i]) checks")
    }
    print("  spread (max − min)/mean: \(String(format: "%.1f", 100 * p.spread)) %")
  }

  /// Prints one line per theorem and the per-kind summary; exit 1 when a
  /// theorem does not hold or a control does not fail (`TheoremResult.isProblem`).
  static func summarize(_ result: RunResult, say: (String) -> Void = { print($0) }) throws {
    for t in result.theorems {
      let c = ReportWriter.countsText(t)
      let role = t.role.map { ", \($0.rawValue)" } ?? ""
      let kind = t.kind.rawValue + role + (t.controlOf.map { " of \($0)" } ?? "")
      say(
        "\(t.shownVerdict.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(t.id) [\(kind)] \(c)\(t.isProblem ? "  <- problem" : "")"
      )
    }
    say(String(ReportWriter.kindSummary(result).dropLast()))
    if result.theorems.contains(where: \.isProblem) { throw ExitCode(1) }
  }
}

extension Profile: ExpressibleByArgument {}
