import MultiPrecision
import Testing

@Suite("Conversions and decimal text")
struct ConversionTests {
  static let precisions = [2, 11, 24, 53, 64, 100, 113, 256, 333, 1000, 4000]

  /// `description` is the shortest round-trip text: parsing it back at the
  /// same precision gives the same value, for random values over a wide
  /// exponent range (seeded).
  @Test("decimal round trip", arguments: precisions)
  func decimalRoundTrip(_ p: Int) {
    var rng = SplitMix64(seed: 0x5EED_0000 + UInt64(p))
    for _ in 0..<200 {
      let x = MPFloat.random(precision: p, exponents: -3000...3000, using: &rng)
      let text = x.description
      let back = MPFloat(text, precision: p)
      #expect(back.map { bitIdentical($0, x) } == true, "\(p) bits: \(text)")
      // formatted(digits:) is the correctly rounded decimal: within half a
      // unit of its last digit of x (checked at higher precision).
      let n = 25, wide = p + 200
      let xw = x.rounded(toPrecision: wide)
      let shown = MPFloat(x.formatted(digits: n), precision: wide)!
      let err = (shown - xw).magnitude
      let e10 = MPFloat.log10(xw.magnitude).rounded(.down).int()!
      let unit = MPFloat.exp10(MPFloat(e10 - n + 1, precision: wide))
      #expect(err <= unit / 2 * MPFloat("1.0000001", precision: 64)!, "\(x) → \(x.formatted(digits: n))")
    }
  }

  @Test func formatting() {
    let third = MPFloat(1, precision: 200) / MPFloat(3, precision: 200)
    #expect(third.formatted(digits: 5) == "0.33333")
    #expect((-third * 3000).formatted(digits: 6) == "-1000.00")
    #expect(MPFloat(1.5e-9, precision: 53).formatted(digits: 3) == "1.50e-9")
    #expect(MPFloat(2.5e20, precision: 53).formatted(digits: 3) == "2.50e+20")
    #expect(MPFloat(0.1, precision: 53).description == "0.1")
    #expect(
      MPFloat(0.1, precision: 256).description.hasPrefix("0.1000000000000000055511151231257827021181583404541015625"))
    #expect(MPFloat("0x1p-1", precision: 8)! == MPFloat(0.5, precision: 53))
    #expect(MPFloat("  2.5e3 ", precision: 53)! == 2500)
    for bad in ["", "abc", "1.2.3", "1e", "--1", "0x", "1 2"] {
      #expect(MPFloat(bad, precision: 53) == nil, "'\(bad)' should not parse")
    }
    #expect(MPFloat.bits(forDigits: 100) == 337)
  }

  @Test("decimal text is correctly rounded at the working precision")
  func decimalIsRoundedOnce() {
    // 0.1 at 53 bits is the Double 0.1 (Swift's parser is correctly rounded).
    #expect(MPFloat.withPrecision(53) { MPFloat("0.1")! }.doubleValue == 0.1)
    for text in ["0.1", "2.675", "1e-300", "123456789012345678901234567890", "4.9406564584124654e-324"] {
      let viaMPFR = MPFloat(text, precision: 53)!.doubleValue
      #expect(viaMPFR == Double(text)!, "\(text)")
    }
  }

  @Test func integers() {
    #expect(MPFloat(Int.max, precision: 64).int() == Int.max)
    #expect(MPFloat(Int.min, precision: 64).int() == Int.min)
    #expect(MPFloat(Int.max, precision: 53).int() == nil)  // rounds to 2^63
    #expect(MPFloat(Int.max, precision: 53) == MPFloat("9223372036854775808", precision: 100)!)
    #expect(MPFloat(7.9, precision: 53).int() == 7)
    #expect(MPFloat(-7.9, precision: 53).int() == -7)
    #expect(MPFloat(-7.5, precision: 53).int(rounding: .toNearest) == -8)
    #expect(MPFloat(7.1, precision: 53).int(rounding: .up) == 8)
    #expect(MPFloat(7.9, precision: 53).int(rounding: .down) == 7)
  }

  @Test func largeIntegers() {
    let two128 = MPFloat.pow(MPFloat(2, precision: 300), 128)
    #expect(MPFloat(UInt128.max, precision: 128) == two128 - 1)
    #expect(MPFloat(UInt128.max, precision: 300) == two128 - 1)
    #expect(MPFloat(UInt128.max, precision: 53) == two128)  // rounded once to nearest
    #expect(MPFloat(Int128.min, precision: 200) == -two128 / 2)
    #expect(MPFloat(UInt64.max, precision: 64) == MPFloat.pow(MPFloat(2, precision: 100), 64) - 1)
    // 2^127 + 1 at 53 bits: up gives 2^127 + 2^75, down gives 2^127.
    let v = (UInt128(1) << 127) + 1
    let two127 = two128 / 2
    #expect(MPFloat(v, precision: 53, rounding: .up) == two127 + MPFloat.pow(MPFloat(2, precision: 300), 75))
    #expect(MPFloat(v, precision: 53, rounding: .down) == two127)
    #expect(MPFloat(exactly: v) == two127 + 1)
    #expect(MPFloat(exactly: Int64.min) == MPFloat(Int(Int64.min), precision: 64))
    #expect(MPFloat(exactly: 12345) == 12345)
    let negative = -(Int128(1) << 100) - 1
    #expect(MPFloat(exactly: negative) == -MPFloat.pow(MPFloat(2, precision: 200), 100) - 1)
  }

  @Test func doubles() {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<1000 {
      let d = Double(bitPattern: rng.next())
      guard d.isFinite else { continue }
      let x = MPFloat(d, precision: 53)
      #expect(x.doubleValue == d && x.doubleValue.sign == d.sign)  // exact both ways
      #expect(
        MPFloat(d, precision: 24).doubleValue == Double(Float(d)) || d.magnitude < 1.2e-38 || d.magnitude > 3.4e38)
    }
    // Rounding to Double, each mode.
    let third = MPFloat(1, precision: 300) / MPFloat(3, precision: 300)
    #expect(third.double(rounding: .down) == third.double(rounding: .up).nextDown)
    #expect(third.doubleValue == 1.0 / 3.0)
    #expect(MPFloat("1e400", precision: 53)!.doubleValue == .infinity)
    #expect(MPFloat("1e-400", precision: 53)!.doubleValue == 0)
  }
}
