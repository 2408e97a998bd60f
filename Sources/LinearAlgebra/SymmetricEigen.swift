import MultiPrecision
import RealModule

/// A symmetric eigendecomposition A = V Λ Vᵀ: `values` ascending, the
/// orthonormal eigenvectors in the **columns** of `vectors`
/// (column j of V belongs to `values[j]`).
public struct SymmetricEigen<T: RealScalar>: Sendable {
  public var values: [T]
  public var vectors: Matrix<T>
  /// Jacobi sweeps used (0 for LAPACK).
  public var sweeps: Int

  public init(values: [T], vectors: Matrix<T>, sweeps: Int = 0) {
    self.values = values
    self.vectors = vectors
    self.sweeps = sweeps
  }

  /// Residual ‖AV − VΛ‖_F.
  public func residual(_ a: Matrix<T>) -> T where T: DenseScalar {
    var r = a * vectors
    let n = vectors.rows
    for i in 0..<n {
      for j in 0..<values.count { r[i, j] -= vectors[i, j] * values[j] }
    }
    return r.frobeniusNorm
  }

  /// Orthogonality defect ‖VᵀV − I‖_F.
  public func orthogonalityDefect() -> T where T: DenseScalar {
    let g = vectors.transposeTimes(vectors)
    return (g - Matrix<T>.identity(g.rows)).frobeniusNorm
  }

  /// Sorts eigenpairs by ascending eigenvalue.
  mutating func sortAscending() {
    let order = values.indices.sorted { values[$0] < values[$1] }
    let n = vectors.rows
    var v = Matrix<T>(rows: n, columns: order.count)
    for (newJ, oldJ) in order.enumerated() {
      for i in 0..<n { v[i, newJ] = vectors[i, oldJ] }
    }
    values = order.map { values[$0] }
    vectors = v
  }
}

extension SymmetricEigen {
  /// Cyclic Jacobi eigenvalue method (Jacobi 1846; Rutishauser's formulation,
  /// Golub & Van Loan §8.5). Each rotation in the (p, q) plane annihilates aₚq:
  /// θ = (a_qq − a_pp)/(2aₚq), t = sgn θ/(|θ| + √(θ² + 1)), c = 1/√(t² + 1), s = tc.
  /// Sweeps over all p < q until the off-diagonal Frobenius mass is below
  /// ε·‖A‖_F (ε of the working precision); quadratically convergent, and
  /// accurate to a few ulps of ‖A‖ in any precision.
  public static func jacobi(_ input: Matrix<T>, maxSweeps: Int = 60) throws(LinearAlgebraError) -> SymmetricEigen<T> {
    guard input.isSquare else {
      throw .dimensionMismatch("eigen needs a square matrix, got \(input.rows)×\(input.columns)")
    }
    let n = input.rows
    let scale = max(input.maxNorm, T.leastNormalMagnitude)
    let defect = input.symmetryDefect
    guard defect <= T(64) * T.ulpOfOne * scale else { throw .notSymmetric(defect: defect.doubleValue) }
    // Symmetrise exactly.
    var a = input
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) {
        let m = (a[i, j] + a[j, i]) / 2
        a[i, j] = m
        a[j, i] = m
      }
    }
    var v = Matrix<T>.identity(n)
    let frob = a.frobeniusNorm
    let target = T.ulpOfOne * frob
    var sweep = 0
    var previousOff = T.infinity
    while true {
      var off = T.zero
      for i in 0..<n {
        for j in (i + 1)..<max(i + 1, n) { off += a[i, j] * a[i, j] }
      }
      off = T.sqrt(2 * off)
      if off <= target || n < 2 { break }
      // Rounding floor reached: no progress, and already at a few ulps of ‖A‖.
      if off >= previousOff, off <= T(16 * n) * target { break }
      previousOff = off
      if sweep >= maxSweeps { throw .noConvergence(sweeps: sweep) }
      sweep += 1
      for p in 0..<(n - 1) {
        for q in (p + 1)..<n {
          let apq = a[p, q]
          if apq == 0 { continue }
          let app = a[p, p]
          let aqq = a[q, q]
          // Skip rotations that cannot change the diagonal after the first sweeps.
          if sweep > 3, abs(apq) <= T.ulpOfOne * T.ulpOfOne * (abs(app) + abs(aqq)) {
            a[p, q] = .zero
            a[q, p] = .zero
            continue
          }
          let theta = (aqq - app) / (2 * apq)
          var t = 1 / (abs(theta) + T.sqrt(theta * theta + 1))
          if theta < 0 { t = -t }
          let c = 1 / T.sqrt(t * t + 1)
          let s = t * c
          let tau = s / (1 + c)
          a[p, p] = app - t * apq
          a[q, q] = aqq + t * apq
          a[p, q] = .zero
          a[q, p] = .zero
          for r in 0..<n where r != p && r != q {
            let g = a[r, p]
            let h = a[r, q]
            let nrp = g - s * (h + g * tau)
            let nrq = h + s * (g - h * tau)
            a[r, p] = nrp
            a[p, r] = nrp
            a[r, q] = nrq
            a[q, r] = nrq
          }
          for r in 0..<n {
            let g = v[r, p]
            let h = v[r, q]
            v[r, p] = g - s * (h + g * tau)
            v[r, q] = h + s * (g - h * tau)
          }
        }
      }
    }
    var e = SymmetricEigen(values: (0..<n).map { a[$0, $0] }, vectors: v, sweeps: sweep)
    e.sortAscending()
    return e
  }

  /// f(A) = V f(Λ) Vᵀ applied to a vector: V diag(f(λ)) Vᵀ x.
  public func apply(_ f: (T) -> T, to x: [T]) -> [T] where T: DenseScalar {
    var z = vectors.transposeTimes(x)
    for j in 0..<z.count { z[j] *= f(values[j]) }
    return vectors * z
  }
}
