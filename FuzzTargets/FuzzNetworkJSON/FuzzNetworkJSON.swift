import Foundation
import FuzzSupport
import JSONCodec
import NeuralNetworks

/// Fuzz target: the network JSON reader (`Network.parseJSON`, read by `fprinciple
/// train --init`) and the JSON parser under it (`JSONValue.parse`).
///
/// Checked on every input: no trap; an error has a message; a network that
/// parses evaluates at one input (shapes chain), and written back with
/// `jsonText()` it parses to a network with the same widths, activation and outputs.
@main
struct FuzzNetworkJSON {
  static func main() { FuzzHarness.main(fuzz) }

  static func fuzz(_ data: Data) {
    guard data.count <= 16384 else { return }
    do { _ = try JSONValue.parse(data, file: "fuzz.json") } catch {
      precondition(!"\(error)".isEmpty)
    }
    let network: Network<Double>
    do { network = try Network<Double>.parseJSON(data, file: "fuzz.json") } catch {
      precondition(!"\(error)".isEmpty)
      return
    }
    let x = (0..<network.inputDimension).map { Double($0) * 0.25 - 0.5 }
    let y = network.outputs(x)
    precondition(y.count == network.outputDimension)
    let again: Network<Double>
    do { again = try Network<Double>.parseJSON(Data(network.jsonText().utf8), file: "written.json") } catch {
      preconditionFailure("the written JSON of a parsed network does not parse: \(error)")
    }
    precondition(again.widths == network.widths && again.activation.name == network.activation.name)
    let y2 = again.outputs(x)
    precondition(zip(y, y2).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "JSON write → read changed the outputs")
  }
}
