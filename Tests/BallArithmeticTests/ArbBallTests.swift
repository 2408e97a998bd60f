import BallArithmetic
import Foundation
import MultiPrecision
import Testing

/// Where to draw argument balls for each one-argument function (centre range, largest
/// width): sensible domains, with ranges that cross domain ends, poles and jumps so that
/// the domain rule (indeterminate, never a wrong number) is exercised too.
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

/// A random ball [c − w, c + w] (ends exact at p bits; a point one time in four).
func randomBall(
  _ range: ClosedRange<Double>, maxWidth: Double, precision p: Int, using g: inout SplitMix64
)
  -> ArbBall
{
  let c = MPFloat(range.lowerBound + (range.upperBound - range.lowerBound) * g.nextUniform(), precision: p)
  if g.next() % 4 == 0 { return ArbBall(c, precision: p) }
  let w = MPFloat(maxWidth * g.nextUniform() / 2, precision: p)
  return ArbBall(lower: c - w, upper: c + w, precision: p)
}

/// `count` random points of the ball (and both ends), at `precision` bits.
func randomPoints(_ x: ArbBall, count: Int, precision p: Int, using g: inout SplitMix64) -> [MPFloat] {
  let (lo, hi) = x.bounds(precision: p)
  guard lo.isFinite, hi.isFinite else { return [] }
  var out = [lo, hi]
  for _ in 0..<count {
    let t = MPFloat(g.nextUniform(), precision: p)
    out.append(lo + (hi - lo) * t)
  }
  return out.filter { x.contains($0) }
}

@Suite struct ArbBallTests {
  /// Contract of every one-argument function: for random balls at several precisions, the
  /// result contains f evaluated by MPFR at 4× the precision at random points of the ball;
  /// where f is undefined at some sampled point (MPFR: NaN) the result is not finite.
  @Test(arguments: RealFunction.allCases)
  func enclosesAtRandomPoints(f: RealFunction) {
    var g = SplitMix64(seed: f.name.utf8.reduce(5) { $0 &* 31 &+ UInt64($1) })
    let (range, maxWidth) = testDomain(f)
    for p in [24, 53, 113, 256] {
      for _ in 0..<12 {
        let x = randomBall(range, maxWidth: maxWidth, precision: p, using: &g)
        let r = ArbBall.apply(f, x)
        #expect(r.precision == p)
        let pts = randomPoints(x, count: 6, precision: 4 * p, using: &g)
        for t in pts {
          let v = f(t, precision: 4 * p)
          if v.isNaN {
            #expect(!r.isFinite, "\(f)(\(x)) at \(p) bits = \(r), but \(f)(\(t)) is undefined")
          } else if v.isFinite && r.isFinite {
            #expect(r.contains(v), "\(f)(\(x)) at \(p) bits = \(r) ∌ \(f)(\(t)) = \(v)")
          }
        }
      }
    }
  }

  /// The two-argument functions: random boxes, the same contract.
  @Test(arguments: RealFunction2.allCases)
  func binaryEnclosesAtRandomPoints(f: RealFunction2) {
    var g = SplitMix64(seed: f.name.utf8.reduce(17) { $0 &* 131 &+ UInt64($1) })
    for p in [24, 53, 113, 200] {
      for trial in 0..<14 {
        let a: ArbBall, b: ArbBall
        switch f {
        case .pow:
          if trial % 3 == 0 {
            a = randomBall(-5...5, maxWidth: 3, precision: p, using: &g)
            b = ArbBall(Int(g.next() % 9) - 4, precision: p)
          } else {
            a = randomBall(trial % 3 == 1 ? 0...10 : -3...3, maxWidth: 3, precision: p, using: &g)
            b = randomBall(-3...3, maxWidth: 2, precision: p, using: &g)
          }
        case .atan2, .hypot, .min, .max:
          a = randomBall(-5...5, maxWidth: 3, precision: p, using: &g)
          b = randomBall(-5...5, maxWidth: 3, precision: p, using: &g)
        case .remainder, .fmod:
          a = randomBall(-20...20, maxWidth: trial % 2 == 0 ? 0.3 : 8, precision: p, using: &g)
          b = randomBall(-5...5, maxWidth: 1, precision: p, using: &g)
        case .agm:
          a = randomBall(-1...10, maxWidth: 3, precision: p, using: &g)
          b = randomBall(0...10, maxWidth: 3, precision: p, using: &g)
        case .beta:
          a = randomBall(trial % 2 == 0 ? 0.1...5 : -3...5, maxWidth: 1, precision: p, using: &g)
          b = randomBall(0.1...5, maxWidth: 1, precision: p, using: &g)
        case .gammainc:
          a = randomBall(-3...5, maxWidth: 1, precision: p, using: &g)
          b = randomBall(0.05...5, maxWidth: 2, precision: p, using: &g)
        case .besselj, .bessely, .besseli, .besselk:
          // Integer orders, and real orders (a ball of orders one time in four).
          let n = Int(g.next() % 11) - 4
          a =
            trial % 4 == 0
            ? randomBall(Double(n)...Double(n), maxWidth: 0.5, precision: p, using: &g) : ArbBall(n, precision: p)
          b = randomBall(f == .besselj || f == .besseli ? -20...20 : -0.5...30, maxWidth: 3, precision: p, using: &g)
        case .root:
          a = randomBall(-10...10, maxWidth: 4, precision: p, using: &g)
          b = ArbBall(Int(g.next() % 5) + 1, precision: p)
        case .lambertw:
          a = randomBall(-0.5...10, maxWidth: 1, precision: p, using: &g)
          b = ArbBall(trial % 2 == 0 ? 0 : -1, precision: p)
        }
        let r = ArbBall.apply(f, a, b)
        let pa = randomPoints(a, count: 3, precision: 4 * p, using: &g)
        let pb = randomPoints(b, count: 3, precision: 4 * p, using: &g)
        for s in pa {
          for t in pb {
            let v = f(s, t, precision: 4 * p)
            if v.isNaN {
              #expect(!r.isFinite, "\(f)(\(a), \(b)) = \(r), but \(f)(\(s), \(t)) is undefined")
            } else if v.isFinite && r.isFinite {
              #expect(r.contains(v), "\(f)(\(a), \(b)) at \(p) bits = \(r) ∌ \(f)(\(s), \(t)) = \(v)")
            }
          }
        }
      }
    }
  }

  /// Point arguments give tight balls: a radius of a few ulps of the value.
  @Test func pointsAreTight() {
    for f in [RealFunction.exp, .log, .sin, .atan, .gamma, .zeta, .erf, .j0, .lambertw, .digamma, .ai] {
      let x = ArbBall(MPFloat("2.375")!, precision: 200)
      let r = ArbBall.apply(f, x)
      #expect(r.relativeAccuracyBits >= 190, "\(f): \(r)")
    }
  }

  /// The contract's violated twin: a ball shifted off the true value, or rounded to
  /// nearest without a radius, is caught by the same containment check.
  @Test func shiftedEnclosuresAreCaught() {
    let x = ArbBall(MPFloat("0.7")!, precision: 128)
    let r = ArbBall.apply(.gamma, x)
    let exact = RealFunction.gamma(x.midpoint(precision: 512), precision: 512)
    #expect(r.contains(exact))
    let shift = 4 * r.radius
    #expect(!(r + ArbBall(lower: shift, upper: shift)).contains(exact))
    #expect(!ArbBall(r.midpoint(precision: 20)).contains(exact))
  }

  /// Domain rule: outside the domain the result is indeterminate, never a number.
  @Test func outsideTheDomainIsIndeterminate() {
    let p = 128
    let negative = ArbBall(lower: MPFloat(-2), upper: MPFloat(-1), precision: p)
    let acrossZero = ArbBall(lower: MPFloat(-1), upper: MPFloat(1), precision: p)
    for (f, x) in [
      (RealFunction.log, negative), (.log, acrossZero), (.sqrt, negative), (.sqrt, acrossZero), (.asin, negative),
      (.acosh, acrossZero), (.gamma, ArbBall(-2, precision: p)), (.digamma, ArbBall(0, precision: p)),
      (.y0, negative), (.lambertw, negative),
    ] {
      #expect(!ArbBall.apply(f, x).isFinite, "\(f)(\(x)) = \(ArbBall.apply(f, x))")
    }
    // Step functions are defined everywhere: a ball across a jump gives the hull.
    #expect(
      ArbBall.apply(.sign, acrossZero).contains(MPFloat(-1)) && ArbBall.apply(.sign, acrossZero).contains(MPFloat(1)))
    #expect(ArbBall.apply(.heaviside, ArbBall(0, precision: p)).midpoint == MPFloat(0.5))
  }

  /// Infinite ends: [∞, ∞] is the exact point ∞ (comparable: −∞ < 1), a half-infinite
  /// interval is every real (no information), never NaN.
  @Test func infiniteEnds() {
    let inf = MPFloat.infinity
    let x = ArbBall(lower: inf, upper: inf, precision: 64)
    #expect(x.isExact && x.upper == inf && (-x).lower == -inf)
    let half = ArbBall(lower: MPFloat(1), upper: inf, precision: 64)
    #expect(!half.isFinite && half.contains(MPFloat(5)) && !half.midpoint.isNaN)
  }

  /// Correct rounding from a ball: the value when both ends round alike, nil otherwise.
  @Test func correctRoundingFromBalls() {
    let x = ArbBall.apply(.exp, ArbBall(1, precision: 300))
    #expect(x.correctlyRounded(precision: 200) == MPFloat.exp(MPFloat(1, precision: 200)))
    let wide = ArbBall(lower: MPFloat(1), upper: MPFloat(2), precision: 64)
    #expect(wide.correctlyRounded(precision: 53) == nil)
    #expect(x.decimal(digits: 50) == MPFloat.exp(MPFloat(1, precision: 400)).formatted(digits: 50))
  }

  /// Lambert W and the Bessel functions beyond MPFR, as MPFloat values rounded from Arb
  /// (Ziv): correctly rounded (the directed roundings bracket the value and are 1 ulp
  /// apart) and satisfying w·eʷ = x.
  @Test func zivRoundedSpecialFunctions() {
    for bits in [53, 113, 300] {
      let x = MPFloat("2.5", precision: bits)!
      let w = RealFunction.lambertw(x)
      #expect((w * MPFloat.exp(w) - x).magnitude <= 8 * x.ulp)
      let down = RealFunction2.besselk(MPFloat(1, precision: bits), x, rounding: .down)
      let up = RealFunction2.besselk(MPFloat(1, precision: bits), x, rounding: .up)
      #expect(down < up && down.nextUp == up)
      let ball = ArbBall.bessel(.besselk, ArbBall(1, precision: 4 * bits), ArbBall(x, precision: 4 * bits))
      #expect(ball.upper > down && ball.lower < up)
    }
    // Non-integer order J through Arb: J_{1/2}(x) = √(2/(πx)) sin x.
    let x = MPFloat("1.25", precision: 200)!
    let j = RealFunction2.besselj(MPFloat("0.5", precision: 200)!, x)
    let closed = MPFloat.sqrt(2 / (MPFloat.pi * x)) * MPFloat.sin(x)
    #expect((j - closed).magnitude <= 4 * j.ulp)
  }
}
