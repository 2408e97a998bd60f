import CArb

// Field operations and integer powers on complex balls. Each result has the
// larger precision of its arguments and carries `analytic` if either does.

extension AcbBall {
  @inlinable
  static func binary(
    _ a: AcbBall, _ b: AcbBall,
    _ op: (acb_ptr, acb_ptr, acb_ptr, Int) -> Void
  ) -> AcbBall {
    let p = Swift.max(a.precision, b.precision)
    let r = AcbBall(precision: p, analytic: a.analytic || b.analytic)
    op(r.storage.p, a.storage.p, b.storage.p, p)
    withExtendedLifetime((a.storage, b.storage)) {}
    return r
  }

  @inlinable
  static func unary(_ a: AcbBall, _ op: (acb_ptr, acb_ptr, Int) -> Void) -> AcbBall {
    let r = AcbBall(precision: a.precision, analytic: a.analytic)
    op(r.storage.p, a.storage.p, a.precision)
    withExtendedLifetime(a.storage) {}
    return r
  }

  @inlinable public static func + (a: AcbBall, b: AcbBall) -> AcbBall { binary(a, b) { acb_add($0, $1, $2, $3) } }
  @inlinable public static func - (a: AcbBall, b: AcbBall) -> AcbBall { binary(a, b) { acb_sub($0, $1, $2, $3) } }
  @inlinable public static func * (a: AcbBall, b: AcbBall) -> AcbBall { binary(a, b) { acb_mul($0, $1, $2, $3) } }
  /// Division; a divisor ball containing 0 gives an indeterminate result.
  @inlinable public static func / (a: AcbBall, b: AcbBall) -> AcbBall { binary(a, b) { acb_div($0, $1, $2, $3) } }
  @inlinable public static prefix func - (a: AcbBall) -> AcbBall { unary(a) { r, x, _ in acb_neg(r, x) } }

  @inlinable public static func + (a: AcbBall, b: Int) -> AcbBall {
    unary(a) { r, x, p in
      acb_set(r, x); arb_add_si(fp_acb_re(r), fp_acb_re(r), b, p)
    }
  }
  @inlinable public static func + (a: Int, b: AcbBall) -> AcbBall { b + a }
  @inlinable public static func - (a: AcbBall, b: Int) -> AcbBall {
    unary(a) { r, x, p in
      acb_set(r, x); arb_sub_si(fp_acb_re(r), fp_acb_re(r), b, p)
    }
  }
  @inlinable public static func - (a: Int, b: AcbBall) -> AcbBall {
    unary(b) { r, x, p in
      acb_neg(r, x); arb_add_si(fp_acb_re(r), fp_acb_re(r), a, p)
    }
  }
  @inlinable public static func * (a: AcbBall, b: Int) -> AcbBall { unary(a) { acb_mul_si($0, $1, b, $2) } }
  @inlinable public static func * (a: Int, b: AcbBall) -> AcbBall { b * a }
  @inlinable public static func / (a: AcbBall, b: Int) -> AcbBall { unary(a) { acb_div_si($0, $1, b, $2) } }
  @inlinable public static func / (a: Int, b: AcbBall) -> AcbBall {
    unary(b) { r, x, p in
      acb_inv(r, x, p); acb_mul_si(r, r, a, p)
    }
  }

  /// xⁿ for an integer n (repeated squaring; n < 0 divides).
  @inlinable public static func pow(_ x: AcbBall, _ n: Int) -> AcbBall { unary(x) { acb_pow_si($0, $1, n, $2) } }
  /// x².
  @inlinable public static func square(_ x: AcbBall) -> AcbBall { unary(x) { acb_sqr($0, $1, $2) } }
  /// 1/x.
  @inlinable public static func inverse(_ x: AcbBall) -> AcbBall { unary(x) { acb_inv($0, $1, $2) } }
}
