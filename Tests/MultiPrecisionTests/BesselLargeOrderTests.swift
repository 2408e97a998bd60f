import Foundation
import MultiPrecision
import TestSupport
import Testing

/// Bessel functions of integer order beyond `RealFunction2.mpfrBesselOrderLimit` (64), and
/// of negative order (MPFR at |n|, sign (−1)ⁿ),
/// which come from Arb through the bridge, against SciPy's double-precision values
/// (Tests/Fixtures/MultiPrecision/bessel_large_order.py). MPFR's `mpfr_yn` did not
/// finish at n = x = 10⁴ (found by the expressions fuzz target).
@Suite struct BesselLargeOrderTests {
  struct Case: Decodable, Sendable, CustomStringConvertible {
    let function: String
    let order: Int
    let x: String
    let value: String
    var description: String { "\(function)(\(order), \(x))" }
  }
  struct File: Decodable { let values: [Case] }

  static let cases: [Case] = {
    let url = Fixtures.directory.appendingPathComponent("bessel_large_order.json")
    do { return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).values } catch {
      fatalError("cannot read \(url.path): \(error)")
    }
  }()

  /// The 64-bit value (MPFloat) and the Double value agree with SciPy to 1e-9 relative
  /// (SciPy's own accuracy here is ~1e-12).
  @Test(arguments: cases)
  func againstSciPy(_ c: Case) {
    let x = MPFloat(c.x, precision: 64)!
    let v = c.function == "besselj" ? MPFloat.besselJ(c.order, x) : MPFloat.besselY(c.order, x)
    let ref = Double(c.value)!
    #expect(abs(v.doubleValue - ref) <= 1e-9 * abs(ref), "\(c): \(v) vs SciPy \(ref)")
    let d = c.function == "besselj" ? Double.besselJ(c.order, Double(c.x)!) : Double.besselY(c.order, Double(c.x)!)
    #expect(abs(d - ref) <= 1e-9 * abs(ref), "\(c) in Double: \(d)")
  }

  /// Where Arb's method does not converge (order and argument both near 10⁵ or 10⁶:
  /// Arb's ball stays wider than the value up to 2¹⁴ bits), the result
  /// is NaN, not the ball's midpoint (which was −0.000279 for J_{10⁶+½}(10⁶), whose true
  /// value is about +0.0045 ≈ 0.4473·ν^(−1/3)). Twin: an argument Arb resolves gives a number.
  @Test func unresolvedIsNaN() {
    let nu = MPFloat("1000000.5", precision: 64)!, x = MPFloat(1_000_000, precision: 64)
    #expect(RealFunction2.besselj(nu, x, precision: 64).isNaN)
    // J₁₀₀₀₀₀(10⁵) = 0.0096369440113… (SciPy; MPFR's mpfr_jn gave it in 2.8 s): beyond 2¹⁴ bits.
    #expect(MPFloat.besselJ(100_000, MPFloat(100_000, precision: 64)).isNaN)
    let resolved = RealFunction2.besselj(MPFloat("1000.5", precision: 64)!, MPFloat(1000, precision: 64), precision: 64)
    #expect(resolved.isFinite && resolved > 0)
  }
}
