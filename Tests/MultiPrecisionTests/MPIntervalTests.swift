import MultiPrecision
import Testing

// MARK: - Test support: seeded randomness and the containment oracle

/// The number of `points` at which `exact` (evaluated at much higher
/// precision, NaN = outside the domain, skipped) is NOT inside `enclosure`.
/// Endpoints of the enclosure are representable at the oracle's precision,
/// so rounding the oracle to nearest cannot move a contained value outside.
func violations(_ enclosure: MPInterval, _ points: [MPFloat], _ exact: (MPFloat) -> MPFloat) -> [String] {
  var bad: [String] = []
  for x in points {
    let v = exact(x)
    if v.isNaN { continue }
    if !enclosure.contains(v) { bad.append("x=\(x.formatted(digits: 25)) f=\(v.formatted(digits: 25)) ∉ \(enclosure)") }
  }
  return bad
}

/// A random interval with p-bit endpoints around a centre drawn from
/// `range`: a point, a few-ulp interval, or one of width up to `maxWidth`.
func randomInterval(
  _ range: ClosedRange<Double>, maxWidth: Double, precision p: Int,
  using g: inout SplitMix64
) -> MPInterval {
  let c = Double.random(in: range, using: &g)
  let lo = MPFloat(c, precision: p)
  let kind = Int.random(in: 0..<4, using: &g)
  if kind == 0 { return MPInterval(lo) }
  var w: MPFloat
  if kind == 1 {
    w = lo.isZero ? MPFloat(1, precision: p) : lo.magnitude
    w.multiplyByPowerOfTwo(-p + Int.random(in: 0...4, using: &g))
  } else {
    w = MPFloat(Double.random(in: 0...maxWidth, using: &g) / Double(kind == 2 ? 100 : 1), precision: p)
  }
  let hi = lo + w
  return MPInterval(lower: lo, upper: hi)
}

/// Random points of `x` at `q` bits (both endpoints included).
func randomPoints(_ x: MPInterval, count: Int, precision q: Int, using g: inout SplitMix64) -> [MPFloat] {
  if x.isEmpty { return [] }
  let lo = MPFloat(x.lower, precision: q), hi = MPFloat(x.upper, precision: q)
  var pts = [lo, hi]
  guard lo.isFinite && hi.isFinite else { return pts.filter { $0.isFinite } }
  for _ in 0..<count {
    let t = MPFloat(Double.random(in: 0...1, using: &g), precision: q)
    var v = lo + t * (hi - lo)
    if v < lo { v = lo }
    if v > hi { v = hi }
    pts.append(v)
  }
  return pts
}

// MARK: - Construction, properties, text

@Suite struct MPIntervalBasicsTests {
  @Test func constructorsEncloseTheirValues() throws {
    for p in [24, 53, 200] {
      let tenth = try #require(MPInterval(decimal: "0.1", precision: p))
      let exactTenth = MPFloat("0.1", precision: 4 * p)!
      #expect(tenth.contains(exactTenth))
      #expect(tenth.lower < tenth.upper)  // 0.1 is not binary
      #expect(tenth.lower.nextUp == tenth.upper)  // tightest
      let half = try #require(MPInterval(decimal: "0.5", precision: p))
      #expect(half.isPoint)
      for c in MathConstant.allCases {
        let enc = MPInterval(constant: c, precision: p)
        #expect(enc.contains(c.value(precision: 4 * p)), "\(c) at \(p) bits")
        #expect(enc.lower.nextUp == enc.upper)
      }
      let big = MPInterval(Int.max, precision: p)
      #expect(big.contains(MPFloat(Int.max, precision: 128)))
    }
    #expect(MPInterval(decimal: "zero", precision: 53) == nil)
    #expect(MPInterval(decimal: "nan", precision: 53) == nil)
    #expect(MPInterval(decimal: "1e400", precision: 53)!.lower > MPFloat(0, precision: 53))
  }

  @Test func emptyAndEntire() {
    let e = MPInterval.empty
    #expect(e.isEmpty && !e.contains(MPFloat(0)))
    #expect(MPInterval.entire(precision: 53).contains(MPFloat(1e300)))
    #expect(MPInterval.entire(precision: 53).contains(e))
    #expect((e + MPInterval(1, precision: 53)).isEmpty)
    #expect(MPInterval.apply(.exp, e).isEmpty)
    #expect(MPInterval(MPFloat(precision: 53)).isEmpty)  // NaN
  }

  @Test func widthMidpointRadius() {
    let x = MPInterval(lower: MPFloat(1, precision: 53), upper: MPFloat(3, precision: 53))
    #expect(x.width == MPFloat(2))
    #expect(x.midpoint == MPFloat(2))
    #expect(x.radius == MPFloat(1))
    let half = MPInterval(lower: MPFloat(1, precision: 53), upper: MPFloat.infinity)
    #expect(half.contains(half.midpoint) && half.midpoint.isFinite)
    let whole = MPInterval.entire(precision: 53)
    #expect(whole.midpoint.isZero)
    // midpoint ± radius covers the interval, for awkward endpoints too.
    let y = MPInterval(lower: MPFloat("0.1", precision: 30)!, upper: MPFloat("0.7", precision: 30)!)
    let m = y.midpoint, r = y.radius
    #expect(m - r <= y.lower && y.upper <= m + r)
  }

  @Test func setOperations() {
    func iv(_ a: Double, _ b: Double) -> MPInterval {
      MPInterval(lower: MPFloat(a, precision: 53), upper: MPFloat(b, precision: 53))
    }
    #expect(iv(1, 3).intersection(iv(2, 5)) == iv(2, 3))
    #expect(iv(1, 2).intersection(iv(3, 4)).isEmpty)
    #expect(iv(1, 2).hull(iv(3, 4)) == iv(1, 4))
    #expect(iv(1, 4).contains(iv(2, 3)) && !iv(2, 3).contains(iv(1, 4)))
    #expect(iv(1, 2).hull(.empty) == iv(1, 2))
  }

  @Test func descriptionRoundsOutward() {
    let third = MPInterval(1, precision: 53) / MPInterval(3, precision: 53)
    #expect(third.formatted(digits: 5) == "[0.33333, 0.33334]")
    let minusThird = -third
    #expect(minusThird.formatted(digits: 5) == "[-0.33334, -0.33333]")
    // The printed decimals, read back, still enclose the interval.
    let text = third.description
    let parts = text.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters() }
    #expect(MPFloat(parts[0], precision: 53)! <= third.lower)
    #expect(MPFloat(parts[1], precision: 53)! >= third.upper)
    #expect(MPInterval.empty.description == "[empty]")
  }

  @Test func resultPrecisionIsMaximum() {
    let a = MPInterval(1, precision: 53), b = MPInterval(3, precision: 200)
    #expect((a / b).precision == 200)
    #expect(MPInterval.apply(.pow, a, b).precision == 200)
    #expect(MPInterval.apply(.sin, b).precision == 200)
  }
}

extension Substring {
  func trimmingCharacters() -> String { String(self.drop { $0 == " " }) }
}

// MARK: - Certified comparisons: truth tables

@Suite struct MPIntervalComparisonTests {
  func iv(_ a: Double, _ b: Double) -> MPInterval {
    MPInterval(lower: MPFloat(a, precision: 53), upper: MPFloat(b, precision: 53))
  }

  /// (a, b, certainlyLess, possiblyLess, certainlyLE, possiblyLE, certainlyEqual, possiblyEqual)
  var table: [(MPInterval, MPInterval, [Bool])] {
    [
      (iv(1, 2), iv(3, 4), [true, true, true, true, false, false]),  // disjoint, below
      (iv(3, 4), iv(1, 2), [false, false, false, false, false, false]),  // disjoint, above
      (iv(1, 2), iv(2, 3), [false, true, true, true, false, true]),  // touching at 2
      (iv(2, 3), iv(1, 2), [false, false, false, true, false, true]),  // touching, above
      (iv(1, 3), iv(2, 4), [false, true, false, true, false, true]),  // overlapping
      (iv(1, 4), iv(2, 3), [false, true, false, true, false, true]),  // nested
      (iv(2, 2), iv(2, 2), [false, false, true, true, true, true]),  // same point
      (iv(2, 2), iv(1, 3), [false, true, false, true, false, true]),  // point inside
      (iv(2, 2), iv(3, 3), [true, true, true, true, false, false]),  // distinct points
      (iv(1, 2), .empty, [false, false, false, false, false, false]),  // empty certifies nothing
    ]
  }

  @Test func truthTable() {
    for (a, b, want) in table {
      let got = [
        a.certainlyLess(than: b), a.possiblyLess(than: b), a.certainlyLessOrEqual(to: b),
        a.possiblyLessOrEqual(to: b), a.certainlyEqual(to: b), a.possiblyEqual(to: b),
      ]
      #expect(got == want, "\(a) vs \(b)")
    }
  }

  /// Consistency with the definitions at random points: a certain relation
  /// holds at every sampled pair; a relation false at some sampled pair is
  /// never certain; a relation true at a pair is possible.
  @Test func agreesWithPointwiseDefinitions() {
    var g = SplitMix64(seed: 7)
    for _ in 0..<300 {
      let a = randomInterval(-3...3, maxWidth: 2, precision: 53, using: &g)
      let b = randomInterval(-3...3, maxWidth: 2, precision: 53, using: &g)
      for x in randomPoints(a, count: 4, precision: 53, using: &g) {
        for y in randomPoints(b, count: 4, precision: 53, using: &g) {
          if a.certainlyLess(than: b) { #expect(x < y) }
          if a.certainlyLessOrEqual(to: b) { #expect(x <= y) }
          if x < y { #expect(a.possiblyLess(than: b)) }
          if x <= y { #expect(a.possiblyLessOrEqual(to: b)) }
          if x == y { #expect(a.possiblyEqual(to: b)) }
        }
      }
    }
  }
}

// MARK: - Arithmetic

@Suite struct MPIntervalArithmeticTests {
  @Test(arguments: [24, 53, 113, 256])
  func fieldOperationsEncloseAtRandomPoints(p: Int) {
    var g = SplitMix64(seed: UInt64(p) &* 31)
    let q = 4 * p
    let ops: [(String, (MPInterval, MPInterval) -> MPInterval, (MPFloat, MPFloat) -> MPFloat)] = [
      ("+", { $0 + $1 }, { $0 + $1 }), ("-", { $0 - $1 }, { $0 - $1 }),
      ("*", { $0 * $1 }, { $0 * $1 }), ("/", { $0 / $1 }, { $0 / $1 }),
    ]
    for (name, op, exact) in ops {
      for _ in 0..<60 {
        let a = randomInterval(-1e3...1e3, maxWidth: 50, precision: p, using: &g)
        let b = randomInterval(-10...10, maxWidth: 5, precision: p, using: &g)
        let r = op(a, b)
        #expect(r.precision == p)
        let xs = randomPoints(a, count: 3, precision: q, using: &g)
        let ys = randomPoints(b, count: 3, precision: q, using: &g)
        for x in xs {
          let bad = violations(r, ys) { y in exact(x, y) }
          #expect(bad.isEmpty, "\(a) \(name) \(b) = \(r): \(bad.prefix(2))")
        }
      }
    }
  }

  @Test func divisionByIntervalContainingZero() {
    let one = MPInterval(1, precision: 53)
    let z = MPInterval(lower: MPFloat(-1, precision: 53), upper: MPFloat(2, precision: 53))
    let r = one / z
    #expect(r.lower.isInfinite && r.upper.isInfinite && r.possiblyUndefined)
    let zero = MPInterval(0, precision: 53)
    #expect((one / zero).isEmpty && (one / zero).possiblyUndefined)
  }

  @Test func outwardRoundingIsStrict() {
    // 1/3 is not representable: the enclosure has distinct endpoints one ulp apart.
    for p in [2, 53, 300] {
      let r = MPInterval(1, precision: p) / MPInterval(3, precision: p)
      #expect(r.lower < r.upper && r.lower.nextUp == r.upper)
      let exact = MPFloat(1, precision: 4 * p) / MPFloat(3, precision: 4 * p)
      #expect(r.contains(exact))
    }
  }

  @Test(arguments: [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 7])
  func integerPowers(n: Int) {
    var g = SplitMix64(seed: UInt64(n + 100))
    for p in [53, 160] {
      for _ in 0..<40 {
        let x = randomInterval(-4...4, maxWidth: 3, precision: p, using: &g)
        let r = MPInterval.pow(x, n)
        let bad = violations(r, randomPoints(x, count: 6, precision: 4 * p, using: &g)) { MPFloat.pow($0, n) }
        #expect(bad.isEmpty, "\(x)^\(n) = \(r): \(bad.prefix(2))")
        if n > 0 && n % 2 == 0 { #expect(r.lower >= MPFloat(0)) }  // tight: never negative
        let zero = MPFloat(0, precision: 2)
        if n < 0 && x.lower <= zero && x.upper >= zero { #expect(r.possiblyUndefined) }
        if n >= 0 || !(x.lower <= zero && x.upper >= zero) { #expect(!r.possiblyUndefined) }
      }
    }
    // Even power of an interval straddling 0 is [0, max^n], unlike x * x.
    let s = MPInterval(lower: MPFloat(-2, precision: 53), upper: MPFloat(3, precision: 53))
    if n == 2 {
      #expect(MPInterval.pow(s, 2) == MPInterval(lower: MPFloat(0), upper: MPFloat(9)))
      #expect((s * s).lower == MPFloat(-6))
    }
  }
}
