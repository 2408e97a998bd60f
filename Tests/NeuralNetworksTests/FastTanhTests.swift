import MultiPrecision
import Testing

@testable import NeuralNetworks

@Suite("fastTanh against MPFR")
struct FastTanhTests {
  /// Within 4 ulp of MPFR's correctly rounded tanh at 20,000 points of [−25, 25]
  /// (spread over the small-argument, exp and saturated branches) and at tiny values.
  @Test func withinFourUlp() {
    var xs: [Double] = (0...20_000).map { -25 + 50 * Double($0) / 20_000 }
    xs += [1e-300, -1e-200, 1e-20, 1e-8, 0.549999999, 0.55, 0.550000001, 19.99, 20, 20.01, 700, -700, 0, -0.0]
    var worst = 0.0
    for x in xs {
      let exact = MPFloat.tanh(MPFloat(x, precision: 53)).doubleValue
      let ulps = abs(fastTanh(x) - exact) / max(exact.ulp, Double.leastNormalMagnitude)
      worst = max(worst, ulps)
    }
    #expect(worst <= 4, "worst \(worst) ulp")
    #expect(fastTanh(.nan).isNaN)
    #expect(fastTanh(.infinity) == 1 && fastTanh(-.infinity) == -1)
  }
}

extension FastTanhTests {
  /// The 8-lane path gives exactly the scalar results (the same operations in order),
  /// including the tail that is done one by one.
  @Test func vectorMatchesScalar() {
    let z = (0..<1003).map { -12 + 24 * Double($0) / 1002 } + [.nan, -0.0, Double.leastNormalMagnitude / 4]
    var v = [Double](repeating: 0, count: z.count), d = v
    FastPaths.$simdLoops.withValue(true) { fastTanh(z, values: &v, derivatives: &d, count: z.count) }
    for i in z.indices {
      let t = fastTanh(z[i])
      #expect(v[i].bitPattern == t.bitPattern || (v[i].isNaN && t.isNaN), "z = \(z[i])")
      #expect(d[i].bitPattern == (1 - t * t).bitPattern || d[i].isNaN)
    }
  }
}

extension FastTanhTests {
  /// The AVX-512 kernel (CNetworkKernels, used when the CPU has AVX-512F) gives the Swift scalar
  /// results bit for bit: random arguments in every branch, blocks of 8 that are all small (the early
  /// return), ±0, subnormals, ±∞ and NaN, with and without derivatives, in place too. Its twin: the
  /// same comparison against results one ulp away sees every entry differ.
  @Test func wideKernelMatchesScalar() {
    var g = SplitMix64(seed: 12)
    var z = (0..<4000).map { _ in -30 + 60 * g.nextUniform() } + (0..<800).map { _ in -0.6 + 1.2 * g.nextUniform() }
    z += [.nan, -.nan, .infinity, -.infinity, 0, -0.0, 1e-310, -1e-310, 0.55, -0.55, 20, -20, 745, -745, 1e-8]
    let scalar = z.map(fastTanh)
    for wide in [true, false] {
      var v = [Double](repeating: 0, count: z.count), d = v
      FastPaths.$simdLoops.withValue(true) {
        FastPaths.$wideKernelsWanted.withValue(wide) {
          fastTanh(z, values: &v, derivatives: &d, count: z.count)
        }
      }
      var inPlace = z
      inPlace.withUnsafeMutableBufferPointer { p in
        FastPaths.$simdLoops.withValue(true) {
          FastPaths.$wideKernelsWanted.withValue(wide) {
            fastTanh(p.baseAddress!, values: p.baseAddress!, derivatives: nil, count: p.count)
          }
        }
      }
      let same = { (a: Double, b: Double) in a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
      #expect(zip(v, scalar).allSatisfy(same), "wide kernels: \(wide && FastPaths.avx512)")
      #expect(zip(inPlace, scalar).allSatisfy(same))
      #expect(zip(d, scalar).allSatisfy { same($0, 1 - $1 * $1) })
      let nudged = scalar.map { $0.isFinite && $0 != 0 ? $0.nextUp : $0 }
      #expect(zip(v, nudged).filter { !same($0, $1) }.count > z.count * 9 / 10)
    }
  }
}
