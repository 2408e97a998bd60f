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
    /// The relative cost of each group (the sum over its points), in group order.
    public var groupWeights: [Double]
    public init(id: String, controlOf: String?, groupWeights: [Double]) {
      self.id = id; self.controlOf = controlOf; self.groupWeights = groupWeights
    }
    /// Every point of relative cost 1: the weight of a group is its number of points.
    public init(id: String, controlOf: String?, groupSizes: [Int]) {
      self.init(id: id, controlOf: controlOf, groupWeights: groupSizes.map(Double.init))
    }
  }

  /// Plans `members` (in run order) over `count` shards.
  public init(_ members: [Member], count: Int, estimate: CostEstimate) {
    precondition(count >= 1)
    self.count = count
    let ids = Set(members.map(\.id))
    let perPoint = Dictionary(
      members.map { ($0.id, estimate.secondsPerPoint($0.id)) }, uniquingKeysWith: { a, _ in a })
    func groupCosts(_ m: Member) -> [Double] { m.groupWeights.map { $0 * perPoint[m.id]! } }
    // Families in run order: the root is the controlled claim when it is in the run.
    var familyOrder: [String] = []
    var families: [String: [Member]] = [:]
    for m in members {
      let root = m.controlOf.flatMap { ids.contains($0) ? $0 : nil } ?? m.id
      if families[root] == nil { familyOrder.append(root) }
      families[root, default: []].append(m)
    }
    let total = members.reduce(0.0) { $0 + groupCosts($1).reduce(0, +) }
    // Chunks of at most a quarter of a shard's share keep LPT within a few per cent.
    let target = max(total / Double(count) / 4, .leastNonzeroMagnitude)
    var units: [(cost: Double, groups: [(id: String, group: Int)])] = []
    for root in familyOrder {
      let fam = families[root]!
      let famCost = fam.reduce(0.0) { $0 + groupCosts($1).reduce(0, +) }
      let k = max(1, min(Int((famCost / target).rounded(.up)), fam.map(\.groupWeights.count).max() ?? 1))
      var chunks = [(cost: Double, groups: [(id: String, group: Int)])](repeating: (0, []), count: k)
      for m in fam {
        let costs = groupCosts(m)
        for g in costs.indices {
          let c = g * k / max(1, costs.count)
          chunks[c].cost += costs[g]
          chunks[c].groups.append((m.id, g))
        }
      }
      units += chunks.filter { !$0.groups.isEmpty }
    }
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
}

/// Seconds per unit of relative cost of each theorem, from a previous run's timings.
public struct CostEstimate: Sendable, Equatable {
  /// Timed theorems: seconds per unit of cost (per point while no weights are applied).
  public var known: [String: Double]
  /// Seconds per unit of a theorem not timed: the median of the known ones, else 1.
  public var fallback: Double
  /// What the previous run measured, per theorem: its seconds and its points'
  /// coordinates (kept so that `weighted(by:)` can price them).
  public var timings: [String: Timing] = [:]

  public struct Timing: Sendable, Equatable {
    public var seconds: Double
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
      let points = t.groups.flatMap { $0.points.map(\.coordinates) }
      if !points.isEmpty { timings[t.id] = Timing(seconds: t.seconds, points: points) }
    }
    self.init(known: timings.mapValues { $0.seconds / Double($0.points.count) })
    self.timings = timings
  }

  /// The same timings per unit of relative cost: theorem `id`'s seconds divided by the
  /// summed `weight(id, coordinates)` of the previous run's points.
  public func weighted(by weight: (String, [String: String]) -> Double) -> CostEstimate {
    guard !timings.isEmpty else { return self }
    var e = CostEstimate(
      known: timings.reduce(into: [:]) { known, t in
        let total = t.value.points.reduce(0.0) { $0 + weight(t.key, $1) }
        if total > 0 { known[t.key] = t.value.seconds / total }
      })
    e.timings = timings
    return e
  }

  public func secondsPerPoint(_ id: String) -> Double { known[id] ?? fallback }
}
