import Foundation
import FuzzSupport
import Reports
import Verification

/// Fuzz target: the shard reader of `fprinciple report --merge`
/// (`RunResult.readShard`, Foundation's `JSONDecoder` on the `RunResult`
/// schema), `RunResult.merge`, and the reports written from a merged run
/// (`ReportWriter.files(for:)`: Markdown, JSON, HTML, SVG figures, in memory).
///
/// An input is up to four shard files separated by NUL bytes (a shard file is
/// JSON text, which holds no NUL). Checked on every input: no trap; an error
/// has a message.
@main
struct FuzzShards {
  static func main() { FuzzHarness.main(fuzz) }

  static func fuzz(_ data: Data) {
    guard data.count <= 65536 else { return }
    let parts = data.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    var shards: [RunResult] = []
    for (i, part) in parts.enumerated() {
      do { shards.append(try RunResult.readShard(Data(part), file: "shard\(i + 1).json")) } catch {
        precondition(!"\(error)".isEmpty)
        return
      }
    }
    let merged: RunResult
    do { merged = try RunResult.merge(shards) } catch {
      precondition(!"\(error)".isEmpty)
      return
    }
    for file in ReportWriter(deterministic: true).files(for: merged) { precondition(!file.name.isEmpty) }
  }
}
