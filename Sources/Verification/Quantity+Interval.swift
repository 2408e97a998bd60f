import MultiPrecision

extension Quantity {
  /// The quantity as an interval (its enclosure; rigour is tracked separately).
  public var interval: MPInterval { MPInterval(lower: lower, upper: upper) }

  /// An interval result; rigorous when every input was.
  public init(_ x: MPInterval, rigorous: Bool) throws {
    guard !x.isEmpty, !x.possiblyUndefined else {
      throw ClaimEvaluationError(
        "the value is undefined for part of the enclosure (e.g. log or sqrt of a negative, division by 0)")
    }
    self.init(lower: x.lower, upper: x.upper, rigorous: rigorous)
  }
}
