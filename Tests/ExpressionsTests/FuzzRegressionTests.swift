import BallArithmetic
import Foundation
import MultiPrecision
import TestSupport
import Testing

@testable import Expressions

/// Inputs of the expressions fuzz target (Tests/Fuzz/expressions/regressions/) that
/// crashed or hung an evaluation, each with what it now gives.
@Suite struct FuzzRegressionTests {
  static func input(_ name: String) throws -> String {
    try String(contentsOf: PackagePaths.url("Tests/Fuzz/expressions/regressions/\(name)"), encoding: .utf8)
  }

  /// `ai(100000000)`: MPFR's `mpfr_ai` aborted the process in GMP ("Cannot allocate
  /// memory", 240 TB); Ai now comes from Arb. Both Ai(10⁸) ≈ e^{−(2/3)·10¹²} (tiny but
  /// representable: the suite widens MPFR's exponent range) and Ai(−10⁸) are checked
  /// against Arb's enclosure at 256 bits (the 64-bit value is correctly rounded:
  /// within 2⁻⁶³ of it); Ai(−10⁸) also against the asymptotic amplitude
  /// |Ai(−x)| ≤ π^{−1/2} x^{−1/4} (DLMF 9.7.9), 0.00564 at x = 10⁸.
  @Test(arguments: ["file", "ai(-100000000)"])
  func airyAtLargeArguments(_ source: String) throws {
    let e = try Expression.parse(source == "file" ? try Self.input("airy-large.txt") : source)
    let v = try e.evaluate(as: MPFloat.self, precision: 64)
    let ball = try e.evaluate(as: ArbBall.self, precision: 256)
    let mid = ball.midpoint
    #expect(v.isFinite && !v.isZero)
    #expect(abs(v - mid) <= abs(mid) * MPFloat(0x1p-63, precision: 64), "\(v) vs \(ball)")
    if source == "file" {
      #expect(v > 0 && v < MPFloat(0x1p-1000, precision: 64))
    } else {
      #expect(abs(v.doubleValue) <= 0.00565)
    }
  }

  /// `ceil(3^0.52^3^24)` (FLINT asked for 2⁶⁰ bytes: the exact lower bound of 1 + 2^(−2.7·10¹¹) ± r)
  /// and `round(3^3^30)` (the exact 3^(3^30) + ½): evaluated in ArbBall at 64 bits, each gives a
  /// finite ball that contains the true value (2: 3^y > 1 for the tiny y > 0; 3^(3^30) is an
  /// integer, its own round), and MPFloat gives a number. Twin: the ball of ceil is not exact
  /// (its ends round outward), so a claim `ceil(...) == 2` stays undecided rather than true.
  @Test func stepFunctionsOfExtremeBalls() throws {
    let ceilBall = try Expression.parse(try Self.input("flint-oom-ceil.txt")).evaluate(as: ArbBall.self, precision: 64)
    #expect(ceilBall.isFinite && ceilBall.contains(ArbBall(MPFloat(2, precision: 64))), "\(ceilBall)")
    #expect(!ceilBall.isExact)
    let v = try Expression.parse(try Self.input("flint-oom-ceil.txt")).evaluate(as: MPFloat.self, precision: 64)
    #expect(v == MPFloat(1, precision: 64) || v == MPFloat(2, precision: 64))
    let roundBall = try Expression.parse(try Self.input("huge-half-shift.txt")).evaluate(
      as: ArbBall.self, precision: 64)
    let power = try Expression.parse("3^3^30").evaluate(as: ArbBall.self, precision: 64)
    #expect(roundBall.isFinite && roundBall.contains(power), "\(roundBall) vs \(power)")
  }

  /// `bessely(10000, 10000)` did not finish (MPFR's `mpfr_yn`); it now comes from Arb in
  /// milliseconds, Y₁₀₀₀₀(10⁴) = −0.0359611295156… (SciPy, BesselLargeOrderTests' fixture).
  @Test func besselOfLargeOrder() throws {
    let e = try Expression.parse(try Self.input("bessel-large-order.txt"))
    let v = try e.evaluate(as: MPFloat.self, precision: 64)
    #expect(abs(v.doubleValue + 0.035961129515610174) <= 1e-12)
    let ball = try e.evaluate(as: ArbBall.self, precision: 64)
    #expect(ball.contains(ArbBall(v)))
  }

  /// `bessely(1000000,10000)` (reported as a time-out under load: 2.6 s over its four
  /// evaluations). Y₁₀₀₀₀₀₀(10⁴) ≈ −1.88·10^1866743 is beyond Arb's methods at the bridge's
  /// precisions: MPFloat gives NaN (no number rather than a wrong one), and the 64-bit complex
  /// ball is finite but decides no digit (`eval --complex` refuses it, see ComplexCLITests).
  @Test func besselOfHugeOrder() throws {
    let e = try Expression.parse(try Self.input("bessel-huge-order-complex.txt"))
    #expect(try e.evaluate(as: MPFloat.self, precision: 64).isNaN)
    let z = try e.evaluate(as: AcbBall.self, precision: 64)
    #expect(z.isFinite && z.complexRelativeAccuracyBits < 0)
  }

  /// An input whose evaluation ran past libFuzzer's 2 GiB under ASan (and took 8 s without
  /// it): its inner `bessely(1000, 0100e02^6^0^…)` is Y₁₀₀₀(10⁴) (6^0^… = 6⁰ = 1), which MPFR's
  /// `mpfr_yn` took 3.5 s for; orders beyond 64 now come from Arb. Checked: the inner value
  /// against SciPy (−0.0051439694736237…, BesselLargeOrderTests' fixture has it too), and
  /// the whole input evaluates in every scalar type (a number or an error with a message).
  @Test func besselOfOrder1000() throws {
    let inner = try Expression.parse("bessely(1000, 0100e02^6^0^3^6)").evaluate(as: MPFloat.self, precision: 64)
    #expect(abs(inner.doubleValue - 0.0051439694736237311) <= 1e-15)
    let e = try Expression.parse(try Self.input("bessel-order-1000-oom.txt"))
    for value in [
      { try e.evaluate(as: MPFloat.self, precision: 64).description },
      { try e.evaluate(as: ArbBall.self, precision: 64).description },
      { try e.evaluate(as: AcbBall.self, precision: 64).description },
    ] {
      do { #expect(!(try value()).isEmpty) } catch { #expect(!"\(error)".isEmpty) }
    }
  }

  /// `bessely(-00010,10000)` (an out-of-memory report under ASan, 6.7 s without it): MPFR's
  /// `mpfr_yn` is slow at negative orders (2.6 s at n = −10 against 0.01 s at n = 10); now
  /// Y₋ₙ = (−1)ⁿYₙ. Value against SciPy's yv(−10, 10⁴) = −0.0036122802078804163.
  @Test func besselOfNegativeOrder() throws {
    let v = try Expression.parse(try Self.input("bessel-negative-order.txt")).evaluate(as: MPFloat.self, precision: 64)
    #expect(abs(v.doubleValue + 0.0036122802078804163) <= 1e-15)
  }
}
