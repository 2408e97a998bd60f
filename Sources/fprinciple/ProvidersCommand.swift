import ArgumentParser
import Foundation
import ProviderCatalog
import Verification

/// `fprinciple providers`: every quantity provider of `ProviderRegistry.standard`
/// with its summary, its arguments (kind, default and help, as the provider declares
/// them: `TypedQuantityProvider.arguments`) and the quantities it can return.
struct ProvidersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "providers",
    abstract: "List the quantity providers theorem files can name, with their arguments and quantities.",
    discussion: """
      A theorem file names a provider in [quantities.NAME] provider = "..." and gives its
      arguments in args = { ... } (README.md, "Adding a conjecture"). --json prints
      [{"name", "summary", "arguments": [{"name", "type", "default", "summary"}], "quantities"}]
      on standard output and nothing else.
      """
  )

  @Flag(help: "Print JSON only.")
  var json = false

  /// One provider as listed.
  struct Description: Codable, Equatable {
    var name: String
    var summary: String
    var arguments: [Argument]
    var quantities: [String]

    struct Argument: Codable, Equatable {
      var name: String
      /// The values it takes (`ArgumentKind.description`).
      var type: String
      var `default`: String?
      var summary: String
    }

    init(_ p: any QuantityProvider) {
      name = p.name
      summary = p.summary
      arguments = p.parameters.map {
        Argument(name: $0.name, type: $0.kind.description, default: $0.defaultValue, summary: $0.summary)
      }
      quantities = p.quantities
    }
  }

  func run() throws {
    let list = ProviderRegistry.standard.sorted.map(Description.init)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(list), as: UTF8.self))
    } else {
      print(list.map(Self.text).joined(separator: "\n"), terminator: "")
    }
  }

  /// The plain-text entry of one provider.
  static func text(_ d: Description) -> String {
    var s = "\(d.name)\n  \(d.summary)\n"
    if d.arguments.isEmpty {
      s += "  arguments: not declared (see the provider's documentation)\n"
    } else {
      s += "  arguments:\n"
      for a in d.arguments {
        let value = a.default.map { " = \($0)" } ?? ""
        s += "    \(a.name)\(value)\(a.summary.isEmpty ? "" : ": \(a.summary)") [\(a.type)]\n"
      }
    }
    let quantities = d.quantities.isEmpty ? "not declared" : d.quantities.joined(separator: ", ")
    return s + "  quantities: \(quantities)\n"
  }
}
