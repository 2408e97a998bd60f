/// Relative costs of a provider's computation at a sweep point, for the shard
/// planner (`QuantityProvider.relativeCost`, `ShardPlan`).
///
/// A relative cost has no unit: the planner multiplies it by the seconds per
/// unit of cost a previous run measured for the same theorem, so only ratios
/// between points of one theorem matter (a point of width 64 000 costs 8 times
/// one of width 8 000 when the cost is `width`). Unreadable or missing values
/// count 1: a cost model never makes a point fail.
extension ExperimentParameters {
  /// The product of the numeric parameters `keys` (sweep point, then `args`, then
  /// the declared default in `declared`); a missing or non-numeric one counts 1.
  public func costProduct(_ keys: [String], declared: [ProviderParameter]) -> Double {
    keys.reduce(1.0) { product, key in
      let value =
        (try? double(key))
        ?? declared.first { $0.name == key }?.defaultValue.flatMap(Double.init)
      return product * max(1, value ?? 1)
    }
  }

  /// Weights of a fully connected network, Σ nᵢnᵢ₊₁ over the layers
  /// `inputs`-n₁-…-n_L-1 with the hidden widths of `key` ("200-200-100", or
  /// `depth` layers of `width`, or the declared default): what one forward and
  /// backward pass per sample costs, up to a constant.
  public func networkWeights(_ key: String = "widths", inputs: Int = 1, declared: [ProviderParameter]) -> Double {
    var hidden = (try? ints(key)) ?? []
    if hidden.isEmpty, let depth = try? int("depth"), let width = try? int("width") {
      hidden = [Int](repeating: width, count: depth)
    }
    if hidden.isEmpty, let d = declared.first(where: { $0.name == key })?.defaultValue {
      hidden = d.split(separator: "-").compactMap { Int($0) }
    }
    let layers = [inputs] + hidden + [1]
    return Double(zip(layers, layers.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 })
  }
}

extension ExperimentParameters {
  /// A cache key (`QuantityProvider.cacheKey`): `prefix` and the resolved values of the
  /// `declared` parameters (sweep point, else `args`, else the declared default), except
  /// `quantity` and the `excluded` ones (those that select a measurement of the run, not
  /// the run itself).
  public func cacheKey(_ prefix: String, declared: [ProviderParameter], excluding excluded: Set<String> = []) -> String
  {
    declared.filter { $0.name != Self.quantityKey && !excluded.contains($0.name) }.reduce(prefix) { key, parameter in
      let value = raw(parameter.name).map { "\($0)" } ?? parameter.defaultValue ?? ""
      return key + "|\(parameter.name)=\(value)"
    }
  }
}
