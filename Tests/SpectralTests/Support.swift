import ComplexModule
import MultiPrecision

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

extension SplitMix64 {
  /// Uniform in [a, b), a Double with 53 random bits (exact in any precision).
  mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * nextUniform() }
}
