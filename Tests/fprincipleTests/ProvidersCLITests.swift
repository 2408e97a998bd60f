import Foundation
import Testing

/// `fprinciple providers`: every provider of the standard registry, with its
/// arguments and quantities; `--json` prints JSON only.
@Suite(.serialized) struct ProvidersCLITests {
  struct Provider: Decodable {
    struct Argument: Decodable { var name: String; var type: String; var `default`: String?; var summary: String }
    var name: String
    var summary: String
    var arguments: [Argument]
    var quantities: [String]
  }

  @Test func jsonListsEveryProviderWithItsArguments() throws {
    let r = try CLI.run(["providers", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let list = try JSONDecoder().decode([Provider].self, from: Data(r.stdout.utf8))
    let names = list.map(\.name)
    #expect(names == names.sorted())
    // The numeric providers, an experiment, the LFP and the stage theorems' providers.
    for name in ["constant", "expression", "integral", "fprinciple_1d", "lfp_gamma", "stage_initial"] {
      #expect(names.contains(name), "\(name) missing from \(names)")
    }
    #expect(list.allSatisfy { !$0.summary.isEmpty })
    let integral = try #require(list.first { $0.name == "integral" })
    let arguments = Dictionary(uniqueKeysWithValues: integral.arguments.map { ($0.name, $0) })
    #expect(
      Set(arguments.keys) == [
        "integrand", "variable", "from", "to", "kernel", "omega", "tolerance",
        "break_points", "path", "dpath",
      ])
    #expect(arguments["variable"]?.default == "x")
    #expect(arguments["integrand"]?.default == nil)
    #expect(!integral.quantities.isEmpty)
    // Every provider declares its arguments (each name once) and what it computes.
    for p in list {
      #expect(!p.arguments.isEmpty, "\(p.name) declares no arguments")
      #expect(Set(p.arguments.map(\.name)).count == p.arguments.count, "\(p.name) declares a name twice")
      #expect(!p.quantities.isEmpty, "\(p.name) declares no quantities")
    }
    let stage = try #require(list.first { $0.name == "stage_initial" })
    let method = try #require(stage.arguments.first { $0.name == "method" })
    #expect(method.type == "grid | quadrature | quadrature_double | kink_expansion")
    #expect(method.default == "grid")
    #expect(stage.quantities.first == "R")
  }

  @Test func textNamesArgumentsWithDefaults() throws {
    let r = try CLI.run(["providers"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("integral\n  ∫ f(x) dx"))
    #expect(r.stdout.contains("    variable = x: the integration variable"))
    #expect(r.stdout.contains("    quantity = R: what to compute [R | B | B_half"))
    #expect(r.stdout.contains("  quantities: "))
    // Not JSON.
    #expect((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) == nil)
  }

  @Test func unknownOptionIsABadInput() throws {
    let r = try CLI.run(["providers", "--list"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("--list"))
  }
}
