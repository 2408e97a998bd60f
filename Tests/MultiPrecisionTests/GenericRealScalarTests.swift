import MultiPrecision
import Testing

/// exp(x) by argument halving and its Taylor series, using only + − × ÷ and
/// conversions: generic code as every algorithm of the suite is written.
func seriesExp<T: RealScalar>(_ x: T) -> T {
  var halvings = 0
  var y = x
  while y.magnitude > T(1) / T(8) { y /= 2; halvings += 1 }
  var sum = T(1), term = T(1)
  var k = 1
  while true {
    term = term * y / T(k)
    let next = sum + term
    if next == sum { break }
    sum = next
    k += 1
  }
  for _ in 0..<halvings { sum *= sum }
  return sum
}

/// Σ_{k=1}^{n} 1/k² in decreasing order of k.
func basel<T: RealScalar>(_ n: Int) -> T {
  var s = T(0)
  for k in stride(from: n, through: 1, by: -1) { s += T(1) / (T(k) * T(k)) }
  return s
}

@Suite("Generic code over RealScalar")
struct GenericRealScalarTests {
  static let arguments: [Double] = [0.5, -1.25, 3.75, 10.5, -20.25, 0.001]

  /// The same operations, each correctly rounded to 53 bits, give the same
  /// bits in Double and in 53-bit MPFloat.
  @Test(arguments: arguments)
  func sameBitsAt53(_ x: Double) {
    let d = seriesExp(x)
    let m = MPFloat.withPrecision(53) { seriesExp(MPFloat(x)) }
    #expect(m.precision == 53)
    #expect(m.doubleValue == d)
    let b = MPFloat.withPrecision(53) { basel(1000) as MPFloat }
    #expect(b.doubleValue == basel(1000) as Double)
  }

  /// At higher precision the generic series approaches MPFR's exp to the
  /// precision used (error bounded by 2^12 ulps: the squarings amplify the
  /// rounding errors), and agrees with the Double result to the Double run's
  /// own accuracy.
  @Test(arguments: arguments, [113, 333, 1000])
  func convergesWithPrecision(_ x: Double, _ p: Int) {
    let m = MPFloat.withPrecision(p) { seriesExp(MPFloat(x)) }
    let exact = MPFloat.exp(MPFloat(x, precision: p + 64))
    let rel = ((m.rounded(toPrecision: p + 64) - exact) / exact).magnitude
    #expect(rel < MPFloat.pow(MPFloat(2, precision: 64), 12 - p), "rel error \(rel.formatted(digits: 3))")
    // The Double run carries its own rounding errors: ~K·u from the K series
    // terms, multiplied by 2^h by the h squarings. Bound: 2^(h+5) ulps.
    var h = 0, y = x.magnitude
    while y > 0.125 { y /= 2; h += 1 }
    #expect(abs(m.doubleValue - seriesExp(x)) <= Double(1 << (h + 5)) * seriesExp(x).ulp)
    #expect(MPFloat.withPrecision(p) { MPFloat.epsilon } == MPFloat(1, precision: p).ulp)
  }

  /// Results in Double's subnormal range are rounded once: compare with the
  /// value at 300 bits, printed to 40 digits and read by Swift's own
  /// (correctly rounding) parser.
  @Test(arguments: [104.0, 104.5, 105.0, 105.25, 106.0])
  func subnormalResults(_ x: Double) {
    let wide = MPFloat.airyAi(MPFloat(x, precision: 300))
    let expected = Double(wide.formatted(digits: 40))!
    #expect(expected.isSubnormal || expected == 0 || expected < 1e-300)
    #expect(Double.airyAi(x) == expected, "Ai(\(x)) = \(Double.airyAi(x)), expected \(expected)")
  }

  @Test func scalarProtocol() {
    #expect(Double(decimal: "0.1") == 0.1)
    // Just above half the least subnormal: rounds up to it (once, not twice).
    #expect(Double(decimal: "2.4703282292062328e-324") == Double.leastNonzeroMagnitude)
    #expect(Double(decimal: "2.4703282292062327e-324") == 0)
    #expect(Double(decimal: " 1.5 ") == 1.5 && Double(decimal: "1.5x") == nil)
    #expect(MPFloat.withPrecision(80) { MPFloat(decimal: "0.1")!.precisionBits } == 80)
    #expect(Double.workingPrecisionBits == 53)
    #expect(2.5.decimalString(digits: 3) == "2.50")
    #expect(Double(MPFloat("0.1", precision: 500)!) == 0.1)
    #expect(MPFloat.withPrecision(64) { MPFloat(MPFloat.pi.rounded(toPrecision: 500)) }.precision == 64)
    #expect((1.5).mpFloat == MPFloat(1.5, precision: 53))
  }
}
