import MultiPrecision
import RealModule

/// A scalar with dense linear-algebra kernels: one API, two implementations.
///
/// Every requirement has a generic default (`extension DenseScalar`) written
/// against `RealScalar` only, so it runs in MPFR precision; `Double` replaces
/// the heavy ones with OpenBLAS (CBLAS `dgemm`/`dgemv`, LAPACK `dsyevd`,
/// `dpotrf`/`dpotrs`, `dgesv`) and the integrator's vector kernels with tight
/// non-generic loops. The generic versions stay callable for `Double` through
/// `GenericDense` (used by the tests to check one against the other).
public protocol DenseScalar: RealScalar {
  /// op(A)·op(B), op = identity or transpose.
  static func matrixProduct(_ a: Matrix<Self>, _ b: Matrix<Self>, transposeA: Bool, transposeB: Bool) -> Matrix<Self>
  /// op(A)·x.
  static func matrixVectorProduct(_ a: Matrix<Self>, _ x: [Self], transpose: Bool) -> [Self]
  /// Lower-triangular L with A = LLᵀ.
  static func choleskyFactor(_ a: Matrix<Self>) throws(LinearAlgebraError) -> Matrix<Self>
  /// x with Ax = b, A symmetric positive definite.
  static func solveSPD(_ a: Matrix<Self>, _ b: [Self]) throws(LinearAlgebraError) -> [Self]
  /// x with Ax = b (LU, partial pivoting).
  static func solveLinear(_ a: Matrix<Self>, _ b: [Self]) throws(LinearAlgebraError) -> [Self]
  /// Symmetric eigendecomposition, eigenvalues ascending.
  static func symmetricEigen(_ a: Matrix<Self>) throws(LinearAlgebraError) -> SymmetricEigen<Self>

  /// out = base + h Σⱼ wⱼ kⱼ over the listed (j, wⱼ); `base == nil` means 0.
  /// The Runge–Kutta stage and update kernel.
  static func combine(base: [Self]?, h: Self, weights: [(Int, Self)], stages k: [[Self]], into out: inout [Self])
  /// The error norm of Hairer–Wanner (II.4.11): ( (1/n) Σ (eᵢ/sᵢ)² )^{1/2},
  /// sᵢ = atol + rtol·max(|y0ᵢ|, |y1ᵢ|).
  static func scaledRMS(_ e: [Self], _ y0: [Self], _ y1: [Self], rtol: Self, atol: Self) -> Self
}

/// The generic (any `RealScalar`) implementations, callable explicitly even
/// where `DenseScalar` has a faster witness (e.g. Jacobi for `Double`).
public enum GenericDense {
  public static func matrixProduct<T: RealScalar>(
    _ a: Matrix<T>, _ b: Matrix<T>, transposeA: Bool = false, transposeB: Bool = false
  ) -> Matrix<T> {
    let (m, ka) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
    let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
    precondition(ka == kb, "matrixProduct: inner dimensions \(ka) and \(kb) differ")
    var c = Matrix<T>(rows: m, columns: n)
    for i in 0..<m {
      for p in 0..<ka {
        let aip = transposeA ? a.elements[p * a.columns + i] : a.elements[i * a.columns + p]
        if aip == 0 { continue }
        for j in 0..<n {
          let bpj = transposeB ? b.elements[j * b.columns + p] : b.elements[p * b.columns + j]
          c.elements[i * n + j] += aip * bpj
        }
      }
    }
    return c
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

extension DenseScalar {
  public static func matrixProduct(_ a: Matrix<Self>, _ b: Matrix<Self>, transposeA: Bool, transposeB: Bool) -> Matrix<Self> {
    GenericDense.matrixProduct(a, b, transposeA: transposeA, transposeB: transposeB)
  }
  public static func matrixVectorProduct(_ a: Matrix<Self>, _ x: [Self], transpose: Bool) -> [Self] {
    GenericDense.matrixVectorProduct(a, x, transpose: transpose)
  }
  public static func choleskyFactor(_ a: Matrix<Self>) throws(LinearAlgebraError) -> Matrix<Self> {
    try GenericDense.choleskyFactor(a)
  }
  public static func solveSPD(_ a: Matrix<Self>, _ b: [Self]) throws(LinearAlgebraError) -> [Self] {
    try GenericDense.solveSPD(a, b)
  }
  public static func solveLinear(_ a: Matrix<Self>, _ b: [Self]) throws(LinearAlgebraError) -> [Self] {
    try GenericDense.solveLinear(a, b)
  }
  public static func symmetricEigen(_ a: Matrix<Self>) throws(LinearAlgebraError) -> SymmetricEigen<Self> {
    try SymmetricEigen.jacobi(a)
  }
  public static func combine(base: [Self]?, h: Self, weights: [(Int, Self)], stages k: [[Self]], into out: inout [Self]) {
    GenericDense.combine(base: base, h: h, weights: weights, stages: k, into: &out)
  }
  public static func scaledRMS(_ e: [Self], _ y0: [Self], _ y1: [Self], rtol: Self, atol: Self) -> Self {
    GenericDense.scaledRMS(e, y0, y1, rtol: rtol, atol: atol)
  }
}

extension MPFloat: DenseScalar {}
