import MultiPrecision
import RealModule

/// A scalar with dense linear-algebra kernels: one API, two implementations.
///
/// This is the package's one mechanism for scalar-specific fast paths (the
/// swift-numerics way: protocol customisation points, no type tests). Every
/// requirement has a generic default (`extension DenseScalar`) written against
/// `RealScalar` only, so it runs in MPFR precision; `Double` replaces the heavy
/// ones with OpenBLAS (CBLAS `dgemm`/`dgemv`, LAPACK `dsyevd`, `dpotrf`/`dpotrs`,
/// `dgesv`) and the vector kernels with tight non-generic loops. Higher modules
/// refine the protocol with kernels of their own (`NetworkScalar` in
/// NeuralNetworks, `StageScalar` in StageTheorems). The generic versions stay
/// callable for `Double` through `GenericDense` (the tests check one against the other).
public protocol DenseScalar: RealScalar {
  /// C ← α·op(A)·op(B) + β·C on row-major storage, op(A) m × k, op(B) k × n
  /// (op = transpose when the flag is set); lda, ldb, ldc are the row strides as
  /// stored. β = 0 ignores C's old contents (which may be uninitialised or NaN).
  /// For `Double` this is the package's one call of CBLAS `dgemm`.
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Self, _ a: UnsafePointer<Self>, lda: Int, _ b: UnsafePointer<Self>, ldb: Int,
    beta: Self, _ c: UnsafeMutablePointer<Self>, ldc: Int)
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

extension MPFloat: DenseScalar {}

extension DenseScalar {
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Self, _ a: UnsafePointer<Self>, lda: Int, _ b: UnsafePointer<Self>, ldb: Int,
    beta: Self, _ c: UnsafeMutablePointer<Self>, ldc: Int
  ) {
    GenericDense.gemm(
      transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
      alpha: alpha, a, lda: lda, b, ldb: ldb, beta: beta, c, ldc: ldc)
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
  public static func combine(base: [Self]?, h: Self, weights: [(Int, Self)], stages k: [[Self]], into out: inout [Self])
  {
    GenericDense.combine(base: base, h: h, weights: weights, stages: k, into: &out)
  }
  public static func scaledRMS(_ e: [Self], _ y0: [Self], _ y1: [Self], rtol: Self, atol: Self) -> Self {
    GenericDense.scaledRMS(e, y0, y1, rtol: rtol, atol: atol)
  }
}
