import COpenBLAS
import MultiPrecision

/// `Double` witnesses: OpenBLAS CBLAS products, LAPACK factorizations, tight vector loops.
///
/// `Matrix` is row-major, LAPACK column-major: a row-major array read
/// column-major is the transpose, so symmetric inputs pass unchanged and
/// results are transposed back where needed.
extension Double: DenseScalar {
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Double, _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
    beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
  }

  public static func matrixVectorProduct(_ a: Matrix<Double>, _ x: [Double], transpose: Bool) -> [Double] {
    let (outN, inN) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
    precondition(x.count == inN, "matrixVectorProduct: op(A) is \(outN)×\(inN), x has \(x.count)")
    var y = [Double](repeating: 0, count: outN)
    if outN == 0 || inN == 0 { return y }
    a.elements.withUnsafeBufferPointer { pa in
      x.withUnsafeBufferPointer { px in
        y.withUnsafeMutableBufferPointer { py in
          cblas_dgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns), 1.0,
            pa.baseAddress, Int32(max(a.columns, 1)), px.baseAddress, 1, 0.0, py.baseAddress, 1)
        }
      }
    }
    return y
  }

  public static func choleskyFactor(_ a: Matrix<Double>) throws(LinearAlgebraError) -> Matrix<Double> {
    guard a.isSquare else { throw .dimensionMismatch("Cholesky needs a square matrix, got \(a.rows)×\(a.columns)") }
    var n = Int32(a.rows)
    if n == 0 { return a }
    // Column-major 'U' of the (symmetric) row-major array = row-major lower L.
    var f = a.elements
    var info: Int32 = 0
    var uplo = UInt8(ascii: "U")
    withUnsafePointer(to: &uplo) { pu in
      pu.withMemoryRebound(to: CChar.self, capacity: 1) { u in
        dpotrf_(u, &n, &f, &n, &info)
      }
    }
    if info > 0 { throw .notPositiveDefinite(pivot: Int(info)) }
    if info < 0 { throw .lapack(routine: "dpotrf", info: Int(info)) }
    var l = Matrix<Double>(rows: a.rows, columns: a.rows, elements: f)
    for i in 0..<a.rows { for j in (i + 1)..<max(i + 1, a.rows) { l[i, j] = 0 } }
    return l
  }

  public static func solveSPD(_ a: Matrix<Double>, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard b.count == a.rows else { throw .dimensionMismatch("solve: A is \(a.rows)×\(a.columns), b has \(b.count)") }
    let l = try choleskyFactor(a)
    var n = Int32(a.rows)
    if n == 0 { return b }
    var nrhs: Int32 = 1
    var x = b
    var info: Int32 = 0
    // Row-major L read column-major is Lᵀ = U: 'U' factor, A = UᵀU.
    var uplo = UInt8(ascii: "U")
    withUnsafePointer(to: &uplo) { pu in
      pu.withMemoryRebound(to: CChar.self, capacity: 1) { u in
        dpotrs_(u, &n, &nrhs, l.elements, &n, &x, &n, &info)
      }
    }
    if info != 0 { throw .lapack(routine: "dpotrs", info: Int(info)) }
    return x
  }

  public static func solveLinear(_ a: Matrix<Double>, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard a.isSquare else { throw .dimensionMismatch("solve needs a square matrix, got \(a.rows)×\(a.columns)") }
    guard b.count == a.rows else { throw .dimensionMismatch("solve: A is \(a.rows)×\(a.columns), b has \(b.count)") }
    var n = Int32(a.rows)
    if n == 0 { return b }
    var f = a.transposed.elements  // column-major A
    var ipiv = [Int32](repeating: 0, count: a.rows)
    var nrhs: Int32 = 1
    var x = b
    var info: Int32 = 0
    dgesv_(&n, &nrhs, &f, &n, &ipiv, &x, &n, &info)
    if info > 0 { throw .singular(pivot: Int(info)) }
    if info < 0 { throw .lapack(routine: "dgesv", info: Int(info)) }
    return x
  }

  public static func symmetricEigen(_ a: Matrix<Double>) throws(LinearAlgebraError) -> SymmetricEigen<Double> {
    guard a.isSquare else { throw .dimensionMismatch("eigen needs a square matrix, got \(a.rows)×\(a.columns)") }
    let scale = max(a.maxNorm, Double.leastNormalMagnitude)
    let defect = a.symmetryDefect
    guard defect <= 64 * Double.ulpOfOne * scale else { throw .notSymmetric(defect: defect) }
    var n = Int32(a.rows)
    if n == 0 { return SymmetricEigen(values: [], vectors: a) }
    var f = a.elements
    var w = [Double](repeating: 0, count: a.rows)
    var info: Int32 = 0
    var jobz = UInt8(ascii: "V")
    var uplo = UInt8(ascii: "L")
    // Workspace query, then the decomposition.
    var lwork: Int32 = -1
    var liwork: Int32 = -1
    var wq = [Double](repeating: 0, count: 1)
    var iwq = [Int32](repeating: 0, count: 1)
    withUnsafePointer(to: &jobz) { pj in
      withUnsafePointer(to: &uplo) { pu in
        pj.withMemoryRebound(to: CChar.self, capacity: 1) { j in
          pu.withMemoryRebound(to: CChar.self, capacity: 1) { u in
            dsyevd_(j, u, &n, &f, &n, &w, &wq, &lwork, &iwq, &liwork, &info)
            lwork = Int32(wq[0])
            liwork = iwq[0]
            var work = [Double](repeating: 0, count: Int(max(lwork, 1)))
            var iwork = [Int32](repeating: 0, count: Int(max(liwork, 1)))
            dsyevd_(j, u, &n, &f, &n, &w, &work, &lwork, &iwork, &liwork, &info)
          }
        }
      }
    }
    if info != 0 { throw .lapack(routine: "dsyevd", info: Int(info)) }
    // Column-major eigenvectors read row-major are Vᵀ.
    let vt = Matrix<Double>(rows: a.rows, columns: a.rows, elements: f)
    return SymmetricEigen(values: w, vectors: vt.transposed)
  }

  public static func combine(
    base: [Double]?, h: Double, weights: [(Int, Double)], stages k: [[Double]], into out: inout [Double]
  ) {
    let n = out.count
    out.withUnsafeMutableBufferPointer { o in
      if let base {
        base.withUnsafeBufferPointer { b in for i in 0..<n { o[i] = b[i] } }
      } else {
        for i in 0..<n { o[i] = 0 }
      }
      for (j, w) in weights where w != 0 {
        let hw = h * w
        k[j].withUnsafeBufferPointer { kj in
          for i in 0..<n { o[i] += hw * kj[i] }
        }
      }
    }
  }

  public static func scaledRMS(_ e: [Double], _ y0: [Double], _ y1: [Double], rtol: Double, atol: Double) -> Double {
    let n = e.count
    if n == 0 { return 0 }
    var s = 0.0
    e.withUnsafeBufferPointer { pe in
      y0.withUnsafeBufferPointer { p0 in
        y1.withUnsafeBufferPointer { p1 in
          for i in 0..<n {
            let q = pe[i] / (atol + rtol * Swift.max(Swift.abs(p0[i]), Swift.abs(p1[i])))
            s += q * q
          }
        }
      }
    }
    return (s / Double(n)).squareRoot()
  }
}
