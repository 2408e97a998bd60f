import BallArithmetic
import MultiPrecision

extension Quantity {
  /// The quantity as a real ball around [lower, upper] (its enclosure; rigour is
  /// tracked separately). An infinite end gives a non-finite ball.
  public var ball: ArbBall { ArbBall(lower: lower, upper: upper) }

  /// A ball result; rigorous when every input was. An indeterminate ball (a function
  /// met a point outside its domain) is an error, never a number.
  public init(_ x: ArbBall, rigorous: Bool) throws {
    let (lo, hi) = x.bounds()
    guard !lo.isNaN, !hi.isNaN, x.isFinite || x.isExact else {
      throw ClaimEvaluationError(
        "the value is undefined for part of the enclosure (e.g. log or sqrt of a negative, division by 0)")
    }
    self.init(lower: lo, upper: hi, rigorous: rigorous)
  }
}
