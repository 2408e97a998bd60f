import MultiPrecision
import RealModule

/// Numerical integration at the working precision of `T` (`Double` or
/// `MPFloat`), with an error estimate and a status on every result.
///
/// Tolerances are relative: a result is `converged` when its error estimate
/// is at most `tolerance·|value|`, or when it is limited by rounding
/// (estimate ≤ 2·ε·∫|f|·(8 + 2√N) after N evaluations) and that still meets
/// `tolerance·|value|`; a rounding-limited result that does not (|value| below its
/// absolute error over the tolerance, as after cancellation) is `belowAbsoluteError`.
public enum Integration {
  /// The default relative tolerance 64·ε at the working precision.
  public static func defaultTolerance<T: RealScalar>(_ type: T.Type = T.self) -> T { 64 * T.ulpOfOne }

  /// Finest level of the double-exponential rules (h = 2^(−level)) at the
  /// working precision p: ⌈log₂ p⌉ + 1 (7 for Double, 10 at 100 digits),
  /// since their error falls like exp(−c/h) and h must halve as p doubles.
  public static func defaultMaxLevel<T: RealScalar>(_: T.Type) -> Int {
    let p = T.workingPrecisionBits
    var level = 0
    while (1 << level) < p { level += 1 }
    return Swift.max(6, level + 1)
  }
  /// Largest Gauss-Legendre size `GaussLegendreRule` goes up to.
  public static let maxGaussLegendrePoints = 512

  /// ∫_a^b f(x) dx.
  ///
  /// - Parameters:
  ///   - a, b: bounds; ±∞ allowed (`T.infinity`). b < a gives −∫_b^a.
  ///   - tolerance: relative tolerance (default `defaultTolerance`).
  ///   - rule: the rule for each piece (`QuadratureRule`, by name `rule(named:)`).
  ///     `AutomaticRule` uses Gauss-Legendre on finite intervals while its
  ///     successive doublings converge geometrically (the digits roughly
  ///     double with n) and switches to tanh-sinh otherwise; exp-sinh on
  ///     half-lines (after the exp-decay rule x = a + exp(t − e^(−t)) when f
  ///     decays exponentially); sinh-sinh on ℝ (after x = sinh t likewise).
  ///   - breakPoints: interior points where f is not smooth (kinks such as
  ///     ReLU's at 0, jumps); the interval is split there. Pieces that reach
  ///     the finest level are bisected adaptively (finite pieces, depth ≤ 4).
  public static func integrate<T: RealScalar>(
    _ f: (T) -> T, from a: T, to b: T, tolerance: T? = nil,
    rule: any QuadratureRule = AutomaticRule(), breakPoints: [T] = []
  ) -> QuadratureResult<T> {
    integrate(
      { x, _ in f(x) }, from: a, to: b, tolerance: tolerance, rule: rule,
      breakPoints: breakPoints, usesDistance: false)
  }

  /// ∫_a^b f(x) dx for an integrand that also takes δ, the signed distance from
  /// x to the nearer finite endpoint of the piece being integrated (δ = x − a
  /// near a, δ = x − b ≤ 0 near b), computed without cancellation. Use it for
  /// singularities at an endpoint other than 0, e.g. log(1 − x) on [0, 1] as
  /// `{ x, δ in δ < 0 ? log(-δ) : log1p(-x) }`. On infinite pieces δ = x − (finite end).
  public static func integrate<T: RealScalar>(
    distanceForm f: (_ x: T, _ delta: T) -> T, from a: T, to b: T, tolerance: T? = nil,
    rule: any QuadratureRule = AutomaticRule(), breakPoints: [T] = []
  ) -> QuadratureResult<T> {
    integrate(
      f, from: a, to: b, tolerance: tolerance, rule: rule, breakPoints: breakPoints,
      usesDistance: true)
  }

  static func integrate<T: RealScalar>(
    _ f: (T, T) -> T, from a: T, to b: T, tolerance: T?, rule: any QuadratureRule,
    breakPoints: [T], usesDistance: Bool
  ) -> QuadratureResult<T> {
    let tol = tolerance ?? defaultTolerance(T.self)
    precondition(!a.isNaN && !b.isNaN, "Integration.integrate: a bound is NaN")
    if a == b { return QuadratureResult(value: T.zero, errorEstimate: T.zero, evaluations: 0, status: .converged) }
    if b < a {
      var r = integrate(
        f, from: b, to: a, tolerance: tol, rule: rule, breakPoints: breakPoints,
        usesDistance: usesDistance)
      r.value = -r.value
      return r
    }
    let cuts = Array(Set(breakPoints.filter { $0 > a && $0 < b && $0.isFinite })).sorted()
    let points = [a] + cuts + [b]
    var total = QuadratureResult<T>(value: T.zero, errorEstimate: T.zero, evaluations: 0, status: .converged)
    for i in 0..<(points.count - 1) {
      let piece = integratePiece(f, points[i], points[i + 1], tol, rule, usesDistance, depth: 0)
      total.value += piece.value
      total.errorEstimate += piece.errorEstimate
      total.evaluations += piece.evaluations
      total.status = total.status.combined(with: piece.status)
      if case .nonFinite = piece.status { total.value = T.nan; total.errorEstimate = T.infinity; return total }
    }
    // Pieces met their own tolerances; the sum may still miss it by cancellation.
    if case .converged = total.status, points.count > 2,
      total.errorEstimate > tol * total.value.magnitude
    {
      let rounding = 64 * T.ulpOfOne * total.value.magnitude
      if total.errorEstimate > rounding { total.status = .maxLevelReached }
    }
    // Converged at the rounding floor without the relative accuracy asked for
    // (|value| below errorEstimate/tolerance): say so.
    if case .converged = total.status, total.errorEstimate > T.zero,
      total.errorEstimate > tol * total.value.magnitude
    {
      total.status = .belowAbsoluteError
    }
    return total
  }

  static let maxSubdivisionDepth = 4

  static func integratePiece<T: RealScalar>(
    _ f: (T, T) -> T, _ a: T, _ b: T, _ tol: T, _ rule: any QuadratureRule,
    _ usesDistance: Bool, depth: Int
  ) -> QuadratureResult<T> {
    let r = rule.integratePiece(f, from: a, to: b, tolerance: tol, usesDistance: usesDistance)
    guard case .maxLevelReached = r.status, a.isFinite, b.isFinite, depth < maxSubdivisionDepth else {
      return r
    }
    // Adaptive bisection. Each half keeps its own finite endpoints, so the
    // distance form stays exact at the original ends (δ is measured from the
    // half's ends; integrands using δ must only rely on it at the true ends).
    let mid = a + (b - a) / 2
    var left = integratePiece(f, a, mid, tol, rule, usesDistance, depth: depth + 1)
    if case .nonFinite = left.status { left.evaluations += r.evaluations; return left }
    let right = integratePiece(f, mid, b, tol, rule, usesDistance, depth: depth + 1)
    var sum = QuadratureResult(
      value: left.value + right.value,
      errorEstimate: left.errorEstimate + right.errorEstimate,
      evaluations: r.evaluations + left.evaluations + right.evaluations,
      status: left.status.combined(with: right.status))
    if case .nonFinite = right.status { sum.value = T.nan; sum.errorEstimate = T.infinity; sum.status = right.status }
    // Keep the unsplit result if splitting did not help.
    if !sum.isConverged && r.errorEstimate < sum.errorEstimate {
      var kept = r; kept.evaluations = sum.evaluations; return kept
    }
    return sum
  }

  /// The rounding level of a sum of N terms with Σ|terms| = L1, each with a
  /// few ulps of error from f and the weights: ε·L1·(8 + 2√N).
  static func roundingFloor<T: RealScalar>(_ l1: T, evaluations n: Int) -> T {
    T.ulpOfOne * l1 * T(8 + 2 * Double(n).squareRoot())
  }

  /// `.auto` on a finite piece: Gauss-Legendre while it converges
  /// geometrically; when the geometric rate is too slow for the size limit
  /// (a nearby complex singularity, as for Runge's 1/(1 + 25x²)) the piece is
  /// bisected (depth ≤ 6); when convergence is algebraic (an endpoint or
  /// interior singularity) tanh-sinh takes over.
  static func autoFinite<T: RealScalar>(
    _ f: (T, T) -> T, _ a: T, _ b: T, _ tol: T, _ usesDistance: Bool, depth: Int
  ) -> QuadratureResult<T> {
    let g = gaussLegendre(
      usesDistance ? { f($0, $0 - a) } : { f($0, $0) }, from: a, to: b, tolerance: tol,
      maxPoints: autoGaussLegendreLimit(T.self), abandonIfSlow: true)
    if g.result.isConverged { return g.result }
    if case .nonFinite = g.result.status { return g.result }
    if g.outcome == .geometricTooSlow && depth < 6 {
      let mid = a + (b - a) / 2
      let l = autoFinite(f, a, mid, tol, usesDistance, depth: depth + 1)
      if case .nonFinite = l.status { return l }
      let r = autoFinite(f, mid, b, tol, usesDistance, depth: depth + 1)
      if case .nonFinite = r.status { return r }
      return QuadratureResult(
        value: l.value + r.value, errorEstimate: l.errorEstimate + r.errorEstimate,
        evaluations: g.result.evaluations + l.evaluations + r.evaluations,
        status: l.status.combined(with: r.status))
    }
    var ts = tanhSinh(f, from: a, to: b, tolerance: tol, maxLevel: defaultMaxLevel(T.self), usesDistance: usesDistance)
    ts.evaluations += g.result.evaluations
    return ts
  }

  enum GaussLegendreOutcome { case finished, algebraic, geometricTooSlow }

  /// The largest Gauss-Legendre size `.auto` tries before bisecting or
  /// switching to tanh-sinh: about 1.5 points per significant digit, at
  /// least 32, at most 256.
  static func autoGaussLegendreLimit<T: RealScalar>(_: T.Type) -> Int {
    let digits = Double(T.workingPrecisionBits) * 0.30103
    var n = 32
    while Double(n) < digits * 1.5 && n < 256 { n *= 2 }
    return n
  }

  /// Gauss-Legendre on [a, b]: n = 8 and 16 points, then a third size (32
  /// when 8 points already gave enough digits for a size near 32 to be
  /// plausible, else 24), then sizes chosen from the observed geometric rate.
  /// The error of G_n is estimated by |G_n′ − G_n| for the next size n′ > n
  /// (reported doubled as the error of G_n′, which is smaller still), so with
  /// D(n) digits at n and a rate of r digits per point the next size is
  /// n* = 1.05·(n + (target − D(n))/r), rounded up to a multiple of 4, and one more
  /// size n* + k confirms it (k = 4 when k·r ≥ 3 digits, else 8, so that the
  /// confirming rule is at least 10³ times more accurate). With
  /// `abandonIfSlow`, stops (not converged) when the digits show algebraic
  /// rather than geometric convergence (a doubling of n gains less than half
  /// again the digits), or when the predicted size exceeds `maxPoints`.
  static func gaussLegendre<T: RealScalar>(
    _ f: (T) -> T, from a: T, to b: T, tolerance tol: T, maxPoints: Int, abandonIfSlow: Bool
  ) -> (result: QuadratureResult<T>, outcome: GaussLegendreOutcome) {
    let half = (b - a) / 2, mid = a + half
    var evaluations = 0
    var previous: (n: Int, value: T)? = nil
    var digits: [(n: Int, d: Double)] = []
    var result = QuadratureResult(
      value: T.zero, errorEstimate: T.infinity, evaluations: 0,
      status: .maxLevelReached)
    let target = -Double.log10(Swift.max(tol.doubleValue, 1e-300)) + 1
    var n = 8
    while n <= maxPoints {
      let sum: (value: T, sAbs: T)
      switch gaussLegendreSum(f, mid: mid, half: half, points: n, evaluations: &evaluations) {
      case .failure(let at): return (.nonFinite(at: at.x, evaluations: evaluations), .finished)
      case .success(let s): sum = s
      }
      let value = sum.value
      let floor = roundingFloor(sum.sAbs * half.magnitude, evaluations: n)
      var next = 2 * n
      if let prev = previous {
        let diff = (value - prev.value).magnitude
        // Twice |G_n − G_prev| (which estimates the error of G_prev): margin for noise in f.
        let err = Swift.max(2 * diff, floor)
        result = QuadratureResult(value: value, errorEstimate: err, evaluations: evaluations, status: .maxLevelReached)
        if err <= Swift.max(tol * value.magnitude, 2 * floor) {
          result.status = .converged
          return (result, .finished)
        }
        let scale = Swift.max(value.magnitude, floor)
        let d = scale.isZero ? 0 : -Double.log10(Swift.max((diff / scale).doubleValue, 1e-300))
        digits.append((prev.n, d))
        switch nextGaussLegendreSize(
          digits: digits, n: n, target: target, maxPoints: maxPoints, abandonIfSlow: abandonIfSlow)
        {
        case .size(let size): next = size
        case .abandon(let outcome): return (result, outcome)
        }
      } else {
        result = QuadratureResult(
          value: value, errorEstimate: T.infinity, evaluations: evaluations, status: .maxLevelReached)
      }
      previous = (n, value)
      n = next
    }
    return (result, .finished)
  }

  /// A non-finite value of f at x (the abscissa).
  struct NonFiniteAt<T: RealScalar>: Error { var x: T }

  /// G_n = (b − a)/2 Σ wᵢ f(xᵢ) on [mid − half, mid + half], with Σ |wᵢ f(xᵢ)| (unscaled) for the
  /// rounding floor; fails at the first non-finite value.
  static func gaussLegendreSum<T: RealScalar>(
    _ f: (T) -> T, mid: T, half: T, points n: Int, evaluations: inout Int
  ) -> Result<(value: T, sAbs: T), NonFiniteAt<T>> {
    let rule = GaussRule.legendre.nodes(n, as: T.self)
    var x = T.zero, t = T.zero
    var s = T.zero, sAbs = T.zero
    for i in 0..<n {
      x.formAffine(mid, half, rule.nodes[i])
      let fx = f(x)
      evaluations += 1
      if !fx.isFinite { return .failure(NonFiniteAt(x: x)) }
      t.formProduct(rule.weights[i], fx)
      s += t
      if t < T.zero { sAbs -= t } else { sAbs += t }
    }
    return .success((s * half, sAbs))
  }

  /// The next Gauss–Legendre size, or giving up.
  enum NextGaussLegendreSize {
    case size(Int)
    case abandon(GaussLegendreOutcome)
  }

  /// The next size from the digits D(n) gained so far (see `gaussLegendre`): from D(8) alone a first
  /// guess; then the linear (geometric) prediction n* = 1.05·(n + (target − D(n))/r) and one confirming
  /// size; algebraic convergence doubles n (or abandons, with `abandonIfSlow`, as does a prediction
  /// beyond `maxPoints`).
  static func nextGaussLegendreSize(
    digits: [(n: Int, d: Double)], n: Int, target: Double, maxPoints: Int, abandonIfSlow: Bool
  ) -> NextGaussLegendreSize {
    if digits.count == 1 {
      // Only D(8) is known; D(8)/8 is the rate if the error of G_0 = 0
      // (100%) lies on the same geometric line, which holds roughly for
      // a pole or branch point near [a, b] and underestimates the rate of
      // an entire f. When it reaches the target by ~48 points, 32 comes
      // next (it may suffice); when G_8 already has 8 digits, the
      // predicted size itself (its difference from G_16 then gives D(16)
      // and the true rate); else 24.
      let (n0, d) = digits[0]
      let rate0 = d / Double(n0)
      let predicted = rate0 > 0 ? target / rate0 : .infinity
      if predicted <= 48 {
        return .size(32)
      } else if d >= 8, case let jump = Int((predicted * 1.05 / 4).rounded(.up)) * 4, jump + 8 <= maxPoints {
        return .size(jump)
      } else {
        return .size(d >= 3 ? 24 : 32)
      }
    } else {
      let (n0, d0) = digits[digits.count - 2], (n1, d1) = digits[digits.count - 1]
      let slope = (d1 - d0) / Double(n1 - n0)
      // Geometric convergence: digits grow linearly in n. Algebraic
      // convergence gains a roughly constant number per doubling.
      let algebraic =
        slope <= 0 || (n1 >= 2 * n0 && (d1 < 1.5 * d0 || d1 - d0 < 1))
        || (n1 < 2 * n0 && d1 - d0 < 0.5 * Double(n1 - n0) / Double(n0) * d0)
      if algebraic {
        if abandonIfSlow { return .abandon(.algebraic) }
        return .size(2 * n)
      } else {
        let k = slope * 4 >= 3 ? 4 : 8
        // 5% above the linear prediction: a size that falls short costs
        // two more rules, a few extra points cost little.
        let needed = (Double(n1) + (target - d1) / slope) * 1.05
        let rounded = Int((needed / 4).rounded(.up)) * 4
        let next = Swift.max(rounded, n + k)
        if abandonIfSlow && next + k > maxPoints { return .abandon(.geometricTooSlow) }
        return .size(Swift.min(next, Swift.max(maxPoints, n + k)))
      }
    }
  }
}
