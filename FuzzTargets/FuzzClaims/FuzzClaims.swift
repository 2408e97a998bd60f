import Foundation
import FuzzSupport
import MultiPrecision
import Verification

/// Fuzz target: the claim language (`Claim(parsing:quantities:axes:)`, the
/// `versus` figure terms of `Term.parsing`) and the check of what parses on a
/// small sweep: axes `n` ∈ {1, 2, 4, 8} and `m` ∈ {0.5, 2}, quantities `a` = n²·m
/// (exact), `b` = [n − 0.01, n + 0.01] (rigorous interval), `loss` = 1/n
/// (an estimate with error 10⁻³).
///
/// Checked on every input: no trap; a parse error has a message; every parsed
/// claim gets a verdict (`check` returns, whatever it decides).
@main
struct FuzzClaims {
  static let quantities: Set<String> = ["a", "b", "loss"]
  static let axes = ["n", "m"]

  static func main() { FuzzHarness.main(fuzz) }

  static let scope: ClaimScope = {
    let precision = 64
    var points: [SweepPoint] = []
    var values: [Int: [String: Quantity]] = [:]
    for n in [1, 2, 4, 8] {
      for m in ["0.5", "2"] {
        let i = points.count
        points.append(SweepPoint(index: i, coordinates: ["n": .number("\(n)"), "m": .number(m)], seed: UInt64(i)))
        let nn = MPFloat(n, precision: precision)
        let mm = MPFloat(m, precision: precision)!
        let d = MPFloat("0.01", precision: precision)!
        values[i] = [
          "a": Quantity(exact: nn * nn * mm),
          "b": Quantity(lower: nn - d, upper: nn + d, rigorous: true),
          "loss": Quantity(value: 1 / nn, errorEstimate: MPFloat("0.001", precision: precision)!),
        ]
      }
    }
    return ClaimScope(points: points, quantities: values, precision: precision)
  }()

  static func fuzz(_ data: Data) {
    guard data.count <= 1024 else { return }
    let text = String(decoding: data, as: UTF8.self)
    do {
      let claim = try Claim(parsing: text, quantities: quantities, axes: axes)
      _ = claim.root.check(in: scope)
    } catch {
      precondition(!"\(error)".isEmpty)
    }
    do {
      let (term, _) = try Term.parsing(text, quantities: quantities, axes: axes)
      _ = try? term.evaluate(in: scope)
    } catch {
      precondition(!"\(error)".isEmpty)
    }
  }
}
