import ComplexModule
import MultiPrecision
import RealModule

/// Scattered points in d dimensions: n points stored row-major (n × d).
public struct PointSet<T: RealScalar>: Sendable {
  /// Row-major coordinates, `coordinates[i * dimension + c]`.
  public var coordinates: [T]
  /// d.
  public var dimension: Int

  public init(coordinates: [T], dimension: Int) {
    precondition(dimension > 0, "PointSet: dimension must be positive, got \(dimension)")
    precondition(
      coordinates.count % dimension == 0,
      "PointSet: \(coordinates.count) coordinates is not a multiple of dimension \(dimension)")
    self.coordinates = coordinates
    self.dimension = dimension
  }

  /// Points given as rows (all of the same length).
  public init(rows: [[T]]) {
    precondition(!rows.isEmpty, "PointSet: no points")
    let d = rows[0].count
    for (i, r) in rows.enumerated() where r.count != d {
      preconditionFailure("PointSet: point \(i) has \(r.count) coordinates, point 0 has \(d)")
    }
    self.init(coordinates: rows.flatMap { $0 }, dimension: d)
  }

  /// One-dimensional points.
  public init(_ xs: [T]) { self.init(coordinates: xs, dimension: 1) }

  /// n.
  public var count: Int { coordinates.count / dimension }

  /// The projections p·x_j.
  public func projections(onto p: [T]) -> [T] {
    precondition(
      p.count == dimension, "PointSet.projections: direction has \(p.count) components, points have \(dimension)")
    return (0..<count).map { i in
      var s = T.zero
      for c in 0..<dimension { s += p[c] * coordinates[i * dimension + c] }
      return s
    }
  }
}

extension Fourier {
  /// The projection method of 1901.06523 (non-uniform DFT along a direction p):
  ///
  ///     ŷ_{p,k} = (1/n) Σ_j y_j exp(−2πi k p·x_j)
  ///
  /// for each requested frequency k (real; cycles per unit length along p when
  /// |p| = 1). O(n · #frequencies · d). On a uniform grid x_j = j/n with p = 1
  /// and integer k this is (1/n) times the DFT coefficient ŷ_k.
  @_specialize(where T == Double)
  public static func nonUniformTransform<T: RealScalar>(
    points: PointSet<T>, values y: [T], direction p: [T], frequencies: [T]
  ) -> [Complex<T>] {
    precondition(
      y.count == points.count,
      "Fourier.nonUniformTransform: \(y.count) values for \(points.count) points")
    let proj = points.projections(onto: p)
    let n = T(points.count)
    return frequencies.map { k in
      var re = T.zero, im = T.zero
      for j in 0..<proj.count {
        let angle = -T(2) * T.pi * k * proj[j]
        re += y[j] * T.cos(angle)
        im += y[j] * T.sin(angle)
      }
      return Complex(re / n, im / n)
    }
  }
}
