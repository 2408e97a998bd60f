import BallArithmetic
import MultiPrecision

extension Quantity {
  /// The imaginary part of a complex quantity: an enclosure [lower, upper]
  /// (non-rigorous: value ± error estimate, as the real part's).
  public struct ImaginaryPart: Sendable {
    public var lower: MPFloat
    public var upper: MPFloat

    public init(lower: MPFloat, upper: MPFloat) { self.lower = lower; self.upper = upper }

    /// [value − |estimate|, value + |estimate|], rounded outward.
    public init(value: MPFloat, errorEstimate: MPFloat) {
      let e = errorEstimate.magnitude
      lower = MPFloat.difference(value, e, rounding: .down)
      upper = MPFloat.sum(value, e, rounding: .up)
    }

    /// The enclosure as a real ball.
    public var ball: ArbBall { ArbBall(lower: lower, upper: upper) }
    /// True when the enclosure is the point 0.
    public var isZero: Bool { lower.isZero && upper.isZero }
  }

  /// The quantity as a complex ball (imaginary part exactly 0 for a real quantity).
  var complexBall: AcbBall {
    let re = AcbBall(ball)
    guard let im = imaginary else { return re }
    return re + AcbBall(im.ball) * AcbBall.i(precision: lower.precision)
  }
}
