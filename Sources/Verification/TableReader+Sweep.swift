import Foundation
import TOMLKit

/// `[sweep]` and `[quick]`: axes given as lists or ranges.
extension TableReader {
  /// `[sweep]`: `mode` and one key per axis: an array of values, or a range table
  /// `{ from, to, count, spacing = "linear" | "log" }` or `{ from, to, step }`.
  func readSweep(_ t: TOMLTable, _ path: [String], inheritedMode: Sweep.Mode?) throws(TheoremFileError) -> Sweep {
    var mode = inheritedMode ?? .product
    if t["mode"] != nil {
      let s = try string(t, path + ["mode"])
      guard let m = Sweep.Mode(rawValue: s) else {
        throw error(path + ["mode"], .invalidValue, "mode is `product` or `zip`, found `\(s)`")
      }
      mode = m
    }
    var axes: [SweepAxis] = []
    for name in keysInFileOrder(t, path) where name != "mode" {
      let p = path + [name]
      let v = t[name]!
      var values: [SweepValue] = []
      if let a = v.array {
        for e in a {
          if let d = Self.decimalText(e), e.string == nil {
            values.append(.number(d))
          } else if let s = e.string {
            values.append(.text(s))
          } else {
            throw error(p, .wrongType, "sweep values are numbers or strings, found \(e.type)")
          }
        }
      } else if let r = v.table {
        values = try range(r, p)
      } else {
        throw error(
          p, .wrongType,
          "a sweep axis is an array of values or a range table { from, to, count }, found \(v.type)")
      }
      guard !values.isEmpty else { throw error(p, .invalidValue, "a sweep axis needs at least one value") }
      axes.append(SweepAxis(name: name, values: values))
    }
    if mode == .zip, Set(axes.map(\.values.count)).count > 1 {
      let lengths = axes.map { "\($0.name): \($0.values.count)" }.joined(separator: ", ")
      throw error(path + ["mode"], .invalidValue, "zipped axes must have the same length (found \(lengths))")
    }
    return Sweep(axes: axes, mode: mode)
  }

  func range(_ r: TOMLTable, _ p: [String]) throws(TheoremFileError) -> [SweepValue] {
    for k in r.keys where !["from", "to", "count", "step", "spacing"].contains(k) {
      throw error(p + [k], .invalidValue, "unknown key `\(k)` in a range (from, to, count, step, spacing)")
    }
    guard let fromText = Self.decimalText(r["from"] ?? false), let from = Double(fromText) else {
      throw error(p + ["from"], r["from"] == nil ? .missingKey : .wrongType, "a range needs a number `from`")
    }
    guard let toText = Self.decimalText(r["to"] ?? false), let to = Double(toText) else {
      throw error(p + ["to"], r["to"] == nil ? .missingKey : .wrongType, "a range needs a number `to`")
    }
    // `inf` and `nan` are TOML floats; a range over them has no values to list.
    guard from.isFinite, to.isFinite else {
      throw error(p + [from.isFinite ? "to" : "from"], .invalidValue, "a range needs finite `from` and `to`")
    }
    let spacing = try optionalString(r, p + ["spacing"]) ?? "linear"
    if let stepValue = r["step"] {
      guard let stepText = Self.decimalText(stepValue), let step = Double(stepText), step > 0, step.isFinite,
        spacing == "linear"
      else {
        throw error(p + ["step"], .invalidValue, "`step` is a positive number (linear spacing only)")
      }
      // The count as a Double first: (to − from)/step can exceed Int.max, a trap in
      // `Int(_:)` (Tests/Fuzz/theorems/regressions/range-step-huge.toml).
      let steps = ((to - from) / step).rounded(.down) + 1e-9
      guard steps >= 0, steps < Double(Self.maximumRangeCount) else {
        throw error(
          p, .invalidValue,
          "a range from \(fromText) to \(toText) by \(stepText) must have 1 to \(Self.maximumRangeCount) values")
      }
      let n = Int(steps) + 1
      // Integer ranges stay exact (while the last value fits in an Int); others are
      // printed from Double (shortest round-trip text).
      if let f = Int(fromText), let s = Int(stepText) {
        let (span, o1) = (n - 1).multipliedReportingOverflow(by: s)
        let (_, o2) = f.addingReportingOverflow(span)
        if !o1 && !o2 { return (0..<n).map { .number(String(f + $0 * s)) } }
      }
      return (0..<n).map { .number(Self.shortest(from + Double($0) * step)) }
    }
    let count = try int(r, p + ["count"], default: -1)
    guard count >= 1 else {
      throw error(
        p + ["count"], r["count"] == nil ? .missingKey : .invalidValue, "a range needs `count` ≥ 1 (or `step`)")
    }
    guard count <= Self.maximumRangeCount else {
      throw error(p + ["count"], .invalidValue, "a range has at most \(Self.maximumRangeCount) values, found \(count)")
    }
    switch spacing {
    case "linear":
      return (0..<count).map { i in
        count == 1 ? .number(fromText) : .number(Self.shortest(from + (to - from) * Double(i) / Double(count - 1)))
      }
    case "log":
      guard from > 0, to > 0 else {
        throw error(p + ["spacing"], .invalidValue, "log spacing needs positive `from` and `to`")
      }
      return (0..<count).map { i in
        count == 1
          ? .number(fromText) : .number(Self.shortest(from * Foundation.pow(to / from, Double(i) / Double(count - 1))))
      }
    default:
      throw error(p + ["spacing"], .invalidValue, "spacing is `linear` or `log`, found `\(spacing)`")
    }
  }

  /// The most values a range table may list (a sweep axis is enumerated in memory;
  /// `count = 10000000000` tried to allocate 240 GB: Tests/Fuzz/theorems/regressions).
  static let maximumRangeCount = 1_000_000

  /// Shortest decimal that round-trips, trimmed to 12 significant digits so
  /// that 0.1·3 prints as 0.3 (grid values are nominal, not computed results).
  static func shortest(_ x: Double) -> String {
    let s = String(format: "%.12g", x)
    if let d = Double(s), d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return s
  }
}
