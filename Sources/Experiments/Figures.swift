import Verification

/// The figures the experiment providers attach to their quantities.
enum ExperimentFigures {
  /// At most `limit` evenly spaced indices of 0..<count, always keeping the last.
  static func thinned(_ count: Int, limit: Int) -> [Int] {
    guard count > limit, limit >= 2 else { return Array(0..<count) }
    var out = (0..<limit).map { $0 * (count - 1) / (limit - 1) }
    out[limit - 1] = count - 1
    var seen = Set<Int>()
    return out.filter { seen.insert($0).inserted }
  }

  /// A heatmap of `values[series][snapshot]` over training steps (columns,
  /// thinned to at most 60) and rows labelled `rows`, values capped at `cap`.
  static func stepHeatmap(title: String, steps: [Int], rows: [String], rowLabel: String,
                          values: [[Double]], valueLabel: String, cap: Double? = nil) -> AttachedFigure {
    let columns = thinned(steps.count, limit: 60)
    let grid = values.map { row in columns.map { c in cap.map { min(row[c], $0) } ?? row[c] } }
    return .heatmap(title: title, xLabel: "training step", yLabel: rowLabel,
                    xValues: columns.map { String(steps[$0]) }, yValues: rows, values: grid, valueLabel: valueLabel)
  }

  /// Curves of `values[series][snapshot]` over training steps.
  static func stepCurves(title: String, steps: [Int], labels: [String], values: [[Double]],
                         yLabel: String, logY: Bool = true) -> AttachedFigure {
    let columns = thinned(steps.count, limit: 200)
    let series = zip(labels, values).map { label, row in
      AttachedFigure.Series(label: label, x: columns.map { Double(steps[$0]) },
                            y: columns.map { logY ? max(row[$0], 1e-12) : row[$0] })
    }
    return .line(title: title, xLabel: "training step", yLabel: yLabel, series: series, logY: logY)
  }
}

extension Quantity {
  /// A convergence step of one training run measured on snapshots taken every
  /// `interval` steps: the run first stays below the threshold at snapshot step
  /// `step`, so the exact step lies in [step − interval + 1, step] (just `step`
  /// when it is 0). A single-run measurement (`Quantity.singleRun`): its value
  /// is the midpoint, its resolution the half-width, its budget `steps`; the
  /// runner pools the seeds of a theorem's ensemble into mean ± standard error
  /// (+ resolution). `nil` step: `never` within the budget (+∞).
  static func convergenceStep(_ step: Int?, interval: Int, steps: Int, metadata: [String: String] = [:]) -> Quantity {
    var meta = metadata
    guard let step else {
      return .singleRun(.infinity, resolution: Double(interval - 1) / 2, budget: Double(steps), metadata: meta)
    }
    let lower = step == 0 ? 0 : step - interval + 1
    meta["resolution"] = "snapshot interval \(interval) steps: the step lies in [\(lower), \(step)]"
    return .singleRun(Double(lower + step) / 2, resolution: Double(step - lower) / 2, budget: Double(steps), metadata: meta)
  }

  /// The outcome of a deterministic computation that involves no random choice
  /// (an iteration count of a fixed linear iteration): exactly what the
  /// floating-point computation produced, not a rigorous bound and not a
  /// measurement over seeds.
  static func deterministic(_ x: Double, metadata: [String: String] = [:]) -> Quantity {
    let v = MPFloatBridge.value(x == 0 ? 0 : x)  // no −0
    return Quantity(lower: v, upper: v, rigorous: false, metadata: metadata)
  }
}
