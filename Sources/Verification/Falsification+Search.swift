import Foundation
import MultiPrecision

/// The search: rounds of a global phase (a seeded Latin hypercube over the unit
/// box, mapped affinely onto the `[falsify]` intervals) and a local phase
/// (Nelder–Mead from the best points not yet refined, the budget left shared
/// between them), until the budget is spent.
extension Falsifier {
  /// Searches `spec` (which must have a `[falsify]` table) for its smallest margin.
  public func search(_ spec: TheoremSpec) async -> FalsificationResult {
    let axes = spec.falsify?.axes ?? []
    let state = SearchState(budget: budget)
    let d = axes.count
    var rng = SplitMix64(seed: SplitMix64.mix(seed &+ 0x6661_6C73_6966_79))
    var refined = Set<String>()
    var round = 0
    while !axes.isEmpty, state.remaining > 0 {
      let before = state.evaluations
      // Global: a quarter of the budget in the first round (at least 2(d + 1) points),
      // half of what is left in the later ones (after the local searches collapsed).
      let n = min(state.remaining, max(2 * (d + 1), state.remaining / (round == 0 ? 4 : 2)))
      _ = await evaluateBatch(spec, axes, Self.latinHypercube(n, d, &rng), state)
      // Local: Nelder–Mead from the best evaluated points not yet used as a start.
      let starts = state.ranked().filter { !refined.contains($0.key) }.prefix(localStarts)
      let step = 0.5 / pow(Double(max(n, 1)), 1 / Double(d))
      for (j, start) in starts.enumerated() where state.remaining > 0 {
        refined.insert(start.key)
        let share = max(d + 2, state.remaining / (starts.count - j))
        await nelderMead(spec, axes, from: start.x, step: step, evaluations: share, state)
      }
      round += 1
      if state.evaluations == before { break }  // every new point was a repeat
    }
    return state.result(axes: axes, budget: budget, seed: seed)
  }

  /// `n` points of a Latin hypercube in [0, 1]^d: each coordinate takes one value in
  /// each of n equal strata (uniform within it), the strata permuted per axis.
  static func latinHypercube(_ n: Int, _ d: Int, _ rng: inout SplitMix64) -> [[Double]] {
    var columns: [[Double]] = []
    for _ in 0..<d {
      var strata = Array(0..<n)
      for i in stride(from: n - 1, to: 0, by: -1) { strata.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
      columns.append(strata.map { (Double($0) + rng.nextUniform()) / Double(n) })
    }
    return (0..<n).map { i in columns.map { $0[i] } }
  }

  /// The axes' values at a point of the unit box.
  static func values(_ x: [Double], _ axes: [TheoremSpec.FalsifySpec.Axis]) -> [String: String] {
    var out: [String: String] = [:]
    for (a, u) in zip(axes, x) {
      let t = min(max(u, 0), 1)
      out[a.name] = text(a.lower + t * (a.upper - a.lower))
    }
    return out
  }

  /// Evaluates points not seen before, at most `parallelism` at once and no more
  /// than the budget allows; returns the objective at each point (nil past the budget).
  func evaluateBatch(
    _ spec: TheoremSpec, _ axes: [TheoremSpec.FalsifySpec.Axis], _ xs: [[Double]], _ state: SearchState
  ) async -> [Double?] {
    var keys: [String] = []
    var work: [(key: String, x: [Double], values: [String: String])] = []
    for x in xs {
      let v = Self.values(x, axes)
      let key = SearchState.key(v, axes)
      keys.append(key)
      if state.known(key) || work.contains(where: { $0.key == key }) { continue }
      guard state.reserve() else { continue }
      work.append((key, x.map { min(max($0, 0), 1) }, v))
    }
    let width = max(1, runner.options.parallelism)
    var found: [Int: Evaluation] = [:]
    await withTaskGroup(of: (Int, Evaluation).self) { group in
      var next = 0
      while next < min(width, work.count) {
        let i = next, w = work[i]
        group.addTask { (i, await self.evaluate(spec, values: w.values)) }
        next += 1
      }
      while let (i, e) = await group.next() {
        found[i] = e
        if next < work.count {
          let k = next, w = work[k]
          group.addTask { (k, await self.evaluate(spec, values: w.values)) }
          next += 1
        }
      }
    }
    // Recorded in the batch's order, not as they finish: ties are then broken the
    // same way in every run.
    for (i, w) in work.enumerated() { if let e = found[i] { state.record(w.key, x: w.x, e) } }
    return keys.map(state.objective)
  }

  /// Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½) on the unit
  /// box (points clamped into it), from `x0` with an initial simplex of edge
  /// `step`, for at most `evaluations` new points; it stops early when the
  /// simplex has collapsed (diameter below 1e-9).
  func nelderMead(
    _ spec: TheoremSpec, _ axes: [TheoremSpec.FalsifySpec.Axis], from x0: [Double], step: Double,
    evaluations: Int, _ state: SearchState
  ) async {
    let d = x0.count
    let stop = state.evaluations + evaluations
    func clamp(_ x: [Double]) -> [Double] { x.map { min(max($0, 0), 1) } }
    func f(_ x: [Double]) async -> Double? {
      guard state.evaluations < stop || state.known(SearchState.key(Self.values(x, axes), axes)) else { return nil }
      return await evaluateBatch(spec, axes, [clamp(x)], state)[0]
    }
    var simplex: [(x: [Double], f: Double)] = []
    for i in 0...d {
      var x = x0
      if i > 0 { x[i - 1] += x[i - 1] + step <= 1 ? step : -step }
      guard let v = await f(clamp(x)) else { return }
      simplex.append((clamp(x), v))
    }
    for _ in 0..<(4 * evaluations + 50) {
      simplex.sort { $0.f < $1.f }
      let diameter = simplex.dropFirst().map { p in zip(p.x, simplex[0].x).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
      if diameter < 1e-9 { return }
      let best = simplex[0], worst = simplex[d], second = simplex[d - 1]
      let centroid = (0..<d).map { k in simplex[0..<d].map { $0.x[k] }.reduce(0, +) / Double(d) }
      func along(_ t: Double) -> [Double] { clamp(zip(centroid, worst.x).map { c, w in c + t * (c - w) }) }
      guard let fr = await f(along(1)) else { return }
      if fr < best.f {
        guard let fe = await f(along(2)) else { return }
        simplex[d] = fe < fr ? (along(2), fe) : (along(1), fr)
      } else if fr < second.f {
        simplex[d] = (along(1), fr)
      } else {
        let inside = fr >= worst.f
        let t = inside ? -0.5 : 0.5
        guard let fc = await f(along(t)) else { return }
        if fc < min(fr, worst.f) {
          simplex[d] = (along(t), fc)
        } else {
          for i in 1...d {
            let x = clamp(zip(best.x, simplex[i].x).map { b, y in b + 0.5 * (y - b) })
            guard let v = await f(x) else { return }
            simplex[i] = (x, v)
          }
        }
      }
    }
  }
}

/// The evaluations of one search (shared by its concurrent tasks).
final class SearchState: @unchecked Sendable {
  private let lock = NSLock()
  private let budget: Int
  private var reserved = 0
  private var done: [String: (x: [Double], e: Falsifier.Evaluation)] = [:]
  private var order: [String] = []

  init(budget: Int) { self.budget = budget }

  static func key(_ values: [String: String], _ axes: [TheoremSpec.FalsifySpec.Axis]) -> String {
    axes.map { values[$0.name] ?? "" }.joined(separator: ",")
  }

  private func locked<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }

  var evaluations: Int { locked { reserved } }
  var remaining: Int { locked { budget - reserved } }
  func known(_ key: String) -> Bool { locked { done[key] != nil } }
  /// Takes one evaluation from the budget; false when it is spent.
  func reserve() -> Bool { locked { reserved < budget ? (reserved += 1, true).1 : false } }
  func record(_ key: String, x: [Double], _ e: Falsifier.Evaluation) {
    locked {
      if done[key] == nil { order.append(key) }; done[key] = (x, e)
    }
  }
  /// The objective at an evaluated point: its margin (+∞ when it has none).
  func objective(_ key: String) -> Double? {
    locked { done[key].map { $0.e.margin ?? .infinity } }
  }
  /// Evaluated points with a finite objective, best first (ties: evaluation order).
  func ranked() -> [(key: String, x: [Double])] {
    locked {
      order.enumerated().compactMap { i, k -> (Int, String, [Double], Double)? in
        guard let m = done[k]?.e.margin, m.isFinite else { return nil }
        return (i, k, done[k]!.x, m)
      }.sorted { ($0.3, $0.0) < ($1.3, $1.0) }.map { ($0.1, $0.2) }
    }
  }

  func result(axes: [TheoremSpec.FalsifySpec.Axis], budget: Int, seed: UInt64) -> FalsificationResult {
    locked {
      let evaluated = order.map { done[$0]!.e }
      // The worst: a failing evaluation if any (smallest margin among them), else the smallest margin.
      let failing = evaluated.filter { $0.verdict == .fail && $0.margin != nil }
      let pool = failing.isEmpty ? evaluated.filter { $0.margin != nil } : failing
      let worst = pool.enumerated().min { ($0.1.margin!, $0.0) < ($1.1.margin!, $1.0) }?.1
      let unevaluable = evaluated.filter { $0.margin == nil }
      return FalsificationResult(
        axes: axes, budget: budget, seed: seed, evaluations: evaluated.count,
        worst: worst.map {
          .init(
            point: $0.point, values: $0.values, margin: ReportNumber.text($0.margin!),
            error: ReportNumber.text($0.error ?? 0), verdict: $0.verdict)
        },
        unevaluable: unevaluable.count, problem: unevaluable.first?.reason)
    }
  }
}
