import MultiPrecision
import RealModule

/// The deep F-Principle measurement (2007.14313): split a network after hidden
/// layer l; the learning part sees the effective target {(S_l(x_i), y_i)}.
/// Its frequency content is measured by the filtering method in S_l-space as
/// the low-frequency ratio
///
///     LFR_δ = Σ_i |y_i^{low,δ}|² / Σ_i |y_i|²,
///
/// with y^{low,δ} the Gaussian-filtered targets over the points S_l(x_i)
/// (`GaussianFilter`). A larger ratio means a lower-frequency effective target.
/// Representations are plain arrays so that snapshots of any trained network
/// can be fed in.
public enum DeepFrequency {
  /// How S_l is rescaled before filtering, so one δ means the same thing for
  /// layers of different scale. See README.md for what the paper states.
  public enum Normalization: Sendable, Equatable {
    /// Use S_l as it is.
    case none
    /// Divide every coordinate by max_{i,c} |S_l(x_i)_c|.
    case maxAbsolute
    /// Per coordinate c: subtract the mean over i, divide by the standard
    /// deviation (coordinates with zero deviation are left centred).
    case standardize
  }

  /// S_l rescaled as `normalization` says.
  public static func normalized<T: RealScalar>(_ s: PointSet<T>, _ normalization: Normalization) -> PointSet<T> {
    switch normalization {
    case .none:
      return s
    case .maxAbsolute:
      let m = s.coordinates.map { $0.magnitude }.max() ?? T.zero
      if m == .zero { return s }
      return PointSet(coordinates: s.coordinates.map { $0 / m }, dimension: s.dimension)
    case .standardize:
      let n = s.count, d = s.dimension
      var c = s.coordinates
      for k in 0..<d {
        var mean = T.zero
        for i in 0..<n { mean += c[i * d + k] }
        mean /= T(n)
        var v = T.zero
        for i in 0..<n { c[i * d + k] -= mean; v += c[i * d + k] * c[i * d + k] }
        let sd = (v / T(n)).squareRoot()
        if sd > .zero { for i in 0..<n { c[i * d + k] /= sd } }
      }
      return PointSet(coordinates: c, dimension: d)
    }
  }

  /// LFR_δ = Σ|y^{low,δ}|² / Σ|y|² of targets y (n × m, row-major) over the
  /// representation points S_l(x_i).
  public static func lowFrequencyRatio<T: RealScalar>(
    representations: PointSet<T>, targets y: [T], channels m: Int = 1,
    delta: T, normalization: Normalization = .none
  ) -> T {
    let filter = GaussianFilter(points: normalized(representations, normalization), delta: delta)
    let low = filter.lowPass(y, channels: m)
    let num = low.reduce(T.zero) { $0 + $1 * $1 }
    let den = y.reduce(T.zero) { $0 + $1 * $1 }
    precondition(den > .zero, "DeepFrequency.lowFrequencyRatio: targets are all zero")
    return num / den
  }

  /// LFR_δ for every layer l = 0, 1, … (layer 0 can be the input itself).
  public static func lowFrequencyRatios<T: RealScalar>(
    layers: [PointSet<T>], targets y: [T], channels m: Int = 1,
    delta: T, normalization: Normalization = .none
  ) -> [T] {
    layers.map {
      lowFrequencyRatio(representations: $0, targets: y, channels: m, delta: delta, normalization: normalization)
    }
  }
}
