import Foundation
import FuzzSupport
import ProviderCatalog
import Verification

/// Fuzz target: the theorem-file loader (`TheoremLoader.load(text:file:)`): TOML
/// syntax (TOMLKit), the spec's keys and types, sweeps, claims, figures, and every
/// registered provider's `validate` of its `args` (the standard registry of
/// `fprinciple verify`); then the cross-file checks of `depends_on` and controls on
/// the one spec. No provider computes anything.
///
/// Checked on every input: no trap; an error names the file and has a message.
@main
struct FuzzTheorems {
  static let loader = TheoremLoader(registry: .standard)

  static func main() { FuzzHarness.main(fuzz) }

  static func fuzz(_ data: Data) {
    guard data.count <= 16384 else { return }
    let text = String(decoding: data, as: UTF8.self)
    do {
      let spec = try loader.load(text: text, file: "fuzz.toml")
      try TheoremLoader.checkDependencies([spec])
      try TheoremLoader.checkControls([spec])
      _ = TheoremLoader.dependencyOrder([spec])
    } catch {
      precondition(!"\(error)".isEmpty)
    }
  }
}
