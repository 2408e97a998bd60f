import Foundation
import MultiPrecision
import NumericProviders
import TestSupport

@testable import Verification

/// The package root.
let packageRoot = PackagePaths.root.path

/// A quantity [lower, upper] from decimal text (exactly representable values in the tests).
func q(_ lower: String, _ upper: String, rigorous: Bool) -> Quantity {
  Quantity(lower: MPFloat(lower, precision: 64)!, upper: MPFloat(upper, precision: 64)!, rigorous: rigorous)
}

func scope(safety: Double = 10, tolerance: String = "0") -> ClaimScope {
  ClaimScope(points: [], quantities: [:], precision: 64, tolerance: tolerance, safetyFactor: safety)
}

/// Loads a theorem from text, writing nothing to disk.
func spec(_ text: String, file: String = "test.toml") throws -> TheoremSpec {
  try TheoremLoader(registry: .numeric).load(text: text, file: file)
}

/// A minimal valid theorem file with the given claim, quantities and sweep; a theorem
/// is an `identity` and a control `sharpens` unless `role` says otherwise (an empty
/// `role` writes no role key).
func theoremText(
  id: String = "t", kind: String = "theorem", role: String? = nil, claim: String, body: String,
  extra: String = ""
) -> String {
  let role = role ?? (kind == "theorem" ? "identity" : kind == "control" ? "sharpens" : "")
  return """
    id = "\(id)"
    title = "Test \(id)"
    kind = "\(kind)"
    \(role.isEmpty ? "" : "role = \"\(role)\"")
    stage = "empirical"
    claim = "\(claim)"
    \(extra)

    [source]
    paper = "test"
    section = "1"

    \(body)
    """
}

let fixedVersions = VersionInfo(package: "test", swift: "test", mpfr: "test")
