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

  @Option(help: "Directory the reports are written to.")
  var reports = "Reports"

  @Flag(help: "Leave timings out of the reports (reproducible output).")
  var deterministic = false

  func run() throws {
    guard !merge.isEmpty else {
      throw ValidationError("give the shard files: report --merge shard1.json shard2.json ...")
    }
    var shards: [RunResult] = []
    for f in merge {
      guard let data = FileManager.default.contents(atPath: f) else { throw ValidationError("cannot read \(f)") }
      do { shards.append(try JSONDecoder().decode(RunResult.self, from: data)) } catch {
        throw ValidationError("\(f) is not a shard file: \(error)")
      }
    }
    let merged = try RunResult.merge(shards)
    try ReportWriter(deterministic: deterministic).write(merged, to: reports)
    print("merged \(shards.count) shards into \(reports)/README.md")
    try VerifyCommand.summarize(merged)
  }
}
