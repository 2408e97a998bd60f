import LinearAlgebra
import MultiPrecision

// Seeded random matrices and vectors for the tests of LinearAlgebra and
// GradientFlow (one copy for both test targets).

/// Random symmetric matrix (G + Gᵀ)/2, G uniform in [−1, 1).
public func randomSymmetric<T: RealScalar>(_ n: Int, seed: UInt64, as: T.Type = T.self) -> Matrix<T> {
  var rng = SplitMix64(seed: seed)
  var m = Matrix<T>(rows: n, columns: n)
  for i in 0..<n {
    for j in i..<n {
      let v = T(rng.symmetricUnit())
      m[i, j] = v
      m[j, i] = v
    }
  }
  return m
}

/// Random PSD matrix GGᵀ/m, G n×m uniform in [−1, 1).
public func randomPSD<T: DenseScalar>(_ n: Int, rank m: Int, seed: UInt64, as: T.Type = T.self) -> Matrix<T> {
  var rng = SplitMix64(seed: seed)
  let g = Matrix<T>(rows: n, columns: m, elements: (0..<(n * m)).map { _ in T(rng.symmetricUnit()) })
  let p = GenericDense.matrixProduct(g, g, transposeB: true)
  return (T(1) / T(m)) * p
}

/// Random vector, entries uniform in [−1, 1).
public func randomVector<T: RealScalar>(_ n: Int, seed: UInt64, as: T.Type = T.self) -> [T] {
  var rng = SplitMix64(seed: seed)
  return (0..<n).map { _ in T(rng.symmetricUnit()) }
}

extension SplitMix64 {
  /// Uniform in [−1, 1) with 53 random bits.
  public mutating func symmetricUnit() -> Double { Double(next() >> 11) * 0x1p-52 - 1 }
}
