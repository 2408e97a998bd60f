import Foundation
import MultiPrecision
import Testing

/// MPFloat against mpmath (Tests/Fixtures/MultiPrecision/values.json).
@Suite("Reference values (mpmath)")
struct ReferenceValueTests {
  static let targetPrecisions = [53, 113, 333, 1000]

  /// At a working precision of 200 digits (+ guard bits) every constant and
  /// function value agrees with mpmath to ≥ 200 significant digits; at the
  /// reference precision (4000 bits ≈ 1204 digits) to ≥ 1200 digits.
  @Test("≥ 200 and ≥ 1200 digits", arguments: Fixtures.all)
  func digits(_ ref: Reference) {
    let exact = MPFloat(ref.value, precision: Fixtures.referenceBits + 200)!
    let at200 = ref.evaluate(bits: MPFloat.bits(forDigits: 200))
    #expect(correctDigits(at200, exact) >= 200, "\(ref) at 200 digits: \(at200.formatted(digits: 30))")
    let atReference = ref.evaluate(bits: Fixtures.referenceBits)
    #expect(correctDigits(atReference, exact) >= 1200, "\(ref) at \(Fixtures.referenceBits) bits")
  }

  /// The fewest digits reached over all references, printed as one line
  /// (the figure quoted in the module's measurements).
  @Test func digitsSummary() {
    let refs = Fixtures.all
    var worst200 = Double.infinity, worst4000 = Double.infinity
    for ref in refs {
      let exact = MPFloat(ref.value, precision: Fixtures.referenceBits + 200)!
      worst200 = min(worst200, correctDigits(ref.evaluate(bits: MPFloat.bits(forDigits: 200)), exact))
      worst4000 = min(worst4000, correctDigits(ref.evaluate(bits: Fixtures.referenceBits), exact))
    }
    print(
      "MPFloat vs mpmath over \(refs.count) values: ≥ \(String(format: "%.1f", worst200)) digits at "
        + "\(MPFloat.bits(forDigits: 200)) bits, ≥ \(String(format: "%.1f", worst4000)) digits at \(Fixtures.referenceBits) bits"
    )
    #expect(worst200 >= 200 && worst4000 >= 1200)
  }

  /// MPFloat's result at p bits is *the* correctly rounded value: the
  /// reference (exact to 4000+ bits) rounded once to p bits, bit for bit.
  /// Where the reference lies so close to a rounding boundary that rounding
  /// it twice could differ (a near-tie), the case is reported, not assumed.
  @Test("correct rounding to nearest", arguments: Fixtures.all, targetPrecisions)
  func correctRounding(_ ref: Reference, bits: Int) throws {
    let reference = MPFloat(ref.value, precision: Fixtures.referenceBits)!
    let expected = reference.rounded(toPrecision: bits)
    try #require(
      !nearBoundary(reference, bits: bits, boundary: .midpoint),
      "\(ref): reference within 2^-3980 of a midpoint at \(bits) bits")
    let direct = ref.evaluate(bits: bits)
    #expect(direct.precision == bits)
    #expect(
      bitIdentical(direct, expected),
      "\(ref) at \(bits) bits: \(direct.formatted(digits: 40)) ≠ \(expected.formatted(digits: 40))")
    if let byName = ref.evaluateByName(bits: bits, rounding: .toNearest) {
      #expect(bitIdentical(byName, expected), "\(ref) through the RealFunction table")
    }
  }

  /// Directed roundings through the `RealFunction` tables: `.up` gives the
  /// least p-bit value ≥ the exact value, and so on.
  @Test("directed rounding", arguments: Fixtures.file.functions, targetPrecisions)
  func directedRounding(_ ref: Reference, bits: Int) throws {
    let reference = MPFloat(ref.value, precision: Fixtures.referenceBits)!
    try #require(
      !nearBoundary(reference, bits: bits, boundary: .representable),
      "\(ref): reference within 2^-3980 of a \(bits)-bit number")
    for mode in [MPFloat.RoundingMode.up, .down, .towardZero, .awayFromZero] {
      guard let value = ref.evaluateByName(bits: bits, rounding: mode) else { return }
      let expected = reference.rounded(toPrecision: bits, rounding: mode)
      #expect(bitIdentical(value, expected), "\(ref) rounded \(mode) at \(bits) bits")
    }
  }

  /// The `Double` spellings that RealScalar routes through MPFR at 53 bits
  /// are correctly rounded too.
  @Test(
    "Double special functions are correctly rounded",
    arguments: Fixtures.file.functions.filter {
      ["cbrt", "digamma", "zeta", "airyai", "ei", "besselj", "bessely"].contains($0.name)
    })
  func doubleSpecialFunctions(_ ref: Reference) {
    let expected = MPFloat(ref.value, precision: Fixtures.referenceBits)!.rounded(toPrecision: 53).doubleValue
    let x = ref.args.map { Double($0)! }
    let value: Double =
      switch ref.name {
      case "cbrt": Double.cbrt(x[0])
      case "digamma": Double.digamma(x[0])
      case "zeta": Double.zeta(x[0])
      case "airyai": Double.airyAi(x[0])
      case "ei": Double.expIntegralEi(x[0])
      case "besselj": Double.besselJ(Int(x[0]), x[1])
      default: Double.besselY(Int(x[0]), x[1])
      }
    #expect(value == expected, "\(ref): \(value) ≠ \(expected)")
  }

  /// The near-tie detector must be able to fire: a value half an ulp above a
  /// 53-bit number is a midpoint, and one exactly at it is representable.
  @Test func nearTieDetectorFires() {
    let one = MPFloat(1, precision: 4000)
    var midpoint = one
    midpoint.multiplyByPowerOfTwo(-53)
    midpoint += one  // 1 + 2^-53: the midpoint between 1 and nextUp(1) at 53 bits
    #expect(nearBoundary(midpoint, bits: 53, boundary: .midpoint))
    #expect(nearBoundary(one, bits: 53, boundary: .representable))
    let pi = MathConstant.pi.value(precision: 4000)
    #expect(!nearBoundary(pi, bits: 53, boundary: .midpoint))
    #expect(!nearBoundary(pi, bits: 53, boundary: .representable))
  }
}

enum Boundary { case midpoint, representable }

/// Whether `x` (a 4000-bit reference) lies within |x|·2^−3980 of a rounding
/// boundary at `bits`: a midpoint between two `bits`-bit numbers (where
/// round-to-nearest decides), or a `bits`-bit number itself (directed modes).
/// The reference is exact to ~2^−4000 relative, so outside this band rounding
/// the reference gives the same result as rounding the exact value.
func nearBoundary(_ x: MPFloat, bits: Int, boundary: Boundary) -> Bool {
  let wide = 4200
  let down = x.rounded(toPrecision: bits, rounding: .down).rounded(toPrecision: wide)
  let up = down.rounded(toPrecision: bits).nextUp.rounded(toPrecision: wide)
  let candidates: [MPFloat]
  switch boundary {
  case .midpoint:
    var mid = down + up
    mid.multiplyByPowerOfTwo(-1)
    let below = down.rounded(toPrecision: bits).nextDown.rounded(toPrecision: wide)
    var midBelow = below + down
    midBelow.multiplyByPowerOfTwo(-1)
    candidates = [mid, midBelow]
  case .representable:
    candidates = [down, up]
  }
  var band = x.rounded(toPrecision: wide).magnitude
  band.multiplyByPowerOfTwo(-3980)
  return candidates.contains { (x.rounded(toPrecision: wide) - $0).magnitude <= band }
}

/// Same precision, same sign, same value (so ±0 and NaN are told apart).
func bitIdentical(_ a: MPFloat, _ b: MPFloat) -> Bool {
  if a.precision != b.precision { return false }
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  return a == b && a.sign == b.sign
}
