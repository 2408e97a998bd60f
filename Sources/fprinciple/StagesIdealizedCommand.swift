import ArgumentParser
import Foundation
import JSONCodec
import MultiPrecision
import NeuralNetworks
import StageTheorems

/// `fprinciple stages idealized`: the Monte Carlo of the idealized two-layer tanh theorem (arXiv 1901.06523,
/// Xu's lecture notes ch. 1, Theorem 1; `IdealizedTanh`): 1 − p(δ) at each radius with its Wilson interval,
/// and the fitted slope of ln(1 − p) against 1/δ.
struct StagesIdealizedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "idealized",
    abstract: "1 − p(δ): the share of B_δ where k₂ beats k₁ in some |∂L(k)/∂θ| (two-layer tanh, 1901.06523).",
    discussion: """
      h(x) = Σ_j a_j tanh(w_j x + b_j), L(k) = ½|ĥ(k) − f̂(k)|² (∫e^{−ikx}dx, ĥ in closed form); W = (w_j)
      uniform in the ball B_δ ⊂ ℝ^m, a_j and b_j > 0 fixed. The theorem: 1 − p(δ) ≤ C exp(−c/δ) for k₁ < k₂;
      the proof's exponent is c = π(k₂ − k₁)/2.
      Example:
        fprinciple stages idealized --k1 1 --k2 2 --a 1 --b 10 --deltas 0.5,0.4,0.3,0.25,0.2 \\
          --samples 8000 --growth 1.5 --json
      """
  )

  @Option(help: "The frequency claimed to dominate (> 0).") var k1: Double = 1
  @Option(help: "The other frequency (> 0).") var k2: Double = 2
  @Option(help: "Output weights a_j, comma-separated (nonzero).") var a: String = "1"
  @Option(help: "Biases b_j > 0, comma-separated (as many as a).") var b: String = "10"
  @Option(help: "Target: gauss:A,MU,SD+gauss:A,MU,SD+…") var target: String = "gauss:1,0.3,1+gauss:0.5,-0.4,0.5"
  @Option(help: "Radii δ > 0, comma-separated.") var deltas: String = "0.5,0.4,0.3333,0.2857,0.25"
  @Option(help: "Samples at the largest radius.") var samples: Int = 8000
  @Option(help: "Samples at radius δ: samples·exp(growth·(1/δ − 1/δ_max)).") var growth: Double = 1.5
  @Option(help: "Seed of the Monte Carlo (radius i uses mix(seed + i)).") var seed: UInt64 = 1
  @Option(help: "Standard deviations of the intervals.") var z: Double = 3
  @Flag(help: "Print JSON only on stdout.") var json = false

  func validate() throws {
    if !(k1 > 0 && k2 > 0 && k1 != k2) { throw ValidationError("--k1 and --k2 must be positive and distinct.") }
    if samples < 1 { throw ValidationError("--samples must be at least 1.") }
    if !(0...20).contains(growth) { throw ValidationError("--growth must lie in [0, 20].") }
    if !(z > 0) { throw ValidationError("--z must be positive.") }
  }

  func numbers(_ text: String, _ option: String) -> [Double] {
    text.split(separator: ",").map { part in
      guard let x = Double(part.trimmingCharacters(in: .whitespaces)), x.isFinite else {
        fail("--\(option): `\(part)` is not a number")
      }
      return x
    }
  }

  func run() throws {
    let model: IdealizedTanh
    do {
      model = try IdealizedTanh(a: numbers(a, "a"), b: numbers(b, "b"), target: GaussianSumTarget(parsing: target))
    } catch { fail(error.message) }
    let radii = numbers(deltas, "deltas").sorted(by: >)
    guard !radii.isEmpty, radii.allSatisfy({ $0 > 0 }) else { fail("--deltas: give radii > 0") }
    let runs = radii.enumerated().map { i, d in
      let n = max(1, Int((Double(samples) * Double.exp(growth * (1 / d - 1 / radii[0]))).rounded()))
      return model.violation(k1: k1, k2: k2, delta: d, samples: n, seed: SplitMix64.mix(seed &+ UInt64(i)))
    }
    let fit = try? IdealizedRateFit(runs, z: z)
    let c = Double.pi * abs(k2 - k1) / 2
    if json {
      let rows: [JSONValue] = runs.map { r in
        let (lo, hi) =
          r.violations == 0
          ? (0, BinomialInterval.clopperPearsonUpperForZero(trials: r.samples, z: z))
          : BinomialInterval.wilson(successes: r.violations, trials: r.samples, z: z)
        return .object([
          ("delta", .number(r.delta)), ("samples", .integer(r.samples)), ("violations", .integer(r.violations)),
          ("fraction", .number(r.fraction)), ("lower", .number(lo)), ("upper", .number(hi)),
          ("mpfr_256", .integer(r.decidedAt256Bits)), ("mpfr_1024", .integer(r.decidedAt1024Bits)),
          ("unresolved", .integer(r.unresolved)),
        ])
      }
      var fields: [(String, JSONValue)] = [("radii", .array(rows)), ("proof_rate", .number(-c))]
      if let fit { fields += [("rate", .number(fit.slope)), ("rate_error", .number(fit.error))] }
      print(JSONValue.object(fields).text)
    } else {
      print("statement: idealized two-layer tanh theorem (1901.06523; Xu's notes ch. 1, Theorem 1)")
      for r in runs {
        let (lo, hi) = BinomialInterval.wilson(successes: r.violations, trials: r.samples, z: z)
        print(
          "δ = \(r.delta)   1 − p = \(r.violations)/\(r.samples) = \(String(format: "%.3e", r.fraction))   "
            + "[\(String(format: "%.3e", lo)), \(String(format: "%.3e", hi))]   MPFR \(r.decidedAt256Bits)"
            + "+\(r.decidedAt1024Bits), unresolved \(r.unresolved)")
      }
      if let fit {
        print("slope of ln(1 − p) against 1/δ: \(fit.slope) ± \(fit.error) (\(z) sd)   proof's −c = \(-c)")
      } else {
        print("slope: fewer than 3 radii with a violation (raise --samples)")
      }
    }
  }
}
