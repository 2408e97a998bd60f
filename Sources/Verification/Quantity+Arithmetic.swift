import BallArithmetic
import MultiPrecision

// Enclosure arithmetic on quantities with outward (directed) rounding, for the
// margins of comparisons and the aggregates over a sweep. The result is
// rigorous when every operand is.
extension Quantity {
  /// The decimal `text` enclosed at `precision` bits: [round down, round up]
  /// (a point when the decimal is exactly representable).
  public static func enclosing(decimal text: String, precision: Int) -> Quantity {
    let lo = MPFloat(text, precision: precision, rounding: .down) ?? MPFloat.nan
    let hi = MPFloat(text, precision: precision, rounding: .up) ?? MPFloat.nan
    return Quantity(lower: lo, upper: hi, rigorous: true)
  }

  /// The enclosure as a real ball carried at ≥ `p` bits; nil if it holds a NaN.
  func interval(precision p: Int) -> ArbBall? {
    isValid ? ArbBall(lower: lower, upper: upper, precision: Swift.max(p, lower.precision, upper.precision)) : nil
  }

  /// The quantity enclosed by `enclosure`, its ends rounded outward to `p` bits
  /// (NaN ends when the ball is indeterminate).
  init(_ enclosure: ArbBall, precision p: Int, rigorous: Bool) {
    let (lo, hi) = enclosure.bounds(precision: p)
    self.init(lower: lo, upper: hi, rigorous: rigorous)
  }

  /// `op` on the two enclosures in Arb's ball arithmetic at `p` bits; NaN in,
  /// NaN out.
  private func combined(
    _ b: Quantity, precision p: Int, _ op: (ArbBall, ArbBall) -> ArbBall
  ) -> Quantity {
    guard let x = interval(precision: p), let y = b.interval(precision: p) else {
      return Quantity(lower: MPFloat(precision: p), upper: MPFloat(precision: p), rigorous: false)
    }
    return Quantity(op(x, y), precision: p, rigorous: rigorous && b.rigorous)
  }

  /// [a.lower − b.upper, a.upper − b.lower], each end rounded outward at `p` bits (on the
  /// ends directly: a ball's radius would be rounded up to 30 bits, and a margin such as
  /// [−1.5, 0] must keep its end at 0).
  func minus(_ b: Quantity, precision p: Int) -> Quantity {
    endpoints(b, precision: p) { x, y in
      (
        MPFloat.difference(x.lower, y.upper, precision: p, rounding: .down),
        MPFloat.difference(x.upper, y.lower, precision: p, rounding: .up)
      )
    }
  }

  /// [a.lower + b.lower, a.upper + b.upper], each end rounded outward at `p` bits.
  func plus(_ b: Quantity, precision p: Int) -> Quantity {
    endpoints(b, precision: p) { x, y in
      (
        MPFloat.sum(x.lower, y.lower, precision: p, rounding: .down),
        MPFloat.sum(x.upper, y.upper, precision: p, rounding: .up)
      )
    }
  }

  private func endpoints(
    _ b: Quantity, precision p: Int, _ op: (Quantity, Quantity) -> (MPFloat, MPFloat)
  ) -> Quantity {
    guard isValid, b.isValid else {
      return Quantity(lower: MPFloat(precision: p), upper: MPFloat(precision: p), rigorous: false)
    }
    let (lo, hi) = op(self, b)
    return Quantity(lower: lo, upper: hi, rigorous: rigorous && b.rigorous)
  }

  /// Product; on the ends directly when an end is infinite (a one-sided enclosure, such as the
  /// logarithm of a non-negative value not resolved from 0: a ball cannot carry it).
  func times(_ b: Quantity, precision p: Int) -> Quantity {
    isFinite && b.isFinite ? combined(b, precision: p, *) : endpointProduct(b, precision: p, divide: false)
  }

  /// Division; the divisor must not contain 0.
  func divided(by b: Quantity, precision p: Int) throws -> Quantity {
    let zero = MPFloat(0, precision: p)
    guard b.lower > zero || b.upper < zero else { throw ClaimEvaluationError("division by an enclosure containing 0") }
    return isFinite && b.isFinite ? combined(b, precision: p, /) : endpointProduct(b, precision: p, divide: true)
  }

  private var isFinite: Bool { lower.isFinite && upper.isFinite }

  /// [min, max] of the four end products (or quotients), each rounded outward at `p` bits. An
  /// infinite end stands for "unbounded" over finite reals, so 0 × ∞ counts as 0.
  private func endpointProduct(_ b: Quantity, precision p: Int, divide: Bool) -> Quantity {
    guard isValid, b.isValid else {
      return Quantity(lower: MPFloat(precision: p), upper: MPFloat(precision: p), rigorous: false)
    }
    func op(_ x: MPFloat, _ y: MPFloat, _ r: MPFloat.RoundingMode) -> MPFloat {
      let v =
        divide ? MPFloat.quotient(x, y, precision: p, rounding: r) : MPFloat.product(x, y, precision: p, rounding: r)
      return v.isNaN ? MPFloat(0, precision: p) : v
    }
    let ends = [(lower, b.lower), (lower, b.upper), (upper, b.lower), (upper, b.upper)]
    let lo = ends.map { op($0.0, $0.1, .down) }.min()!
    let hi = ends.map { op($0.0, $0.1, .up) }.max()!
    return Quantity(lower: lo, upper: hi, rigorous: rigorous && b.rigorous)
  }

  /// Natural logarithm; the enclosure must be positive. A quantity that is non-negative by
  /// construction (`isNonnegative`: a share, an energy) whose enclosure reaches down to 0 or
  /// below lies in [0, upper]: its logarithm is the one-sided (−∞, log upper] (an upper bound
  /// only; a claim can still decide on it, e.g. a fitted slope bounded above).
  func log(precision p: Int) throws -> Quantity {
    let zero = MPFloat(0, precision: p)
    if isNonnegative, isValid, lower <= zero, upper > zero, upper.isFinite {
      let top = Quantity(
        ArbBall.apply(.log, ArbBall(lower: upper, upper: upper, precision: p)), precision: p, rigorous: rigorous)
      return Quantity(lower: MPFloat(-Double.infinity, precision: p), upper: top.upper, rigorous: rigorous)
    }
    guard lower > zero, let x = interval(precision: p) else {
      // An enclosure that straddles 0 is a value not resolved by its error (inconclusive);
      // one that lies at or below 0 has no logarithm (an error).
      throw ClaimEvaluationError(
        "log of an enclosure that is not positive: [\(lower.formatted(digits: 6)), \(upper.formatted(digits: 6))]"
          + (upper > zero && !rigorous ? " (the value is not resolved by its error)" : ""),
        unresolved: upper > zero && !rigorous)
    }
    return Quantity(ArbBall.apply(.log, x), precision: p, rigorous: rigorous)
  }

  /// |x| as an enclosure.
  var magnitude: Quantity {
    let zero = MPFloat(0, precision: lower.precision)
    if lower >= zero { return self }
    if upper <= zero { return Quantity(lower: -upper, upper: -lower, rigorous: rigorous) }
    return Quantity(lower: zero, upper: Swift.max(-lower, upper), rigorous: rigorous)
  }
}

/// The slope of the least-squares line through (log xᵢ, log yᵢ): the exponent
/// s of a power law y ∝ xˢ fitted on a log-log scale,
///   s = Σ (uᵢ − ū) vᵢ / Σ (uᵢ − ū)²,  uᵢ = log xᵢ, vᵢ = log yᵢ,
/// evaluated in enclosure arithmetic (rigorous for the fitted slope when the yᵢ are).
func logLogSlope(x: [Quantity], y: [Quantity], precision p: Int) throws -> Quantity {
  guard x.count == y.count, x.count >= 2 else { throw ClaimEvaluationError("slope needs at least two points") }
  let u = try x.map { try $0.log(precision: p) }
  let v = try y.map { try $0.log(precision: p) }
  var sum = Quantity(exact: MPFloat(0, precision: p))
  for ui in u { sum = sum.plus(ui, precision: p) }
  let mean = try sum.divided(by: Quantity(exact: MPFloat(u.count, precision: p)), precision: p)
  var num = Quantity(exact: MPFloat(0, precision: p))
  var den = Quantity(exact: MPFloat(0, precision: p))
  for (ui, vi) in zip(u, v) {
    let d = ui.minus(mean, precision: p)
    num = num.plus(d.times(vi, precision: p), precision: p)
    den = den.plus(d.times(d, precision: p), precision: p)
  }
  var s = try num.divided(by: den, precision: p)
  s.rigorous = y.allSatisfy(\.rigorous) && x.allSatisfy(\.rigorous)
  return s
}
