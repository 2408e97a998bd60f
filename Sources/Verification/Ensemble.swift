import MultiPrecision

/// Pooling of seed ensembles (a theorem file's `ensemble = "seed"`).
///
/// The sweep points of a group that differ only in the ensemble axis are one
/// measurement repeated over seeds: each quantity they share is pooled into a
/// `Quantity(ensemble:)` (mean ± standard error, `Quantity.pooled`) at one
/// point without the ensemble axis, where the claim is then checked. A quantity
/// that is not a measurement must agree across the seeds and is taken as it is,
/// unless it is a non-rigorous real value with a finite error (one computation per
/// trained network, e.g. a stage quantity): the seeds' values are then pooled as
/// measurements, each seed with its own error as its resolution (the pooled mean
/// carries the largest). A rigorous value
/// (an exact value, a certified quadrature) that differs across seeds is an error. A seed whose quantity could not be
/// computed leaves that quantity missing at the pooled point with the seed's
/// error as the reason; the other quantities are still pooled.
enum EnsemblePooling {
  struct Pooled {
    var points: [SweepPoint]
    var quantities: [Int: [String: Quantity]]
    /// Why a quantity is missing at a point (by point index).
    var errors: [Int: String]
    var records: [PointRecord]
  }

  /// Pools `points` over `axis`; `names` are the quantities in file order.
  static func pool(
    _ points: [SweepPoint], axis: String, names: [String], computed: Runner.Computed,
    precision: Int
  ) -> Pooled {
    var order: [[String: SweepValue]] = []
    var members: [[String: SweepValue]: [SweepPoint]] = [:]
    for p in points {
      var key = p.coordinates
      key[axis] = nil
      if members[key] == nil { order.append(key) }
      members[key, default: []].append(p)
    }
    var out = Pooled(points: [], quantities: [:], errors: [:], records: [])
    for key in order {
      let seeds = members[key]!
      let index = seeds[0].index
      var values: [String: Quantity] = [:]
      var problems: [String] = []
      for name in names {
        let parts = seeds.compactMap { computed[$0.index]?.quantities[name] }
        guard parts.count == seeds.count else {
          let bad = seeds.first { computed[$0.index]?.quantities[name] == nil }!
          let why = computed[bad.index]?.error ?? "not computed"
          problems.append("\(axis) = \(bad[axis]?.description ?? "?"): \(why)")
          continue
        }
        if let q = Quantity.pooled(parts, precision: precision) {
          values[name] = q
        } else if parts.allSatisfy({ $0.lower == parts[0].lower && $0.upper == parts[0].upper }) {
          values[name] = parts[0]
        } else if parts.allSatisfy({ !$0.rigorous && $0.imaginary == nil && $0.lower.isFinite && $0.upper.isFinite }) {
          // One computed value per seed (e.g. a stage quantity of one trained network): each is
          // one measurement, its numerical error the resolution.
          var q = Quantity(
            ensemble: parts.map { $0.value.doubleValue }, resolution: parts.map { $0.radius.doubleValue }.max()!,
            precision: precision, metadata: parts[0].metadata)
          q.figures = parts.flatMap(\.figures)
          q.sampleResolutions = parts.map { $0.radius.doubleValue }
          values[name] = q
        } else {
          problems.append(
            "quantity `\(name)` differs across the \(axis) values but is not a measurement; it cannot be pooled")
        }
      }
      let point = SweepPoint(index: index, coordinates: key, seed: seeds[0].seed)
      out.points.append(point)
      out.quantities[index] = values
      let error = problems.isEmpty ? nil : problems.joined(separator: "; ")
      if let error { out.errors[index] = error }
      out.records.append(
        PointRecord(
          index: index, coordinates: key.mapValues(\.description),
          quantities: names.compactMap { n in values[n].map { QuantityRecord(name: n, $0) } },
          error: error))
    }
    return out
  }
}
