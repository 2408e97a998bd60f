import BallArithmetic
import CArb
import MultiPrecision

extension Integration {
  /// A certified enclosure of ∫ₐ^∞ f(x) dx: `certifiedIntegral` on [a, T] plus the ball
  /// [−t(T), t(T)], where t(T) ≥ ∫_T^∞ |f| is a rigorous tail bound (`tailBound`, e.g.
  /// `TailMajorant.tailBound(from:)`; nil where it has none). T is chosen so that
  /// t(T) ≤ tolerance·|I|/8: a cheap enclosure on [a, T₀], T₀ = max(a, 0) + 1, sets the
  /// scale |I|, T doubles from T₀ until the tail is small enough and is then bisected
  /// down (8 steps) to save integrand evaluations; [a, T] is integrated to the absolute
  /// tolerance tolerance·|I|/2 (its length does not loosen it); a result that misses the tolerance
  /// because the scale was off is rerun once with the scale it found. The result is
  /// `notCertified` when no T up to 2^1000·T₀ gives a tail bound.
  ///
  /// The enclosure is rigorous whenever `tailBound` is: the truncation is the only
  /// step beyond `certifiedIntegral`, and it is charged in full to the radius.
  public static func certifiedIntegral(
    _ f: (AcbBall) -> AcbBall, from a: MPFloat, toInfinityWithTail tailBound: (MPFloat) -> MPFloat?,
    tolerance: MPFloat? = nil, precision: Int? = nil, breakPoints: [MPFloat] = [],
    evaluationLimit: Int? = nil
  ) -> CertifiedQuadratureResult {
    let prec = precision ?? MPFloat.workingPrecision
    precondition(a.isFinite, "certifiedIntegral: the lower bound must be finite")
    let relTol = tolerance?.magnitude ?? MPFloat.pow(MPFloat(2, precision: 64), -prec + 8)
    let one = MPFloat(1, precision: prec)
    let t0 = Swift.max(a, MPFloat(0, precision: prec)) + one
    let rough = certifiedIntegral(
      f, from: a, to: t0, tolerance: MPFloat("1e-6", precision: 64)!, precision: prec,
      breakPoints: breakPoints, evaluationLimit: evaluationLimit)
    var evaluations = rough.evaluations
    let fail = CertifiedQuadratureResult(
      enclosure: AcbBall.indeterminate(precision: prec), status: .notCertified, evaluations: evaluations,
      boundEvaluations: rough.boundEvaluations, pieces: 0)
    guard rough.isRigorous else { return fail }
    var scale = rough.enclosure.realMidpoint(precision: 64).magnitude
    if scale.isZero || !scale.isFinite { scale = MPFloat(rough.enclosure.realRadius, precision: 64) }
    var result = fail
    for attempt in 0..<2 {
      let target = relTol * scale / 8
      guard let (t, tail) = truncation(tailBound, from: t0, target: target) else {
        result.evaluations = evaluations
        return result
      }
      var c = certifiedIntegral(
        f, from: a, to: t, tolerance: relTol, precision: prec,
        breakPoints: breakPoints.filter { $0 < t }, evaluationLimit: evaluationLimit,
        absoluteTolerance: relTol * scale / 2)
      evaluations += c.evaluations
      c.evaluations = evaluations
      guard c.isRigorous else { return c }
      let tailBall = AcbBall(tail, precision: 64)
      let widened = c.enclosure + AcbBall(0, precision: prec)
      withExtendedLifetime((widened, tailBall)) { arb_add_error(widened.real, tailBall.real) }
      c.enclosure = widened
      c.truncation = t
      c.tailBound = tail
      classify(&c, relTol: relTol)
      result = c
      let mid = c.enclosure.realMidpoint(precision: 64).magnitude
      // Rerun once when the rough scale was far above |I| (the tail then dominates the radius).
      guard attempt == 0, c.status != .certified, mid.isFinite, !mid.isZero, mid < scale / 4 else { break }
      scale = mid
    }
    return result
  }

  /// The least T (to within 2^(−8) of the doubling step) with tailBound(T) ≤ target,
  /// searched from t0 by doubling; nil when none up to 2^1000·t0.
  static func truncation(
    _ tailBound: (MPFloat) -> MPFloat?, from t0: MPFloat, target: MPFloat
  ) -> (MPFloat, MPFloat)? {
    var hi = t0
    var hiTail: MPFloat?
    var lo: MPFloat?
    for _ in 0..<1000 {
      if let t = tailBound(hi), t <= target {
        hiTail = t
        break
      }
      lo = hi
      hi = hi * 2
    }
    guard var tail = hiTail else { return nil }
    guard var low = lo else { return (hi, tail) }
    for _ in 0..<8 {
      let mid = (low + hi) / 2
      if let t = tailBound(mid), t <= target {
        hi = mid
        tail = t
      } else {
        low = mid
      }
    }
    return (hi, tail)
  }
}
