/// How the checks (groups) of a run are split over `count` shards so that the
/// shards finish at about the same time.
///
/// **Cost.** Each group's cost is the sum of its points' relative costs (the
/// providers' `relativeCost`: width × seeds for a network ensemble, network
/// weights × steps × samples for a training run; 1 where a provider declares
/// none) times the seconds per unit of cost of its theorem in a previous run
/// (`CostEstimate`); a theorem the previous run did not have (or timed as 0,
/// e.g. `--deterministic`) gets the median rate of the others, and 1 s per unit
/// when nothing was timed. The relative costs are what carry a default run's
/// timings to the `full` profile's larger sweeps (wider networks, more steps, not
/// only more points); once a full run exists, its own times are used.
///
/// **Shared computations.** A provider that caches a computation (a training run, a seed
/// ensemble) names it per point (`QuantityProvider.cacheKey`); the chunks below that read
/// the same computation are joined while the joined unit fits a shard's share, and a
/// unit prices each computation once, at its provider's pooled rate
/// (`CostEstimate.providerRates`: one theorem computes a shared run and the others read
/// it from the cache, so per-theorem seconds would mislead). A previous run that was
/// itself sharded may have computed a shared run on several shards; its pooled rates then
/// overstate the cost (the LFP family's in the first full run, by up to the number of
/// files that share a run).
///
/// **Cache affinity.** A control reads the cached runs of the claim it controls
/// (`control_of`), so a theorem and its controls form one family. A family is
/// planned as one unit when it is small; a large one is cut into k contiguous
/// chunks of groups, and group g of each member of n groups goes to chunk
/// ⌊g·k/n⌋, so a control's groups travel with its claim's groups.
///
/// **Balance.** Units are placed largest first on the least-loaded shard (LPT,
/// Graham 1969: makespan ≤ 4/3 of the optimum). The plan is a deterministic
/// function of the selection, the profile and the estimate, so every shard
/// process of a job computes the same plan.
public struct ShardPlan: Sendable, Equatable {
  /// Number of shards.
  public var count: Int
  /// Shard (0-based) of each group: `assignment[id][group]`.
  public var assignment: [String: [Int]]
  /// Planned seconds per shard.
  public var cost: [Double]

  /// The shard (0-based) of group `group` of theorem `id`.
  public func shard(of id: String, group: Int) -> Int { assignment[id]?[group] ?? 0 }

  /// (max − min) / mean of the planned costs: 0 for a perfect balance.
  public var spread: Double {
    let total = cost.reduce(0, +)
    guard total > 0, let hi = cost.max(), let lo = cost.min() else { return 0 }
    return (hi - lo) / (total / Double(cost.count))
  }

  /// One theorem of the run as the planner sees it.
  public struct Member: Sendable {
    public var id: String
    /// The claim it controls, when it is a control.
    public var controlOf: String?
    /// The relative cost of each group (the sum over its points), in group order: the
    /// points' own computations, priced at the theorem's rate.
    public var groupWeights: [Double]
    /// The shared computations each group reads (a provider's cached run, by its cache key):
    /// priced once per shard that holds them, at their provider's rate.
    public var groupComputations: [[String: Computation]]
    public init(
      id: String, controlOf: String?, groupWeights: [Double], groupComputations: [[String: Computation]] = []
    ) {
      self.id = id; self.controlOf = controlOf; self.groupWeights = groupWeights
      self.groupComputations =
        groupComputations.isEmpty ? Array(repeating: [:], count: groupWeights.count) : groupComputations
    }
    /// Every point of relative cost 1: the weight of a group is its number of points.
    public init(id: String, controlOf: String?, groupSizes: [Int]) {
      self.init(id: id, controlOf: controlOf, groupWeights: groupSizes.map(Double.init))
    }
  }

  /// A shared computation: its relative cost and the provider whose rate prices it.
  public struct Computation: Sendable, Hashable {
    public var weight: Double
    public var provider: String
    public init(weight: Double, provider: String) { self.weight = weight; self.provider = provider }
  }

  /// Plans `members` (in run order) over `count` shards.
  public init(_ members: [Member], count: Int, estimate: CostEstimate) {
    precondition(count >= 1)
    self.count = count
    let ids = Set(members.map(\.id))
    let perPoint = Dictionary(
      members.map { ($0.id, estimate.secondsPerPoint($0.id)) }, uniquingKeysWith: { a, _ in a })
    let byID = Dictionary(members.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    func groupCosts(_ m: Member) -> [Double] { m.groupWeights.map { $0 * perPoint[m.id]! } }
    func price(_ c: Computation) -> Double { estimate.seconds(of: c) }
    /// A unit's cost: its groups' own costs plus each shared computation once.
    func unitCost(_ groups: [(id: String, group: Int)]) -> Double {
      var shared: [String: Computation] = [:]
      var own = 0.0
      for (id, g) in groups {
        let m = byID[id]!
        own += m.groupWeights[g] * perPoint[id]!
        shared.merge(m.groupComputations[g]) { a, _ in a }
      }
      return own + shared.values.reduce(0) { $0 + price($1) }
    }
    // Families in run order: the root is the controlled claim when it is in the run.
    var familyOrder: [String] = []
    var families: [String: [Member]] = [:]
    for m in members {
      let root = m.controlOf.flatMap { ids.contains($0) ? $0 : nil } ?? m.id
      if families[root] == nil { familyOrder.append(root) }
      families[root, default: []].append(m)
    }
    var allShared: [String: Computation] = [:]
    for m in members { for g in m.groupComputations { allShared.merge(g) { a, _ in a } } }
    let total =
      members.reduce(0.0) { $0 + groupCosts($1).reduce(0, +) } + allShared.values.reduce(0) { $0 + price($1) }
    // Chunks of at most a quarter of a shard's share keep LPT within a few per cent.
    let target = max(total / Double(count) / 4, .leastNonzeroMagnitude)
    var units: [(cost: Double, groups: [(id: String, group: Int)])] = []
    for root in familyOrder {
      let fam = families[root]!
      let famCost = unitCost(fam.flatMap { m in m.groupWeights.indices.map { (m.id, $0) } })
      let k = max(1, min(Int((famCost / target).rounded(.up)), fam.map(\.groupWeights.count).max() ?? 1))
      var chunks = [[(id: String, group: Int)]](repeating: [], count: k)
      for m in fam {
        for g in m.groupWeights.indices { chunks[g * k / max(1, m.groupWeights.count)].append((m.id, g)) }
      }
      units += chunks.filter { !$0.isEmpty }.map { (unitCost($0), $0) }
    }
    // Units that read the same shared computation are joined (it is then computed once),
    // as long as the joined unit fits a shard's share; beyond that each computes it.
    units = Self.joinSharing(units, cap: total / Double(count), byID: byID, cost: unitCost)
    // Largest first; ties keep run order (a stable sort on the unit index).
    let order = units.indices.sorted { (units[$0].cost, $1) > (units[$1].cost, $0) }
    var load = [Double](repeating: 0, count: count)
    var assignment: [String: [Int]] = Dictionary(
      members.map { ($0.id, [Int](repeating: 0, count: $0.groupWeights.count)) }, uniquingKeysWith: { a, _ in a })
    for u in order {
      let s = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
      load[s] += units[u].cost
      for (id, g) in units[u].groups { assignment[id]![g] = s }
    }
    self.assignment = assignment
    self.cost = load
  }

  /// Joins units that share a computation key (in order of first appearance), while the
  /// joined unit's cost stays within `cap`.
  static func joinSharing(
    _ units: [(cost: Double, groups: [(id: String, group: Int)])], cap: Double, byID: [String: Member],
    cost: ([(id: String, group: Int)]) -> Double
  ) -> [(cost: Double, groups: [(id: String, group: Int)])] {
    var parent = Array(units.indices)
    var members = units.map(\.groups)
    var costs = units.map(\.cost)
    func root(_ i: Int) -> Int {
      var i = i
      while parent[i] != i { i = parent[i] }
      return i
    }
    var firstUnit: [String: Int] = [:]
    var keyOrder: [String] = []
    var unitsOfKey: [String: [Int]] = [:]
    for (u, unit) in units.enumerated() {
      for (id, g) in unit.groups {
        for key in byID[id]!.groupComputations[g].keys.sorted() {
          if firstUnit[key] == nil { firstUnit[key] = u; keyOrder.append(key) }
          unitsOfKey[key, default: []].append(u)
        }
      }
    }
    for key in keyOrder {
      for u in unitsOfKey[key]! {
        let a = root(firstUnit[key]!), b = root(u)
        guard a != b else { continue }
        let joined = members[a] + members[b]
        let c = cost(joined)
        guard c <= cap else { continue }
        parent[b] = a
        members[a] = joined
        costs[a] = c
        members[b] = []
      }
    }
    return units.indices.filter { root($0) == $0 && !members[$0].isEmpty }.map { (costs[$0], members[$0]) }
  }
}

/// Seconds per unit of relative cost of each theorem, from a previous run's timings.
public struct CostEstimate: Sendable, Equatable {
  /// Timed theorems: seconds per unit of cost (per point while no weights are applied).
  public var known: [String: Double]
  /// Seconds per unit of a theorem not timed: the median of the known ones, else 1.
  public var fallback: Double
  /// What the previous run measured, per theorem: its seconds and its points'
  /// coordinates (kept so that `priced(by:)` can price them).
  public var timings: [String: Timing] = [:]
  /// Seconds per unit of relative cost of a shared computation, per provider: the seconds
  /// of the theorems whose costliest computation is that provider's, over the summed
  /// cost of the distinct computations they read (pooled: one theorem computes a shared
  /// run, the others read it from the cache, so per-theorem rates would be distorted).
  public var providerRates: [String: Double] = [:]

  public struct Timing: Sendable, Equatable {
    public var seconds: Double
    /// The coordinates of the run's points (a record of an ensemble theorem, which pools
    /// the ensemble axis, expanded to one point per value of that axis).
    public var points: [[String: String]]
  }

  public init(known: [String: Double] = [:]) {
    self.known = known
    let values = known.values.sorted()
    fallback = values.isEmpty ? 1 : values[values.count / 2]
  }

  /// The timings of `previous` (a run or a merged run of any profile): its seconds
  /// per point for each theorem it timed.
  public init(previous: RunResult) {
    var timings: [String: Timing] = [:]
    for t in previous.theorems where t.seconds > 0 {
      var points = t.groups.flatMap { $0.points.map(\.coordinates) }
      // A record of an ensemble theorem stands for every value of the ensemble axis.
      if let e = t.ensemble, let axis = t.axes.first(where: { $0.name == e }), !axis.values.isEmpty {
        points = points.flatMap { p in axis.values.map { v in p.merging([e: v.description]) { a, _ in a } } }
      }
      if !points.isEmpty { timings[t.id] = Timing(seconds: t.seconds, points: points) }
    }
    self.init(previousTimings: timings)
  }

  init(previousTimings timings: [String: Timing]) {
    self.init(known: timings.mapValues { $0.seconds / Double($0.points.count) })
    self.timings = timings
  }

  /// The same timings per unit of relative cost. `work(id, coordinates)` gives a previous
  /// point's own weight and the shared computations it reads: a theorem that reads any is
  /// priced through its costliest computation's provider (`providerRates`), the others by
  /// their own seconds over their points' summed weights.
  public func priced(
    by work: (String, [String: String]) -> (weight: Double, shared: [String: ShardPlan.Computation])
  ) -> CostEstimate {
    guard !timings.isEmpty else { return self }
    var known: [String: Double] = [:]
    var providerSeconds: [String: Double] = [:]
    var providerWork: [String: [String: Double]] = [:]
    for (id, t) in timings.sorted(by: { $0.key < $1.key }) {
      var own = 0.0
      var shared: [String: ShardPlan.Computation] = [:]
      for p in t.points {
        let w = work(id, p)
        own += w.weight
        shared.merge(w.shared) { a, _ in a }
      }
      if let main = shared.values.max(by: { ($0.weight, $0.provider) < ($1.weight, $1.provider) }) {
        providerSeconds[main.provider, default: 0] += t.seconds
        for (key, c) in shared where c.provider == main.provider {
          providerWork[main.provider, default: [:]][key] = c.weight
        }
      } else if own > 0 {
        known[id] = t.seconds / own
      }
    }
    var e = CostEstimate(known: known)
    e.timings = timings
    for (provider, seconds) in providerSeconds {
      let w = providerWork[provider]!.values.reduce(0, +)
      if w > 0 { e.providerRates[provider] = seconds / w }
    }
    return e
  }

  /// These timings, with `other`'s for the theorems these did not time.
  public func filling(from other: CostEstimate) -> CostEstimate {
    if timings.isEmpty && other.timings.isEmpty { return CostEstimate(known: known.merging(other.known) { a, _ in a }) }
    return CostEstimate(previousTimings: timings.merging(other.timings) { mine, _ in mine })
  }

  public func secondsPerPoint(_ id: String) -> Double { known[id] ?? fallback }
  /// The seconds a shared computation is planned at: its weight times its provider's rate;
  /// a provider no previous run timed prices it like one point (`fallback`), since its
  /// weights are in its own units.
  public func seconds(of c: ShardPlan.Computation) -> Double {
    providerRates[c.provider].map { c.weight * $0 } ?? fallback
  }
}
