import Foundation
import MultiPrecision
import Testing

/// Where to draw argument intervals for each unary function (centre range,
/// largest width): sensible domains, with ranges that cross domain
/// boundaries and poles so that the domain rule is exercised too.
func testDomain(_ f: RealFunction) -> (ClosedRange<Double>, Double) {
  switch f {
  case .exp, .expm1, .exp2, .exp10: return (-20...20, 4)
  case .log, .log2, .log10: return (-0.5...100, 5)
  case .log1p: return (-1.2...50, 3)
  case .sqrt: return (-1...100, 5)
  case .cbrt: return (-100...100, 10)
  case .abs: return (-10...10, 4)
  case .sin, .cos: return (-20...20, 4)
  case .tan, .sec, .csc, .cot: return (-10...10, 2)
  case .asin, .acos: return (-1.2...1.2, 0.5)
  case .atan: return (-50...50, 10)
  case .sinh, .cosh, .tanh, .sech, .csch, .coth: return (-10...10, 3)
  case .asinh: return (-50...50, 10)
  case .acosh: return (0.5...50, 5)
  case .atanh: return (-1.1...1.1, 0.4)
  case .erf, .erfc: return (-5...5, 2)
  case .gamma: return (-5...10, 1.5)
  case .lgamma: return (-5...20, 2)
  case .digamma: return (-5...20, 1.5)
  case .zeta: return (-15...15, 2)
  case .ai: return (-15...10, 2)
  case .ei: return (-10...10, 3)
  case .li2: return (-10...10, 3)
  case .j0, .j1: return (-30...30, 4)
  case .y0, .y1: return (-1...30, 4)
  case .floor, .ceil, .trunc, .round: return (-10...10, 3)
  case .sign, .heaviside, .relu, .frac: return (-5...5, 3)
  case .lambertw: return (-0.5...30, 4)
  case .re, .im, .conj, .arg: return (-10...10, 4)
  }
}

/// Multiplier for the number of random cases (environment variable
/// `MPINTERVAL_STRESS`, default 1) for occasional long sweeps.
let stressFactor = Int(ProcessInfo.processInfo.environment["MPINTERVAL_STRESS"] ?? "") ?? 1

@Suite struct MPIntervalFunctionTests {
  /// For random argument intervals at several precisions, the enclosure
  /// contains f evaluated at 4× the precision at random points of the
  /// argument (NaN there = outside the domain, skipped).
  @Test(arguments: RealFunction.allCases)
  func enclosesAtRandomPoints(f: RealFunction) {
    var g = SplitMix64(seed: f.name.utf8.reduce(5) { $0 &* 31 &+ UInt64($1) })
    let (range, maxWidth) = testDomain(f)
    for p in [24, 53, 113, 256] {
      for _ in 0..<(12 * stressFactor) {
        let x = randomInterval(range, maxWidth: maxWidth, precision: p, using: &g)
        let r = MPInterval.apply(f, x)
        #expect(r.precision == p)
        let pts = randomPoints(x, count: 6, precision: 4 * p, using: &g)
        let bad = violations(r, pts) { f($0) }
        #expect(bad.isEmpty, "\(f)(\(x)) at \(p) bits = \(r): \(bad.prefix(2))")
        // Domain flag: raised whenever some sampled point is outside.
        let undefinedSomewhere = pts.contains { f($0).isNaN }
        if undefinedSomewhere { #expect(r.possiblyUndefined, "\(f)(\(x)) should be flagged") }
      }
    }
  }

  /// Point arguments give the tightest enclosure: width ≤ 1 ulp of the
  /// result, so widths scale like 2^−p; narrow arguments of relative width
  /// 2^−p give widths within a fixed factor of 2^−p too.
  @Test(arguments: RealFunction.allCases)
  func widthsShrinkWithPrecision(f: RealFunction) {
    let centres: [Double] = {
      switch f {
      case .acosh: return [1.7, 3.2]
      case .log, .log2, .log10, .sqrt, .y0, .y1, .lgamma, .digamma, .gamma: return [0.7, 2.3]
      case .asin, .acos, .atanh: return [0.3, -0.6]
      case .log1p: return [0.4, 3.0]
      case .zeta: return [2.5, -3.3]
      case .lambertw: return [0.7, 2.5]
      default: return [0.7, -1.3]
      }
    }()
    for c in centres {
      var scaled: [Double] = []
      for p in [64, 128, 256] {
        let lo = MPFloat(c, precision: p)
        var w = lo.magnitude
        w.multiplyByPowerOfTwo(-p)
        let narrow = MPInterval(lower: lo, upper: lo + w)
        let point = MPInterval.apply(f, MPInterval(lo))
        let value = point.midpoint.magnitude
        if value.isZero { continue }
        // point: at most one ulp
        #expect(point.width <= point.upper.ulp, "\(f)(\(c)) at \(p) bits: \(point)")
        // narrow: width / |f| · 2^p stays bounded as p grows
        let r = MPInterval.apply(f, narrow)
        #expect(!r.possiblyUndefined)
        var s = r.width / value
        s.multiplyByPowerOfTwo(p)
        scaled.append(s.doubleValue)
      }
      for s in scaled { #expect(s < 64, "\(f) near \(c): width·2^p/|f| = \(scaled)") }
    }
  }

  /// A deliberately wrong enclosure is detected by the containment check.
  @Test(arguments: [RealFunction.exp, .log, .sin, .gamma, .j0, .zeta, .atan])
  func wrongEnclosuresAreDetected(f: RealFunction) {
    let p = 53
    let x = MPInterval(decimal: "0.75", precision: p)!
    let right = MPInterval.apply(f, x)
    let point = [x.lower.rounded(toPrecision: 4 * p)]
    #expect(violations(right, point) { f($0) }.isEmpty)
    // Shifted up by three ulps: misses the value.
    var lo = right.lower, hi = right.upper
    for _ in 0..<3 { lo = lo.nextUp; hi = hi.nextUp }
    #expect(!violations(MPInterval(lower: lo, upper: hi), point) { f($0) }.isEmpty)
    // Rounded to nearest instead of outward: a point that misses the
    // (irrational) value.
    let nearest = f(x.lower, precision: p, rounding: .toNearest)
    #expect(!violations(MPInterval(nearest), point) { f($0) }.isEmpty)
  }

  /// Binary functions: random boxes at several precisions.
  @Test(arguments: RealFunction2.allCases)
  func binaryEnclosesAtRandomPoints(f: RealFunction2) {
    var g = SplitMix64(seed: f.name.utf8.reduce(17) { $0 &* 131 &+ UInt64($1) })
    for p in [24, 53, 113, 200] {
      for trial in 0..<(14 * stressFactor) {
        let a: MPInterval, b: MPInterval
        switch f {
        case .pow:
          if trial % 3 == 0 {
            a = randomInterval(-5...5, maxWidth: 3, precision: p, using: &g)
            b = MPInterval(Int.random(in: -4...4, using: &g), precision: p)
          } else if trial % 3 == 1 {
            a = randomInterval(0...10, maxWidth: 4, precision: p, using: &g)
            b = randomInterval(-3...3, maxWidth: 2, precision: p, using: &g)
          } else {
            a = randomInterval(-3...3, maxWidth: 2, precision: p, using: &g)
            b = randomInterval(0.5...3.5, maxWidth: 2, precision: p, using: &g)
          }
        case .atan2, .hypot, .min, .max:
          a = randomInterval(-5...5, maxWidth: 3, precision: p, using: &g)
          b = randomInterval(-5...5, maxWidth: 3, precision: p, using: &g)
        case .remainder, .fmod:
          a = randomInterval(-20...20, maxWidth: trial % 2 == 0 ? 0.3 : 8, precision: p, using: &g)
          b = randomInterval(-5...5, maxWidth: 1, precision: p, using: &g)
        case .agm:
          a = randomInterval(-1...10, maxWidth: 3, precision: p, using: &g)
          b = randomInterval(0...10, maxWidth: 3, precision: p, using: &g)
        case .beta:
          a = randomInterval(trial % 2 == 0 ? 0.1...5 : -3...5, maxWidth: 1, precision: p, using: &g)
          b = randomInterval(0.1...5, maxWidth: 1, precision: p, using: &g)
        case .gammainc:
          a = randomInterval(-3...5, maxWidth: 1, precision: p, using: &g)
          b = randomInterval(0.05...5, maxWidth: 2, precision: p, using: &g)
        case .besselj, .bessely:
          let n = Int.random(in: -4...6, using: &g)
          a =
            trial % 4 == 0
            ? MPInterval(lower: MPFloat(n, precision: p), upper: MPFloat(n + 2, precision: p))
            : MPInterval(n, precision: p)
          b = randomInterval(f == .besselj ? -20...20 : 0.1...20, maxWidth: 3, precision: p, using: &g)
        case .root:
          a = randomInterval(-10...10, maxWidth: 4, precision: p, using: &g)
          b = MPInterval(Int.random(in: 1...5, using: &g), precision: p)
        case .besseli, .besselk:
          let n = Int.random(in: -4...6, using: &g)
          a =
            trial % 4 == 0
            ? MPInterval(lower: MPFloat(n, precision: p), upper: MPFloat(n + 2, precision: p))
            : MPInterval(n, precision: p)
          b = randomInterval(f == .besseli ? -20...20 : -0.5...30, maxWidth: 3, precision: p, using: &g)
        case .lambertw:
          a = randomInterval(trial % 2 == 0 ? -0.5...0.05 : -0.5...20, maxWidth: 2, precision: p, using: &g)
          b = MPInterval(trial % 2 == 0 ? -1 : 0, precision: p)
        }
        let r = MPInterval.apply(f, a, b)
        #expect(r.precision == p)
        let q = 4 * p
        let xs = randomPoints(a, count: 3, precision: q, using: &g)
        var ys = randomPoints(b, count: 3, precision: q, using: &g)
        if f == .pow || f == .besselj || f == .bessely {
          // integer orders/exponents inside the interval
          var k = RealFunction.ceil(b.lower)
          while k <= b.upper && ys.count < 12 && f == .pow { ys.append(k.rounded(toPrecision: q)); k = k + 1 }
        }
        var xsOrders = xs
        if f == .besselj || f == .bessely || f == .besseli || f == .besselk {
          xsOrders = []
          var k = RealFunction.ceil(a.lower)
          while k <= a.upper { xsOrders.append(k.rounded(toPrecision: q)); k = k + 1 }
        }
        for x in xsOrders {
          let bad = violations(r, ys) { y in f(x, y, precision: q) }
          #expect(bad.isEmpty, "\(f)(\(a), \(b)) at \(p) bits = \(r): x=\(x) \(bad.prefix(2))")
        }
      }
    }
  }
}

// MARK: - Extrema, poles, domain rule

@Suite struct MPIntervalShapeTests {
  func iv(_ a: String, _ b: String, _ p: Int = 53) -> MPInterval {
    MPInterval(lower: MPFloat(a, precision: p)!, upper: MPFloat(b, precision: p)!)
  }

  @Test func sineAndCosineOverExtrema() {
    for p in [53, 200] {
      let one = MPFloat(1, precision: p)
      // [1, 2] ∋ π/2: the maximum 1 is attained.
      #expect(MPInterval.apply(.sin, iv("1", "2", p)).upper == one)
      // [1, 1.5] and [1.6, 3] avoid π/2 (certifiably): upper < 1.
      #expect(MPInterval.apply(.sin, iv("1", "1.5", p)).upper < one)
      #expect(MPInterval.apply(.sin, iv("1.6", "3", p)).upper < one)
      // cos over [−0.1, 0.1] ∋ 0 and [3, 3.3] ∋ π.
      #expect(MPInterval.apply(.cos, iv("-0.1", "0.1", p)).upper == one)
      #expect(MPInterval.apply(.cos, iv("3", "3.3", p)).lower == -one)
      #expect(MPInterval.apply(.cos, iv("3.2", "4", p)).lower > -one)
      // A whole period.
      #expect(MPInterval.apply(.sin, iv("0", "7", p)) == MPInterval(lower: -one, upper: one))
      // Endpoints one ulp either side of π/2: the maximum is inside.
      let halfPi = MPInterval(constant: .pi, precision: p) / MPInterval(2, precision: p)
      let around = MPInterval(lower: halfPi.lower.nextDown, upper: halfPi.upper.nextUp)
      #expect(MPInterval.apply(.sin, around).upper == one)
      // Far from 0: [10^20, 10^20 + 3], checked at random points.
      var g = SplitMix64(seed: 99)
      let far = iv("1e20", "100000000000000000003", p)
      for f in [RealFunction.sin, .cos] {
        let r = MPInterval.apply(f, far)
        #expect(violations(r, randomPoints(far, count: 40, precision: 4 * p, using: &g)) { f($0) }.isEmpty)
      }
    }
  }

  @Test func poles() {
    func isEntireFlagged(_ r: MPInterval) -> Bool {
      r.lower.isInfinite && r.upper.isInfinite && r.possiblyUndefined
    }
    #expect(isEntireFlagged(MPInterval.apply(.tan, iv("1", "2"))))  // π/2
    #expect(!MPInterval.apply(.tan, iv("-1", "1")).possiblyUndefined)
    #expect(isEntireFlagged(MPInterval.apply(.cot, iv("-0.5", "0.5"))))
    #expect(isEntireFlagged(MPInterval.apply(.sec, iv("4.5", "5"))))  // 3π/2
    #expect(isEntireFlagged(MPInterval.apply(.csc, iv("3", "3.2"))))  // π
    #expect(isEntireFlagged(MPInterval.apply(.gamma, iv("-1.5", "-0.5"))))
    #expect(isEntireFlagged(MPInterval.apply(.digamma, iv("-3.5", "-2.5"))))
    #expect(isEntireFlagged(MPInterval.apply(.zeta, iv("0.5", "1.5"))))
    let g = MPInterval.apply(.gamma, iv("-0.9", "-0.1"))
    #expect(!g.possiblyUndefined && g.upper < MPFloat(0))
    let gPole = MPInterval.apply(.gamma, MPInterval(-2, precision: 53))
    #expect(gPole.isEmpty && gPole.possiblyUndefined)
    // coth: one-sided limits at the pole 0
    let c = MPInterval.apply(.coth, iv("0", "1"))
    #expect(c.possiblyUndefined && c.upper.isInfinite && c.lower > MPFloat(1))
    // x^−2 over [−1, 1]
    let q = MPInterval.pow(iv("-1", "1"), -2)
    #expect(q.possiblyUndefined && q.lower == MPFloat(1) && q.upper.isInfinite)
  }

  @Test func domainRule() {
    let l = MPInterval.apply(.log, iv("-1", "1"))
    #expect(l.possiblyUndefined && l.lower.isInfinite && l.upper.isZero)
    let outside = MPInterval.apply(.log, iv("-2", "-1"))
    #expect(outside.isEmpty && outside.possiblyUndefined)
    let s = MPInterval.apply(.sqrt, iv("-1", "4"))
    #expect(s.possiblyUndefined && s == MPInterval(lower: MPFloat(0), upper: MPFloat(2), possiblyUndefined: true))
    let a = MPInterval.apply(.asin, iv("0.5", "2"))
    #expect(a.possiblyUndefined && a.contains(MPFloat.pi / 2) && a.contains(MPFloat.asin(MPFloat("0.5")!)))
    #expect(MPInterval.apply(.acosh, iv("0", "0.5")).isEmpty)
    #expect(!MPInterval.apply(.log, iv("1", "2")).possiblyUndefined)
    // The flag propagates through every later operation.
    let one = MPInterval(1, precision: 53)
    #expect((s + one).possiblyUndefined && (one * s).possiblyUndefined && (one / s).possiblyUndefined)
    #expect(MPInterval.apply(.exp, s).possiblyUndefined && MPInterval.pow(s, 2).possiblyUndefined)
    #expect(MPInterval.apply(.atan2, s, one).possiblyUndefined)
    // x^y with x < 0 and non-integer y is undefined: entirely outside -> empty.
    let negHalf = MPInterval.apply(.pow, iv("-2", "-1"), iv("0.5", "0.5"))
    #expect(negHalf.isEmpty && negHalf.possiblyUndefined)
    let negInt = MPInterval.apply(.pow, iv("-2", "-1"), iv("1.5", "2.5"))  // only y = 2
    #expect(negInt.possiblyUndefined && negInt.contains(MPFloat(4)) && negInt.contains(MPFloat(1)))
    // Y0 is defined for x > 0 only.
    let y = MPInterval.apply(.y0, iv("-1", "1"))
    #expect(y.possiblyUndefined && y.lower.isInfinite)
  }

  /// Very wide or far-out arguments return quickly with rigorous global
  /// bounds, checked at random points.
  @Test func wideAndFarArguments() {
    var g = SplitMix64(seed: 2024)
    let cases: [(RealFunction, MPInterval)] = [
      (.j0, iv("0", "1e6")), (.j1, iv("-1e6", "1e6")), (.y0, iv("1", "1e10")), (.y1, iv("1", "inf")),
      (.ai, iv("-300", "0")), (.ai, iv("-inf", "inf")), (.sin, iv("1e300", "2e300")), (.tan, iv("1e300", "2e300")),
      (.zeta, iv("-1e4", "-3")), (.gamma, iv("100", "1e5")), (.lgamma, iv("0.5", "inf")), (.digamma, iv("0.25", "inf")),
    ]
    for (f, x) in cases {
      let r = MPInterval.apply(f, x)
      let bad = violations(r, randomPoints(x, count: 20, precision: 212, using: &g)) { f($0) }
      #expect(bad.isEmpty, "\(f)(\(x)) = \(r): \(bad.prefix(2))")
    }
    #expect(MPInterval.apply(.j0, iv("0", "1e6")) == MPInterval(lower: MPFloat(-1), upper: MPFloat(1)))
    #expect(MPInterval.apply(.tan, iv("1e300", "2e300")).possiblyUndefined)
    let lg = MPInterval.apply(.lgamma, iv("0.5", "inf"))
    #expect(lg.lower < MPFloat("-0.1214862905358496")! && lg.lower > MPFloat("-0.1214862905358497")!)
  }

  /// The minimum of Γ on the positive axis is enclosed honestly and tightly
  /// (reference: mpmath, Tests/Fixtures/MultiPrecision/interval_constants.txt).
  @Test func gammaMinimum() throws {
    let ref = try referenceConstants()
    let minValue = try #require(ref["gamma_min_value"])
    for p in [53, 128, 180] {
      let r = MPInterval.apply(.gamma, iv("1", "2", p))
      let v = MPFloat(minValue, precision: 4 * p)!
      #expect(r.lower <= v)
      var tol = v; tol.multiplyByPowerOfTwo(-p + 4)
      #expect(v - r.lower <= tol, "lower bound \(r.lower) vs minimum \(v) at \(p) bits")
      #expect(r.upper == MPInterval.apply(.gamma, MPInterval(MPFloat(1, precision: p))).upper)
      // on the negative axis: Γ on (−2, −1) has an interior minimum too
      let n = MPInterval.apply(.gamma, iv("-1.9", "-1.1", p))
      var g = SplitMix64(seed: UInt64(p))
      #expect(
        violations(n, randomPoints(iv("-1.9", "-1.1", p), count: 50, precision: 4 * p, using: &g)) {
          MPFloat.gamma($0)
        }.isEmpty)
      // lgamma shares the minimiser
      let lg = MPInterval.apply(.lgamma, iv("1", "2", p))
      #expect(lg.lower <= MPFloat.log(v) && lg.upper.isZero)
    }
  }

  /// Extrema of oscillating functions inside the interval (J0's first
  /// minimum, Ai's maximum) are enclosed and approached to within 2^(6−p).
  @Test func oscillatingExtrema() throws {
    let ref = try referenceConstants()
    for p in [53, 128] {
      let j = MPInterval.apply(.j0, iv("3", "4.5", p))
      let jmin = MPFloat(try #require(ref["j0_first_min_value"]), precision: 4 * p)!
      #expect(j.lower <= jmin)
      var tol = jmin.magnitude; tol.multiplyByPowerOfTwo(-p + 6)
      #expect(jmin - j.lower <= tol, "J0 lower \(j.lower) vs \(jmin)")
      let a = MPInterval.apply(.ai, iv("-1.5", "-0.5", p))
      let amax = MPFloat(try #require(ref["airy_max_value"]), precision: 4 * p)!
      #expect(a.upper >= amax)
      #expect(a.upper - amax <= tol)
    }
  }
}

/// name → decimal text, from the committed fixture.
func referenceConstants() throws -> [String: String] {
  let tests = String(#filePath).split(separator: "/").dropLast(2).joined(separator: "/")
  let text = try String(
    contentsOfFile: "/" + tests + "/Fixtures/MultiPrecision/interval_constants.txt", encoding: .utf8)
  var out: [String: String] = [:]
  for line in text.split(separator: "\n") {
    let parts = line.split(separator: " ")
    if parts.count == 2 { out[String(parts[0])] = String(parts[1]) }
  }
  return out
}
