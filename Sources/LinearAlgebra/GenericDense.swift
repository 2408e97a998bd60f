import MultiPrecision
import RealModule

/// The generic (any `RealScalar`) implementations, callable explicitly even
/// where `DenseScalar` has a faster witness (e.g. Jacobi for `Double`).
public enum GenericDense {
  /// cᵢⱼ ← α Σₚ op(A)ᵢₚ op(B)ₚⱼ + β cᵢⱼ, the sum accumulated in p order.
  public static func gemm<T: RealScalar>(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: T, _ a: UnsafePointer<T>, lda: Int, _ b: UnsafePointer<T>, ldb: Int,
    beta: T, _ c: UnsafeMutablePointer<T>, ldc: Int
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var s = T.zero
        for p in 0..<k {
          let aip = transposeA ? a[p * lda + i] : a[i * lda + p]
          let bpj = transposeB ? b[j * ldb + p] : b[p * ldb + j]
          s += aip * bpj
        }
        let scaled = alpha == 1 ? s : alpha * s
        c[i * ldc + j] = beta == 0 ? scaled : scaled + beta * c[i * ldc + j]
      }
    }
  }

  /// op(A)·op(B) by the generic `gemm`.
  public static func matrixProduct<T: RealScalar>(
    _ a: Matrix<T>, _ b: Matrix<T>, transposeA: Bool = false, transposeB: Bool = false
  ) -> Matrix<T> {
    Matrix.product(a, b, transposeA: transposeA, transposeB: transposeB) {
      gemm(
        transposeA: $0, transposeB: $1, m: $2, n: $3, k: $4, alpha: $5, $6, lda: $7, $8, ldb: $9, beta: $10, $11,
        ldc: $12)
    }
  }

  public static func matrixVectorProduct<T: RealScalar>(_ a: Matrix<T>, _ x: [T], transpose: Bool = false) -> [T] {
    if transpose {
      precondition(x.count == a.rows, "matrixVectorProduct: Aᵀ is \(a.columns)×\(a.rows), x has \(x.count)")
      var y = [T](repeating: T.zero, count: a.columns)
      for i in 0..<a.rows {
        let xi = x[i]
        for j in 0..<a.columns { y[j] += a.elements[i * a.columns + j] * xi }
      }
      return y
    }
    precondition(x.count == a.columns, "matrixVectorProduct: A is \(a.rows)×\(a.columns), x has \(x.count)")
    var y = [T](repeating: T.zero, count: a.rows)
    for i in 0..<a.rows {
      var s = T.zero
      for j in 0..<a.columns { s += a.elements[i * a.columns + j] * x[j] }
      y[i] = s
    }
    return y
  }

  /// Cholesky–Banachiewicz: lᵢⱼ = (aᵢⱼ − Σₖ<ⱼ lᵢₖlⱼₖ)/lⱼⱼ, lⱼⱼ = (aⱼⱼ − Σ lⱼₖ²)^{1/2}.
  public static func choleskyFactor<T: RealScalar>(_ a: Matrix<T>) throws(LinearAlgebraError) -> Matrix<T> {
    guard a.isSquare else { throw .dimensionMismatch("Cholesky needs a square matrix, got \(a.rows)×\(a.columns)") }
    let n = a.rows
    var l = Matrix<T>(rows: n, columns: n)
    for j in 0..<n {
      var d = a[j, j]
      for k in 0..<j { d -= l[j, k] * l[j, k] }
      guard d > 0, d.isFinite else { throw .notPositiveDefinite(pivot: j + 1) }
      let ljj = T.sqrt(d)
      l[j, j] = ljj
      for i in (j + 1)..<max(j + 1, n) {
        var s = a[i, j]
        for k in 0..<j { s -= l[i, k] * l[j, k] }
        l[i, j] = s / ljj
      }
    }
    return l
  }

  /// Forward then back substitution with the Cholesky factor.
  public static func solveSPD<T: RealScalar>(_ a: Matrix<T>, _ b: [T]) throws(LinearAlgebraError) -> [T] {
    guard b.count == a.rows else { throw .dimensionMismatch("solve: A is \(a.rows)×\(a.columns), b has \(b.count)") }
    let l = try choleskyFactor(a)
    let n = a.rows
    var z = b
    for i in 0..<n {
      var s = z[i]
      for k in 0..<i { s -= l[i, k] * z[k] }
      z[i] = s / l[i, i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = z[i]
      for k in (i + 1)..<max(i + 1, n) { s -= l[k, i] * z[k] }
      z[i] = s / l[i, i]
    }
    return z
  }

  /// Gaussian elimination with partial pivoting.
  public static func solveLinear<T: RealScalar>(_ a: Matrix<T>, _ b: [T]) throws(LinearAlgebraError) -> [T] {
    guard a.isSquare else { throw .dimensionMismatch("solve needs a square matrix, got \(a.rows)×\(a.columns)") }
    guard b.count == a.rows else { throw .dimensionMismatch("solve: A is \(a.rows)×\(a.columns), b has \(b.count)") }
    let n = a.rows
    var m = a
    var x = b
    for col in 0..<n {
      var p = col
      var best = abs(m[col, col])
      for r in (col + 1)..<max(col + 1, n) where abs(m[r, col]) > best {
        best = abs(m[r, col])
        p = r
      }
      guard best > 0 else { throw .singular(pivot: col + 1) }
      if p != col {
        for j in 0..<n { m.elements.swapAt(col * n + j, p * n + j) }
        x.swapAt(col, p)
      }
      let piv = m[col, col]
      for r in (col + 1)..<max(col + 1, n) {
        let f = m[r, col] / piv
        if f == 0 { continue }
        for j in col..<n { m[r, j] -= f * m[col, j] }
        x[r] -= f * x[col]
      }
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = x[i]
      for j in (i + 1)..<max(i + 1, n) { s -= m[i, j] * x[j] }
      x[i] = s / m[i, i]
    }
    return x
  }

  public static func combine<T: RealScalar>(
    base: [T]?, h: T, weights: [(Int, T)], stages k: [[T]], into out: inout [T]
  ) {
    let n = out.count
    for i in 0..<n {
      var s = T.zero
      for (j, w) in weights { s += w * k[j][i] }
      if let base { out[i] = base[i] + h * s } else { out[i] = h * s }
    }
  }

  public static func scaledRMS<T: RealScalar>(_ e: [T], _ y0: [T], _ y1: [T], rtol: T, atol: T) -> T {
    if e.isEmpty { return T.zero }
    var s = T.zero
    for i in 0..<e.count {
      let sc = atol + rtol * max(abs(y0[i]), abs(y1[i]))
      let q = e[i] / sc
      s += q * q
    }
    return T.sqrt(s / T(e.count))
  }
}
