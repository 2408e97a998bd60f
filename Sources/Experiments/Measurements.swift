import Foundation
import MultiPrecision
import Verification

extension Quantity {
  /// A convergence step of one training run measured on snapshots taken every
  /// `interval` steps: the run first stays below the threshold at snapshot step
  /// `step`, so the exact step lies in [step − interval + 1, step] (just `step`
  /// when it is 0). A single-run measurement (`Quantity.singleRun`): its value
  /// is the midpoint, its resolution the half-width, its budget `steps`; the
  /// runner pools the seeds of a theorem's ensemble into mean ± standard error
  /// (+ resolution). `nil` step: `never` within the budget (+∞), with the
  /// series' last value `lastValue` (6 significant digits) as `last_error` in the metadata.
  static func convergenceStep(
    _ step: Int?, interval: Int, steps: Int, lastValue: Double? = nil,
    metadata: [String: String] = [:]
  ) -> Quantity {
    var meta = metadata
    guard let step else {
      if let lastValue { meta["last_error"] = String(format: "%.6g", lastValue) }
      return .singleRun(.infinity, resolution: Double(interval - 1) / 2, budget: Double(steps), metadata: meta)
    }
    let lower = step == 0 ? 0 : step - interval + 1
    meta["resolution"] = "snapshot interval \(interval) steps: the step lies in [\(lower), \(step)]"
    return .singleRun(
      Double(lower + step) / 2, resolution: Double(step - lower) / 2, budget: Double(steps),
      metadata: meta)
  }

  /// The outcome of a deterministic computation that involves no random choice
  /// (an iteration count of a fixed linear iteration): exactly what the
  /// floating-point computation produced, not a rigorous bound and not a
  /// measurement over seeds. Exact as an `MPFloat` (53 bits fit every working
  /// precision); no −0.
  static func deterministic(_ x: Double, metadata: [String: String] = [:]) -> Quantity {
    let v = MPFloat(x == 0 ? 0 : x, precision: 64)
    return Quantity(lower: v, upper: v, rigorous: false, metadata: metadata)
  }
}
