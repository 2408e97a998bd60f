import MultiPrecision

extension Matrix {
  /// op(A)·op(B) computed by a `gemm` kernel (`DenseScalar.gemm` or `GenericDense.gemm`).
  static func product(
    _ a: Matrix, _ b: Matrix, transposeA: Bool, transposeB: Bool,
    gemm: (Bool, Bool, Int, Int, Int, T, UnsafePointer<T>, Int, UnsafePointer<T>, Int, T, UnsafeMutablePointer<T>, Int)
      -> Void
  ) -> Matrix {
    let (m, ka) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
    let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
    precondition(ka == kb, "matrix product: inner dimensions \(ka) and \(kb) differ")
    var c = Matrix(rows: m, columns: n)
    if m == 0 || n == 0 || ka == 0 { return c }
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        c.elements.withUnsafeMutableBufferPointer { pc in
          gemm(
            transposeA, transposeB, m, n, ka, T(1), pa.baseAddress!, max(a.columns, 1),
            pb.baseAddress!, max(b.columns, 1), T.zero, pc.baseAddress!, n)
        }
      }
    }
    return c
  }
}

extension Matrix where T: DenseScalar {
  /// op(A)·op(B) through `T.gemm` (CBLAS dgemm for `Double`).
  static func product(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
    product(a, b, transposeA: transposeA, transposeB: transposeB) {
      T.gemm(
        transposeA: $0, transposeB: $1, m: $2, n: $3, k: $4, alpha: $5, $6, lda: $7, $8, ldb: $9, beta: $10, $11,
        ldc: $12)
    }
  }
  /// Matrix product AB (CBLAS dgemm for `Double`).
  public static func * (a: Matrix, b: Matrix) -> Matrix { product(a, b) }
  /// Matrix–vector product Ax (CBLAS dgemv for `Double`).
  public static func * (a: Matrix, x: [T]) -> [T] { T.matrixVectorProduct(a, x, transpose: false) }
  /// Aᵀx without forming Aᵀ.
  public func transposeTimes(_ x: [T]) -> [T] { T.matrixVectorProduct(self, x, transpose: true) }
  /// AᵀB without forming Aᵀ.
  public func transposeTimes(_ b: Matrix) -> Matrix { Matrix.product(self, b, transposeA: true) }

  /// Lower-triangular L with A = LLᵀ (A symmetric positive definite).
  public func cholesky() throws(LinearAlgebraError) -> Matrix { try T.choleskyFactor(self) }
  /// x with Ax = b (LU with partial pivoting).
  public func solve(_ b: [T]) throws(LinearAlgebraError) -> [T] { try T.solveLinear(self, b) }
  /// x with Ax = b for symmetric positive definite A, via Cholesky.
  public func choleskySolve(_ b: [T]) throws(LinearAlgebraError) -> [T] { try T.solveSPD(self, b) }
  /// A = V diag(λ) Vᵀ for symmetric A (eigenvalues ascending, eigenvectors in the columns of V).
  public func symmetricEigen() throws(LinearAlgebraError) -> SymmetricEigen<T> { try T.symmetricEigen(self) }
}
