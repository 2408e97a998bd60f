import CMPFR

extension MPFloat {
  /// a + b rounded in the direction `rounding`, at `precision` bits (by default the larger of
  /// the operands' precisions): outward rounding of an enclosure's ends, `.down` for a lower end,
  /// `.up` for an upper one.
  public static func sum(_ a: MPFloat, _ b: MPFloat, precision: Int? = nil, rounding: RoundingMode) -> MPFloat {
    apply(mpfr_add, a, b, precision: precision, rounding: rounding).value
  }

  /// a − b rounded in the direction `rounding`, at `precision` bits (by default the larger of
  /// the operands' precisions).
  public static func difference(
    _ a: MPFloat, _ b: MPFloat, precision: Int? = nil, rounding: RoundingMode
  ) -> MPFloat {
    apply(mpfr_sub, a, b, precision: precision, rounding: rounding).value
  }

  /// a × b rounded in the direction `rounding`, at `precision` bits.
  public static func product(_ a: MPFloat, _ b: MPFloat, precision: Int, rounding: RoundingMode) -> MPFloat {
    apply(mpfr_mul, a, b, precision: precision, rounding: rounding).value
  }

  /// a / b rounded in the direction `rounding`, at `precision` bits.
  public static func quotient(_ a: MPFloat, _ b: MPFloat, precision: Int, rounding: RoundingMode) -> MPFloat {
    apply(mpfr_div, a, b, precision: precision, rounding: rounding).value
  }

  /// The version of the MPFR library linked at run time (`mpfr_get_version()`).
  public static var libraryVersion: String { String(cString: mpfr_get_version()) }
}
