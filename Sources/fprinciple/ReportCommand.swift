import ArgumentParser
import Foundation
import Reports
import Verification

/// `fprinciple report --merge shard*.json`: combines shard results into the reports.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write the reports from shard JSON files written by `verify --shard`."
  )

  @Option(name: .customLong("merge"), parsing: .upToNextOption, help: "Shard JSON files to combine.")
  var merge: [String] = []

  @Option(help: "Directory the reports are written to (default Reports, Reports/full for a full-profile run).")
  var reports: String?

  @Flag(help: "Leave timings out of the reports (reproducible output).")
  var deterministic = false

  @Flag(
    help: ArgumentHelp(
      "Check the layout of every SVG figure in the reports directory (no text box overlaps another or "
        + "leaves the canvas, legends clear of the plot areas); exit 1 on a violation. Alone or after --merge."))
  var checkFigures = false

  func run() throws {
    if checkFigures && merge.isEmpty { return try Self.checkFigures(in: reports ?? "Reports") }
    guard !merge.isEmpty else {
      throw ValidationError("give the shard files: report --merge shard1.json shard2.json ...")
    }
    var shards: [RunResult] = []
    for f in merge {
      guard let data = FileManager.default.contents(atPath: f) else {
        throw CommandError(message: "cannot read \(f)", status: 2)
      }
      do { shards.append(try RunResult.readShard(data, file: f)) } catch {
        throw CommandError(message: error.description, status: 2)
      }
    }
    let merged = try RunResult.merge(shards)
    let reports = self.reports ?? merged.runProfile.reportsDirectory(root: "Reports")
    try ReportWriter(deterministic: deterministic).write(merged, to: reports)
    print("merged \(shards.count) shards into \(reports)/README.md")
    if checkFigures { try Self.checkFigures(in: reports) }
    try VerifyCommand.summarize(merged)
  }

  /// Runs `SVGLayoutCheck` on every `.svg` in `directory`; prints each violation.
  static func checkFigures(in directory: String) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".svg") }.sorted()
    var bad = 0
    for name in names {
      let svg = try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)
      let problems = SVGLayoutCheck.violations(svg)
      if !problems.isEmpty { bad += 1 }
      for p in problems { print("\(name): \(p)") }
    }
    print("layout of \(names.count) figures checked: \(bad) with violations")
    if bad > 0 { throw ExitCode(1) }
  }
}
