import MultiPrecision
import Testing

/// `FloatingPoint` conformance. At 53 bits MPFloat and Double are the same
/// binary format (MPFR has a wider exponent range and no subnormals), so for
/// normal values Swift's own `Double` is the oracle.
@Suite("FloatingPoint conformance")
struct FloatingPointTests {
  static let samples: [Double] = {
    var rng = SplitMix64(seed: 7)
    var values: [Double] = [
      1, -1, 0.75, 6, 2.5, -2.5, 3.5, -0.5, 0.5, 1e300, -3e-300, 1.0.nextUp, 2.0.nextDown,
      4503599627370497, -4503599627370495.5, 123.456,
    ]
    for _ in 0..<300 {
      let d = Double(
        sign: Bool.random(using: &rng) ? .minus : .plus,
        exponent: Int.random(in: -60...60, using: &rng),
        significand: 1 + Double(rng.next() >> 12) * 0x1p-52)
      values.append(d)
    }
    return values
  }()

  @Test func exponentSignificandUlp() {
    for d in Self.samples {
      let x = MPFloat(d, precision: 53)
      #expect(x.exponent == d.exponent, "\(d)")
      #expect(x.significand.doubleValue == d.significand, "\(d)")
      #expect(x.ulp.doubleValue == d.ulp, "\(d)")
      #expect(x.nextUp.doubleValue == d.nextUp, "\(d)")
      #expect(x.nextDown.doubleValue == d.nextDown, "\(d)")
      #expect(x.magnitude.doubleValue == d.magnitude)
      #expect(x.sign == d.sign)
      #expect(x.significand.precision == 53 && x.nextUp.precision == 53)
    }
    // ulp at other precisions: 2^(exponent − p + 1).
    for p in [2, 100, 333, 1000] {
      let one = MPFloat(1, precision: p)
      #expect(one.ulp == MPFloat.pow(MPFloat(2, precision: 64), 1 - p))
      #expect(one.nextUp - one == one.ulp)
      #expect(one - one.nextDown == one.ulp / 2)
      #expect(MPFloat.withPrecision(p) { MPFloat.ulpOfOne } == one.ulp)
    }
  }

  @Test(arguments: [
    FloatingPointRoundingRule.toNearestOrAwayFromZero, .toNearestOrEven, .up, .down,
    .towardZero, .awayFromZero,
  ])
  func roundingRules(_ rule: FloatingPointRoundingRule) {
    for d in Self.samples + [0.5, 1.5, -1.5, 2.5, -0.25, 0.49999999999999994] {
      let r = MPFloat(d, precision: 53).rounded(rule)
      #expect(r.doubleValue == d.rounded(rule) && r.sign == d.rounded(rule).sign, "\(d) \(rule)")
    }
  }

  @Test func remainders() {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<400 {
      let a = Self.samples.randomElement(using: &rng)!, b = Self.samples.randomElement(using: &rng)!
      let x = MPFloat(a, precision: 53), y = MPFloat(b, precision: 53)
      let r = x.remainder(dividingBy: y), t = x.truncatingRemainder(dividingBy: y)
      #expect(r.doubleValue == a.remainder(dividingBy: b) && r.sign == a.remainder(dividingBy: b).sign, "\(a) rem \(b)")
      #expect(t.doubleValue == a.truncatingRemainder(dividingBy: b), "\(a) fmod \(b)")
    }
    #expect(MPFloat(1, precision: 53).remainder(dividingBy: 0).isNaN)
  }

  @Test func initSignExponentSignificand() {
    for d in Self.samples.prefix(60) {
      for e in [-5, 0, 3, 100] {
        for s in [FloatingPointSign.plus, .minus] {
          let x = MPFloat(sign: s, exponent: e, significand: MPFloat(d, precision: 53))
          let expected = Double(sign: s, exponent: e, significand: d)
          #expect(x.doubleValue == expected, "\(s) \(e) \(d)")
          #expect(x.precision == 53)
        }
      }
    }
    // x == sign · significand · 2^exponent reconstructs x.
    let x = MPFloat("-1234.5678", precision: 333)!
    #expect(MPFloat(sign: x.sign, exponent: x.exponent, significand: x.significand) == x)
    #expect(MPFloat(signOf: x, magnitudeOf: MPFloat(2, precision: 10)) == -2)
  }

  @Test func squareRootAndFMA() {
    var x = MPFloat(2, precision: 333)
    x.formSquareRoot()
    #expect(x == MPFloat.sqrt(MPFloat(2, precision: 333)))
    #expect(x * x != 2)  // irrational: never exact
    for d in Self.samples.prefix(50) {
      let y = MPFloat(d, precision: 53)
      #expect(y.squareRoot().doubleValue == d.squareRoot() || d < 0)
      let fma = MPFloat.fusedMultiplyAdd(y, y, MPFloat(-1, precision: 53))
      #expect(fma.doubleValue == (-1.0).addingProduct(d, d), "\(d)")
    }
  }

  @Test func hashingAcrossPrecisions() {
    var rng = SplitMix64(seed: 99)
    for _ in 0..<200 {
      let x = MPFloat.random(precision: 53, exponents: -200...200, using: &rng)
      for p in [54, 64, 113, 256, 1000, 4000] {
        let wide = x.rounded(toPrecision: p)
        #expect(wide == x && wide.hashValue == x.hashValue)
      }
      #expect(x.nextUp.hashValue != x.hashValue)  // may collide by chance; 2^-64
    }
    let set: Set<MPFloat> = [
      MPFloat(1, precision: 10), MPFloat(1, precision: 500), MPFloat(0.5, precision: 53),
      MPFloat("0.5", precision: 999)!, MPFloat(0, precision: 8), -MPFloat(0, precision: 9),
    ]
    #expect(set.count == 3)
  }

  @Test func comparisons() {
    let a = MPFloat(1, precision: 53), b = MPFloat(1, precision: 2000).nextUp
    #expect(a < b && b > a && a <= b && a != b)
    #expect(MPFloat.compareMagnitudes(-b, a) > 0)
    #expect(MPFloat.minimum(a, b) == a && MPFloat.maximum(a, b) == b)
    #expect([b, -a, a].sorted() == [-a, a, b])
  }
}
