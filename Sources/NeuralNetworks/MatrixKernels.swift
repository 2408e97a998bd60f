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

/// `p` seen as Double (only valid when T is Double).
@inline(__always)
func doubles<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Double> {
  UnsafeMutableRawPointer(p).assumingMemoryBound(to: Double.self)
}
@inline(__always)
func doubles<T>(_ p: UnsafePointer<T>) -> UnsafePointer<Double> {
  UnsafeRawPointer(p).assumingMemoryBound(to: Double.self)
}

/// z[i, j] = b[j] for the n rows of an n × m matrix (row-major).
@inline(__always)
func fillRows<T: RealScalar>(_ z: UnsafeMutablePointer<T>, n: Int, m: Int, with b: UnsafePointer<T>) {
  if T.self == Double.self {
    let zd = doubles(z), bd = doubles(b)
    for i in 0..<n { (zd + i * m).update(from: bd, count: m) }
    return
  }
  for i in 0..<n { (z + i * m).update(from: b, count: m) }
}

/// s[j] += Σᵢ g[i, j] over the n rows of an n × m matrix.
@inline(__always)
func addColumnSums<T: RealScalar>(_ g: UnsafePointer<T>, n: Int, m: Int, into s: UnsafeMutablePointer<T>) {
  if T.self == Double.self {
    let gd = doubles(g), sd = doubles(s)
    for i in 0..<n { for j in 0..<m { sd[j] += gd[i * m + j] } }
    return
  }
  for i in 0..<n { for j in 0..<m { s[j] += g[i * m + j] } }
}

/// a[i] *= b[i].
@inline(__always)
func multiplyEntrywise<T: RealScalar>(_ a: UnsafeMutablePointer<T>, by b: UnsafePointer<T>, count: Int) {
  if T.self == Double.self {
    let ad = doubles(a), bd = doubles(b)
    for i in 0..<count { ad[i] *= bd[i] }
    return
  }
  for i in 0..<count { a[i] *= b[i] }
}

/// Whether every |θⱼ| ≤ bound (false if some θⱼ is NaN).
func allBounded<T: RealScalar>(_ theta: [T], by bound: Double) -> Bool {
  if T.self == Double.self {
    return theta.withUnsafeBufferPointer { p in
      let d = doubles(p.baseAddress!)
      var ok = true
      for i in 0..<p.count where !(abs(d[i]) <= bound) { ok = false }
      return ok
    }
  }
  let b = T(bound)
  return theta.allSatisfy { abs($0) <= b }
}

/// An array of `count` zeros, built directly as [Double] when T is Double (the
/// unspecialised generic `Array(repeating:count:)` copies element by element
/// through value witnesses).
@inline(__always)
func zeros<T: RealScalar>(_ count: Int, _: T.Type = T.self) -> [T] {
  if T.self == Double.self { return unsafeBitCast([Double](repeating: 0, count: count), to: [T].self) }
  return [T](repeating: 0, count: count)
}
