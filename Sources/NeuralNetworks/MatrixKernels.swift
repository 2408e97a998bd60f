import COpenBLAS
import MultiPrecision

/// Row-major matrix product C ← α op(A) op(B) + β C with op(A) m × k and
/// op(B) k × n (op = transpose when the flag is set); lda, ldb, ldc are row
/// strides as stored. For Double this is CBLAS `dgemm`; for any other
/// `RealScalar` plain loops (β = 0 ignores C's old contents).
@inline(__always)
func gemm<T: RealScalar>(
  transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
  alpha: T, _ a: UnsafePointer<T>, lda: Int, _ b: UnsafePointer<T>, ldb: Int,
  beta: T, _ c: UnsafeMutablePointer<T>, ldc: Int
) {
  if m == 0 || n == 0 { return }
  if T.self == Double.self {
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      blasint(m), blasint(n), blasint(k),
      unsafeBitCast(alpha, to: Double.self),
      UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), blasint(lda),
      UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), blasint(ldb),
      unsafeBitCast(beta, to: Double.self),
      UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), blasint(ldc))
    return
  }
  for i in 0..<m {
    for j in 0..<n {
      var s: T = 0
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

/// values[i] = σ(z[i]) and derivatives[i] = σ′(z[i]) (if given; `values` may be
/// `z`), with the
/// activation's Double fast path when T is Double.
@inline(__always)
func applyActivation<T: RealScalar>(
  _ activation: any Activation, _ z: UnsafePointer<T>, values: UnsafeMutablePointer<T>,
  derivatives: UnsafeMutablePointer<T>?, count: Int
) {
  if T.self == Double.self {
    activation.evaluate(
      UnsafeRawPointer(z).assumingMemoryBound(to: Double.self),
      values: UnsafeMutableRawPointer(values).assumingMemoryBound(to: Double.self),
      derivatives: derivatives.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Double.self) },
      count: count)
    return
  }
  for i in 0..<count {
    let zi = z[i]  // `values` may alias `z`
    derivatives?[i] = activation.derivative(zi)
    values[i] = activation.value(zi)
  }
}
