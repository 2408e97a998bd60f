import CNetworkKernels
import LinearAlgebra

/// `Double` witnesses: the activations' fast paths and non-generic loops (the
/// Adam update 8 lanes at a time).
extension Double: NetworkScalar {
  public static func applyActivation(
    _ activation: any Activation, _ z: UnsafePointer<Double>, values: UnsafeMutablePointer<Double>,
    derivatives: UnsafeMutablePointer<Double>?, count: Int
  ) {
    activation.evaluate(z, values: values, derivatives: derivatives, count: count)
  }

  public static func fillRows(_ z: UnsafeMutablePointer<Double>, n: Int, m: Int, with b: UnsafePointer<Double>) {
    for i in 0..<n { (z + i * m).update(from: b, count: m) }
  }

  /// s[j] += Σᵢ g[i m + j], added in the order i = 0, 1, … (the AVX-512 kernel adds the same terms
  /// in the same order, 8 columns at a time).
  public static func addColumnSums(_ g: UnsafePointer<Double>, n: Int, m: Int, into s: UnsafeMutablePointer<Double>) {
    if FastPaths.simdLoops && FastPaths.wideKernels { return fp_add_column_sums_avx512(g, n, m, s) }
    for i in 0..<n { for j in 0..<m { s[j] += g[i * m + j] } }
  }

  public static func multiplyEntrywise(_ a: UnsafeMutablePointer<Double>, by b: UnsafePointer<Double>, count: Int) {
    if FastPaths.simdLoops && FastPaths.wideKernels { return fp_multiply_entrywise_avx512(a, b, count) }
    for i in 0..<count { a[i] *= b[i] }
  }

  public static func allBounded(_ theta: [Double], by bound: Double) -> Bool {
    theta.withUnsafeBufferPointer { p in
      if FastPaths.simdLoops && FastPaths.wideKernels, !p.isEmpty {
        return fp_all_bounded_avx512(p.baseAddress!, p.count, bound) != 0
      }
      var ok = true
      for i in 0..<p.count where !(Swift.abs(p[i]) <= bound) { ok = false }
      return ok
    }
  }

  public static func zeros(_ count: Int) -> [Double] { [Double](repeating: 0, count: count) }

  public static func descend(_ theta: inout [Double], along g: [Double], learningRate eta: Double) {
    theta.withUnsafeMutableBufferPointer { p in
      g.withUnsafeBufferPointer { g in
        for i in 0..<p.count { p[i] -= eta * g[i] }
      }
    }
  }

  public static func accumulateMomentum(_ b: inout [Double], gradient g: [Double], momentum mu: Double) {
    b.withUnsafeMutableBufferPointer { b in
      g.withUnsafeBufferPointer { g in
        for i in 0..<b.count { b[i] = mu * b[i] + g[i] }
      }
    }
  }

  public static func adamUpdate(
    _ theta: inout [Double], gradient g: [Double], m: inout [Double], v: inout [Double],
    oneMinusBeta1 c1: Double, beta2 b2: Double, oneMinusBeta2 c2: Double, epsilon e: Double,
    stepSize ss: Double, biasCorrection2 bc: Double
  ) {
    theta.withUnsafeMutableBufferPointer { pp in
      g.withUnsafeBufferPointer { gp in
        m.withUnsafeMutableBufferPointer { mp in
          v.withUnsafeMutableBufferPointer { vp in
            let p = pp.baseAddress!, g = gp.baseAddress!, md = mp.baseAddress!, vd = vp.baseAddress!
            // 8 lanes at a time (the same IEEE operations as the scalar tail, so
            // the same results), then the tail.
            var i = 0
            let lanes = FastPaths.simdLoops
            // AVX-512: the same operations in one 8-lane register (CNetworkKernels).
            if lanes && FastPaths.wideKernels {
              return fp_adam_update_avx512(p, g, md, vd, pp.count, c1, b2, c2, e, ss, bc)
            }
            while lanes && i + 8 <= pp.count {
              let gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Double>.self)
              var mi = UnsafeRawPointer(md + i).loadUnaligned(as: SIMD8<Double>.self)
              var vi = UnsafeRawPointer(vd + i).loadUnaligned(as: SIMD8<Double>.self)
              var pi = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Double>.self)
              mi += c1 * (gi - mi)
              vi = b2 * vi + c2 * gi * gi
              let denom = vi.squareRoot() / bc + e
              pi -= ss * (mi / denom)
              UnsafeMutableRawPointer(md + i).storeBytes(of: mi, as: SIMD8<Double>.self)
              UnsafeMutableRawPointer(vd + i).storeBytes(of: vi, as: SIMD8<Double>.self)
              UnsafeMutableRawPointer(p + i).storeBytes(of: pi, as: SIMD8<Double>.self)
              i += 8
            }
            for i in i..<pp.count {
              let gi = g[i]
              md[i] += c1 * (gi - md[i])
              vd[i] = b2 * vd[i] + c2 * gi * gi
              let denom = vd[i].squareRoot() / bc + e
              p[i] -= ss * (md[i] / denom)
            }
          }
        }
      }
    }
  }
}
