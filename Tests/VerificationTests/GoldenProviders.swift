import MultiPrecision
import NumericProviders

@testable import Verification

/// `golden_measurement`, a deterministic stand-in for a training experiment in the
/// report golden tests: seed `seed`'s single-run value at the point's `peak` (default 1)
/// from `values`, listed peak by peak with five seeds each; a negative entry is `never`
/// (no convergence within the budget 100). With `figures = true` the quantity attaches a
/// training curve and a map of the values, as the papers' experiments do.
struct GoldenMeasurement: QuantityProvider {
  var name: String { "golden_measurement" }
  var summary: String { "test: one seed's value from a list" }

  func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    try arguments.check(allowed: ["values", "figures"])
    guard case .list? = arguments["values"] else { throw ProviderError(argument: "values", message: "expected a list") }
  }

  func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    guard case .list(let items)? = arguments["values"] else { throw ProviderError(message: "values missing") }
    let values = items.compactMap { item -> Double? in
      if case .number(let s) = item { return Double(s) } else { return nil }
    }
    let seed = Int(point["seed"]?.decimal ?? "0") ?? 0
    let peak = Int(point["peak"]?.decimal ?? "1") ?? 1
    let v = values[(peak - 1) * 5 + seed]
    var q = Quantity.singleRun(v < 0 ? .infinity : v, resolution: 0.5, budget: 100)
    if arguments["figures"] == .bool(true) {
      let steps: [Double] = [0, 10, 20, 30, 40]
      let curve = steps.map { 1 / (1 + $0 / Double(10 * peak)) }
      q.figures = [
        .line(
          title: "training error, peak \(peak)", xLabel: "step", yLabel: "relative error",
          series: [.init(label: "seed \(seed)", x: steps, y: curve)], logY: true),
        .heatmap(
          title: "convergence steps by seed", xLabel: "seed", yLabel: "peak",
          xValues: ["0", "1", "2", "3", "4"], yValues: ["1", "2"],
          values: [Array(values[0..<5]), Array(values[5..<10])].map { $0.map { $0 < 0 ? .infinity : $0 } },
          valueLabel: "step"),
      ]
    }
    return q
  }
}

/// `golden_complex`: the complex number `re + i·im` with the error estimate `error`
/// on both parts (a stand-in for a complex quadrature result).
struct GoldenComplex: QuantityProvider {
  var name: String { "golden_complex" }
  var summary: String { "test: a complex number with an error estimate" }

  func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    try arguments.check(allowed: ["re", "im", "error"])
  }

  func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    func number(_ key: String) throws -> MPFloat {
      let text = try arguments.numberText(key)
      guard let x = MPFloat(text, precision: precision) else {
        throw ProviderError(argument: key, message: "`\(text)` is not a number")
      }
      return x
    }
    let error = try number("error")
    var q = Quantity(value: try number("re"), errorEstimate: error, metadata: ["method": "test"])
    q.imaginary = .init(value: try number("im"), errorEstimate: error)
    return q
  }
}

/// The registry of the report golden tests: the built-in providers and the two above.
var goldenRegistry: ProviderRegistry {
  var registry = ProviderRegistry.numeric
  registry.register(GoldenMeasurement())
  registry.register(GoldenComplex())
  return registry
}

/// The golden-test theorem files.
let reportFixtures = packageRoot + "/Tests/Fixtures/reports"

/// The golden run: every file of `Tests/Fixtures/reports/input`, full sweeps, fixed versions.
func goldenRun() async throws -> RunResult {
  let specs = try TheoremLoader(registry: goldenRegistry).loadDirectory(reportFixtures + "/input")
  return try await Runner(registry: goldenRegistry).run(specs, versions: fixedVersions)
}
