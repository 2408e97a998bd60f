import Foundation
import MultiPrecision
import Testing

@testable import Verification

/// A provider that accepts any arguments: the round trip concerns the file format,
/// not what a provider computes (the standard registry lives above this module).
struct AnyArgumentsProvider: QuantityProvider {
  let name: String
  var summary: String { "accepts any arguments (printer tests)" }
  func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    throw ProviderError(message: "not computed")
  }
}

/// Property: a theorem file written by the canonical printer (`TheoremSpec.canonicalTOML`)
/// loads back to the same spec, for every file of Theorems/ and the fixtures, and for
/// seeded random variations of their text fields (quotes, backslashes, control
/// characters, non-ASCII). Twin: the field comparison reports a spec that differs in
/// one sweep value, one argument or the claim.
@Suite struct CanonicalPrinterTests {
  static let files: [String] = {
    var out: [String] = []
    for dir in ["Theorems", "Tests/Fixtures/reports/input", "Tests/Fixtures/verify-cli"] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/" + dir)) ?? []
      out += names.filter { $0.hasSuffix(".toml") }.sorted().map { packageRoot + "/" + dir + "/" + $0 }
    }
    return out
  }()

  /// Every provider name the files use, each accepting any arguments.
  static let loader: TheoremLoader = {
    var names = Set<String>()
    let pattern = try! NSRegularExpression(pattern: #"^\s*provider\s*=\s*"([^"]+)""#, options: .anchorsMatchLines)
    for f in files {
      let text = (try? String(contentsOfFile: f, encoding: .utf8)) ?? ""
      for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        names.insert(String(text[Range(m.range(at: 1), in: text)!]))
      }
    }
    return TheoremLoader(registry: ProviderRegistry(names.sorted().map { AnyArgumentsProvider(name: $0) }))
  }()

  /// The fields in which two specs differ (empty: the same spec).
  static func differences(_ a: TheoremSpec, _ b: TheoremSpec) -> [String] {
    var d: [String] = []
    func check(_ name: String, _ same: Bool) { if !same { d.append(name) } }
    check("id", a.id == b.id)
    check("title", a.title == b.title)
    check("source", a.source == b.source)
    check("stage", a.stage == b.stage)
    check("kind", a.kind == b.kind)
    check("role", a.role == b.role)
    check("hypothesis", a.removedHypothesis == b.removedHypothesis)
    check("control_of", a.controlOf == b.controlOf)
    check("hypotheses", a.hypotheses.map { "\($0.key)=\($0.value)" } == b.hypotheses.map { "\($0.key)=\($0.value)" })
    check("sweep", a.sweep == b.sweep)
    check("quick", a.quickSweep == b.quickSweep)
    check("full", a.fullSweep == b.fullSweep)
    check("quantities.name", a.quantities.map(\.name) == b.quantities.map(\.name))
    check("quantities.provider", a.quantities.map(\.provider) == b.quantities.map(\.provider))
    check("quantities.args", a.quantities.map(\.arguments) == b.quantities.map(\.arguments))
    check("depends_on", a.dependsOn == b.dependsOn)
    check("claim", a.claimText == b.claimText && a.claim.aggregatedAxes == b.claim.aggregatedAxes)
    check("precision", a.precision == b.precision && a.maxPrecision == b.maxPrecision)
    check("tolerance", a.tolerance == b.tolerance)
    check("safety_factor", a.safetyFactor == b.safetyFactor)
    check("seed", a.seed == b.seed)
    check("figures", a.figures == b.figures)
    check("figure terms", a.figureTerms.keys.sorted() == b.figureTerms.keys.sorted())
    check("falsify", a.falsify == b.falsify)
    check("ensemble", a.ensemble == b.ensemble && a.minimumSeeds == b.minimumSeeds)
    return d
  }

  @Test func everyFileRoundTrips() throws {
    #expect(Self.files.count > 100)
    for f in Self.files {
      let spec = try Self.loader.loadFile(f)
      let text = spec.canonicalTOML
      let back = try Self.loader.load(text: text, file: "canonical.toml")
      #expect(Self.differences(spec, back).isEmpty, "\(f): \(Self.differences(spec, back))\n\(text)")
      // The printer is a fixed point on its own output.
      #expect(back.canonicalTOML == text, "\(f)")
    }
  }

  /// Random text in the fields that hold free text: quotes, backslashes, TOML syntax,
  /// control characters and non-ASCII letters must survive the string escaping.
  @Test(arguments: 0..<4)
  func randomTextFieldsRoundTrip(_ seed: Int) throws {
    var g = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
    let pieces = [
      "\"", "\\", "'", "'''", "\"\"\"", "\n", "\t", "\u{1}", "\u{7F}", "é", "η", "ξ²", "[x]", "#", " = ", "a",
    ]
    func text() -> String {
      (0..<Int.random(in: 1...8, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
    }
    let base = try Self.loader.loadFile(Self.files.first { $0.hasSuffix("power-law.toml") }!)
    for _ in 0..<50 {
      var spec = base
      spec.title = text()
      spec.source = .init(paper: text(), section: text(), equation: text())
      spec.hypotheses = [("note", text()), ("other", text())]
      spec.seed = UInt64.random(in: 0...UInt64.max, using: &g)
      let back = try Self.loader.load(text: spec.canonicalTOML, file: "canonical.toml")
      #expect(Self.differences(spec, back).isEmpty, "\(Self.differences(spec, back))\n\(spec.canonicalTOML)")
    }
  }

  /// The twin: the comparison sees a changed sweep value, argument or claim.
  @Test func comparisonSeesChanges() throws {
    let spec = try Self.loader.loadFile(Self.files.first { $0.hasSuffix("power-law.toml") }!)
    var a = spec
    a.sweep.axes[0].values[0] = .number("3")
    #expect(Self.differences(spec, a) == ["sweep"])
    var b = spec
    b.quantities[0].arguments.entries[0].value = .string("a * k^-3")
    #expect(Self.differences(spec, b) == ["quantities.args"])
    var c = spec
    c.claimText += " and y > 0"
    #expect(Self.differences(spec, c) == ["claim"])
  }
}
