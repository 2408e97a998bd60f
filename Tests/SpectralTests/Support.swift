import ComplexModule
import MultiPrecision

/// SplitMix64 (Steele, Lea, Flood 2014): a seeded generator for reproducible tests.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Uniform in [a, b), a Double with 53 random bits (exact in any precision).
  mutating func uniform(_ a: Double, _ b: Double) -> Double {
    a + (b - a) * Double(next() >> 11) * 0x1p-53
  }
}

/// max_k |a_k − b_k| / max_k |b_k| for complex vectors.
func relativeMaxError<T: RealScalar>(_ a: [Complex<T>], _ b: [Complex<T>]) -> T {
  precondition(a.count == b.count)
  var num = T.zero, den = T.zero
  for (x, y) in zip(a, b) {
    num = Swift.max(num, (x - y).length)
    den = Swift.max(den, y.length)
  }
  return num / den
}

func randomComplex(_ n: Int, seed: UInt64) -> [Complex<Double>] {
  var g = SplitMix64(seed: seed)
  return (0..<n).map { _ in Complex(g.uniform(-1, 1), g.uniform(-1, 1)) }
}
