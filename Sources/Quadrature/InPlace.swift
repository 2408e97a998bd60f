import MultiPrecision

/// In-place arithmetic for the quadrature hot loops. For `MPFloat` these are
/// MPFR calls into the existing storage (no temporary per operation, see
/// `MPFloat.formProduct`); for other scalars the plain operators. The type
/// test is resolved at specialization, so the generic code costs nothing.
extension RealScalar {
  /// `self = a + b·c` (for `MPFloat`: a copy then one fused multiply-add).
  @inline(__always)
  mutating func setAffine(_ a: Self, _ b: Self, _ c: Self) {
    if Self.self == MPFloat.self {
      withUnsafeMutablePointer(to: &self) { p in
        p.withMemoryRebound(to: MPFloat.self, capacity: 1) { m in
          m.pointee.assign(unsafeBitCast(a, to: MPFloat.self))
          m.pointee.addProduct(unsafeBitCast(b, to: MPFloat.self), unsafeBitCast(c, to: MPFloat.self))
        }
      }
    } else {
      self = a + b * c
    }
  }

  /// `self = a·b`.
  @inline(__always)
  mutating func setProduct(_ a: Self, _ b: Self) {
    if Self.self == MPFloat.self {
      withUnsafeMutablePointer(to: &self) { p in
        p.withMemoryRebound(to: MPFloat.self, capacity: 1) { m in
          m.pointee.formProduct(unsafeBitCast(a, to: MPFloat.self), unsafeBitCast(b, to: MPFloat.self))
        }
      }
    } else {
      self = a * b
    }
  }
}
