import Experiments
import Foundation
import ProviderCatalog
import TestSupport
import Verification

/// The package root.
let packageRoot = PackagePaths.root.path

let fixedVersions = VersionInfo(package: "test", swift: "test", mpfr: "test")

/// The registry `fprinciple verify` uses.
let registry = ProviderRegistry.standard

/// Loads Theorems/ with every provider the suite ships.
func loadTheorems() throws -> [TheoremSpec] {
  ExperimentEnvironment.prepare()
  return try TheoremLoader(registry: registry).loadDirectory(packageRoot + "/Theorems")
}

/// Runs theorem specs with every provider the suite ships.
func runSpecs(_ specs: [TheoremSpec], options: Runner.Options = .init()) async throws -> RunResult {
  try await Runner(registry: registry, options: options).run(specs, versions: fixedVersions)
}
