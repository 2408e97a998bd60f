import BallArithmetic
import Expressions
import MultiPrecision
import Quadrature
import Verification

/// Why an infinite-range or Fourier integral was not certified (the quantity's
/// `certified = no (…)` metadata).
struct NotCertified: Error {
  let message: String
}

/// Certified integrals over half-lines, the line and the Fourier kernels of the
/// `integral` provider: ∫_a^T f on Arb balls (`Integration.certifiedIntegral`) plus a tail
/// bound ∫_T^∞ |f| ≤ ∫_T^∞ M from a majorant M that the suite derives from the expression of
/// f (`IntegrandMajorant`). (−∞, b] is [−b, ∞) for f(−x); ℝ is split at 0; the Fourier integral
/// ∫₀^∞ f(x)·cos(ωx) dx (or sin) takes the majorant of f (|cos|, |sin| ≤ 1) and ω as a ball
/// enclosing its expression. Where no majorant is derived, the integral is the estimate as
/// before, and the reason says so.
extension IntegralProvider {
  func certifyingInfinite(
    _ integrand: Expressions.Expression, _ g: @escaping (AcbBall) -> AcbBall, variable: String, point: SweepPoint,
    from a: MPFloat, to b: MPFloat, tolerance: MPFloat?, breaks: [MPFloat], precision: Int, complex: Bool = false
  ) -> Result<Quantity, NotCertified> {
    let values = Self.ballVariables(point, precision: precision)
    // Pieces [lo, ∞) of f(s·x), s = ±1.
    var pieces: [(lo: MPFloat, reflected: Bool)] = []
    let zero = MPFloat(0, precision: precision)
    switch (a.isFinite, b.isFinite) {
    case (true, false) where b > 0: pieces = [(a, false)]
    case (false, true) where a < 0: pieces = [(-b, true)]
    case (false, false) where a < 0 && b > 0: pieces = [(zero, false), (zero, true)]
    default: return .failure(NotCertified(message: "reversed infinite bounds"))
    }
    var total = AcbBall(0, precision: precision)
    var evaluations = 0
    var tails: [String] = []
    for piece in pieces {
      let h: (AcbBall) -> AcbBall = piece.reflected ? { x in g(-x) } : g
      let cuts = breaks.map { piece.reflected ? -$0 : $0 }.filter { $0 > piece.lo }
      let r = Integration.certifiedIntegral(
        h, from: piece.lo,
        toInfinityWithTail: { t in
          IntegrandMajorant.derive(
            integrand, variable: variable, values: values, from: t, reflected: piece.reflected, precision: precision
          )?.tailBound(from: t)
        }, tolerance: tolerance, breakPoints: cuts, evaluationLimit: 20_000 + 200 * precision)
      evaluations += r.evaluations
      guard r.isRigorous, let t = r.truncation, let bound = r.tailBound else {
        return .failure(NotCertified(message: noMajorant(integrand, reflected: piece.reflected)))
      }
      tails.append(
        "∫ over |\(variable)| ≥ \(t.decimalString(digits: 6)) bounded by \(bound.decimalString(digits: 3))")
      total = total + r.enclosure
    }
    return enclosed(
      total, evaluations: evaluations, tails: tails, tolerance: tolerance, precision: precision, complex: complex)
  }

  /// ∫₀^∞ f(x)·kernel(ωx) dx, certified when a majorant of f is derived.
  func certifyingFourier(
    _ integrand: Expressions.Expression, kernel: FourierKernel, omega: AcbBall?, names: [String],
    slots: [MPFloat], point: SweepPoint, tolerance: MPFloat?, precision: Int, complex: Bool = false
  ) -> Result<Quantity, NotCertified> {
    guard let omega, omega.isFinite, omega.isReal else {
      return .failure(NotCertified(message: "ω has no ball enclosure"))
    }
    guard
      let f = ballIntegrand(
        integrand, names: names, slots: slots, point: point, precision: precision, realValued: !complex)
    else {
      return .failure(NotCertified(message: "a function of the integrand has no ball form"))
    }
    let g: (AcbBall) -> AcbBall = { x in
      let k = kernel == .cos ? AcbBall.cos(omega * x) : AcbBall.sin(omega * x)
      return f(x) * k
    }
    let values = Self.ballVariables(point, precision: precision)
    let zero = MPFloat(0, precision: precision)
    let r = Integration.certifiedIntegral(
      g, from: zero,
      toInfinityWithTail: { t in
        IntegrandMajorant.derive(integrand, variable: names[0], values: values, from: t, precision: precision)?
          .tailBound(from: t)
      }, tolerance: tolerance, evaluationLimit: 20_000 + 200 * precision)
    guard r.isRigorous, let t = r.truncation, let bound = r.tailBound else {
      return .failure(NotCertified(message: noMajorant(integrand, reflected: false)))
    }
    let tail = "∫ over \(names[0]) ≥ \(t.decimalString(digits: 6)) bounded by \(bound.decimalString(digits: 3))"
    return enclosed(
      r.enclosure, evaluations: r.evaluations, tails: [tail], tolerance: tolerance, precision: precision,
      complex: complex)
  }

  func noMajorant(_ integrand: Expressions.Expression, reflected: Bool) -> String {
    "no rigorous tail bound: no majorant of |\(integrand)| on "
      + (reflected ? "(−∞, −T]" : "[T, ∞)") + " could be derived"
  }

  /// The quantity of a certified enclosure (any rigorous one, as on finite intervals: one
  /// wider than the tolerance, e.g. where the integral cancels far below the integrand's
  /// size, keeps its status in the metadata, and the claim decides with its true width).
  func enclosed(
    _ e: AcbBall, evaluations: Int, tails: [String], tolerance: MPFloat?, precision: Int, complex: Bool = false
  ) -> Result<Quantity, NotCertified> {
    var r = CertifiedQuadratureResult(enclosure: e, status: .certified, evaluations: evaluations)
    let tol = tolerance ?? Integration.defaultTolerance(MPFloat.self)
    Integration.classify(&r, relTol: tol)
    guard r.isRigorous else {
      return .failure(NotCertified(message: "the enclosure \(e.string(digits: 8)) is not finite"))
    }
    let interval = e.realBall.bounds(precision: precision)
    let meta = [
      "method": "certified Gauss-Legendre (Petras bound, bisection) with a derived tail bound",
      "evaluations": String(evaluations), "status": r.status.rawValue, "certified": "yes",
      "tail": tails.joined(separator: "; "),
    ]
    var q = Quantity(lower: interval.lower, upper: interval.upper, rigorous: true, metadata: meta)
    if complex {
      // The imaginary part of a complex integrand (for a real one it is 0 up to the error
      // bounds, which Arb adds to both parts, and is dropped).
      let im = e.imaginaryBall.bounds(precision: precision)
      guard im.lower.isFinite, im.upper.isFinite else {
        return .failure(NotCertified(message: "the imaginary part is not finite"))
      }
      q.imaginary = Quantity.ImaginaryPart(lower: im.lower, upper: im.upper)
      q.metadata["imaginary"] = e.imaginaryPart.string(digits: 20)
    }
    return .success(q)
  }
}
