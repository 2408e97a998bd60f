import Foundation
import FuzzSupport
import NeuralNetworks

/// Fuzz target: the data CSV reader (`Dataset.parseCSV`, read by `fprinciple
/// train --data` and `fprinciple lfp --data`).
///
/// Checked on every input: no trap; an error has a message; a data set that
/// parses is finite, and written back with `csvText()` it parses to the same set.
@main
struct FuzzCSV {
  static func main() { FuzzHarness.main(fuzz) }

  static func fuzz(_ data: Data) {
    guard data.count <= 16384 else { return }
    let text = String(decoding: data, as: UTF8.self)
    let set: Dataset
    do { set = try Dataset.parseCSV(text, file: "fuzz.csv") } catch {
      precondition(!"\(error)".isEmpty)
      return
    }
    precondition(set.count >= 1 && set.inputDimension >= 1 && set.outputDimension >= 1)
    precondition(set.inputs.allSatisfy(\.isFinite) && set.targets.allSatisfy(\.isFinite))
    let again: Dataset
    do { again = try Dataset.parseCSV(set.csvText(), file: "written.csv") } catch {
      preconditionFailure("the written CSV of a parsed data set does not parse: \(error)")
    }
    precondition(again == set, "CSV write → read changed the data set")
  }
}
