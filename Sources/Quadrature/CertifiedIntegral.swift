import BallArithmetic
import CArb
import MultiPrecision

/// How a certified integration ended.
public enum CertifiedStatus: String, Sendable, Equatable {
  /// The enclosure is rigorous and its radius meets the relative tolerance:
  /// radius ≤ tolerance·|midpoint|.
  case certified
  /// The enclosure is rigorous but |I| may be below its radius (it contains 0
  /// or its radius exceeds |midpoint|): an absolute bound, no correct digits.
  case belowAbsoluteError
  /// The enclosure is rigorous and finite but wider than the relative tolerance
  /// (the evaluation or depth limit was reached, or precision was lost).
  case certifiedToFewerDigits
  /// No rigorous bound: some piece could not be enclosed (f not finite on it,
  /// or not analytic near an endpoint where no other bound applied).
  case notCertified
}

/// The result of `Integration.certifiedIntegral`: a complex ball that contains
/// ∫ₐᵇ f(x) dx whenever `status` is not `.notCertified`.
public struct CertifiedQuadratureResult: Sendable, CustomStringConvertible {
  /// The enclosure of the integral (its imaginary part is that of f, 0 for a real integrand).
  public var enclosure: AcbBall
  public var status: CertifiedStatus
  /// Integrand calls: point evaluations plus complex-box bound evaluations.
  public var evaluations: Int
  /// Of which complex-box (ellipse or direct) bound evaluations.
  public var boundEvaluations: Int
  /// Pieces of the bisection that were accepted.
  public var pieces: Int
  /// On an infinite range: the end T of the range [a, T] integrated (nil on a finite range).
  public var truncation: MPFloat? = nil
  /// On an infinite range: the rigorous bound of ∫_T^∞ |f| included in the radius.
  public var tailBound: MPFloat? = nil

  public init(
    enclosure: AcbBall, status: CertifiedStatus, evaluations: Int, boundEvaluations: Int = 0, pieces: Int = 0,
    truncation: MPFloat? = nil, tailBound: MPFloat? = nil
  ) {
    self.enclosure = enclosure
    self.status = status
    self.evaluations = evaluations
    self.boundEvaluations = boundEvaluations
    self.pieces = pieces
    self.truncation = truncation
    self.tailBound = tailBound
  }

  /// Whether the enclosure is a rigorous bound (any status but `.notCertified`).
  public var isRigorous: Bool { status != .notCertified }
  /// The real part as a real ball (rigorous when `isRigorous`).
  public var interval: ArbBall { enclosure.realBall }

  public var description: String {
    "\(enclosure.string(digits: 20)) (\(status.rawValue), \(evaluations) evaluations, "
      + "\(boundEvaluations) bounds, \(pieces) pieces)"
  }
}

extension Integration {
  /// Sizes n of the Gauss-Legendre rules the certified integrator uses (so that
  /// rules are shared between pieces and calls through the cache).
  static let certifiedDegrees: [Int] =
    Array(1...16) + Array(stride(from: 20, through: 64, by: 4))
    + Array(stride(from: 72, through: 128, by: 8)) + Array(stride(from: 144, through: 512, by: 16))

  /// Ellipse parameters ρ (sum of the semi-axes of the Bernstein ellipse of
  /// [−1, 1]) tried for the bound on |f|, smallest first.
  static let ellipseRadii: [Double] = [1.0625, 1.125, 1.25, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64]

  /// A certified enclosure of ∫ₐᵇ f(x) dx on a finite interval, by Gauss-Legendre
  /// rules whose degree comes from a bound on |f| over a Bernstein ellipse around
  /// each piece, with adaptive bisection where no such bound is found
  /// (Petras, "Self-validating integration and approximation of piecewise analytic
  /// functions", J. Comput. Appl. Math. 145 (2002); the same scheme as Arb's
  /// `acb_calc_integrate`, F. Johansson, "Numerical integration in arbitrary-precision
  /// ball arithmetic", ICMS 2018, arXiv:1802.07942).
  ///
  /// For a piece [m − r, m + r] and an ellipse E_ρ (foci m ± r, semi-axes r(ρ ± 1/ρ)/2)
  /// on which f is holomorphic with |f| ≤ M, the n-point rule G_n satisfies
  /// |∫ f − G_n| ≤ r · 64 M / (15 (ρ² − 1) ρ^(2n−2)) (L. N. Trefethen, "Is Gauss
  /// quadrature better than Clenshaw–Curtis?", SIAM Review 50 (2008), Th. 4.5, whose
  /// I_n has n + 1 nodes, scaled to the piece; the exponent 2n − 2 for n nodes matters:
  /// ρ^(−2n) is violated, e.g. by G_6 for eˣ on [0, 1] at ρ = 64). M is an upper bound of |f|
  /// evaluated in ball arithmetic on a box that
  /// contains E_ρ, with `analytic` set so that f reports non-holomorphy (|x|, max,
  /// floor, branch cuts) as an indeterminate ball. Each piece first tries the direct
  /// enclosure 2r·f([m − r, m + r]) (which accepts small pieces next to kinks and
  /// jumps), then the rule of least degree over the tried ρ, else it is bisected.
  ///
  /// - Parameters:
  ///   - f: the integrand on complex balls (called on real points, on the real
  ///     segment of a piece, and with `analytic` set on boxes around it).
  ///   - a, b: finite bounds (a ≠ b; b < a gives −∫_b^a).
  ///   - tolerance: relative tolerance (default 2^(−p+8) at p = `precision`).
  ///   - precision: bits of the ball arithmetic (default: the working precision).
  ///   - evaluationLimit: most integrand calls (default 1000·p + p²).
  ///   - depthLimit: deepest bisection (default 2p).
  ///   - absoluteTolerance: when given, the target of the summed piece errors (each piece
  ///     ≤ absoluteTolerance/32) instead of tolerance·|I₀| from a rough estimate, whose
  ///     floor 2^(−p)·(b − a) is far too loose on long ranges (a tail truncated at 10³⁰).
  public static func certifiedIntegral(
    _ f: (AcbBall) -> AcbBall, from a: MPFloat, to b: MPFloat, tolerance: MPFloat? = nil,
    precision: Int? = nil, breakPoints: [MPFloat] = [],
    evaluationLimit: Int? = nil, depthLimit: Int? = nil, absoluteTolerance: MPFloat? = nil
  ) -> CertifiedQuadratureResult {
    let prec = precision ?? MPFloat.workingPrecision
    precondition(a.isFinite && b.isFinite, "certifiedIntegral: bounds must be finite")
    let relTol = tolerance?.magnitude ?? MPFloat.pow(MPFloat(2, precision: 64), -prec + 8)
    return withoutActuallyEscaping(f) { f in
      var integrator = CertifiedIntegrator(
        f: f, prec: prec, evalLimit: evaluationLimit ?? (1000 * prec + prec * prec),
        depthLimit: depthLimit ?? (2 * prec))
      let lo = Swift.min(a, b), hi = Swift.max(a, b)
      let cuts = Array(Set(breakPoints.filter { $0 > lo && $0 < hi && $0.isFinite })).sorted()
      let points = ([lo] + cuts + [hi]).map { AcbBall($0, precision: prec) }
      // Absolute tolerance per piece from a rough estimate of |I| (8-point rule);
      // one rerun with the estimate the first pass found if that was far off.
      if let absTol = absoluteTolerance?.magnitude, absTol > 0, absTol.isFinite {
        var result = integrator.run(points, tolAbs: absTol / 32)
        classify(&result, relTol: relTol)
        if b < a { result.enclosure = -result.enclosure }
        return result
      }
      let estimate = integrator.roughEstimate(points)
      let floor = MPFloat.pow(MPFloat(2, precision: 64), -prec) * (hi - lo)
      var tolAbs = Swift.max(relTol * estimate, floor) / 32
      var result = integrator.run(points, tolAbs: tolAbs)
      classify(&result, relTol: relTol)
      if result.status == CertifiedStatus.certifiedToFewerDigits || result.status == CertifiedStatus.belowAbsoluteError
      {
        let mid = result.enclosure.realMidpoint().magnitude
        let target = relTol * mid / 32
        let r = MPFloat(result.enclosure.realRadius, precision: 64)
        if r > MPFloat(0, precision: 64) && mid > 4 * r && target < tolAbs && target > floor / 32 {
          tolAbs = target
          let evalsBefore = result.evaluations, boundsBefore = result.boundEvaluations
          result = integrator.run(points, tolAbs: tolAbs)
          result.evaluations += evalsBefore
          result.boundEvaluations += boundsBefore
        }
      }
      result.evaluations += integrator.roughEvaluations
      classify(&result, relTol: relTol)
      if b < a { result.enclosure = -result.enclosure }
      return result
    }
  }

  /// Sets `r.status` from its enclosure and the relative tolerance (see `CertifiedStatus`).
  public static func classify(_ r: inout CertifiedQuadratureResult, relTol: MPFloat) {
    guard r.enclosure.isFinite, r.status != .notCertified else { r.status = .notCertified; return }
    let mid = r.enclosure.realMidpoint().magnitude
    let rad = MPFloat(r.enclosure.realRadius, precision: 64)
    if r.enclosure.realBall.containsZero || rad >= mid {
      r.status = .belowAbsoluteError
    } else if rad <= relTol * mid {
      r.status = .certified
    } else {
      r.status = .certifiedToFewerDigits
    }
  }
}

/// The bisection loop of `certifiedIntegral`.
struct CertifiedIntegrator {
  let f: (AcbBall) -> AcbBall
  let prec: Int
  let evalLimit: Int
  let depthLimit: Int
  /// Evaluations spent by `roughEstimate`.
  var roughEvaluations = 0

  /// A rough value of |∫| (only sets the tolerance; no rigour needed): the
  /// midpoint rule on each piece, or the 8-point rule if that gives 0.
  mutating func roughEstimate(_ points: [AcbBall]) -> MPFloat {
    for n in [1, 8] {
      roughEvaluations += n * (points.count - 1)
      var sum = AcbBall(0, precision: prec)
      for i in 0..<(points.count - 1) {
        let (m, r) = midRadius(points[i], points[i + 1])
        sum = sum + gaussSum(BallGaussLegendre.rule(n, precision: prec), m, r)
      }
      let v = sum.realMidpoint(precision: 64).magnitude
      if v.isFinite && !v.isZero { return v }
    }
    return MPFloat(0, precision: 64)
  }

  func midRadius(_ lo: AcbBall, _ hi: AcbBall) -> (AcbBall, AcbBall) {
    let m = (lo + hi) / 2
    let r = (hi - lo) / 2
    return (m, r)
  }

  /// r · Σ wₖ f(m ± r xₖ) in ball arithmetic.
  func gaussSum(_ rule: BallGaussLegendre, _ m: AcbBall, _ r: AcbBall) -> AcbBall {
    let acc = AcbBall(0, precision: prec)
    let t = AcbBall(0, precision: prec)
    for k in 0..<rule.count {
      let x = rule.nodes + k, w = rule.weights + k
      // t = r·xₖ (real)
      arb_mul(t.real, r.real, x, prec)
      let p = m + t
      let fp = f(p)
      fp_acb_addmul_arb(acc.pointer, fp.pointer, w, prec)
      if !(rule.n % 2 == 1 && k == rule.count - 1) {
        let q = m - t
        let fq = f(q)
        fp_acb_addmul_arb(acc.pointer, fq.pointer, w, prec)
      }
    }
    return acc * r
  }

  struct Piece { var lo: AcbBall; var hi: AcbBall; var depth: Int }

  mutating func run(_ points: [AcbBall], tolAbs: MPFloat) -> CertifiedQuadratureResult {
    var total = AcbBall(0, precision: prec)
    var evaluations = 0, bounds = 0, pieces = 0
    var rigorous = true
    var stack: [Piece] = []
    for i in stride(from: points.count - 2, through: 0, by: -1) {
      stack.append(Piece(lo: points[i], hi: points[i + 1], depth: 0))
    }
    // tol as an Arb magnitude and as log2 for the degree choice.
    var tolMag = mag_struct(); mag_init(&tolMag); defer { mag_clear(&tolMag) }
    let tolBall = AcbBall(tolAbs, precision: 64)
    arb_get_mag_lower(&tolMag, tolBall.real)
    let log2Tol = Double(tolAbs.exponent)  // ≈ log2 tol (within 1)
    while let piece = stack.popLast() {
      let (m, r) = midRadius(piece.lo, piece.hi)
      // 1. Direct enclosure 2r·f([lo, hi]).
      let seg = AcbBall(0, precision: prec)
      arb_union(seg.real, piece.lo.real, piece.hi.real, prec)
      let fseg = f(seg)
      evaluations += 1; bounds += 1
      let direct = fseg * r * 2
      if direct.isFinite, radiusAtMost(direct, &tolMag) {
        total = total + direct; pieces += 1; continue
      }
      // 2. Ellipse bound and degree.
      let exhausted = evaluations >= evalLimit || piece.depth >= depthLimit
      if !exhausted, let (n, err) = chooseDegree(m, r, log2Tol: log2Tol, evaluations: &evaluations, bounds: &bounds) {
        let g = gaussSum(BallGaussLegendre.rule(n, precision: prec), m, r)
        evaluations += n
        acb_add_error_mag(g.pointer, err)
        mag_clear(err); err.deallocate()
        total = total + g; pieces += 1
        continue
      }
      if exhausted {
        // Out of budget: the direct enclosure if finite, else no bound.
        if direct.isFinite { total = total + direct } else { rigorous = false; total = total + direct }
        pieces += 1
        continue
      }
      // 3. Bisect.
      let mid = AcbBall(0, precision: prec)
      arf_set(fp_arb_mid(mid.real), fp_arb_mid(m.real))
      stack.append(Piece(lo: mid, hi: piece.hi, depth: piece.depth + 1))
      stack.append(Piece(lo: piece.lo, hi: mid, depth: piece.depth + 1))
    }
    return CertifiedQuadratureResult(
      enclosure: total, status: rigorous ? .certified : .notCertified,
      evaluations: evaluations, boundEvaluations: bounds, pieces: pieces)
  }

  func radiusAtMost(_ z: AcbBall, _ tol: UnsafeMutablePointer<mag_struct>) -> Bool {
    var m = mag_struct(); mag_init(&m); defer { mag_clear(&m) }
    mag_hypot(&m, fp_arb_rad(z.real), fp_arb_rad(z.imaginary))
    return mag_cmp(&m, tol) <= 0
  }

  /// The smallest allowed degree n whose Petras bound is ≤ tol over the ρ tried,
  /// and that bound (a heap `mag_t` the caller adds and frees); nil if no ρ gives
  /// a finite M with n ≤ the degree limit.
  func chooseDegree(
    _ m: AcbBall, _ r: AcbBall, log2Tol: Double,
    evaluations: inout Int, bounds: inout Int
  ) -> (Int, UnsafeMutablePointer<mag_struct>)? {
    let radii = Integration.ellipseRadii
    let degLimit = prec / 2 + 60
    var rMag = mag_struct(); mag_init(&rMag); defer { mag_clear(&rMag) }
    arb_get_mag(&rMag, r.real)
    let log2r = mag_is_zero(&rMag) != 0 ? -Double(prec) : log2(mag_get_d(&rMag))
    // Returns (needed n as Double, M) for ρ = radii[j], or nil if f is unbounded there.
    func trial(_ j: Int) -> (Double, UnsafeMutablePointer<mag_struct>)? {
      let rho = radii[j]
      let A = (rho + 1 / rho) / 2 * (1 + 1e-12), B = (rho - 1 / rho) / 2 * (1 + 1e-12)
      let box = AcbBall(precision: prec, analytic: true)
      fp_ellipse_box(box.pointer, m.real, r.real, A, B, prec)
      let v = f(box)
      evaluations += 1; bounds += 1
      guard v.isFinite else { return nil }
      let M = UnsafeMutablePointer<mag_struct>.allocate(capacity: 1)
      mag_init(M)
      acb_get_mag(M, v.pointer)
      let l2M = mag_is_zero(M) != 0 ? -1e9 : log2(mag_get_d(M))
      // n − 1 ≥ (log2 of r·64M/(15(ρ²−1)) − log2 tol) / (2·log2 ρ).
      let num = log2r + l2M + log2(64.0 / 15.0) - log2(rho * rho - 1) - log2Tol + 1
      let n = Swift.max(1, num / (2 * log2(rho)) + 1)
      return (n.isFinite ? n : 1e9, M)
    }
    // Start in the middle of the list; move toward larger ρ while n falls, else toward smaller.
    var best: (n: Double, j: Int, M: UnsafeMutablePointer<mag_struct>)?
    func consider(_ j: Int) -> Bool {
      guard let (n, M) = trial(j) else { return false }
      if let b = best, b.n <= n { mag_clear(M); M.deallocate(); return false }
      if let b = best { mag_clear(b.M); b.M.deallocate() }
      best = (n, j, M)
      return true
    }
    let start = 6
    if consider(start) {
      var j = start + 1
      while j < radii.count {
        let before = best!.n
        guard consider(j), best!.n < 0.92 * before else { break }
        j += 1
      }
    } else {
      var j = start - 1
      while j >= 0, best == nil { _ = consider(j); j -= 1 }
      if j >= 0, best != nil { _ = consider(j) }
    }
    guard let b = best else { return nil }
    guard let n = Integration.certifiedDegrees.first(where: { Double($0) >= b.n }), n <= degLimit else {
      mag_clear(b.M); b.M.deallocate(); return nil
    }
    // Rigorous bound r · 64 M / (15 (ρ² − 1) ρ^(2n−2)), with lower bounds in the denominator.
    let rho = radii[b.j]
    let err = b.M
    let t = UnsafeMutablePointer<mag_struct>.allocate(capacity: 1)
    mag_init(t)
    defer { mag_clear(t); t.deallocate() }
    mag_mul(err, err, &rMag)
    mag_mul_ui(err, err, 64)
    mag_set_d_lower(t, rho * rho - 1)  // ρ² − 1 exact for the ρ above (dyadic or small)
    mag_mul_ui_lower(t, t, 15)
    mag_div(err, err, t)
    mag_set_d_lower(t, rho)
    mag_pow_ui_lower(t, t, UInt(2 * n - 2))
    mag_div(err, err, t)
    return (n, err)
  }
}
