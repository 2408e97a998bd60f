import CMPFR

/// The C signature of MPFR's binary operations (`mpfr_add`, `mpfr_pow`, …).
public typealias MPFRBinaryOperation = (mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t) -> Int32
/// The C signature of MPFR's unary functions (`mpfr_exp`, `mpfr_sqrt`, …).
public typealias MPFRUnaryOperation = (mpfr_ptr, mpfr_srcptr, mpfr_rnd_t) -> Int32

// MARK: - Core application of MPFR operations

extension MPFloat {
  /// Applies a unary MPFR function into a fresh value of precision
  /// `precision` (default: the operand's), rounding as asked; returns the value
  /// and MPFR's ternary flag (0: exact, > 0: rounded up, < 0: rounded down).
  @inlinable
  public static func apply(
    _ op: MPFRUnaryOperation, _ x: MPFloat,
    precision: Int? = nil, rounding: RoundingMode = .toNearest
  ) -> (value: MPFloat, ternary: Int32) {
    let result = MPFloat(precision: precision ?? x.precision)
    let t = op(result.storage.pointer, x.storage.pointer, rounding.mpfr)
    withExtendedLifetime(x) {}
    return (result, t)
  }

  /// Applies a binary MPFR operation into a fresh value whose precision is
  /// `precision`, or by default the larger of the operands'.
  @inlinable
  public static func apply(
    _ op: MPFRBinaryOperation, _ a: MPFloat, _ b: MPFloat,
    precision: Int? = nil, rounding: RoundingMode = .toNearest
  ) -> (value: MPFloat, ternary: Int32) {
    let result = MPFloat(precision: precision ?? Swift.max(a.precision, b.precision))
    let t = op(result.storage.pointer, a.storage.pointer, b.storage.pointer, rounding.mpfr)
    withExtendedLifetime(a) {}
    withExtendedLifetime(b) {}
    return (result, t)
  }

  /// `self = op(a, b)` into this value's precision: reuses the storage when
  /// it is unique (no allocation, no reference counting beyond the check),
  /// so hot loops run as C code against MPFR would. `a` and `b` may share
  /// storage with `self` (then they keep it, and `self` gets fresh storage).
  @inlinable
  internal mutating func formResult(_ op: MPFRBinaryOperation, _ a: MPFloat, _ b: MPFloat) {
    if !isKnownUniquelyReferenced(&storage) { storage = MPFRStorage.make(precision: storage.precision) }
    _ = op(storage.pointer, a.storage.pointer, b.storage.pointer, MPFR_RNDN)
    withExtendedLifetime(a) {}
    withExtendedLifetime(b) {}
  }

  /// `self = op(self, b)` in place when `self`'s storage is unique and already
  /// of the result precision; otherwise into fresh storage.
  @inlinable
  internal mutating func formBinary(_ op: MPFRBinaryOperation, _ b: MPFloat) {
    let p = Swift.max(precision, b.precision)
    if p == storage.precision && isKnownUniquelyReferenced(&storage) {
      _ = op(storage.pointer, storage.pointer, b.storage.pointer, MPFR_RNDN)
      withExtendedLifetime(b) {}
    } else {
      self = MPFloat.apply(op, self, b, precision: p).value
    }
  }
}

// MARK: - Field operations

extension MPFloat {
  @inlinable public static func + (a: MPFloat, b: MPFloat) -> MPFloat { apply(mpfr_add, a, b).value }
  @inlinable public static func - (a: MPFloat, b: MPFloat) -> MPFloat { apply(mpfr_sub, a, b).value }
  @inlinable public static func * (a: MPFloat, b: MPFloat) -> MPFloat { apply(mpfr_mul, a, b).value }
  @inlinable public static func / (a: MPFloat, b: MPFloat) -> MPFloat { apply(mpfr_div, a, b).value }

  @inlinable public static func += (a: inout MPFloat, b: MPFloat) { a.formBinary(mpfr_add, b) }
  @inlinable public static func -= (a: inout MPFloat, b: MPFloat) { a.formBinary(mpfr_sub, b) }
  @inlinable public static func *= (a: inout MPFloat, b: MPFloat) { a.formBinary(mpfr_mul, b) }
  @inlinable public static func /= (a: inout MPFloat, b: MPFloat) { a.formBinary(mpfr_div, b) }

  @inlinable
  public static prefix func - (x: MPFloat) -> MPFloat { apply(mpfr_neg, x).value }

  @inlinable
  public mutating func negate() {
    withUnsafeMutableMPFR { _ = mpfr_neg($0, $0, MPFR_RNDN) }
  }

  // Mixed operations with machine integers (exact conversion of the integer,
  // one rounding of the result).
  @inlinable public static func * (a: MPFloat, n: Int) -> MPFloat {
    let r = MPFloat(precision: a.precision)
    withExtendedLifetime(a.storage) { _ = mpfr_mul_si(r.storage.pointer, a.storage.pointer, n, MPFR_RNDN) }
    return r
  }
  @inlinable public static func * (n: Int, a: MPFloat) -> MPFloat { a * n }
  @inlinable public static func / (a: MPFloat, n: Int) -> MPFloat {
    let r = MPFloat(precision: a.precision)
    withExtendedLifetime(a.storage) { _ = mpfr_div_si(r.storage.pointer, a.storage.pointer, n, MPFR_RNDN) }
    return r
  }
  @inlinable public static func + (a: MPFloat, n: Int) -> MPFloat {
    let r = MPFloat(precision: a.precision)
    withExtendedLifetime(a.storage) { _ = mpfr_add_si(r.storage.pointer, a.storage.pointer, n, MPFR_RNDN) }
    return r
  }
  @inlinable public static func - (a: MPFloat, n: Int) -> MPFloat {
    let r = MPFloat(precision: a.precision)
    withExtendedLifetime(a.storage) { _ = mpfr_sub_si(r.storage.pointer, a.storage.pointer, n, MPFR_RNDN) }
    return r
  }

  /// `self = op(self, n)` for an MPFR operation with a machine-integer
  /// operand, in place when the storage is unique.
  @inlinable
  internal mutating func formInteger(_ op: (mpfr_ptr, mpfr_srcptr, Int, mpfr_rnd_t) -> Int32, _ n: Int) {
    if !isKnownUniquelyReferenced(&storage) {
      let old = storage
      storage = MPFRStorage.make(precision: old.precision)
      withExtendedLifetime(old) { _ = op(storage.pointer, old.pointer, n, MPFR_RNDN) }
    } else {
      _ = op(storage.pointer, storage.pointer, n, MPFR_RNDN)
    }
  }

  @inlinable public static func += (a: inout MPFloat, n: Int) { a.formInteger(mpfr_add_si, n) }
  @inlinable public static func -= (a: inout MPFloat, n: Int) { a.formInteger(mpfr_sub_si, n) }
  @inlinable public static func *= (a: inout MPFloat, n: Int) { a.formInteger(mpfr_mul_si, n) }
  @inlinable public static func /= (a: inout MPFloat, n: Int) { a.formInteger(mpfr_div_si, n) }

  /// `self = a · n` in place, into this value's precision.
  @inlinable
  public mutating func formProduct(_ a: MPFloat, _ n: Int) {
    if !isKnownUniquelyReferenced(&storage) { storage = MPFRStorage.make(precision: storage.precision) }
    _ = mpfr_mul_si(storage.pointer, a.storage.pointer, n, MPFR_RNDN)
    withExtendedLifetime(a) {}
  }

  /// `self = a / n` in place, into this value's precision.
  @inlinable
  public mutating func formQuotient(_ a: MPFloat, _ n: Int) {
    if !isKnownUniquelyReferenced(&storage) { storage = MPFRStorage.make(precision: storage.precision) }
    _ = mpfr_div_si(storage.pointer, a.storage.pointer, n, MPFR_RNDN)
    withExtendedLifetime(a) {}
  }

  /// `a · b + c` with a single rounding (MPFR `mpfr_fma`).
  @inlinable
  public static func fusedMultiplyAdd(
    _ a: MPFloat, _ b: MPFloat, _ c: MPFloat,
    precision: Int? = nil,
    rounding: RoundingMode = .toNearest
  ) -> MPFloat {
    let p = precision ?? Swift.max(a.precision, b.precision, c.precision)
    let r = MPFloat(precision: p)
    withExtendedLifetime((a.storage, b.storage, c.storage)) {
      _ = mpfr_fma(
        r.storage.pointer, a.storage.pointer, b.storage.pointer, c.storage.pointer,
        rounding.mpfr)
    }
    return r
  }

  /// `self += a · b` with one rounding, in place when possible.
  @inlinable
  public mutating func addProduct(_ a: MPFloat, _ b: MPFloat) {
    let p = Swift.max(precision, a.precision, b.precision)
    if p == storage.precision && isKnownUniquelyReferenced(&storage) {
      _ = mpfr_fma(storage.pointer, a.storage.pointer, b.storage.pointer, storage.pointer, MPFR_RNDN)
      withExtendedLifetime(a) {}
      withExtendedLifetime(b) {}
    } else {
      self = MPFloat.fusedMultiplyAdd(a, b, self, precision: p)
    }
  }

  /// `self = a · b` in place, into this value's precision (no allocation
  /// when the storage is unique). The in-place forms let hot loops run
  /// without temporaries, as C code against MPFR would.
  @inlinable
  public mutating func formProduct(_ a: MPFloat, _ b: MPFloat) {
    formResult(mpfr_mul, a, b)
  }

  /// `self = a + b` in place, into this value's precision.
  @inlinable
  public mutating func formSum(_ a: MPFloat, _ b: MPFloat) {
    formResult(mpfr_add, a, b)
  }

  /// `self = a − b` in place, into this value's precision.
  @inlinable
  public mutating func formDifference(_ a: MPFloat, _ b: MPFloat) {
    formResult(mpfr_sub, a, b)
  }

  /// `self = a / b` in place, into this value's precision.
  @inlinable
  public mutating func formQuotient(_ a: MPFloat, _ b: MPFloat) {
    formResult(mpfr_div, a, b)
  }

  /// `self = a` in place, rounded into this value's precision.
  @inlinable
  public mutating func assign(_ a: MPFloat) {
    if !isKnownUniquelyReferenced(&storage) { storage = MPFRStorage.make(precision: storage.precision) }
    _ = mpfr_set(storage.pointer, a.storage.pointer, MPFR_RNDN)
    withExtendedLifetime(a) {}
  }

  /// `self = n` in place, rounded into this value's precision.
  @inlinable
  public mutating func assign(_ n: Int) {
    if !isKnownUniquelyReferenced(&storage) { storage = MPFRStorage.make(precision: storage.precision) }
    mpfr_set_si(storage.pointer, n, MPFR_RNDN)
  }

  /// `self *= 2^k` exactly (barring overflow).
  @inlinable
  public mutating func multiplyByPowerOfTwo(_ k: Int) {
    withUnsafeMutableMPFR { _ = mpfr_mul_2si($0, $0, k, MPFR_RNDN) }
  }

  /// The value rounded to a new precision.
  @inlinable
  public func rounded(toPrecision bits: Int, rounding: RoundingMode = .toNearest) -> MPFloat {
    MPFloat.apply(mpfr_set, self, precision: bits, rounding: rounding).value
  }
}
