import Experiments
import Foundation
import ProviderCatalog
import Verification

/// The package root, from this file's path.
let packageRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

let fixedVersions = VersionInfo(package: "test", swift: "test", mpfr: "test")

/// The registry `fprinciple verify` uses.
let registry = ProviderRegistry.standard

/// Loads Theorems/ with the experiments' providers.
func loadTheorems() throws -> [TheoremSpec] {
  ExperimentEnvironment.prepare()
  return try TheoremLoader(registry: registry).loadDirectory(packageRoot + "/Theorems")
}

/// Runs theorem specs with the experiments' providers.
func runSpecs(_ specs: [TheoremSpec], options: Runner.Options = .init()) async throws -> RunResult {
  try await Runner(registry: registry, options: options).run(specs, versions: fixedVersions)
}

/// Loads a theorem from text with the experiments' providers.
func spec(_ text: String) throws -> TheoremSpec {
  try TheoremLoader(registry: registry).load(text: text, file: "test.toml")
}
