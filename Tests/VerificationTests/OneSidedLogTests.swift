import Foundation
import MultiPrecision
import NumericProviders
import Testing

@testable import Verification

/// A share measured per seed (one computed value per seed, as the stage trajectory returns):
/// t = C_seed · η^(−3) with error 1e-3 t, except at the (η, seed) pairs of `unresolved`, where
/// it is reported as 0.4 t ± 0.6 t (not resolved from 0, its upper end the true value t).
/// `nonnegative` sets the domain the provider declares.
struct ShareMeasurement: QuantityProvider {
  var name: String { "share_measurement" }
  var summary: String { "test: a non-negative share per seed" }
  func validate(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {}
  func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    let eta = Double(point["eta"]!.decimal!)!, seed = Int(point["seed"]!.decimal!)!
    var unresolved: Set<String> = []
    if case .list(let items)? = arguments["unresolved"] {
      for case .string(let s) in items { unresolved.insert(s) }
    }
    let nonnegative: Bool = {
      if case .bool(let b)? = arguments["nonnegative"] { return b }
      return true
    }()
    let meta = nonnegative ? [Quantity.domainKey: "nonnegative"] : [:]
    let hidden = unresolved.contains("\(Int(eta)):\(seed)")
    let t = (1 + 0.1 * Double(seed)) * Double.pow(eta, -3)
    return Quantity(
      value: MPFloat(hidden ? 0.4 * t : t, precision: 64),
      errorEstimate: MPFloat(hidden ? 0.6 * t : 1e-3 * t, precision: 64),
      metadata: meta)
  }
}

func shareVerdict(claim: String, unresolved: [String], nonnegative: Bool = true) async throws -> Outcome {
  let list = unresolved.map { "\"\($0)\"" }.joined(separator: ", ")
  let text = theoremText(
    kind: "theorem", claim: claim,
    body: """
      [sweep]
      eta = [1, 2, 4, 8]
      seed = [0, 1, 2, 3, 4]
      [quantities.share]
      provider = "share_measurement"
      args = { unresolved = [\(list)], nonnegative = \(nonnegative) }
      """, extra: "safety_factor = 3\nensemble = \"seed\"")
  var registry = ProviderRegistry.numeric
  registry.register(ShareMeasurement())
  let spec = try TheoremLoader(registry: registry).load(text: text, file: "test.toml")
  let result = try await Runner(registry: registry).run([spec])
  return result.theorems[0].groups[0].outcome
}

/// The logarithm of a non-negative quantity that is not resolved from 0 is one-sided
/// (−∞, log upper]: a fitted slope is then bounded above, and a claim decides on that bound in the
/// direction it supports and is inconclusive in the other.
@Suite struct OneSidedLogTests {
  @Test func logOfAnUnresolvedNonnegativeValueIsBoundedAbove() throws {
    var q = Quantity(value: MPFloat(1e-30, precision: 64), errorEstimate: MPFloat(1e-20, precision: 64))
    #expect(throws: ClaimEvaluationError.self) { try q.log(precision: 64) }
    q.metadata[Quantity.domainKey] = "nonnegative"
    let l = try q.log(precision: 64)
    #expect(l.lower.isInfinite && l.lower < MPFloat(0, precision: 2))
    #expect(abs(l.upper.doubleValue - Double.log(1e-30 + 1e-20)) < 1e-9)
    #expect(l.formatted().hasPrefix("≤ "))
  }

  /// Unresolved at the largest η in two seeds: their slopes are still bounded above by −3 (the
  /// upper end is the true value), so `slope ≤ −2` passes.
  @Test func anUpperBoundDecidesAClaimItSupports() async throws {
    let o = try await shareVerdict(claim: "slope(eta, share) <= -2", unresolved: ["8:0", "8:1"])
    #expect(o.verdict == .pass, "\(o.reason ?? "")")
    #expect(o.reason?.contains("not resolved from 0") == true)
  }

  /// Twins. Without the declared domain the same values stay unresolved (inconclusive); the
  /// opposite claim `slope ≥ −4` cannot pass on an upper bound (inconclusive, although the
  /// resolved seeds' slopes are −3); unresolved at the smallest η the slope is unbounded above
  /// in those seeds, and `slope ≤ −2` cannot pass either.
  @Test func anUpperBoundNeverPassesTheOtherWay() async throws {
    let plain = try await shareVerdict(
      claim: "slope(eta, share) <= -2", unresolved: ["8:0", "8:1"], nonnegative: false)
    #expect(plain.verdict == .inconclusive)
    let opposite = try await shareVerdict(claim: "slope(eta, share) >= -4", unresolved: ["8:0", "8:1"])
    #expect(opposite.verdict == .inconclusive)
    let resolved = try await shareVerdict(claim: "slope(eta, share) >= -4", unresolved: [])
    #expect(resolved.verdict == .pass)
    let early = try await shareVerdict(claim: "slope(eta, share) <= -2", unresolved: ["1:0"])
    #expect(early.verdict != .pass)
  }
}
