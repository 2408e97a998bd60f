import MultiPrecision

/// Doubles as MPFloat values (exact: 53 bits fit every working precision).
enum MPFloatBridge {
  static func value(_ x: Double) -> MPFloat { MPFloat(x, precision: 64) }
}
