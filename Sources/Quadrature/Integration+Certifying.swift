import BallArithmetic
import CArb
import MultiPrecision

/// An integral that is certified where the integrand allows, else estimated.
public struct CertifyingQuadratureResult: Sendable, CustomStringConvertible {
  /// The certified result, when the certified path ran (finite interval, no
  /// singularity at an endpoint).
  public var certified: CertifiedQuadratureResult?
  /// The estimate of `Integration.integrate`, when the certified path did not
  /// give a rigorous enclosure.
  public var estimate: QuadratureResult<MPFloat>?
  /// Why the certified path was not taken or did not certify (nil when certified).
  public var reason: String?

  public init(
    certified: CertifiedQuadratureResult? = nil, estimate: QuadratureResult<MPFloat>? = nil, reason: String? = nil
  ) {
    self.certified = certified
    self.estimate = estimate
    self.reason = reason
  }

  /// A rigorous enclosure of the (real) integral, when there is one.
  public var enclosure: ArbBall? {
    guard let c = certified, c.isRigorous else { return nil }
    return c.interval
  }
  /// The value: the enclosure's midpoint, or the estimate.
  public var value: MPFloat {
    if let c = certified, c.isRigorous { return c.enclosure.realMidpoint() }
    return estimate?.value ?? MPFloat.nan
  }
  /// A rigorous bound of |I − value| when `enclosure` is non-nil, else the estimate's error estimate.
  public var error: MPFloat {
    if let c = certified, c.isRigorous { return MPFloat(c.enclosure.realRadius, precision: 64) }
    return estimate?.errorEstimate ?? MPFloat.infinity
  }
  /// Integrand evaluations of both paths.
  public var evaluations: Int { (certified?.evaluations ?? 0) + (estimate?.evaluations ?? 0) }
  /// `certified`, `belowAbsoluteError`, `certifiedToFewerDigits` (rigorous), or the
  /// estimate's status prefixed by `estimate:`.
  public var statusName: String {
    if let c = certified, c.isRigorous { return c.status.rawValue }
    return "estimate:" + (estimate?.status.name ?? "none")
  }
  /// Whether the requested relative tolerance was met (rigorously or by the estimate).
  public var meetsTolerance: Bool {
    if let c = certified, c.isRigorous { return c.status == .certified }
    return estimate?.isConverged ?? false
  }

  public var description: String {
    if let c = certified, c.isRigorous { return c.description }
    return "\(estimate.map { "\($0)" } ?? "no estimate") [not certified: \(reason ?? "?")]"
  }
}

extension Integration {
  /// ∫ₐᵇ f: certified by `certifiedIntegral` when the bounds are finite and f is
  /// holomorphic near both ends, otherwise (or when certification fails) the
  /// estimate of `integrate(_:from:to:tolerance:breakPoints:)`. The estimate
  /// evaluates the integrand as the midpoint of `ball` on a point (faster than
  /// MPFR) where that ball is real and accurate to p − 16 bits, else `estimate`,
  /// the same integrand in MPFR (always, in the distance form).
  ///
  /// The endpoint test evaluates `ball` with `analytic` set on the boxes
  /// a ± δ(1 + i), b ± δ(1 + i), δ = (b − a)/1024: a singularity at (or within δ
  /// of) an end, where the bisection would need ~p levels of pieces to certify
  /// anything, sends the integral to the double-exponential estimate at once; so
  /// does an integrand unbounded on x ± δ at a break point x. The certified path
  /// is capped at 20 000 + 200p evaluations (then the estimate runs).
  public static func integrateCertifying(
    _ ball: (AcbBall) -> AcbBall, estimate f: (MPFloat) -> MPFloat, from a: MPFloat, to b: MPFloat,
    tolerance: MPFloat? = nil, breakPoints: [MPFloat] = []
  ) -> CertifyingQuadratureResult {
    integrateCertifying(
      ball, estimateDistanceForm: { x, _ in f(x) }, from: a, to: b, tolerance: tolerance,
      breakPoints: breakPoints, usesDistance: false)
  }

  /// `integrateCertifying` whose estimate path takes the integrand in distance form
  /// (see `integrate(distanceForm:from:to:tolerance:method:breakPoints:)`).
  public static func integrateCertifying(
    _ ball: (AcbBall) -> AcbBall, estimateDistanceForm f: (MPFloat, MPFloat) -> MPFloat, from a: MPFloat,
    to b: MPFloat, tolerance: MPFloat? = nil, breakPoints: [MPFloat] = []
  ) -> CertifyingQuadratureResult {
    integrateCertifying(
      ball, estimateDistanceForm: f, from: a, to: b, tolerance: tolerance,
      breakPoints: breakPoints, usesDistance: true)
  }

  static func integrateCertifying(
    _ ball: (AcbBall) -> AcbBall, estimateDistanceForm f: (MPFloat, MPFloat) -> MPFloat, from a: MPFloat,
    to b: MPFloat, tolerance: MPFloat?, breakPoints: [MPFloat], usesDistance: Bool
  ) -> CertifyingQuadratureResult {
    let tol = tolerance ?? defaultTolerance(MPFloat.self)
    var out = CertifyingQuadratureResult()
    if a == b {
      out.estimate = QuadratureResult(value: MPFloat(0), errorEstimate: MPFloat(0), evaluations: 0, status: .converged)
      out.reason = "empty interval"
      return out
    }
    if !a.isFinite || !b.isFinite {
      out.reason = "infinite range (no rigorous tail bound)"
    } else if let end = singularEnd(ball, a, b) {
      out.reason = "not holomorphic near the end \(end.decimalString(digits: 17))"
    } else if let point = unboundedBreakPoint(
      ball, breakPoints.filter { $0 > Swift.min(a, b) && $0 < Swift.max(a, b) },
      scale: (b - a).magnitude)
    {
      out.reason = "not bounded near the break point \(point.decimalString(digits: 17))"
    } else {
      let p = MPFloat.workingPrecision
      let c = certifiedIntegral(
        ball, from: a, to: b, tolerance: tol, breakPoints: breakPoints,
        evaluationLimit: 20_000 + 200 * p)
      out.certified = c
      if c.isRigorous { return out }
      out.reason = "no finite bound on some piece"
    }
    if usesDistance {
      // Ball midpoints away from the ends (|δ| ≥ 2⁻¹⁰·(b − a) when finite, where the rounded
      // abscissa costs at most ~10 bits of a singular term); the distance form near them.
      let prec = MPFloat.workingPrecision
      let near = a.isFinite && b.isFinite ? (b - a).magnitude / 1024 : MPFloat(0)
      out.estimate = integrate(
        { x, d in
          (near.isZero || d.magnitude < near) ? f(x, d) : (ballMidpoint(ball, x, precision: prec) ?? f(x, d))
        }, from: a, to: b, tolerance: tol, rule: AutomaticRule(), breakPoints: breakPoints, usesDistance: true)
    } else {
      let prec = MPFloat.workingPrecision
      out.estimate = integrate(
        { x, _ in ballMidpoint(ball, x, precision: prec) ?? f(x, x) }, from: a, to: b,
        tolerance: tol, rule: AutomaticRule(), breakPoints: breakPoints, usesDistance: false)
    }
    return out
  }

  /// g(x) as the midpoint of its ball when that ball is real and carries at least
  /// p − 16 correct bits (Arb's elementary functions are several times faster than
  /// MPFR's), else nil (the caller then evaluates the MPFR integrand).
  static func ballMidpoint(_ ball: (AcbBall) -> AcbBall, _ x: MPFloat, precision: Int) -> MPFloat? {
    let v = ball(AcbBall(x, precision: precision))
    guard v.isFinite, arb_contains_zero(v.imaginary) != 0 else { return nil }
    if arb_is_zero(v.real) != 0 { return MPFloat(0, precision: precision) }
    guard v.relativeAccuracyBits >= precision - 16 else { return nil }
    return v.realMidpoint(precision: precision)
  }

  /// A break point near which `ball` is unbounded on the real line (evaluated on the real
  /// ball x ± scale/1024 without the holomorphy check), or nil: a kink is fine, a pole or a
  /// logarithm would send the bisection to its depth limit.
  static func unboundedBreakPoint(_ ball: (AcbBall) -> AcbBall, _ points: [MPFloat], scale: MPFloat) -> MPFloat? {
    let prec = MPFloat.workingPrecision
    let delta = AcbBall(scale / 1024, precision: prec)
    for x in points {
      let seg = AcbBall(x, precision: prec)
      arb_add_error(seg.real, delta.real)
      if !ball(seg).isFinite { return x }
    }
    return nil
  }

  /// An end of [a, b] near which `ball` is not holomorphic, or nil.
  static func singularEnd(_ ball: (AcbBall) -> AcbBall, _ a: MPFloat, _ b: MPFloat) -> MPFloat? {
    let prec = MPFloat.workingPrecision
    let delta = AcbBall((b - a).magnitude / 1024, precision: prec)
    for end in [a, b] {
      let box = AcbBall(end, precision: prec).requiringHolomorphy(true)
      arb_add_error(box.real, delta.real)
      arb_add_error(box.imaginary, delta.real)
      if !ball(box).isFinite { return end }
    }
    return nil
  }
}
