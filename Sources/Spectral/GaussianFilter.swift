import MultiPrecision
import RealModule

/// The filtering method of 1901.06523 (and 2007.14313): the low-frequency part
/// of a function sampled at scattered points x_1 … x_n in ℝ^d is its normalised
/// convolution with the Gaussian G^δ(x) = exp(−|x|²/(2δ)) over the data,
///
///     y_i^{low,δ} = Σ_j y_j G^δ(x_i − x_j) / Σ_j G^δ(x_i − x_j),
///     y_i^{high,δ} = y_i − y_i^{low,δ}.
///
/// δ is the variance of the Gaussian (not its width): the transform of G^δ is
/// ∝ exp(−2π²δ|ξ|²) in the convention F[u](ξ) = ∫ u e^{−2πiξ·x} dx, so a mode
/// e^{2πiξ·x} is damped by exp(−2π²δ|ξ|²) and 1/√δ acts as the cut-off
/// frequency. Values may have m channels (e.g. one-hot labels), stored
/// row-major n × m; |·| is then the Euclidean norm over channels.
///
/// The row-normalised weight matrix W_ij = G^δ(x_i − x_j)/Σ_j G^δ(x_i − x_j)
/// is computed once (O(n²d), blocked tiles over the upper triangle, one `exp`
/// per pair) and reused for every snapshot (O(n² m) each).
public struct GaussianFilter<T: RealScalar>: Sendable {
  /// δ, the variance of G^δ.
  public let delta: T
  /// n.
  public let count: Int
  /// Row-major n × n weights W_ij (rows sum to 1).
  public let weights: [T]

  /// Tile size of the blocked pair loop.
  static var tile: Int { 64 }

  public init(points: PointSet<T>, delta: T) {
    precondition(delta > 0, "GaussianFilter: δ must be positive, got \(delta)")
    self.delta = delta
    self.count = points.count
    self.weights = Self.normalisedWeights(points: points, delta: delta)
  }

  @_specialize(where T == Double)
  static func normalisedWeights(points: PointSet<T>, delta: T) -> [T] {
    let n = points.count, d = points.dimension
    let scale = -T(1) / (T(2) * delta)
    var w = [T](repeating: T.zero, count: n * n)
    points.coordinates.withUnsafeBufferPointer { x in
      w.withUnsafeMutableBufferPointer { w in
        var bi = 0
        while bi < n {
          let iEnd = min(bi + tile, n)
          var bj = bi
          while bj < n {
            let jEnd = min(bj + tile, n)
            for i in bi..<iEnd {
              for j in max(bj, i)..<jEnd {
                var r2 = T.zero
                for c in 0..<d {
                  let diff = x[i * d + c] - x[j * d + c]
                  r2 += diff * diff
                }
                let g = T.exp(scale * r2)
                w[i * n + j] = g
                w[j * n + i] = g
              }
            }
            bj = jEnd
          }
          bi = iEnd
        }
        for i in 0..<n {
          var s = T.zero
          for j in 0..<n { s += w[i * n + j] }
          let inv = T(1) / s
          for j in 0..<n { w[i * n + j] *= inv }
        }
      }
    }
    return w
  }

  /// y^{low,δ} for values with `channels` components per point (row-major).
  @_specialize(where T == Double)
  public func lowPass(_ values: [T], channels m: Int = 1) -> [T] {
    precondition(
      values.count == count * m,
      "GaussianFilter.lowPass: \(values.count) values for \(count) points × \(m) channels")
    var out = [T](repeating: T.zero, count: count * m)
    weights.withUnsafeBufferPointer { w in
      values.withUnsafeBufferPointer { v in
        out.withUnsafeMutableBufferPointer { o in
          for i in 0..<count {
            for j in 0..<count {
              let wij = w[i * count + j]
              for c in 0..<m { o[i * m + c] += wij * v[j * m + c] }
            }
          }
        }
      }
    }
    return out
  }

  /// y^{high,δ} = y − y^{low,δ}.
  public func highPass(_ values: [T], channels m: Int = 1) -> [T] {
    let low = lowPass(values, channels: m)
    return zip(values, low).map { $0 - $1 }
  }

  /// The relative errors of 1901.06523 between target y and output h:
  /// e_low = (Σ_i |y_i^{low,δ} − h_i^{low,δ}|² / Σ_i |y_i^{low,δ}|²)^{1/2}, e_high likewise.
  public func relativeErrors(target y: [T], output h: [T], channels m: Int = 1) -> FilteredErrors<T> {
    precondition(y.count == h.count, "GaussianFilter.relativeErrors: target has \(y.count) values, output \(h.count)")
    return Self.relativeErrors(
      target: y, targetLow: lowPass(y, channels: m), output: h, outputLow: lowPass(h, channels: m))
  }

  /// e_low and e_high for each output snapshot (one filter, many snapshots), bit for bit what
  /// `relativeErrors(target:output:channels:)` gives each snapshot: y^{low,δ} is filtered once
  /// and the snapshots together (`lowPass(batch:channels:)`).
  public func relativeErrors(target y: [T], snapshots: [[T]], channels m: Int = 1) -> [FilteredErrors<T>] {
    for h in snapshots {
      precondition(
        y.count == h.count, "GaussianFilter.relativeErrors: target has \(y.count) values, output \(h.count)")
    }
    let yLow = lowPass(y, channels: m)
    return zip(snapshots, lowPass(batch: snapshots, channels: m)).map { h, hLow in
      Self.relativeErrors(target: y, targetLow: yLow, output: h, outputLow: hLow)
    }
  }

  /// e_low and e_high from y, h and their low parts (the sums of `relativeErrors(target:output:channels:)`).
  @_specialize(where T == Double)
  static func relativeErrors(
    target y: [T], targetLow yLow: [T], output h: [T], outputLow hLow: [T]
  )
    -> FilteredErrors<T>
  {
    var dLow = T.zero, nLow = T.zero, dHigh = T.zero, nHigh = T.zero
    for i in 0..<y.count {
      let yl = yLow[i], hl = hLow[i]
      let yh = y[i] - yl, hh = h[i] - hl
      dLow += (yl - hl) * (yl - hl); nLow += yl * yl
      dHigh += (yh - hh) * (yh - hh); nHigh += yh * yh
    }
    return FilteredErrors(low: (dLow / nLow).squareRoot(), high: (dHigh / nHigh).squareRoot())
  }

  /// Columns of the side-by-side value sets per pass of `lowPass(batch:channels:)` (a block of
  /// n × 128 values, 512 KB for n = 500, stays in cache while every row i reads it).
  static var batchColumns: Int { 128 }

  /// y^{low,δ} of several value sets (each n × `channels`, row-major), bit for bit what `lowPass`
  /// gives each: every entry is still Σ_j W_ij v_j summed over j = 0, 1, … from zero. The sets lie
  /// side by side in one n × (sets · m) matrix V, so one W_ij multiplies a contiguous row of V (a
  /// loop that vectorises, over all sets at once) instead of m values of one set. Most entries are
  /// summed in register tiles of 2 rows × 4 columns (measured: the digits filtering run 31.6 →
  /// 28.3 CPU seconds, its reports byte-identical), the rest by the column-block loop.
  @_specialize(where T == Double)
  public func lowPass(batch sets: [[T]], channels m: Int = 1) -> [[T]] {
    let n = count, width = sets.count * m
    guard width > 0 else { return sets.map { _ in [] } }
    var v = [T](repeating: T.zero, count: n * width)
    for (k, set) in sets.enumerated() {
      precondition(
        set.count == n * m, "GaussianFilter.lowPass: \(set.count) values for \(n) points × \(m) channels")
      for j in 0..<n { for c in 0..<m { v[j * width + k * m + c] = set[j * m + c] } }
    }
    var out = [T](repeating: T.zero, count: n * width)
    weights.withUnsafeBufferPointer { w in
      v.withUnsafeBufferPointer { v in
        out.withUnsafeMutableBufferPointer { o in
          // Tiles of 2 rows × 4 columns whose sums stay in registers over the whole j loop (each V
          // load serves both rows; o is written once): the same sums from zero in the order
          // j = 0, 1, …, so the same values as the loop below, which takes the rest.
          let rowPairs = n / 2 * 2, tileColumns = width / 4 * 4
          var t = 0
          while t < tileColumns {
            var i = 0
            while i < rowPairs {
              var a0 = T.zero, a1 = T.zero, a2 = T.zero, a3 = T.zero
              var b0 = T.zero, b1 = T.zero, b2 = T.zero, b3 = T.zero
              let wa = i * n, wb = wa + n
              for j in 0..<n {
                let s = j * width + t
                let v0 = v[s], v1 = v[s + 1], v2 = v[s + 2], v3 = v[s + 3]
                let x = w[wa + j], y = w[wb + j]
                a0 += x * v0; a1 += x * v1; a2 += x * v2; a3 += x * v3
                b0 += y * v0; b1 += y * v1; b2 += y * v2; b3 += y * v3
              }
              let ra = i * width + t, rb = ra + width
              o[ra] = a0; o[ra + 1] = a1; o[ra + 2] = a2; o[ra + 3] = a3
              o[rb] = b0; o[rb + 1] = b1; o[rb + 2] = b2; o[rb + 3] = b3
              i += 2
            }
            t += 4
          }
          // The last row (odd n) over the tiled columns.
          for i in rowPairs..<n {
            let row = i * width
            for j in 0..<n {
              let wij = w[i * n + j]
              let source = j * width
              for c in 0..<tileColumns { o[row + c] += wij * v[source + c] }
            }
          }
          var c0 = tileColumns
          while c0 < width {
            let c1 = min(c0 + Self.batchColumns, width)
            for i in 0..<n {
              let row = i * width
              for j in 0..<n {
                let wij = w[i * n + j]
                let source = j * width
                for c in c0..<c1 { o[row + c] += wij * v[source + c] }
              }
            }
            c0 = c1
          }
        }
      }
    }
    return (0..<sets.count).map { k in
      var low = [T](repeating: T.zero, count: n * m)
      for j in 0..<n { for c in 0..<m { low[j * m + c] = out[j * width + k * m + c] } }
      return low
    }
  }
}

/// e_low and e_high of one snapshot.
public struct FilteredErrors<T: RealScalar>: Sendable, Equatable {
  public var low: T
  public var high: T
  public init(low: T, high: T) { self.low = low; self.high = high }
}

/// e_low and e_high over a sequence of output snapshots (epochs), with the
/// convergence epochs of each and the check of 1901.06523's claim that the
/// low-frequency part converges first.
public struct FilteredErrorHistory<T: RealScalar>: Sendable {
  /// The epoch of each snapshot, ascending.
  public var epochs: [Int]
  /// e_low, e_high at each snapshot.
  public var errors: [FilteredErrors<T>]

  public init(epochs: [Int], errors: [FilteredErrors<T>]) {
    precondition(
      epochs.count == errors.count,
      "FilteredErrorHistory: \(epochs.count) epochs for \(errors.count) snapshots")
    self.epochs = epochs
    self.errors = errors
  }

  /// Filters the target and every snapshot with `filter`; epochs default to 0, 1, 2, ….
  public init(filter: GaussianFilter<T>, target: [T], snapshots: [[T]], epochs: [Int]? = nil, channels m: Int = 1) {
    self.init(
      epochs: epochs ?? Array(0..<snapshots.count),
      errors: filter.relativeErrors(target: target, snapshots: snapshots, channels: m))
  }

  /// The epochs after which e_low (resp. e_high) stays below ε (the rule of
  /// `FrequencyErrorHistory.convergenceEpochs`); nil = not converged.
  public func convergenceEpochs(threshold epsilon: T) -> (low: Int?, high: Int?) {
    let low = errors.firstIndexStayingBelow(epsilon) { $0.low }
    let high = errors.firstIndexStayingBelow(epsilon) { $0.high }
    return (low.map { epochs[$0] }, high.map { epochs[$0] })
  }

  /// Whether e_low converges strictly before e_high (an unconverged e_high
  /// counts as later than any converged e_low; nil when e_low never converges).
  public func lowConvergesFirst(threshold epsilon: T) -> Bool? {
    let (low, high) = convergenceEpochs(threshold: epsilon)
    guard let low else { return nil }
    guard let high else { return true }
    return low < high
  }
}
