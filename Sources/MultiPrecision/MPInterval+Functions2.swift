import CMPFR

/// Interval extensions of the two-argument `RealFunction2` table.
///
/// - pow(x, y): an integer point y uses the tight `pow(_:_:)`; otherwise
///   x ≥ 0 is handled by the four corners (x^y is monotone in x for fixed y
///   and in y for fixed x, so the range over a box lies in the corners'
///   hull); negative x is defined only at integer y, each of which (up to
///   16) contributes `pow(x<0, k)`; x < 0 with non-integer y and 0^(y<0)
///   raise the flag. Tight.
/// - atan2(y, x): corners when the box avoids the origin and the branch cut
///   (x < 0, y = 0); otherwise [−π, π] (flagged if the origin is inside).
/// - hypot: corners of |x|, |y|. min, max: endpoint-wise. agm: increasing in
///   both (domain x, y ≥ 0). All tight.
/// - remainder, fmod: x − n·y when n = round(x/y) (resp. trunc) is constant
///   over the box (tight), else the bounds |fmod| < |y|, sign of x,
///   |fmod| ≤ |x| and |remainder| ≤ min(|y|/2, |x|) (rigorous, wide).
/// - beta: decreasing in both arguments for a, b > 0 (∂B/∂a = B(ψ(a) −
///   ψ(a+b)) < 0), tight; elsewhere Γ(a)Γ(b)/Γ(a+b) in interval arithmetic
///   (rigorous, wide; any pole gives [−∞, +∞], flagged).
/// - gammainc Γ(a, x): for x ≥ 1 increasing in a and decreasing in x
///   (corners, tight); for x ≤ 1, Γ(a, x) = I(a, x) + Γ(a, 1) with
///   I = ∫ₓ¹ t^(a−1)e^(−t) dt decreasing in a and x and Γ(a, 1) increasing
///   in a (rigorous, width ≈ the variation of Γ(·, 1) over a). x touching 0
///   with a ≤ 0 gives [−∞, +∞], flagged.
/// - besselj, bessely (n, x), root (x, n): for each integer in the order
///   interval (up to 16; a non-point order raises the flag) the
///   corresponding enclosure; their hull.
extension MPInterval {
  /// The enclosure of `f(a, b)` over `a × b` (see the type's domain rule).
  public static func apply(_ f: RealFunction2, _ a: MPInterval, _ b: MPInterval) -> MPInterval {
    let p = Swift.max(a.precision, b.precision)
    let flag = a.possiblyUndefined || b.possiblyUndefined
    if a.isEmpty || b.isEmpty { return .emptyInterval(precision: p, possiblyUndefined: flag) }
    if a.isPoint && b.isPoint {
      let x = a.lower, y = b.lower
      guard let r = pointEnclosure(f.mpfr, x, y, p),
        !(x.isFinite && y.isFinite && r.lower.isInfinite && r.upper.isInfinite)
      else { return .emptyInterval(precision: p, possiblyUndefined: true) }
      return r.flagged(flag || (f == .atan2 && x.isZero && y.isZero))
    }
    let r = enclose2(f, a, b, p).flagged(flag)
    return r.precision == p ? r : r.roundedOutward(toPrecision: p)
  }

  static func enclose2(_ f: RealFunction2, _ a: MPInterval, _ b: MPInterval, _ p: Int) -> MPInterval {
    let zero = MPFloat(0, precision: 2)
    switch f {
    case .pow:
      return powEnclosure(a.roundedOutward(toPrecision: p), b, p)
    case .atan2:
      let yZero = a.lower <= zero && a.upper >= zero
      let xZero = b.lower <= zero && b.upper >= zero
      if yZero && (xZero || b.lower < zero) {
        let pi = MathConstant.pi.value(precision: p, rounding: .up)
        return MPInterval(unchecked: -pi, pi).flagged(xZero)
      }
      return corners(mpfr_atan2, a, b, p)
    case .hypot:
      let x = apply(.abs, a), y = apply(.abs, b)
      return corners(mpfr_hypot, x, y, p)
    case .min, .max:
      return corners(f.mpfr, a, b, p)  // monotone increasing in both
    case .remainder, .fmod:
      return remainderEnclosure(a, b, p, ieee: f == .remainder)
    case .agm:
      guard let x = restrict(a.lower, a.upper, from: 0, to: nil),
        let y = restrict(b.lower, b.upper, from: 0, to: nil)
      else { return .emptyInterval(precision: p, possiblyUndefined: true) }
      return corners(mpfr_agm, MPInterval(unchecked: x.lo, x.hi), MPInterval(unchecked: y.lo, y.hi), p)
        .flagged(x.flag || y.flag)
    case .beta:
      if a.lower > zero && b.lower > zero { return corners(mpfr_beta, a, b, p) }
      return (apply(.gamma, a) * apply(.gamma, b) / apply(.gamma, a + b)).roundedOutward(toPrecision: p)
    case .gammainc:
      return gammaIncEnclosure(a, b, p)
    case .besselj, .bessely:
      guard let orders = integers(in: a, limit: 16) else { return .undefinedEntire(precision: p) }
      if orders.isEmpty { return .emptyInterval(precision: p, possiblyUndefined: true) }
      let parts = orders.map { bessel(first: f == .besselj, $0, b.lower, b.upper, p) }
      return hull(parts, precision: p).flagged(!a.isPoint)
    case .besseli, .besselk:
      guard let orders = integers(in: a, limit: 16) else { return .undefinedEntire(precision: p) }
      if orders.isEmpty { return .emptyInterval(precision: p, possiblyUndefined: true) }
      let parts = orders.map { n -> MPInterval in
        let nn = MPFloat(n, precision: 64)
        let op: MPFRUnaryOperation = { r, x, rnd in f.mpfr(r, nn.storage.pointer, x, rnd) }
        if f == .besselk { return restricted(op, b.lower, b.upper, p, from: 0, openBelow: true, to: nil) }
        return n % 2 == 0 ? piecewise(op, b.lower, b.upper, p, breakpoint: 0) : monotone(op, b.lower, b.upper, p)
      }
      return hull(parts, precision: p).flagged(!a.isPoint)
    case .lambertw:
      guard let branches = integers(in: b, limit: 16) else { return .undefinedEntire(precision: p) }
      let valid = branches.filter { $0 == 0 || $0 == -1 }
      if valid.isEmpty { return .emptyInterval(precision: p, possiblyUndefined: true) }
      let parts = valid.map { lambertWEnclosure(branch: $0, a.lower, a.upper, p) }
      return hull(parts, precision: p).flagged(!b.isPoint || valid.count < branches.count)
    case .root:
      guard let orders = integers(in: b, limit: 16) else { return .undefinedEntire(precision: p) }
      var flag = !b.isPoint || orders.isEmpty
      var parts: [MPInterval] = []
      for k in orders {
        guard k > 0 else { flag = true; continue }
        let op: MPFRUnaryOperation = { r, x, rnd in mpfr_rootn_ui(r, x, UInt(k), rnd) }
        if k % 2 == 0 {
          parts.append(restricted(op, a.lower, a.upper, p, from: 0, to: nil))
        } else {
          parts.append(monotone(op, a.lower, a.upper, p))
        }
      }
      return hull(parts, precision: p).flagged(flag)
    }
  }

  /// The hull of `op` at the four corners of `a × b`, each rounded outward.
  static func corners(_ op: MPFRBinaryOperation, _ a: MPInterval, _ b: MPInterval, _ p: Int) -> MPInterval {
    var parts: [MPInterval] = []
    for x in [a.lower, a.upper] {
      for y in [b.lower, b.upper] {
        parts.append(pointEnclosure(op, x, y, p) ?? .undefinedEntire(precision: p))
      }
    }
    return hull(parts, precision: p)
  }

  static func powEnclosure(_ x: MPInterval, _ y: MPInterval, _ p: Int) -> MPInterval {
    if y.isPoint, let n = exactInteger(y.lower) { return pow(x, n) }
    let zero = MPFloat(0, precision: 2)
    var parts: [MPInterval] = []
    var flag = false
    if x.lower < zero {
      // x < 0: defined only where y is an integer.
      flag = true
      let negative = MPInterval(unchecked: x.lower, x.upper < zero ? x.upper : MPFloat.signedZero(.minus, precision: p))
      guard let ks = integers(in: y, limit: 16) else { return .undefinedEntire(precision: p) }
      for k in ks { parts.append(pow(negative, k)) }
    }
    if x.upper >= zero {
      let xl = x.lower < zero || x.lower.isZero ? MPFloat.signedZero(.plus, precision: p) : x.lower
      if xl.isZero && y.lower < zero { flag = true }  // 0^y, y < 0
      parts.append(corners(mpfr_pow, MPInterval(unchecked: xl, x.upper), y, p))
    }
    return hull(parts, precision: p).flagged(flag)
  }

  static func remainderEnclosure(_ x: MPInterval, _ y: MPInterval, _ p: Int, ieee: Bool) -> MPInterval {
    let zero = MPFloat(0, precision: 2)
    if y.lower.isZero && y.upper.isZero { return .emptyInterval(precision: p, possiblyUndefined: true) }
    var flag = y.contains(zero) || !x.lower.isFinite || !x.upper.isFinite
    if !flag {
      let q = x / y
      if q.isBounded {
        let round: MPFRUnaryOperation =
          ieee
          ? { r, v, _ in mpfr_rint(r, v, MPFR_RNDN) }  // nearest, ties to even
          : { r, v, _ in mpfr_trunc(r, v) }
        let n1 = MPFloat.apply(round, q.lower).value, n2 = MPFloat.apply(round, q.upper).value
        if n1 == n2 { return (x - MPInterval(n1) * y).roundedOutward(toPrecision: p) }
      }
    }
    var m = y.magnitude
    if ieee { m.multiplyByPowerOfTwo(-1) }
    if !y.lower.isFinite || !y.upper.isFinite { flag = true }
    let mx = x.magnitude
    if mx < m { m = mx }
    m = m.rounded(toPrecision: p, rounding: .up)
    let lo = ieee || x.lower < zero ? -m : MPFloat(0, precision: p)
    let hi = ieee || x.upper > zero ? m : MPFloat(0, precision: p)
    return MPInterval(unchecked: lo, hi).flagged(flag)
  }

  static func gammaIncEnclosure(_ a: MPInterval, _ x: MPInterval, _ p: Int) -> MPInterval {
    let zero = MPFloat(0, precision: 2), oneValue = MPFloat(1, precision: p)
    guard let r = restrict(x.lower, x.upper, from: 0, to: nil) else {
      return .emptyInterval(precision: p, possiblyUndefined: true)
    }
    if r.lo.isZero && a.lower <= zero { return .undefinedEntire(precision: p) }
    func g(_ s: MPFloat, _ t: MPFloat) -> MPInterval {
      pointEnclosure(mpfr_gamma_inc, s, t, p) ?? .undefinedEntire(precision: p)
    }
    var parts: [MPInterval] = []
    if r.hi >= oneValue {
      // x ≥ 1: increasing in a, decreasing in x.
      let xl = r.lo > oneValue ? r.lo : oneValue
      parts.append(g(a.lower, r.hi).hull(g(a.upper, xl)))
    }
    if r.lo <= oneValue {
      // x ≤ 1: Γ(a, x) = I(a, x) + Γ(a, 1), I decreasing in a and x, Γ(·, 1) increasing.
      let xh = r.hi < oneValue ? r.hi : oneValue
      let iMin = g(a.upper, xh) - g(a.upper, oneValue)
      let iMax = g(a.lower, r.lo) - g(a.lower, oneValue)
      let g1 = g(a.lower, oneValue).hull(g(a.upper, oneValue))
      parts.append((iMin + g1).hull(iMax + g1))
    }
    return hull(parts, precision: p).flagged(r.flag)
  }
}
