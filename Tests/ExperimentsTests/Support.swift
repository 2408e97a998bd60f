import ProviderCatalog
import Verification

/// Loads a theorem from text with the registry `fprinciple verify` uses (`ProviderRegistry.standard`).
func spec(_ text: String) throws -> TheoremSpec {
  try TheoremLoader(registry: ProviderRegistry.standard).load(text: text, file: "test.toml")
}
