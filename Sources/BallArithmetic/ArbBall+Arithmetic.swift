import CArb
import MultiPrecision

// Field operations and integer powers on real balls. Each result has the
// larger precision of its arguments.

extension ArbBall {
  @inlinable
  static func binary(_ a: ArbBall, _ b: ArbBall, _ op: (arb_ptr, arb_ptr, arb_ptr, Int) -> Void) -> ArbBall {
    let p = Swift.max(a.precision, b.precision)
    let r = ArbBall(precision: p)
    op(r.storage.p, a.storage.p, b.storage.p, p)
    withExtendedLifetime((a.storage, b.storage)) {}
    return r
  }

  @inlinable
  static func unary(_ a: ArbBall, _ op: (arb_ptr, arb_ptr, Int) -> Void) -> ArbBall {
    let r = ArbBall(precision: a.precision)
    op(r.storage.p, a.storage.p, a.precision)
    withExtendedLifetime(a.storage) {}
    return r
  }

  @inlinable public static func + (a: ArbBall, b: ArbBall) -> ArbBall { binary(a, b) { arb_add($0, $1, $2, $3) } }
  @inlinable public static func - (a: ArbBall, b: ArbBall) -> ArbBall { binary(a, b) { arb_sub($0, $1, $2, $3) } }
  @inlinable public static func * (a: ArbBall, b: ArbBall) -> ArbBall { binary(a, b) { arb_mul($0, $1, $2, $3) } }
  /// Division; a divisor ball containing 0 gives an indeterminate result.
  @inlinable public static func / (a: ArbBall, b: ArbBall) -> ArbBall { binary(a, b) { arb_div($0, $1, $2, $3) } }
  @inlinable public static prefix func - (a: ArbBall) -> ArbBall { unary(a) { r, x, _ in arb_neg(r, x) } }

  @inlinable public static func + (a: ArbBall, b: Int) -> ArbBall { unary(a) { arb_add_si($0, $1, b, $2) } }
  @inlinable public static func - (a: ArbBall, b: Int) -> ArbBall { unary(a) { arb_sub_si($0, $1, b, $2) } }
  @inlinable public static func * (a: ArbBall, b: Int) -> ArbBall { unary(a) { arb_mul_si($0, $1, b, $2) } }
  @inlinable public static func / (a: ArbBall, b: Int) -> ArbBall { unary(a) { arb_div_si($0, $1, b, $2) } }

  /// xⁿ for an integer n (binary powering; n < 0 inverts, indeterminate when x ∋ 0). An
  /// even power of a ball around 0 is [0, max|x|ⁿ] (never below 0).
  public static func pow(_ x: ArbBall, _ n: Int) -> ArbBall {
    if n > 0, n % 2 == 0, x.containsZero, x.isFinite {
      let m = ArbBall(precision: x.precision)
      arb_get_abs_ubound_arf(fp_arb_mid(m.pointer), x.pointer, x.precision)
      // The upper end rounded up to 30 bits, so that the radius hi/2 is exact and the
      // lower end stays 0.
      let hi = unary(m) { arb_pow_ui($0, $1, UInt(n), $2) }.bounds(precision: 30).upper
      return ArbBall(lower: MPFloat(0, precision: 30), upper: hi, precision: x.precision)
    }
    if n >= 0 { return unary(x) { arb_pow_ui($0, $1, UInt(n), $2) } }
    return unary(x) { r, z, p in
      arb_pow_ui(r, z, UInt(n.magnitude), p)
      arb_inv(r, r, p)
    }
  }

  /// The smallest ball containing both (Arb's `arb_union`).
  public static func union(_ a: ArbBall, _ b: ArbBall) -> ArbBall { binary(a, b) { arb_union($0, $1, $2, $3) } }
}
