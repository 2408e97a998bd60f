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
}
