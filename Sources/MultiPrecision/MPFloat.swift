import CMPFR

/// An arbitrary-precision binary floating-point real, backed by MPFR.
///
/// A value is `s · m · 2^e` with a significand `m` of exactly `precision` bits
/// (MPFR's `mpfr_t`), or one of NaN, ±∞, ±0. Every operation is *correctly
/// rounded*: the result is the exact mathematical result rounded once, by
/// default to nearest-even, in the precision of the result.
///
/// ## Precision
/// The precision is carried by each value and chosen at run time (1 bit up to
/// MPFR's limit; the suite uses 53 to 4096+ bits).
/// - An operation on two values returns the larger of their precisions.
/// - Literals, constants (`.pi`) and conversions that name no precision use the
///   task-local *working precision* `MPFloat.workingPrecision`, set for a scope
///   with `MPFloat.withPrecision(_:_:)` (default 256 bits). Type-level statics of
///   `FloatingPoint` (`ulpOfOne`, `greatestFiniteMagnitude`, …) are also taken at
///   the working precision. This is what lets `MPFloat` conform to
///   swift-numerics `Real`, so that generic numeric code runs unchanged in
///   `Double` and in `MPFloat`.
/// - `MPFloat` is deliberately *not* `ExpressibleByFloatLiteral`: a literal
///   such as `0.1` would pass through a binary `Double` first. Write
///   `MPFloat("0.1")!` to get 0.1 correctly rounded at the working precision.
///
/// ## Storage
/// Value semantics with copy-on-write. The MPFR header and its limbs live in a
/// single heap object (MPFR's custom-interface, `mpfr_custom_init_set`), so a
/// value costs one allocation and nothing is left to `mpfr_clear`: the memory
/// is released with the last reference. Values are `Sendable`: a storage
/// object shared between copies is never written (writes copy first).
public struct MPFloat: @unchecked Sendable {
  @usableFromInline
  internal var storage: MPFRStorage

  @inlinable
  internal init(storage: MPFRStorage) { self.storage = storage }

  /// A NaN of the given precision; the starting state of a result slot.
  @inlinable
  public init(precision: Int) {
    storage = MPFRStorage.make(precision: precision)
  }

  /// The number of bits of the significand.
  @inlinable
  public var precision: Int { storage.precision }
}

// MARK: - Storage

/// One heap object holding an `__mpfr_struct` header and its limbs.
@usableFromInline
internal final class MPFRStorage: ManagedBuffer<__mpfr_struct, mp_limb_t> {
  @inlinable
  static func make(precision: Int) -> MPFRStorage {
    precondition(
      precision >= 1 && precision <= MPFloat.maximumPrecision,
      "MPFloat precision \(precision) is outside 1...\(MPFloat.maximumPrecision)")
    let limbs = (precision + (MemoryLayout<mp_limb_t>.size * 8) - 1) / (MemoryLayout<mp_limb_t>.size * 8)
    let buffer = MPFRStorage.create(minimumCapacity: limbs) { _ in __mpfr_struct() }
    let storage = unsafeDowncast(buffer, to: MPFRStorage.self)
    storage.withUnsafeMutablePointers { header, limbs in
      mpfr_custom_init_set(header, Int32(MPFR_NAN_KIND.rawValue), 0, precision, limbs)
    }
    return storage
  }

  @inlinable
  var precision: Int { withUnsafeMutablePointerToHeader { Int($0.pointee._mpfr_prec) } }

  /// The MPFR handle. Valid while `self` is alive: the header sits inline in
  /// this heap object, whose address never changes.
  @inlinable
  var pointer: mpfr_ptr { withUnsafeMutablePointerToHeader { $0 } }

  @inlinable
  func copy(precision newPrecision: Int? = nil) -> MPFRStorage {
    let result = MPFRStorage.make(precision: newPrecision ?? precision)
    mpfr_set(result.pointer, pointer, MPFR_RNDN)
    return result
  }
}

extension MPFloat {
  /// The largest precision MPFR accepts on this platform.
  public static var maximumPrecision: Int { Int(Int32.max) - 256 }

  /// Read access to the underlying `mpfr_t`, for calling MPFR directly.
  @inlinable
  public func withUnsafeMPFR<R>(_ body: (mpfr_srcptr) throws -> R) rethrows -> R {
    try withExtendedLifetime(storage) { try body(storage.pointer) }
  }

  /// Write access to the underlying `mpfr_t` (copying first if shared).
  @inlinable
  public mutating func withUnsafeMutableMPFR<R>(_ body: (mpfr_ptr) throws -> R) rethrows -> R {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    return try withExtendedLifetime(storage) { try body(storage.pointer) }
  }
}

// MARK: - Working precision and rounding

extension MPFloat {
  enum Context {
    @TaskLocal static var precision: Int = 256
  }

  /// The precision, in bits, used by literals, constants and conversions that
  /// name no precision. Task-local; 256 bits unless set by `withPrecision`.
  public static var workingPrecision: Int { Context.precision }

  /// Runs `body` with the working precision set to `bits`.
  public static func withPrecision<R>(_ bits: Int, _ body: () throws -> R) rethrows -> R {
    precondition(bits >= 1 && bits <= maximumPrecision)
    return try Context.$precision.withValue(bits, operation: body)
  }

  /// Async variant of `withPrecision(_:_:)`.
  public static func withPrecision<R>(
    _ bits: Int, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> R
  ) async rethrows -> R {
    precondition(bits >= 1 && bits <= maximumPrecision)
    return try await Context.$precision.withValue(bits, operation: body, isolation: isolation)
  }

  /// The working precision that gives `digits` significant decimal digits:
  /// ⌈digits · log₂10⌉ + 4 guard bits.
  @inlinable
  public static func bits(forDigits digits: Int) -> Int {
    Int((Double(digits) * 3.321928094887362).rounded(.up)) + 4
  }

  /// MPFR's rounding modes. `toNearest` rounds ties to even.
  public enum RoundingMode: Sendable, CaseIterable {
    case toNearest, towardZero, up, down, awayFromZero
    /// Faithful rounding: either neighbour of the exact result (cheaper, not
    /// correctly rounded).
    case faithful

    @inlinable
    public var mpfr: mpfr_rnd_t {
      switch self {
      case .toNearest: return MPFR_RNDN
      case .towardZero: return MPFR_RNDZ
      case .up: return MPFR_RNDU
      case .down: return MPFR_RNDD
      case .awayFromZero: return MPFR_RNDA
      case .faithful: return MPFR_RNDF
      }
    }
  }
}
