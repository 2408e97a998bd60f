import ComplexModule
import MultiPrecision
import RealModule

/// A uniform grid x_j = a + j h, j = 0, …, n − 1, of range L = n h (the period
/// the DFT assumes). Its DFT frequencies are ξ_k = k/L cycles per unit length.
public struct UniformGrid<T: RealScalar>: Sendable {
  /// a, the first point.
  public var start: T
  /// h, the spacing.
  public var spacing: T
  /// n, the number of points.
  public var count: Int

  public init(start: T, spacing: T, count: Int) {
    precondition(count > 0, "UniformGrid: count must be positive, got \(count)")
    precondition(spacing > 0, "UniformGrid: spacing must be positive, got \(spacing)")
    self.start = start
    self.spacing = spacing
    self.count = count
  }

  /// n points covering [a, b) (periodic sampling: b itself is left out).
  public init(from a: T, to b: T, count: Int) {
    precondition(b > a, "UniformGrid: need a < b, got [\(a), \(b))")
    self.init(start: a, spacing: (b - a) / T(count), count: count)
  }

  /// L = n h.
  public var range: T { spacing * T(count) }

  /// The points a + j h.
  public var points: [T] { (0..<count).map { start + T($0) * spacing } }

  /// The DFT frequencies ξ_k = k/L in DFT order (see `Fourier.frequencies`).
  public var frequencies: [T] { Fourier.frequencies(count: count, range: range) }

  /// The values u(x_j).
  public func sample(_ u: (T) -> T) -> [T] { points.map(u) }

  /// The approximation h e^{−2πi ξ_k a} ŷ_k of the continuous transform
  /// F[u](ξ_k) = ∫ u(x) e^{−2πi ξ_k x} dx from the samples y_j = u(x_j)
  /// (the rectangle/trapezoid rule, spectrally accurate for smooth u that
  /// decays within the grid). Returned in DFT order, paired with `frequencies`.
  public func continuousTransform(samples y: [T]) -> [Complex<T>] {
    precondition(y.count == count, "UniformGrid.continuousTransform: \(y.count) samples for \(count) points")
    let spectrum = Fourier.transform(real: y)
    let xi = frequencies
    return (0..<count).map { k in
      let angle = -T(2) * T.pi * xi[k] * start
      return spectrum[k] * Complex(T.cos(angle) * spacing, T.sin(angle) * spacing)
    }
  }
}
