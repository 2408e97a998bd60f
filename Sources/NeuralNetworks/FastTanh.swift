import CNetworkKernels

/// tanh for the Double fast path of `Tanh`: branch-free (so loops over it
/// vectorise), within a few ulp of the correctly rounded value (checked
/// against MPFR in the tests).
///
/// With a = |x|:
/// - a < 0.55: tanh x = x + x³ P(x²), P the degree-10 Chebyshev fit of
///   (tanh √s − √s)/s^(3/2) on [0, 0.55²] (error 7.7e-18; fitted by
///   Tests/Fixtures/NeuralNetworks/tanh_fit.py);
/// - otherwise tanh a = (1 − e)/(1 + e), e = e^(−2a) with a clamped to 20
///   (tanh 20 rounds to 1); e^y = 2ᵏ e^r, k = round(y/log 2), r = y − k log 2
///   (Cody–Waite: log 2 = 0x1.62e42feep-1 + 1.9082149292705877e-10, fdlibm's split, the
///   first part with 32 bits so k times it is exact), e^r by its Taylor polynomial of degree 13
///   (|r| ≤ 0.35, truncation < 5e-18).
/// NaN propagates.
@inline(__always)
func fastTanh(_ x: Double) -> Double {
  let a = abs(x)
  // Small arguments.
  let s = x * x
  var p = -2.060276537636634e-05
  p = p * s + 8.511313685577672e-05
  p = p * s - 0.0002346347410887237
  p = p * s + 0.0005889360520074057
  p = p * s - 0.001455661830100716
  p = p * s + 0.003592110378689024
  p = p * s - 0.008863234397814355
  p = p * s + 0.021869488493666944
  p = p * s - 0.053968253967434016
  p = p * s + 0.13333333333332714
  p = p * s - 0.3333333333333333
  let small = x + x * s * p
  // Large arguments: e = exp(−2 min(a, 20)).
  let y = -2 * (a < 20 ? a : 20)
  let shifter = 0x1.8p52
  let kd = y * 1.4426950408889634 + shifter
  let k = kd - shifter
  let r = (y - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
  var q = 1.0 / 6227020800
  q = q * r + 1.0 / 479001600
  q = q * r + 1.0 / 39916800
  q = q * r + 1.0 / 3628800
  q = q * r + 1.0 / 362880
  q = q * r + 1.0 / 40320
  q = q * r + 1.0 / 5040
  q = q * r + 1.0 / 720
  q = q * r + 1.0 / 120
  q = q * r + 1.0 / 24
  q = q * r + 1.0 / 6
  q = q * r + 0.5
  q = q * r + 1
  q = q * r + 1
  let scale = Double(bitPattern: (kd.bitPattern &+ 1023) << 52)
  let e = q * scale
  let t = (1 - e) / (1 + e)
  let large = x < 0 ? -t : t
  let result = a < 0.55 ? small : large
  return x.isNaN ? x : result
}

/// `fastTanh` on 8 lanes at once: the same operations in the same order (so the
/// same results bit for bit), with 8 independent dependency chains in flight.
@inline(__always)
func fastTanh(_ x: SIMD8<Double>) -> SIMD8<Double> {
  let a = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD8<Double>.self)
  let s = x * x
  var p = SIMD8<Double>(repeating: -2.060276537636634e-05)
  p = p * s + 8.511313685577672e-05
  p = p * s - 0.0002346347410887237
  p = p * s + 0.0005889360520074057
  p = p * s - 0.001455661830100716
  p = p * s + 0.003592110378689024
  p = p * s - 0.008863234397814355
  p = p * s + 0.021869488493666944
  p = p * s - 0.053968253967434016
  p = p * s + 0.13333333333332714
  p = p * s - 0.3333333333333333
  let small = x + x * s * p
  let isSmall = a .< 0.55
  if all(isSmall) { return small }  // skip the exponential when no lane needs it
  let y = -2 * a.replacing(with: 20, where: .!(a .< 20))
  let shifter = SIMD8<Double>(repeating: 0x1.8p52)
  let kd = y * 1.4426950408889634 + shifter
  let k = kd - shifter
  let r = (y - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
  var q = SIMD8<Double>(repeating: 1.0 / 6227020800)
  q = q * r + 1.0 / 479001600
  q = q * r + 1.0 / 39916800
  q = q * r + 1.0 / 3628800
  q = q * r + 1.0 / 362880
  q = q * r + 1.0 / 40320
  q = q * r + 1.0 / 5040
  q = q * r + 1.0 / 720
  q = q * r + 1.0 / 120
  q = q * r + 1.0 / 24
  q = q * r + 1.0 / 6
  q = q * r + 0.5
  q = q * r + 1
  q = q * r + 1
  let bits = (unsafeBitCast(kd, to: SIMD8<UInt64>.self) &+ 1023) &<< 52
  let e = q * unsafeBitCast(bits, to: SIMD8<Double>.self)
  let t = (1 - e) / (1 + e)
  let large = t.replacing(with: -t, where: x .< 0)
  let result = large.replacing(with: small, where: isSmall)
  return result.replacing(with: x, where: x .!= x)
}

/// values[i] = tanh z[i], derivatives[i] = 1 − tanh² z[i] (if given), 8 at a time.
@inline(__always)
func fastTanh(
  _ z: UnsafePointer<Double>, values: UnsafeMutablePointer<Double>, derivatives: UnsafeMutablePointer<Double>?,
  count: Int
) {
  var i = 0
  let lanes = FastPaths.simdLoops
  // AVX-512 (8 lanes in one register, the same operations): the blocks of 8; SIMD8 then the tail.
  if lanes && FastPaths.wideKernels { i = fp_tanh_avx512(z, values, derivatives, count) }
  while lanes && i + 8 <= count {
    let t = fastTanh(UnsafeRawPointer(z + i).loadUnaligned(as: SIMD8<Double>.self))
    UnsafeMutableRawPointer(values + i).storeBytes(of: t, as: SIMD8<Double>.self)
    if let d = derivatives { UnsafeMutableRawPointer(d + i).storeBytes(of: 1 - t * t, as: SIMD8<Double>.self) }
    i += 8
  }
  while i < count {
    let t = fastTanh(z[i])
    values[i] = t
    derivatives?[i] = 1 - t * t
    i += 1
  }
}

/// Whether the Double fast paths run their 8-lane SIMD loops. They give the same
/// IEEE results as their scalar tails, which alone run by default in debug builds:
/// there the SIMD8 code is not specialised and was measured at ~90 % of a debug
/// `swift test` run of the experiments (the scalar loops are many times faster).
/// Tests set it with `FastPaths.$simdLoops.withValue(true) { … }` to cover the
/// lanes in any build; it is read once per call, not per element.
///
/// `wideKernels`: whether the SIMD loops hand their blocks of 8 to the AVX-512 kernels of
/// CNetworkKernels (the package is built for baseline x86-64, where Swift's SIMD8<Double> runs as
/// four 2-lane SSE2 operations); true when the CPU has AVX-512F and
/// `wideKernelsWanted` (tests set it false to compare the two).
enum FastPaths {
  #if DEBUG
  @TaskLocal static var simdLoops = false
  #else
  @TaskLocal static var simdLoops = true
  #endif
  /// Whether this CPU can run the AVX-512 kernels.
  static let avx512 = fp_kernels_have_avx512() != 0
  @TaskLocal static var wideKernelsWanted = true
  static var wideKernels: Bool { avx512 && wideKernelsWanted }
}
