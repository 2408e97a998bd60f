import MultiPrecision
import Testing

@testable import NeuralNetworks

/// The AVX-512 kernels of CNetworkKernels (run when the CPU has AVX-512F) against the Swift loops
/// they replace, bit for bit: column sums, the entrywise product and the Adam update, on sizes with
/// and without a tail. Each twin changes one input by an ulp and sees the result change.
@Suite("AVX-512 kernels against the Swift loops")
struct WideKernelTests {
  /// `body` once with the wide kernels and once without (SIMD loops on in both).
  func bothPaths<R>(_ body: () -> R) -> (wide: R, swift: R) {
    FastPaths.$simdLoops.withValue(true) {
      (
        FastPaths.$wideKernelsWanted.withValue(true) { body() },
        FastPaths.$wideKernelsWanted.withValue(false) { body() }
      )
    }
  }

  func randoms(_ count: Int, _ rng: inout SplitMix64) -> [Double] { (0..<count).map { _ in rng.nextGaussian() } }

  @Test(arguments: [(101, 200), (37, 13), (500, 7)])
  func columnSumsAndProducts(n: Int, m: Int) {
    var rng = SplitMix64(seed: UInt64(n * m))
    let g = randoms(n * m, &rng), s0 = randoms(m, &rng), b = randoms(n * m, &rng)
    func sums(_ g: [Double]) -> [Double] {
      var s = s0
      Double.addColumnSums(g, n: n, m: m, into: &s)
      return s
    }
    func products(_ a: [Double]) -> [Double] {
      var a = a
      Double.multiplyEntrywise(&a, by: b, count: a.count)
      return a
    }
    let s = bothPaths { sums(g) }, p = bothPaths { products(g) }
    #expect(s.wide == s.swift)
    #expect(p.wide == p.swift)
    var nudged = g
    nudged[n * m - 1] = 4 * nudged[n * m - 1] + 1
    #expect(bothPaths { sums(nudged) }.wide != s.swift)
  }

  @Test(arguments: [8 * 1000 + 5, 29])
  func adamUpdate(count: Int) {
    var rng = SplitMix64(seed: UInt64(count))
    let theta0 = randoms(count, &rng), grads = (0..<4).map { _ in randoms(count, &rng) }
    func run(_ grads: [[Double]]) -> [Double] {
      var adam = Adam<Double>(learningRate: 0.01), theta = theta0
      for g in grads { adam.step(parameters: &theta, gradient: g) }
      return theta
    }
    let r = bothPaths { run(grads) }
    #expect(r.wide == r.swift)
    var nudged = grads
    nudged[3][count - 1] *= 1 + 1e-9
    #expect(bothPaths { run(nudged) }.wide != r.swift)
  }
}
