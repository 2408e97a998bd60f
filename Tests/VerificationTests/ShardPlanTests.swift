import Foundation
import MultiPrecision
import Reports
import Testing

@testable import Verification

/// The shard planner balances by estimated cost, keeps a control with its
/// claim, and is deterministic; `[full]` tables load like `[quick]`.
@Suite struct ShardPlanTests {
  /// A run shaped like the default one: a few training theorems with one or two
  /// expensive groups (10 … 40 s) among many cheap ones of 1 … 40 groups
  /// (0.01 … 1 s per point); every fifth theorem is a control of the one before.
  var members: [ShardPlan.Member] {
    (0..<60).map { i in
      ShardPlan.Member(
        id: "t\(i)", controlOf: i % 5 == 4 ? "t\(i - 1)" : nil,
        groupSizes: i % 10 == 0 ? [5, 5] : Array(repeating: 1 + i % 3, count: 1 + (i * 7) % 40))
    }
  }
  var estimate: CostEstimate {
    var known: [String: Double] = [:]
    for i in 0..<60 {
      let training: Double = 2 + Double(i) / 10
      let cheap: Double = pow(10, Double(i % 3) - 2)
      known["t\(i)"] = i % 10 == 0 ? training : cheap
    }
    return CostEstimate(known: known)
  }

  @Test func everyGroupInExactlyOneShardAndCostsAddUp() {
    let plan = ShardPlan(members, count: 6, estimate: estimate)
    let total = members.reduce(0.0) { t, m in
      t + m.groupWeights.reduce(0.0) { $0 + $1 * estimate.secondsPerPoint(m.id) }
    }
    #expect(abs(plan.cost.reduce(0, +) - total) <= 1e-9 * total)
    for m in members {
      let a = plan.assignment[m.id]!
      #expect(a.count == m.groupWeights.count)
      #expect(a.allSatisfy { (0..<6).contains($0) })
    }
  }

  @Test func balancedWithinTwentyFivePercent() {
    for n in [2, 4, 8, 16] {
      let plan = ShardPlan(members, count: n, estimate: estimate)
      #expect(plan.spread <= 0.25, "\(n) shards: spread \(plan.spread), costs \(plan.cost)")
    }
  }

  /// The round-robin split by count that the planner replaced: the same theorems
  /// give a spread of several hundred per cent, so the balance above is the planner's.
  @Test func roundRobinByCountIsUnbalanced() {
    var cost = [Double](repeating: 0, count: 8)
    var global = 0
    for m in members {
      for size in m.groupWeights {
        cost[global % 8] += size * estimate.secondsPerPoint(m.id)
        global += 1
      }
    }
    let mean = cost.reduce(0, +) / 8
    #expect((cost.max()! - cost.min()!) / mean > 0.25)
  }

  @Test func aSmallFamilyStaysInOneShard() {
    let plan = ShardPlan(members, count: 4, estimate: estimate)
    // t3 and its control t4 are small: one unit, one shard.
    let shards = Set(plan.assignment["t3"]! + plan.assignment["t4"]!)
    #expect(shards.count == 1)
  }

  @Test func aLargeFamilyIsSplitWithTheControlAligned() {
    let big = [
      ShardPlan.Member(id: "claim", controlOf: nil, groupSizes: Array(repeating: 1, count: 40)),
      ShardPlan.Member(id: "twin", controlOf: "claim", groupSizes: Array(repeating: 1, count: 40)),
    ]
    let plan = ShardPlan(big, count: 4, estimate: CostEstimate())
    #expect(Set(plan.assignment["claim"]!).count == 4)
    #expect(plan.assignment["claim"] == plan.assignment["twin"])
    #expect(plan.spread <= 0.25)
  }

  @Test func deterministic() {
    #expect(ShardPlan(members, count: 5, estimate: estimate) == ShardPlan(members, count: 5, estimate: estimate))
  }

  /// Seconds per point; a record of an ensemble theorem (which pools its ensemble axis)
  /// counts as one point per value of that axis.
  @Test func estimateFromARunUsesSecondsPerPointAndTheMedianOtherwise() async throws {
    var run = try await goldenRun()
    for i in run.theorems.indices { run.theorems[i].seconds = Double(i + 1) }
    let e = CostEstimate(previous: run)
    for (i, t) in run.theorems.enumerated().prefix(6) where t.seconds > 0 {
      let members = t.ensemble.flatMap { name in t.axes.first { $0.name == name }?.values.count } ?? 1
      let points = t.groups.reduce(0) { $0 + $1.points.count } * members
      #expect(e.secondsPerPoint(t.id) == Double(i + 1) / Double(points), "\(t.id)")
    }
    let t = run.theorems[1]
    #expect(e.secondsPerPoint("not-in-the-run") == e.fallback)
    // A deterministic run (no timings) gives no estimate: 1 s per point.
    for i in run.theorems.indices { run.theorems[i].seconds = 0 }
    #expect(CostEstimate(previous: run).secondsPerPoint(t.id) == 1)
  }

  /// A provider whose cost is its point's `width`: one GD run of that width.
  struct WidthCostProvider: QuantityProvider {
    var name: String { "width_cost" }
    var summary: String { "cost ∝ width" }
    func relativeCost(_ arguments: ProviderArguments, at point: SweepPoint) -> Double {
      point["width"]?.doubleValue ?? 1
    }
    func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
      Quantity(exact: MPFloat(1, precision: precision))
    }
  }

  /// The previous (default) run timed widths 1000 and 2000 at 3 s in all, 1 ms per unit of
  /// width; the full profile's widths 1000 … 8000 are then planned at 15 s, not at the 1.5 s
  /// per point × 4 points = 6 s that counting points gives (the twin: the same files on a
  /// provider that declares no cost).
  @Test(arguments: [true, false])
  func fullProfileScalesByTheProvidersRelativeCost(_ widthCost: Bool) async throws {
    var registry = ProviderRegistry.numeric
    registry.register(WidthCostProvider())
    let text = theoremText(
      kind: "observation", role: "", claim: "y <= 2",
      body: """
        [sweep]
        width = [1000, 2000]

        [full]
        width = [1000, 2000, 4000, 8000]

        [quantities.y]
        provider = "\(widthCost ? "width_cost" : "constant")"
        args = { \(widthCost ? "" : "value = \"1\"") }
        """)
    let s = try TheoremLoader(registry: registry).load(text: text, file: "t.toml")
    var previous = try await Runner(registry: registry).run([s], versions: fixedVersions)
    previous.theorems[0].seconds = 3
    let full = Runner(registry: registry, options: .init(profile: .full, costs: CostEstimate(previous: previous)))
    let planned = try full.plan([s], count: 1).cost[0]
    #expect(abs(planned - (widthCost ? 15 : 6)) < 1e-9, "planned \(planned) s")
  }

  /// Two theorems that read the same cached computation (`cacheKey`) are planned on one
  /// shard and the computation is priced once: here two files on one width-8000 run
  /// (priced at 8000 × the rate) and one file on its own width-8000 run, over 2 shards:
  /// the sharing pair fills one shard, the other file the other (8 s each), where
  /// pricing by theorem would have planned 3 runs. Twin: without keys each file is its
  /// own unit and the plan prices three runs (24 s in all).
  struct SharedRunProvider: QuantityProvider {
    var keyed: Bool
    var name: String { keyed ? "shared_run" : "own_run" }
    var summary: String { "a width-sized run shared through a cache" }
    func relativeCost(_ arguments: ProviderArguments, at point: SweepPoint) -> Double {
      point["width"]?.doubleValue ?? 1
    }
    func cacheKey(_ arguments: ProviderArguments, at point: SweepPoint) -> String? {
      keyed ? "run|width=\(point["width"]?.description ?? "")|tag=\(arguments["tag"].map { "\($0)" } ?? "")" : nil
    }
    func compute(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
      Quantity(exact: MPFloat(1, precision: precision))
    }
  }

  @Test(arguments: [true, false])
  func sharedComputationsArePlannedTogetherAndPricedOnce(_ keyed: Bool) throws {
    var registry = ProviderRegistry.numeric
    registry.register(SharedRunProvider(keyed: keyed))
    let provider = keyed ? "shared_run" : "own_run"
    func file(_ id: String, tag: String) throws -> TheoremSpec {
      try TheoremLoader(registry: registry).load(
        text: theoremText(
          id: id, kind: "observation", role: "", claim: "y <= 2",
          body: """
            [sweep]
            width = [8000]

            [quantities.y]
            provider = "\(provider)"
            args = { tag = "\(tag)" }
            """), file: "\(id).toml")
    }
    let specs = [try file("a", tag: "one"), try file("b", tag: "two"), try file("c", tag: "one")]
    // 1 ms per unit of width: per point for the unkeyed files, per run for the shared ones.
    var estimate = CostEstimate(known: ["a": 0.001, "b": 0.001, "c": 0.001])
    estimate.providerRates = ["shared_run": 0.001]
    let runner = Runner(registry: registry, options: .init(costs: estimate))
    let plan = try runner.plan(specs, count: 2)
    if keyed {
      #expect(plan.shard(of: "a", group: 0) == plan.shard(of: "c", group: 0))
      #expect(plan.shard(of: "b", group: 0) != plan.shard(of: "a", group: 0))
      #expect(abs(plan.cost.reduce(0, +) - 16) < 1e-9, "\(plan.cost)")
    } else {
      #expect(abs(plan.cost.reduce(0, +) - 24) < 1e-9, "\(plan.cost)")
    }
  }

  @Test func shardedRunsByPlanMergeToTheWholeRun() async throws {
    let specs = try TheoremLoader(registry: goldenRegistry).loadDirectory(reportFixtures + "/input")
    let whole = try await goldenRun()
    var shards: [RunResult] = []
    for i in 0..<4 {
      let runner = Runner(registry: goldenRegistry, options: .init(shard: (i, 4), costs: CostEstimate(previous: whole)))
      shards.append(try await runner.run(specs, versions: fixedVersions))
    }
    let merged = try RunResult.merge(shards)
    let canonical = { (r: RunResult) in ReportWriter(deterministic: true).json(r) }
    #expect(canonical(merged) == canonical(whole))
  }

  @Test func fullSweepReplacesOnlyItsAxesAndIsRecorded() async throws {
    let text = theoremText(
      claim: "y <= 2*x",
      body: """
        [sweep]
        x = [1, 2, 3]
        k = [5, 6]

        [full]
        x = [1, 2, 3, 4, 5, 6]

        [quantities.y]
        provider = "expression"
        args = { expression = "x + 1" }
        """)
    let s = try spec(text)
    #expect(s.sweep(profile: .full).count == 12)
    #expect(s.sweep(profile: .default).count == 6)
    #expect(s.sweep(profile: .quick).count == 6)
    let r = try await Runner(registry: .numeric, options: .init(profile: .full)).run([s], versions: fixedVersions)
    #expect(r.runProfile == .full)
    #expect(r.theorems[0].groups.count == 12)
    // A full run's JSON names its profile; a default run's JSON is as before profiles.
    let json = String(decoding: try JSONEncoder().encode(r), as: UTF8.self)
    #expect(json.contains("\"profile\":\"full\""))
    let d = try await Runner(registry: .numeric).run([s], versions: fixedVersions)
    #expect(!String(decoding: try JSONEncoder().encode(d), as: UTF8.self).contains("profile"))
    // Shards of different profiles are not merged.
    #expect(throws: MergeError.self) { try RunResult.merge([r, d]) }
  }

  @Test func fullTableErrors() {
    let unknownAxis = theoremText(
      claim: "y <= 2*x",
      body: """
        [sweep]
        x = [1, 2, 3]

        [full]
        z = [1]

        [quantities.y]
        provider = "expression"
        args = { expression = "x + 1" }
        """)
    #expect(throws: TheoremFileError.self) { try spec(unknownAxis) }
    do { _ = try spec(unknownAxis) } catch let e as TheoremFileError { #expect(e.key == "full.z") } catch {}
  }
}
