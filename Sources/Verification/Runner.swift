import Foundation
import MultiPrecision

/// Runs theorems: expands each sweep, computes the quantities at all points in
/// parallel, checks the claim on each group, retries inconclusive groups at
/// doubled precision up to `max_precision`, and marks tainted theorems.
///
/// Output order is deterministic (theorems in dependency order, groups in sweep
/// order) whatever the scheduling.
public struct Runner: Sendable {
  public struct Options: Sendable {
    /// The sweep of each theorem file to run (`[quick]`, `[sweep]` or `[full]`).
    public var profile: Profile = .default
    /// Use each theorem's `[quick]` sweep (`profile == .quick`).
    public var quick: Bool {
      get { profile == .quick }
      set { profile = newValue ? .quick : .default }
    }
    /// Run only these ids (and what they depend on).
    public var only: Set<String>?
    /// Run the groups that `ShardPlan` puts in shard `index` (0-based) of `count`.
    public var shard: (index: Int, count: Int)?
    /// The timings the shard plan is made from (seconds per unit of relative cost; 1 s per
    /// unit when nil).
    public var costs: CostEstimate?
    /// Parallel tasks (default: active processor count).
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    public init(
      quick: Bool = false, only: Set<String>? = nil, shard: (index: Int, count: Int)? = nil,
      profile: Profile? = nil, costs: CostEstimate? = nil
    ) {
      self.profile = profile ?? (quick ? .quick : .default)
      self.only = only; self.shard = shard; self.costs = costs
    }
  }

  public var registry: ProviderRegistry
  public var options: Options
  /// Called after each group with (groups done, groups total, theorem id).
  public var progress: (@Sendable (Int, Int, String) -> Void)?

  public init(registry: ProviderRegistry, options: Options = Options()) {
    self.registry = registry; self.options = options
  }

  /// The theorems to run: `only` and their dependencies, in dependency order.
  public func selection(_ specs: [TheoremSpec]) throws(TheoremFileError) -> [TheoremSpec] {
    let ordered = TheoremLoader.dependencyOrder(specs)
    guard let only = options.only else { return ordered }
    let byId = Dictionary(specs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for id in only where byId[id] == nil {
      throw TheoremFileError(
        file: "--only", line: 0, key: nil, problem: .unknownDependency, message: "no theorem has id `\(id)`")
    }
    var wanted = Set<String>()
    func add(_ id: String) {
      guard wanted.insert(id).inserted, let s = byId[id] else { return }
      s.dependsOn.forEach(add)
    }
    only.forEach(add)
    return ordered.filter { wanted.contains($0.id) }
  }

  /// Groups of sweep point indices: points equal on every non-aggregated axis.
  /// Zipped axes vary together, so aggregating over one of them aggregates over all.
  static func groups(_ spec: TheoremSpec, _ points: [SweepPoint]) -> [[SweepPoint]] {
    var keyAxes = spec.sweep.axisNames.filter { !spec.claim.aggregatedAxes.contains($0) && $0 != spec.ensemble }
    if spec.sweep.mode == .zip && keyAxes.count < spec.sweep.axes.count { keyAxes = [] }
    var order: [[SweepValue?]] = []
    var members: [[SweepValue?]: [SweepPoint]] = [:]
    for p in points {
      let key = keyAxes.map { p[$0] }
      if members[key] == nil { order.append(key) }
      members[key, default: []].append(p)
    }
    return order.map { members[$0]! }
  }

  public func run(_ specs: [TheoremSpec], versions: VersionInfo = .current) async throws(TheoremFileError) -> RunResult
  {
    let selected = try selection(specs)
    let all = selected.map { Self.groups($0, $0.sweep(profile: options.profile).points(seed: $0.seed)) }
    let shardPlan = options.shard.map { plan(selected, all, count: $0.count) }
    var plans: [(spec: TheoremSpec, groups: [(index: Int, points: [SweepPoint])], count: Int)] = []
    for (spec, groups) in zip(selected, all) {
      let mine = groups.enumerated().filter { i, _ in
        guard let shard = options.shard, let shardPlan else { return true }
        return shardPlan.shard(of: spec.id, group: i) == shard.index
      }
      plans.append((spec, mine.map { ($0.offset, $0.element) }, groups.count))
    }
    let total = plans.reduce(0) { $0 + $1.groups.count }
    let done = GroupCounter()
    var byPlan: [Int: TheoremResult] = [:]
    // Theorems run concurrently, at most `parallelism` at once, so that one
    // theorem's last slow points (a retry at higher precision, a seed ensemble
    // smaller than a multiple of the core count) do not leave cores idle. Each
    // theorem still bounds its own points to `parallelism` tasks; the cooperative
    // thread pool shares the cores among all of them. Results keep the
    // dependency order; `seconds` is each theorem's own wall time.
    await withTaskGroup(of: (Int, TheoremResult).self) { group in
      func start(_ i: Int) {
        let plan = plans[i]
        group.addTask {
          let start = Date()
          let groups = await self.runGroups(plan.spec, plan.groups) { n in
            self.progress?(done.add(n), total, plan.spec.id)
          }
          var result = Self.result(
            plan.spec, sweep: plan.spec.sweep(profile: self.options.profile), groups: groups,
            groupCount: plan.count, seconds: 0)
          // A conjecture with `[falsify]` is also attacked between its grid points
          // (in the shard that holds its first group).
          if plan.spec.kind == .conjecture, let f = plan.spec.falsify, plan.groups.contains(where: { $0.index == 0 }) {
            let falsifier = Falsifier(
              runner: self, budget: f.budget ?? Falsifier.defaultBudget, seed: plan.spec.seed)
            result.falsification = await falsifier.search(plan.spec)
          }
          result.seconds = Date().timeIntervalSince(start)
          return (i, result)
        }
      }
      // A control usually measures the very runs of the claim it controls (the
      // reversed claim on the same networks): it starts once that claim has
      // finished and reads the cached runs, instead of holding a core while it
      // waits for a run in flight.
      let position = Dictionary(plans.enumerated().map { ($1.spec.id, $0) }, uniquingKeysWith: { a, _ in a })
      let waitsFor: [Int?] = plans.map { p in p.spec.controlOf.flatMap { position[$0] } }
      let width = max(1, options.parallelism)
      var pending = Array(plans.indices)
      var finished = Set<Int>()
      var running = 0
      func startReady() {
        while running < width, !pending.isEmpty {
          let ready = pending.firstIndex { k in waitsFor[k].map(finished.contains) ?? true }
          // Nothing ready and nothing running (a cycle of `control_of`): start the next one anyway.
          guard let k = ready ?? (running == 0 ? pending.startIndex : nil) else { return }
          start(pending.remove(at: k))
          running += 1
        }
      }
      startReady()
      while let (i, result) = await group.next() {
        byPlan[i] = result
        finished.insert(i)
        running -= 1
        startReady()
      }
    }
    var theorems = plans.indices.map { byPlan[$0]! }
    let kinds = Dictionary(specs.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    for i in theorems.indices { theorems[i].controlsKind = theorems[i].controlOf.flatMap { kinds[$0] } }
    var run = RunResult(
      versions: versions, quick: options.quick, profile: options.profile == .full ? .full : nil,
      shard: options.shard.map { "\($0.index + 1)/\($0.count)" },
      generated: ISO8601DateFormatter().string(from: Date()), theorems: theorems)
    run.finalize()
    return run
  }

  /// The shard plan of the selected theorems (`ShardPlan`), for `count` shards.
  public func plan(_ specs: [TheoremSpec], count: Int) throws(TheoremFileError) -> ShardPlan {
    let selected = try selection(specs)
    let all = selected.map { Self.groups($0, $0.sweep(profile: options.profile).points(seed: $0.seed)) }
    return plan(selected, all, count: count)
  }

  func plan(_ selected: [TheoremSpec], _ groups: [[[SweepPoint]]], count: Int) -> ShardPlan {
    let members = zip(selected, groups).map { spec, g in
      let perGroup = g.map { $0.map { self.work(spec, at: $0) } }
      return ShardPlan.Member(
        id: spec.id, controlOf: spec.controlOf, groupWeights: perGroup.map { $0.reduce(0) { $0 + $1.weight } },
        groupComputations: perGroup.map { $0.reduce(into: [:]) { all, w in all.merge(w.shared) { a, _ in a } } })
    }
    let specs = Dictionary(selected.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let estimate = (options.costs ?? CostEstimate()).priced { id, coordinates in
      guard let spec = specs[id] else { return (1, [:]) }
      let values = coordinates.mapValues { Double($0) != nil ? SweepValue.number($0) : .text($0) }
      return work(spec, at: SweepPoint(index: 0, coordinates: values, seed: spec.seed))
    }
    return ShardPlan(members, count: count, estimate: estimate)
  }

  /// What computing a theorem's point costs the planner: the shared computations its
  /// quantities read (providers' `cacheKey`, each with its `relativeCost`), and, when
  /// there are none, the point's own weight, the largest of its quantities' relative costs
  /// (the quantities of a file share one cached computation).
  func work(_ spec: TheoremSpec, at point: SweepPoint) -> (weight: Double, shared: [String: ShardPlan.Computation]) {
    var shared: [String: ShardPlan.Computation] = [:]
    var own = 1.0
    for q in spec.quantities {
      guard let provider = registry[q.provider] else { continue }
      let cost = provider.relativeCost(q.arguments, at: point)
      if let key = provider.cacheKey(q.arguments, at: point) {
        shared[key] = ShardPlan.Computation(weight: cost, provider: provider.name)
      } else {
        own = max(own, cost)
      }
    }
    return (shared.isEmpty ? own : 0, shared)
  }

  static func result(
    _ spec: TheoremSpec, sweep: Sweep, groups: [GroupResult], groupCount: Int, seconds: Double
  ) -> TheoremResult {
    TheoremResult(
      id: spec.id, title: spec.title, file: (spec.file as NSString).lastPathComponent, source: spec.source,
      kind: spec.kind, stage: spec.stage, controlOf: spec.controlOf, ensemble: spec.ensemble, claim: spec.claimText,
      hypotheses: spec.hypotheses.map { [$0.key, $0.value] }, dependsOn: spec.dependsOn,
      axes: sweep.axes, sweepMode: sweep.mode, aggregatedAxes: spec.claim.aggregatedAxes.sorted(),
      quantityProviders: spec.quantities.map {
        [$0.name, $0.provider] + $0.arguments.entries.map { "\($0.key) = \($0.value)" }
      },
      figures: spec.figures + spec.claim.autoFigures, precision: spec.precision, maxPrecision: spec.maxPrecision,
      tolerance: spec.tolerance, safetyFactor: spec.safetyFactor, seed: spec.seed, groupCount: groupCount,
      groups: groups, verdict: .error, taintedBy: [], seconds: seconds, role: spec.role,
      removedHypothesis: spec.removedHypothesis)
  }

  /// Runs the given groups of one theorem, retrying inconclusive ones at doubled precision.
  func runGroups(
    _ spec: TheoremSpec, _ groups: [(index: Int, points: [SweepPoint])],
    finished: (Int) -> Void
  ) async -> [GroupResult] {
    var results: [Int: GroupResult] = [:]
    var pending = groups
    var precision = spec.precision
    var attempt = 1
    while !pending.isEmpty {
      // In sweep order (not group by group), so that points sharing an expensive
      // computation through a provider's cache (one training run measured at
      // several values of an aggregated axis) do not all start at once.
      let points = pending.flatMap(\.points).sorted { $0.index < $1.index }
      let computed = await computeQuantities(spec, points, precision: precision)
      var retry: [(index: Int, points: [SweepPoint])] = []
      var finishedNow = 0
      for g in pending {
        let r = evaluate(spec, g.index, g.points, computed, precision: precision, attempt: attempt)
        results[g.index] = r
        // More bits help a numerical error, not a seed spread or a vacuous check.
        let numerical = spec.ensemble == nil && !(r.outcome.reason ?? "").hasPrefix("vacuous")
        if r.outcome.verdict == .inconclusive && numerical && precision * 2 <= spec.maxPrecision {
          retry.append(g)
        } else {
          finishedNow += 1
        }
      }
      finished(finishedNow)
      pending = retry
      precision *= 2
      attempt += 1
    }
    return groups.map { results[$0.index]! }
  }

  /// Groups finished so far, across concurrently running theorems.
  final class GroupCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    /// Adds `n` and returns the new total.
    func add(_ n: Int) -> Int { lock.lock(); defer { lock.unlock() }; count += n; return count }
  }

  typealias Computed = [Int: (quantities: [String: Quantity], records: [QuantityRecord], error: String?)]

  /// All quantities at all points, in parallel (at most `parallelism` tasks at once).
  func computeQuantities(_ spec: TheoremSpec, _ points: [SweepPoint], precision: Int) async -> Computed {
    let registry = self.registry
    // The precision travels as the argument only (see MultiPrecision's README,
    // "Precision travels one way"): a provider that runs generic numeric code
    // sets the task-local working precision itself, around that code.
    let work: @Sendable (SweepPoint) -> (Int, [String: Quantity], [QuantityRecord], String?) = { point in
      var values: [String: Quantity] = [:]
      var records: [QuantityRecord] = []
      for q in spec.quantities {
        do {
          guard let provider = registry[q.provider] else {
            throw ProviderError(message: "unknown provider `\(q.provider)`")
          }
          let value = try provider.compute(q.arguments, at: point, precision: precision, earlier: values)
          guard value.isValid else { throw ProviderError(message: "the value is NaN") }
          values[q.name] = value
          records.append(QuantityRecord(name: q.name, value))
        } catch {
          return (point.index, values, records, "quantity `\(q.name)` (provider `\(q.provider)`): \(error)")
        }
      }
      return (point.index, values, records, nil)
    }
    var out: Computed = [:]
    await withTaskGroup(of: (Int, [String: Quantity], [QuantityRecord], String?).self) { group in
      var next = 0
      let width = max(1, options.parallelism)
      while next < min(width, points.count) { let p = points[next]; group.addTask { work(p) }; next += 1 }
      while let (i, values, records, error) = await group.next() {
        out[i] = (values, records, error)
        if next < points.count { let p = points[next]; group.addTask { work(p) }; next += 1 }
      }
    }
    return out
  }

  func evaluate(
    _ spec: TheoremSpec, _ index: Int, _ points: [SweepPoint], _ computed: Computed,
    precision: Int, attempt: Int
  ) -> GroupResult {
    let records: [PointRecord]
    var scope: ClaimScope
    if let axis = spec.ensemble {
      let pooled = EnsemblePooling.pool(
        points, axis: axis, names: spec.quantities.map(\.name), computed: computed,
        precision: precision)
      records = pooled.records
      scope = ClaimScope(
        points: pooled.points, quantities: pooled.quantities, precision: precision,
        tolerance: spec.tolerance, safetyFactor: spec.safetyFactor)
      scope.errors = pooled.errors
      scope.ensembleSize = Set(points.compactMap { $0[axis] }).count
    } else {
      records = points.map { p in
        PointRecord(
          index: p.index, coordinates: p.coordinates.mapValues(\.description),
          quantities: computed[p.index]?.records ?? [], error: computed[p.index]?.error)
      }
      scope = ClaimScope(
        points: points, quantities: computed.reduce(into: [:]) { $0[$1.key] = $1.value.quantities },
        precision: precision, tolerance: spec.tolerance, safetyFactor: spec.safetyFactor)
      scope.errors = computed.reduce(into: [:]) { if let e = $1.value.error { $0[$1.key] = e } }
    }
    // A point whose quantity could not be computed makes only the comparisons
    // that read it `error`; the rest of the claim is still checked, so a
    // violation elsewhere is a `fail` (see `ClaimNode.conjunction`).
    let outcome = spec.claim.root.check(in: scope)
    var figurePoints: [FigurePoint] = []
    for (k, terms) in spec.figureTerms.sorted(by: { $0.key < $1.key }) {
      do {
        let x = try terms.x.evaluate(in: scope), y = try terms.y.evaluate(in: scope)
        figurePoints.append(
          FigurePoint(
            figure: k, x: x.value.doubleValue, y: y.value.doubleValue, xError: x.radius.doubleValue,
            yError: y.radius.doubleValue))
      } catch {
        figurePoints.append(FigurePoint(figure: k, error: "\(error)"))
      }
    }
    return GroupResult(
      index: index, coordinates: scope.sharedCoordinates, points: records, outcome: outcome,
      precision: precision, attempts: attempt, figurePoints: figurePoints.isEmpty ? nil : figurePoints)
  }
}
