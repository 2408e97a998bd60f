import TOMLKit

/// `[falsify]`: the axes a falsification search explores (`AXIS = [LO, HI]`) and
/// its `budget`, checked against the rest of the file.
extension TableReader {
  func readFalsify(_ root: TOMLTable, spec: TheoremSpec) throws(TheoremFileError) -> TheoremSpec.FalsifySpec? {
    guard let t = try table(root, ["falsify"], required: false) else { return nil }
    if spec.kind == .control {
      throw error(
        ["falsify"], .invalidValue,
        "a control must fail; falsify searches a claim for the point where it fails, so it has no use here")
    }
    var budget: Int?
    if t["budget"] != nil {
      let b = try int(t, ["falsify", "budget"], default: 0)
      guard b >= 1 else { throw error(["falsify", "budget"], .invalidValue, "budget must be at least 1 evaluation") }
      budget = b
    }
    var axes: [TheoremSpec.FalsifySpec.Axis] = []
    for name in keysInFileOrder(t, ["falsify"]) where name != "budget" {
      axes.append(try readFalsifyAxis(t, name, spec: spec))
    }
    guard !axes.isEmpty else {
      throw error(["falsify"], .missingKey, "[falsify] names no axis (write `AXIS = [LO, HI]` for a sweep axis)")
    }
    if spec.sweep.mode == .zip {
      throw error(
        ["falsify"], .invalidValue,
        "a zipped sweep ties its axes together; falsify replaces an axis by one value at a time and needs a product sweep"
      )
    }
    return .init(axes: axes, budget: budget)
  }

  /// One `AXIS = [LO, HI]`: a numeric, universally quantified sweep axis (not the
  /// ensemble axis, not aggregated by the claim) and an interval with LO < HI.
  func readFalsifyAxis(
    _ t: TOMLTable, _ name: String, spec: TheoremSpec
  ) throws(TheoremFileError) -> TheoremSpec.FalsifySpec.Axis {
    let path = ["falsify", name]
    guard let axis = spec.sweep.axes.first(where: { $0.name == name }) else {
      throw error(
        path, .unknownName,
        "`\(name)` is not an axis of [sweep] (axes: \(spec.sweep.axisNames.joined(separator: ", ")))")
    }
    if name == spec.ensemble {
      throw error(path, .invalidValue, "`\(name)` is the ensemble axis: its values are pooled, not searched")
    }
    if spec.claim.aggregatedAxes.contains(name) {
      throw error(
        path, .invalidValue,
        "the claim aggregates over `\(name)` (slope, mean, forall, ordered, …): one value of it is not a check, "
          + "so falsify can only search the axes the claim holds at every value of")
    }
    if axis.values.contains(where: { $0.doubleValue == nil }) {
      throw error(path, .invalidValue, "`\(name)` has words in [sweep]; only a numeric axis has an interval")
    }
    guard let a = t[name]?.array, a.count == 2,
      let lo = a[0].double ?? a[0].int.map(Double.init), let hi = a[1].double ?? a[1].int.map(Double.init)
    else {
      throw error(path, .wrongType, "expected `\(name) = [LO, HI]`, two numbers")
    }
    guard lo.isFinite, hi.isFinite, lo < hi else {
      throw error(path, .invalidValue, "the interval [\(lo), \(hi)] needs LO < HI (finite)")
    }
    return .init(name: name, lower: lo, upper: hi)
  }
}
