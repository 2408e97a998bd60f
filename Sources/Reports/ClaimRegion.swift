import Expressions
import Foundation
import Verification

/// Where a claim fails in the plane of a `versus` figure (predicted x, measured y),
/// computed from the claim itself: the measured term `fig.y` is replaced in the claim
/// by a free value m, the group's axes and quantities are bound, and the claim is
/// evaluated in `Double` along m at each group's predicted value. The failing
/// m-intervals of the groups, joined linearly between neighbouring predicted values
/// (and continued to the plot's edges), are the shaded regions.
///
/// Nothing is shaded (empty result) when the claim does not contain the measured
/// term literally, when another unbound name or an aggregate remains after the
/// substitution, or when groups at the same predicted value disagree on the boundary
/// (the region then is not a function of the figure's coordinates).
enum ClaimRegion {
  static let measured = "__measured"

  static func failing(
    _ t: TheoremResult, _ fig: TheoremSpec.FigureSpec, index: Int
  ) -> [SVGPlot.LineFigure.Region] {
    guard let claim = try? Expressions.Expression.parse(t.claim), let yTerm = try? Expressions.Expression.parse(fig.y)
    else { return [] }
    var found = false
    let substituted = replace(claim.withoutSpans, yTerm.withoutSpans, found: &found)
    guard found else { return [] }
    // Groups: predicted value and the bindings of everything else the claim names.
    var rows: [(x: Double, y: [Double], bindings: [String: Double])] = []
    for g in t.groups {
      guard let p = g.figurePoints?.first(where: { $0.figure == index }), let x = p.x, let y = p.y else {
        continue
      }
      var b: [String: Double] = [:]
      for (k, v) in g.coordinates { if let d = Double(v) { b[k] = d } }
      if let point = g.points.first {
        for q in point.quantities { if let d = Double(q.value) { b[q.name] = d } }
      }
      if let i = rows.firstIndex(where: { $0.x == x }) {
        rows[i].y.append(y)
        guard rows[i].bindings == b || substitutedDependsOnlyOnShared(substituted, rows[i].bindings, b) else {
          return []
        }
      } else {
        rows.append((x, [y], b))
      }
    }
    guard !rows.isEmpty else { return [] }
    rows.sort { $0.x < $1.x }
    // The plot's range along m: the measured values with a generous margin.
    let ys = rows.flatMap(\.y) + rows.map(\.x)
    let lo = ys.min()!, hi = ys.max()!
    let span = max(hi - lo, 1e-9 * max(1, abs(hi)))
    let samples = 600
    let grid = (0...samples).map { lo - span + 3 * span * Double($0) / Double(samples) }
    // Failing intervals per row, as (start, end) on the grid (±∞ when they reach the end).
    var intervals: [[(Double, Double)]] = []
    for r in rows {
      var list: [(Double, Double)] = []
      var start: Double?
      for (i, m) in grid.enumerated() {
        var b = r.bindings
        b[measured] = m
        let truth: Truth
        do {
          truth = try substituted.evaluateTruth(as: Double.self, variables: b)
        } catch {
          return []
        }
        let fails = truth == .false
        if fails && start == nil { start = i == 0 ? -.infinity : m }
        if !fails, let s = start {
          list.append((s, m))
          start = nil
        }
      }
      if let s = start { list.append((s, .infinity)) }
      intervals.append(list)
    }
    // One region per interval index, when every row has the same number of intervals.
    guard let n = intervals.first?.count, n > 0, intervals.allSatisfy({ $0.count == n }) else { return [] }
    let xs = rows.map(\.x)
    let width = max((xs.max()! - xs.min()!), span)
    var regions: [SVGPlot.LineFigure.Region] = []
    for j in 0..<n {
      let lower = intervals.map { $0[j].0 }, upper = intervals.map { $0[j].1 }
      let ex = [xs.first! - 3 * width] + xs + [xs.last! + 3 * width]
      regions.append(
        .init(
          x: ex, lower: extend(xs, lower, to: ex), upper: extend(xs, upper, to: ex), colour: "#d62728"))
    }
    return regions
  }

  /// The values of the slope `slope(x, y)` at which the claim changes its truth, all else
  /// bound to `bindings` (numeric coordinates and quantities): e.g. −2p + 0.5 for
  /// `slope(eta, B) <= -2*p + 0.5`, two for a two-sided claim. Empty when the claim does
  /// not contain the slope, names something unbound, or holds (or fails) for every
  /// slope in [−40, 40].
  static func slopeBounds(claim: String, x: String, y: String, bindings: [String: Double]) -> [Double] {
    guard let c = try? Expressions.Expression.parse(claim),
      let target = try? Expressions.Expression.parse("slope(\(x), \(y))")
    else { return [] }
    var found = false
    let e = replace(c.withoutSpans, target.withoutSpans, found: &found)
    guard found else { return [] }
    func holds(_ m: Double) -> Bool? {
      var b = bindings
      b[measured] = m
      return (try? e.evaluateTruth(as: Double.self, variables: b))?.boolValue
    }
    var out: [Double] = []
    var a = -40.0
    guard var previous = holds(a) else { return [] }
    while a < 40 {
      let b = a + 0.25
      guard let now = holds(b) else { return [] }
      if now != previous {
        var lo = a, hi = b
        for _ in 0..<40 {
          let mid = (lo + hi) / 2
          if holds(mid) == previous { lo = mid } else { hi = mid }
        }
        out.append((lo + hi) / 2)
        previous = now
      }
      a = b
    }
    return out
  }

  /// `values` at `xs` continued linearly (from the two nearest) to the first and last of `ex`.
  static func extend(_ xs: [Double], _ values: [Double], to ex: [Double]) -> [Double] {
    guard values.allSatisfy(\.isFinite), xs.count >= 2 else {
      return [values.first!] + values + [values.last!]
    }
    let n = xs.count
    let s0 = (values[1] - values[0]) / (xs[1] - xs[0])
    let s1 = (values[n - 1] - values[n - 2]) / (xs[n - 1] - xs[n - 2])
    return [values[0] + s0 * (ex[0] - xs[0])] + values + [values[n - 1] + s1 * (ex[ex.count - 1] - xs[n - 1])]
  }

  /// Whether the substituted claim names only bindings on which `a` and `b` agree.
  static func substitutedDependsOnlyOnShared(
    _ e: Expressions.Expression, _ a: [String: Double], _ b: [String: Double]
  ) -> Bool {
    e.variables.allSatisfy { $0 == measured || a[$0] == b[$0] }
  }

  /// `e` with every subtree equal to `target` replaced by the variable `measured`.
  static func replace(
    _ e: Expressions.Expression, _ target: Expressions.Expression, found: inout Bool
  ) -> Expressions.Expression {
    if e == target {
      found = true
      return .variable(measured)
    }
    switch e {
    case .unary(let op, let x, _): return .unary(op, replace(x, target, found: &found))
    case .binary(let op, let a, let b, _):
      return .binary(op, replace(a, target, found: &found), replace(b, target, found: &found))
    case .call(let name, let args, _): return .call(name, args.map { replace($0, target, found: &found) })
    case .comparison(let op, let a, let b, _):
      return .comparison(op, replace(a, target, found: &found), replace(b, target, found: &found))
    case .logical(let op, let a, let b, _):
      return .logical(op, replace(a, target, found: &found), replace(b, target, found: &found))
    case .not(let x, _): return .not(replace(x, target, found: &found))
    default: return e
    }
  }
}
