import CMPFR

// MARK: - From machine numbers

extension MPFloat {
  /// `value` rounded to the working precision.
  @inlinable
  public init(_ value: Double) { self.init(value, precision: MPFloat.workingPrecision) }

  /// `value` rounded to `precision` bits (exact when `precision ≥ 53`).
  @inlinable
  public init(_ value: Double, precision: Int, rounding: RoundingMode = .toNearest) {
    self.init(precision: precision)
    mpfr_set_d(storage.pointer, value, rounding.mpfr)
  }

  /// `value` rounded to the working precision (exact when it has ≥ 64 bits).
  @inlinable
  public init(_ value: Int) { self.init(value, precision: MPFloat.workingPrecision) }

  /// `value` rounded to `precision` bits.
  @inlinable
  public init(_ value: Int, precision: Int, rounding: RoundingMode = .toNearest) {
    self.init(precision: precision)
    mpfr_set_si(storage.pointer, value, rounding.mpfr)
  }

  /// Any binary integer, rounded to the working precision.
  public init<Source: BinaryInteger>(_ value: Source) { self.init(value, precision: nil) }

  /// Any binary integer, rounded to `precision` bits (default: working).
  public init<Source: BinaryInteger>(
    _ value: Source, precision: Int?,
    rounding: RoundingMode = .toNearest
  ) {
    let p = precision ?? MPFloat.workingPrecision
    if let small = Int(exactly: value) {
      self.init(small, precision: p, rounding: rounding)
    } else {
      // Exact decimal text of the integer, rounded once by mpfr_strtofr.
      self.init(String(value), precision: p, rounding: rounding)!
    }
  }

  /// A copy of `other` rounded to `precision` bits.
  @inlinable
  public init(_ other: MPFloat, precision: Int, rounding: RoundingMode = .toNearest) {
    self = other.rounded(toPrecision: precision, rounding: rounding)
  }
}

// MARK: - To machine numbers

extension MPFloat {
  /// The nearest `Double` (ties to even), or rounded as asked.
  @inlinable
  public func double(rounding: RoundingMode = .toNearest) -> Double {
    withUnsafeMPFR { mpfr_get_d($0, rounding.mpfr) }
  }

  /// The nearest `Double`.
  @inlinable
  public var doubleValue: Double { double() }

  /// The integer obtained by rounding as asked, or nil if it does not fit.
  public func int(rounding: RoundingMode = .towardZero) -> Int? {
    withUnsafeMPFR { x in
      guard mpfr_number_p(x) != 0, mpfr_fits_slong_p(x, rounding.mpfr) != 0 else { return nil }
      return mpfr_get_si(x, rounding.mpfr)
    }
  }
}

// MARK: - Decimal strings

extension MPFloat {
  /// Parses a decimal (or `0x` hexadecimal, `0b` binary) number, rounded once
  /// to `precision` bits (default: the working precision). Accepts an optional
  /// sign, exponent `e±N` (or `p±N` for hex), `inf`, `infinity`, `nan`, with
  /// surrounding whitespace. Returns nil unless the whole string is a number.
  public init?(_ text: String, precision: Int? = nil, rounding: RoundingMode = .toNearest) {
    let trimmed = text.trimmingSpaces
    guard !trimmed.isEmpty else { return nil }
    let result = MPFloat(precision: precision ?? MPFloat.workingPrecision)
    let ok: Bool = trimmed.withCString { start in
      var end: UnsafeMutablePointer<CChar>? = nil
      _ = mpfr_strtofr(result.storage.pointer, start, &end, 0, rounding.mpfr)
      guard let end else { return false }
      return end.pointee == 0 && end != UnsafeMutablePointer(mutating: start)
    }
    guard ok else { return nil }
    self = result
  }

  /// The number of significant decimal digits that always round-trips a
  /// value of this precision (MPFR `mpfr_get_str_ndigits`).
  public var roundTripDigits: Int { Int(mpfr_get_str_ndigits(10, precision)) }

  /// The value as a decimal string with exactly `digits` significant digits,
  /// correctly rounded as asked; scientific notation (`1.234e-12`) outside
  /// 1e-5 ≤ |x| < 1e(digits), plain notation otherwise. `nan`, `inf`, `-inf`.
  public func formatted(digits: Int, rounding: RoundingMode = .toNearest) -> String {
    precondition(digits >= 1)
    if isNaN { return "nan" }
    if isInfinite { return sign == .minus ? "-inf" : "inf" }
    if isZero { return sign == .minus ? "-0" : "0" }
    var exp10: mpfr_exp_t = 0
    let raw: String = withUnsafeMPFR { x in
      let cstr = mpfr_get_str(nil, &exp10, 10, digits, x, rounding.mpfr)!
      defer { mpfr_free_str(cstr) }
      return String(cString: cstr)
    }
    let negative = raw.hasPrefix("-")
    let mantissa = Array(negative ? raw.dropFirst() : Substring(raw))
    // value = 0.mantissa × 10^exp10, i.e. leading digit has decimal exponent exp10 − 1.
    let e = Int(exp10) - 1
    var out = negative ? "-" : ""
    if e >= -5 && e < digits {
      if e >= 0 {
        out += String(mantissa[0...e])
        if e + 1 < mantissa.count { out += "." + String(mantissa[(e + 1)...]) }
      } else {
        out += "0." + String(repeating: "0", count: -e - 1) + String(mantissa)
      }
    } else {
      out += String(mantissa[0])
      if mantissa.count > 1 { out += "." + String(mantissa[1...]) }
      out += "e" + (e < 0 ? "-" : "+") + String(abs(e))
    }
    return out
  }

  /// The shortest text of the form `formatted(digits:)`, trailing zeros
  /// removed, that parses back to exactly this value at this precision
  /// (`0.1` for the 53-bit value nearest 0.1, not `0.10000000000000001`).
  /// Tries ⌊(p − 1)·log₁₀2⌋ digits upwards to `roundTripDigits`; a value that
  /// fewer digits identify prints them followed by zeros, which are removed.
  public var roundTripDescription: String {
    guard isFinite, !isZero else { return formatted(digits: 1) }
    let upper = roundTripDigits
    let lower = Swift.max(1, Swift.min(upper, Int(Double(precision - 1) * 0.30102999566398120)))
    for digits in lower..<upper {
      let s = formatted(digits: digits)
      if let back = MPFloat(s, precision: precision), back == self {
        return MPFloat.strippingTrailingZeros(s)
      }
    }
    return MPFloat.strippingTrailingZeros(formatted(digits: upper))
  }

  static func strippingTrailingZeros(_ s: String) -> String {
    guard s.contains("."), !s.contains("n") else { return s }
    var mant = Substring(s), exponent = Substring("")
    if let eIdx = s.firstIndex(of: "e") { mant = s[..<eIdx]; exponent = s[eIdx...] }
    while mant.hasSuffix("0") { mant = mant.dropLast() }
    if mant.hasSuffix(".") { mant = mant.dropLast() }
    return String(mant) + String(exponent)
  }
}

extension MPFloat: CustomStringConvertible, CustomDebugStringConvertible, LosslessStringConvertible {
  /// Round-trip decimal text (see `roundTripDescription`).
  public var description: String { roundTripDescription }
  public var debugDescription: String { "MPFloat(\"\(roundTripDescription)\", precision: \(precision))" }
  public init?(_ description: String) { self.init(description, precision: nil) }
}

extension String {
  var trimmingSpaces: Substring {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s = s.dropFirst() }
    while let l = s.last, l.isWhitespace { s = s.dropLast() }
    return s
  }
}

extension Substring {
  func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
    try String(self).withCString(body)
  }
}
