import CMPFR

/// Interval extensions of the unary `RealFunction` table.
///
/// How each function is enclosed (f(X) ⊆ result for X = [lo, hi]):
/// - Monotone on its domain (exp, expm1, exp2, exp10, log*, sqrt, cbrt, asin,
///   acos, atan, sinh, tanh, asinh, acosh, atanh, erf, erfc, floor, ceil,
///   trunc, round): f at the two endpoints, rounded outward. Tight.
/// - Monotone on each side of one breakpoint c (abs, cosh, sech at 0; coth,
///   csch, ei at their pole 0, evaluated at −0 and +0; li2 at 2, where
///   Re Li₂′(x) = −log|1−x|/x changes sign): f at the endpoints and at c.
///   Tight.
/// - Periodic (sin, cos, tan, sec, csc, cot): f at the endpoints, plus the
///   value ±1 of every extremum k·π/2 that may lie in X, decided with a
///   certified enclosure of π/2 at enough bits to resolve k; X possibly
///   containing a pole gives [−∞, +∞], flagged. Tight.
/// - gamma, lgamma, digamma: X containing a non-positive integer gives
///   [−∞, +∞], flagged (rigorous, wide). Between poles ψ is increasing and
///   log|Γ| convex: ψ at the endpoints decides monotonicity; otherwise the
///   minimum of log|Γ| is bounded below by a tangent line at a certified
///   bracket [a, b] of the zero of ψ (f(x) ≥ f(a) + ψ(a)(b − a)), found by
///   regula falsi (Illinois). Tight to O(2^−p).
/// - zeta: decreasing on (1, ∞) and on [−2, 1); on (−∞, −2] the functional
///   equation ζ(x) = 2(2π)^(x−1) sin(πx/2) Γ(1−x) ζ(1−x) evaluated in interval
///   arithmetic (rigorous, width grows with X's width by the dependency
///   effect). X ∋ 1 gives [−∞, +∞], flagged.
/// - ai: decreasing on [−1, ∞) (Ai′ < 0 beyond a′₁ = −1.0188…); on (−∞, −1]
///   the adaptive second-derivative method below with |Ai″| = |x Ai(x)| ≤
///   max|x| · 0.5357 (max |Ai| on ℝ is Ai(a′₁) = 0.535656…, DLMF §9.9).
/// - j0, j1, y0, y1 (and the integer orders of `RealFunction2.besselj/y`):
///   adaptive bisection with a second-derivative bound M: on a piece [a, b],
///   f′ ∈ (f(b) − f(a))/(b − a) ± M(b − a); if that excludes 0 the piece is
///   monotone (tight endpoints), else it is split, down to where the
///   interpolation bound hull(f(a), f(b)) ± M(b − a)²/8 is below 2^−p of the
///   values (or a split budget of 2p + 64 is spent). |J_n^{(k)}| ≤ 1 gives
///   M = 1; for Y_n on [a, ∞) Nicholson's formula (J_ν² + Y_ν² decreasing in
///   x, DLMF 10.9.30) gives |Y_k| ≤ √(J_k(a)² + Y_k(a)²) and
///   M = (|Y_{n−2}| + 2|Y_n| + |Y_{n+2}|)/4; Y_n is increasing on
///   (0, max(|n|, 2)] (zeros interlace, DLMF 10.21.3).
/// Point intervals are always evaluated directly (one correctly rounded
/// call each way), which is the tightest possible enclosure.
extension MPInterval {
  /// The enclosure of `f` over `x` (see the type's domain rule).
  public static func apply(_ f: RealFunction, _ x: MPInterval) -> MPInterval {
    if x.isEmpty { return x }
    let p = x.precision
    let r = enclose(f, x.lower, x.upper, p).flagged(x.possiblyUndefined)
    return r.precision == p ? r : r.roundedOutward(toPrecision: p)
  }

  static func enclose(_ f: RealFunction, _ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> MPInterval {
    let op = f.mpfr
    switch f {
    case .exp, .expm1, .exp2, .exp10, .cbrt, .atan, .sinh, .tanh, .asinh, .erf, .erfc:
      return monotone(op, lo, hi, p)
    case .floor, .ceil, .trunc, .round:
      // The integer result is exact at the operand's precision; MPFR's
      // return value compares with the operand, so report exactness.
      let exact: MPFRUnaryOperation = { r, x, rnd in
        _ = op(r, x, rnd); return 0
      }
      return monotone(exact, lo, hi, p)
    case .log, .log2, .log10:
      return restricted(op, lo, hi, p, from: 0, openBelow: true, to: nil)
    case .log1p:
      return restricted(op, lo, hi, p, from: -1, openBelow: true, to: nil)
    case .sqrt:
      return restricted(op, lo, hi, p, from: 0, to: nil)
    case .asin, .acos:
      return restricted(op, lo, hi, p, from: -1, to: 1)
    case .acosh:
      return restricted(op, lo, hi, p, from: 1, to: nil)
    case .atanh:
      return restricted(op, lo, hi, p, from: -1, openBelow: true, to: 1, openAbove: true)
    case .abs, .cosh, .sech:
      return piecewise(op, lo, hi, p, breakpoint: 0)
    case .coth, .csch, .ei:
      if lo.isZero && hi.isZero { return .emptyInterval(precision: p, possiblyUndefined: true) }
      let zero = MPFloat(0, precision: 2)
      return piecewise(op, lo, hi, p, breakpoint: 0).flagged(lo <= zero && hi >= zero)
    case .li2:
      return piecewise(op, lo, hi, p, breakpoint: 2)
    case .sin, .cos, .tan, .sec, .csc, .cot:
      return periodic(f, lo, hi, p)
    case .gamma, .lgamma, .digamma:
      return gammaFamily(f, lo, hi, p)
    case .zeta:
      return zetaEnclosure(lo, hi, p)
    case .ai:
      return airyEnclosure(lo, hi, p)
    case .j0: return bessel(first: true, 0, lo, hi, p)
    case .j1: return bessel(first: true, 1, lo, hi, p)
    case .y0: return bessel(first: false, 0, lo, hi, p)
    case .y1: return bessel(first: false, 1, lo, hi, p)
    case .relu, .re, .conj:
      return monotone(op, lo, hi, p)
    case .sign, .heaviside, .im, .arg, .frac:
      return stepEnclosure(f, lo, hi, p)
    case .lambertw:
      return lambertWEnclosure(branch: 0, lo, hi, p)
    }
  }

  // MARK: Piecewise constant and piecewise linear functions

  /// `sign`, `heaviside`, `im`, `arg` (constant on x < 0, at 0, on x > 0) and
  /// `frac` (x − ⌊x⌋: linear between integers, in [0, 1) everywhere).
  static func stepEnclosure(_ f: RealFunction, _ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> MPInterval {
    let op = f.mpfr
    if f == .frac {
      if RealFunction.floor(lo) == RealFunction.floor(hi) { return monotone(op, lo, hi, p) }
      return MPInterval(unchecked: MPFloat(0, precision: p), MPFloat(1, precision: p))
    }
    var parts: [MPInterval] = []
    let zero = MPFloat(0, precision: 2)
    if lo < zero { parts.append(endpoint(op, lo, p)) }
    if lo <= zero && hi >= zero { parts.append(endpoint(op, zero, p)) }
    if hi > zero { parts.append(endpoint(op, hi, p)) }
    return hull(parts, precision: p)
  }

  // MARK: Lambert W

  /// W_k over [lo, hi] for k = 0 (increasing on [−1/e, ∞)) or k = −1
  /// (decreasing on [−1/e, 0)); points left of −1/e (or ≥ 0 for k = −1) are
  /// outside the domain (flagged). W_k(−1/e) = −1.
  static func lambertWEnclosure(branch k: Int, _ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> MPInterval {
    let op: MPFRUnaryOperation =
      k == 0
      ? RealFunction.lambertw.mpfr
      : { r, x, rnd in
        RealFunction2.lambertw.mpfr(r, x, MPFloat(-1, precision: 8).storage.pointer, rnd)
      }
    let q = Swift.max(p, lo.precision, hi.precision) + 16
    let b = -(MPInterval(1, precision: q) / MPInterval(constant: .e, precision: q))  // −1/e
    if hi < b.lower { return .emptyInterval(precision: p, possiblyUndefined: true) }
    let minusOne = MPInterval(-1, precision: p)
    let clipped = lo <= b.upper
    if k == 0 {
      if lo == hi { return atPoint(op, lo, p) }
      if clipped { return minusOne.hull(endpoint(op, hi, p)).flagged(lo < b.upper) }
      return monotone(op, lo, hi, p)
    }
    let zero = MPFloat(0, precision: 2)
    if lo >= zero {
      return lo.isZero && hi.isZero ? atPoint(op, lo, p) : .emptyInterval(precision: p, possiblyUndefined: true)
    }
    if lo == hi { return atPoint(op, lo, p) }
    let top =
      hi >= zero
      ? MPInterval(
        unchecked: MPFloat.signedInfinity(.minus, precision: p), MPFloat.signedInfinity(.minus, precision: p))
      : endpoint(op, hi, p)
    let bottom = clipped ? minusOne : endpoint(op, lo, p)
    return top.hull(bottom).flagged((clipped && lo < b.upper) || hi > zero)
  }

  // MARK: Building blocks

  /// Enclosure of `op` at a point endpoint; a NaN (should not occur inside
  /// the domain) degrades to `[−∞, +∞]`, flagged.
  static func endpoint(_ op: MPFRUnaryOperation, _ x: MPFloat, _ p: Int) -> MPInterval {
    pointEnclosure(op, x, p) ?? .undefinedEntire(precision: p)
  }

  /// `op` on a point interval: NaN, or ±∞ at a finite point (a pole or a
  /// logarithmic singularity), means the point is outside the domain: the
  /// empty set, flagged.
  static func atPoint(_ op: MPFRUnaryOperation, _ x: MPFloat, _ p: Int) -> MPInterval {
    guard let r = pointEnclosure(op, x, p) else {
      return .emptyInterval(precision: p, possiblyUndefined: true)
    }
    if x.isFinite && r.lower.isInfinite && r.upper.isInfinite {
      return .emptyInterval(precision: p, possiblyUndefined: true)
    }
    return r
  }

  /// A function monotone (either way) on [lo, hi]: hull of the endpoint values.
  static func monotone(_ op: MPFRUnaryOperation, _ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> MPInterval {
    if lo == hi { return atPoint(op, lo, p) }
    return endpoint(op, lo, p).hull(endpoint(op, hi, p))
  }

  /// `[lo, hi] ∩ domain`, the domain being bounded below by `a` and above
  /// by `b` (integers, each closed or open). Nil when the intersection is
  /// empty; `flag` when [lo, hi] is not inside the domain. An open end that
  /// is touched is kept as an endpoint: f there is its limit (e.g.
  /// log(0) = −∞), a valid bound.
  static func restrict(
    _ lo: MPFloat, _ hi: MPFloat, from a: Int?, openBelow: Bool = false,
    to b: Int?, openAbove: Bool = false
  ) -> (lo: MPFloat, hi: MPFloat, flag: Bool)? {
    var l = lo, h = hi, flag = false
    if let a {
      let bound = MPFloat(a, precision: 64)
      if h < bound || (openBelow && h == bound) { return nil }
      if l < bound || (openBelow && l == bound) { flag = true }
      if l < bound || (a == 0 && l.isZero) { l = MPFloat(a, precision: Swift.max(lo.precision, 64)) }
    }
    if let b {
      let bound = MPFloat(b, precision: 64)
      if l > bound || (openAbove && l == bound) { return nil }
      if h > bound || (openAbove && h == bound) { flag = true }
      if h > bound { h = MPFloat(b, precision: Swift.max(hi.precision, 64)) }
    }
    return (l, h, flag)
  }

  static func restricted(
    _ op: MPFRUnaryOperation, _ lo: MPFloat, _ hi: MPFloat, _ p: Int,
    from a: Int?, openBelow: Bool = false,
    to b: Int?, openAbove: Bool = false
  ) -> MPInterval {
    guard let r = restrict(lo, hi, from: a, openBelow: openBelow, to: b, openAbove: openAbove) else {
      return .emptyInterval(precision: p, possiblyUndefined: true)
    }
    return monotone(op, r.lo, r.hi, p).flagged(r.flag)
  }

  /// A function monotone on each side of the integer breakpoint `c`; at
  /// c = 0 the left piece ends at −0 and the right piece starts at +0, so
  /// that functions with a pole at 0 give their one-sided limits.
  static func piecewise(
    _ op: MPFRUnaryOperation, _ lo: MPFloat, _ hi: MPFloat, _ p: Int,
    breakpoint c: Int
  ) -> MPInterval {
    if lo == hi { return atPoint(op, lo, p) }
    let bound = MPFloat(c, precision: 64)
    let leftEnd = c == 0 ? MPFloat.signedZero(.minus, precision: p) : MPFloat(c, precision: 64)
    let rightStart = c == 0 ? MPFloat.signedZero(.plus, precision: p) : MPFloat(c, precision: 64)
    if hi <= bound {
      return endpoint(op, lo, p).hull(endpoint(op, hi == bound ? leftEnd : hi, p))
    }
    if lo >= bound {
      return endpoint(op, lo == bound ? rightStart : lo, p).hull(endpoint(op, hi, p))
    }
    return hull(
      [
        endpoint(op, lo, p), endpoint(op, leftEnd, p),
        endpoint(op, rightStart, p), endpoint(op, hi, p),
      ], precision: p)
  }

  /// An integer-valued `MPFloat` as an `Int`, or nil.
  static func exactInteger(_ v: MPFloat) -> Int? {
    guard v.isFinite, RealFunction.trunc(v) == v else { return nil }
    return v.int()
  }

  /// The integers in `y`, or nil when there are `limit` or more (or `y` is
  /// unbounded).
  static func integers(in y: MPInterval, limit: Int) -> [Int]? {
    guard !y.isEmpty, y.lower.isFinite, y.upper.isFinite else { return nil }
    let c = RealFunction.ceil(y.lower), f = RealFunction.floor(y.upper)
    if c > f { return [] }
    guard let ci = c.int(), let fi = f.int(), fi - ci < limit else { return nil }
    return Array(ci...fi)
  }

  // MARK: Periodic functions

  enum Critical { case none, extremum(Int), pole }

  /// What happens at k·π/2, indexed by k mod 4.
  static func criticalPoints(_ f: RealFunction) -> [Critical] {
    switch f {
    case .sin: return [.none, .extremum(1), .none, .extremum(-1)]
    case .cos: return [.extremum(1), .none, .extremum(-1), .none]
    case .tan: return [.none, .pole, .none, .pole]
    case .cot: return [.pole, .none, .pole, .none]
    case .sec: return [.extremum(1), .pole, .extremum(-1), .pole]
    case .csc: return [.pole, .extremum(1), .pole, .extremum(-1)]
    default: preconditionFailure("\(f) is not periodic")
    }
  }

  static func periodic(_ f: RealFunction, _ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> MPInterval {
    let op = f.mpfr
    if lo == hi { return atPoint(op, lo, p) }
    let table = criticalPoints(f)
    let hasPoles = table.contains { if case .pole = $0 { return true } else { return false } }
    let everything: MPInterval =
      hasPoles
      ? .undefinedEntire(precision: p)
      : MPInterval(unchecked: MPFloat(-1, precision: p), MPFloat(1, precision: p))
    guard lo.isFinite && hi.isFinite else { return everything }
    // Any interval of length ≥ 7 > 2π contains a whole period.
    let width = MPFloat.apply(mpfr_sub, hi, lo, precision: p, rounding: .down).value
    if width >= MPFloat(7, precision: 8) { return everything }
    // k·π/2 with certified π, at enough bits that k is exact and the
    // enclosure of k·π/2 is narrow at the magnitude of the endpoints.
    let magnitude = Swift.max(lo.isZero ? 0 : lo.exponent, hi.isZero ? 0 : hi.exponent, 0)
    let q = p + magnitude + 32
    var halfPi = MPInterval(constant: .pi, precision: q)
    var hl = halfPi.lower, hh = halfPi.upper
    hl.multiplyByPowerOfTwo(-1); hh.multiplyByPowerOfTwo(-1)
    halfPi = MPInterval(unchecked: hl, hh)
    var k = RealFunction.floor(MPFloat.apply(mpfr_div, lo, hl, precision: q).value) - 2
    var result = endpoint(op, lo, p).hull(endpoint(op, hi, p))
    for _ in 0..<16 {
      let K = MPInterval(k) * halfPi
      if K.lower > hi { return result }
      if K.upper >= lo {
        switch table[mod4(k)] {
        case .none: break
        case .extremum(let v): result = result.hull(MPInterval(v, precision: p))
        case .pole: return .undefinedEntire(precision: p)
        }
      }
      k = k + 1
    }
    return everything
  }

  /// k mod 4 for an integer-valued k.
  static func mod4(_ k: MPFloat) -> Int {
    var q = k
    q.multiplyByPowerOfTwo(-2)
    q = RealFunction.floor(q)
    q.multiplyByPowerOfTwo(2)
    return (k - q).int() ?? 0
  }

  // MARK: Gamma, log-gamma, digamma

  static func gammaFamily(_ f: RealFunction, _ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> MPInterval {
    let zero = MPFloat(0, precision: 2)
    if lo <= zero {
      // Poles at the non-positive integers.
      if !lo.isFinite { return .undefinedEntire(precision: p) }
      let c = RealFunction.ceil(lo)
      if c <= hi && c <= zero {
        return lo == hi ? .emptyInterval(precision: p, possiblyUndefined: true) : .undefinedEntire(precision: p)
      }
    }
    if lo == hi { return atPoint(f.mpfr, lo, p) }
    if f == .digamma { return monotone(f.mpfr, lo, hi, p) }  // ψ′ > 0 between poles
    let piece = logGammaPiece(lo, hi, p)
    if f == .lgamma { return piece.range }
    let gamma = RealFunction.gamma.mpfr
    let gl = endpoint(gamma, lo, p), gh = endpoint(gamma, hi, p)
    if piece.monotone { return gl.hull(gh) }
    // Interior minimum of |Γ| = exp(log|Γ|); sign of Γ on (−k−1, −k) is (−1)^(k+1).
    let top = gl.magnitude > gh.magnitude ? gl.magnitude : gh.magnitude
    let bottom = MPFloat.apply(mpfr_exp, piece.range.lower, precision: p, rounding: .down).value
    let negative = lo < zero && mod4(RealFunction.floor(lo)) % 2 != 0
    return negative ? MPInterval(unchecked: -top, -bottom) : MPInterval(unchecked: bottom, top)
  }

  /// log|Γ| on a pole-free [lo, hi]; `monotone` when ψ has a certified sign
  /// on it.
  static func logGammaPiece(_ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> (range: MPInterval, monotone: Bool) {
    let lg = RealFunction.lgamma.mpfr, psi = RealFunction.digamma.mpfr
    let zero = MPFloat(0, precision: 2)
    let fl = endpoint(lg, lo, p), fh = endpoint(lg, hi, p)
    let dl = endpoint(psi, lo, p), dh = endpoint(psi, hi, p)
    if dl.lower >= zero || dh.upper <= zero { return (fl.hull(fh), true) }
    let top = fl.upper > fh.upper ? fl.upper : fh.upper
    // Convexity: every tangent line lies below the graph.
    let x = MPInterval(unchecked: lo, hi)
    var bound = (fl + dl * (x - MPInterval(lo))).lower
    if hi.isFinite {
      let b = (fh + dh * (x - MPInterval(hi))).lower
      if b > bound { bound = b }
    }
    let q = p + 16
    if let (a, b) = digammaBracket(lo, hi, q) {
      // The minimiser x0 is in [a, b] and ψ(a) ≤ 0: min f = f(x0) ≥ f(a) + ψ(a)(b − a).
      let t = (endpoint(lg, a, q) + endpoint(psi, a, q) * (MPInterval(b) - MPInterval(a))).lower
      if t > bound { bound = t }
    }
    bound = bound.rounded(toPrecision: p, rounding: .down)
    if bound > top { bound = top }
    return (MPInterval(unchecked: bound, top), false)
  }

  /// A bracket [a, b] ⊆ [lo, hi] of the zero of ψ with certified signs
  /// ψ(a) ≤ 0 ≤ ψ(b), narrowed by the Illinois variant of regula falsi at
  /// `q` bits; nil when the endpoint signs cannot be certified.
  static func digammaBracket(_ lo: MPFloat, _ hi: MPFloat, _ q: Int) -> (MPFloat, MPFloat)? {
    let psi = RealFunction.digamma.mpfr
    let zero = MPFloat(0, precision: 2)
    var a = lo.rounded(toPrecision: q)
    guard let pa = pointEnclosure(psi, a, q), pa.upper <= zero else { return nil }
    var fa = pa.midpoint
    var b: MPFloat
    var fb: MPFloat
    if hi.isFinite {
      b = hi.rounded(toPrecision: q)
      guard let pb = pointEnclosure(psi, b, q), pb.lower >= zero else { return nil }
      fb = pb.midpoint
    } else {
      var step = MPFloat(1, precision: q)
      var found: MPInterval? = nil
      b = a
      for _ in 0..<64 {
        b = a + step
        guard let pb = pointEnclosure(psi, b, q) else { return nil }
        if pb.lower >= zero { found = pb; break }
        if pb.upper <= zero { a = b; fa = pb.midpoint }
        step = step * 2
      }
      guard let pb = found else { return nil }
      fb = pb.midpoint
    }
    var side = 0
    for _ in 0..<(2 * q + 20) {
      let w = b - a
      if w.isZero || w.exponent < Swift.max(a.isZero ? 0 : a.exponent, 0) - q + 8 { break }
      var c = b - fb * (b - a) / (fb - fa)
      if !(c > a && c < b) {
        c = a + b
        c.multiplyByPowerOfTwo(-1)
        if !(c > a && c < b) { break }
      }
      guard let pc = pointEnclosure(psi, c, q) else { break }
      if pc.upper <= zero {
        a = c; fa = pc.midpoint
        if side == -1 { fb.multiplyByPowerOfTwo(-1) }
        side = -1
      } else if pc.lower >= zero {
        b = c; fb = pc.midpoint
        if side == 1 { fa.multiplyByPowerOfTwo(-1) }
        side = 1
      } else {
        break  // ψ(c) is within rounding of 0
      }
    }
    return (a, b)
  }

  // MARK: Riemann zeta

  static func zetaEnclosure(_ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> MPInterval {
    let zeta = RealFunction.zeta.mpfr
    let one = MPFloat(1, precision: 2), minusTwo = MPFloat(-2, precision: 4)
    if lo <= one && hi >= one {
      return lo == hi ? .emptyInterval(precision: p, possiblyUndefined: true) : .undefinedEntire(precision: p)
    }
    if lo == hi { return atPoint(zeta, lo, p) }
    if lo > one { return monotone(zeta, lo, hi, p) }  // decreasing on (1, ∞)
    var parts: [MPInterval] = []
    if hi >= minusTwo {  // decreasing on [−2, 1): ζ′ < 0 there
      parts.append(monotone(zeta, lo > minusTwo ? lo : MPFloat(-2, precision: p), hi, p))
    }
    if lo < minusTwo {
      parts.append(zetaReflected(lo, hi < minusTwo ? hi : MPFloat(-2, precision: p), p))
    }
    return hull(parts, precision: p)
  }

  /// ζ on [a, b] ⊆ (−∞, −2] by the functional equation, in interval arithmetic.
  static func zetaReflected(_ a: MPFloat, _ b: MPFloat, _ p: Int) -> MPInterval {
    guard a.isFinite else { return .entire(precision: p) }
    // The formula overestimates by the dependency effect (x appears four
    // times); evaluating on up to 32 sub-intervals and taking the hull cuts
    // the overestimate proportionally.
    let width = (MPInterval(b) - MPInterval(a)).upper
    let pieces = width <= MPFloat(1, precision: 2).multipliedByPowerOfTwo(-20) ? 1 : 32
    if pieces > 1 {
      var parts: [MPInterval] = []
      var left = a
      for i in 1...pieces {
        var right = b
        if i < pieces {
          right = a + (b - a) * MPFloat(i, precision: 64) / MPFloat(pieces, precision: 64)
          if !(right > left && right < b) { continue }
        }
        parts.append(zetaReflectedPiece(left, right, p))
        left = right
      }
      return hull(parts, precision: p)
    }
    return zetaReflectedPiece(a, b, p)
  }

  static func zetaReflectedPiece(_ a: MPFloat, _ b: MPFloat, _ p: Int) -> MPInterval {
    let q = p + 16
    let x = MPInterval(unchecked: a, b).roundedOutward(toPrecision: q)
    let pi = MPInterval(constant: .pi, precision: q)
    let one = MPInterval(1, precision: q), two = MPInterval(2, precision: q)
    let s = one - x  // ⊆ [3, ∞)
    let power = apply(.exp, (x - one) * apply(.log, two * pi))
    let sine = apply(.sin, pi * x / two)
    let r = two * power * sine * apply(.gamma, s) * apply(.zeta, s)
    return r.roundedOutward(toPrecision: p)
  }

  // MARK: Airy Ai

  /// An upper bound of max |Ai| on ℝ (= Ai(a′₁) = 0.5356566560…).
  static func airyBound(_ p: Int) -> MPFloat { MPFloat("0.5357", precision: p, rounding: .up)! }

  static func airyEnclosure(_ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> MPInterval {
    let ai = RealFunction.ai.mpfr
    if lo == hi { return atPoint(ai, lo, p) }
    let minusOne = MPFloat(-1, precision: 2)
    let bound = airyBound(p)
    let clip = MPInterval(unchecked: -bound, bound)
    var parts: [MPInterval] = []
    if hi >= minusOne {  // decreasing on [−1, ∞)
      parts.append(monotone(ai, lo > minusOne ? lo : MPFloat(-1, precision: p), hi, p))
    }
    if lo < minusOne {
      if !lo.isFinite {
        parts.append(clip)
      } else {
        let b = hi < minusOne ? hi : MPFloat(-1, precision: p)
        parts.append(
          smoothEnclosure(lo, b, p, value: { endpoint(ai, $0, p) }, clip: clip) { a, b in
            // |Ai″(x)| = |x| |Ai(x)| ≤ max(|a|, |b|) · 0.5357
            let m = a.magnitude > b.magnitude ? a.magnitude : b.magnitude
            return MPFloat.apply(mpfr_mul, m, bound, precision: p, rounding: .up).value
          })
      }
    }
    return hull(parts, precision: p)
  }

  // MARK: Bessel functions of integer order

  static func besselOperation(first: Bool, _ n: Int) -> MPFRUnaryOperation {
    first ? { r, x, rnd in mpfr_jn(r, n, x, rnd) } : { r, x, rnd in mpfr_yn(r, n, x, rnd) }
  }

  /// sup_{x ≥ a} |Y_k(x)| ≤ √(J_k(a)² + Y_k(a)²), a > 0 (Nicholson).
  static func nicholsonBound(_ k: Int, _ a: MPFloat, _ p: Int) -> MPFloat {
    let j = endpoint(besselOperation(first: true, k), a, p)
    let y = endpoint(besselOperation(first: false, k), a, p)
    return apply(.sqrt, pow(j, 2) + pow(y, 2)).upper
  }

  /// J_n or Y_n over [lo, hi].
  static func bessel(first: Bool, _ n: Int, _ lo: MPFloat, _ hi: MPFloat, _ p: Int) -> MPInterval {
    let op = besselOperation(first: first, n)
    if first {
      if lo == hi { return atPoint(op, lo, p) }
      let clip = MPInterval(unchecked: MPFloat(-1, precision: p), MPFloat(1, precision: p))
      guard lo.isFinite && hi.isFinite else { return clip }
      return smoothEnclosure(lo, hi, p, value: { endpoint(op, $0, p) }, clip: clip) { _, _ in
        MPFloat(1, precision: p)  // |J_n″| = |J_{n−2} − 2J_n + J_{n+2}|/4 ≤ 1
      }
    }
    guard let r = restrict(lo, hi, from: 0, openBelow: true, to: nil) else {
      return .emptyInterval(precision: p, possiblyUndefined: true)
    }
    if r.lo == r.hi { return atPoint(op, r.lo, p).flagged(r.flag) }
    let m = MPFloat(Swift.max(n.magnitude, 2), precision: 64)
    var parts: [MPInterval] = []
    if r.lo < m {  // increasing (up to the sign (−1)^n for n < 0) on (0, max(|n|, 2)]
      parts.append(monotone(op, r.lo, r.hi < m ? r.hi : m, p))
    }
    if r.hi > m {
      let a = r.lo > m ? r.lo : MPFloat(m, precision: Swift.max(p, 64))
      let bound = nicholsonBound(n, a, p)
      let clip = MPInterval(unchecked: -bound, bound)
      if !r.hi.isFinite {
        parts.append(clip)
      } else {
        let m2 =
          (MPInterval(nicholsonBound(n - 2, a, p)) + MPInterval(nicholsonBound(n, a, p)) * MPInterval(2, precision: p)
            + MPInterval(nicholsonBound(n + 2, a, p))) / MPInterval(4, precision: p)
        parts.append(smoothEnclosure(a, r.hi, p, value: { endpoint(op, $0, p) }, clip: clip) { _, _ in m2.upper })
      }
    }
    return hull(parts, precision: p).flagged(r.flag)
  }

  // MARK: Adaptive enclosure of a smooth function with a bound on f″

  /// Encloses a C² function f over [lo, hi] (finite) from point enclosures
  /// `value` and `secondDerivativeBound(a, b) ≥ sup_{[a,b]} |f″|`.
  ///
  /// Branch and bound, breadth first: the values already computed are
  /// certainly in the range, so a piece is refined only while it is not
  /// certified monotone and its bound hull(f(a), f(b)) ± M(b − a)²/8 sticks
  /// out of the hull of the known values by more than 2^−p of their size.
  /// Pieces left when the split budget (4p + 64 per unit-width chunk) is
  /// spent contribute their (rigorous, wider) interpolation bound.
  static func smoothEnclosure(
    _ lo: MPFloat, _ hi: MPFloat, _ p: Int,
    value: (MPFloat) -> MPInterval, clip: MPInterval?,
    secondDerivativeBound: (MPFloat, MPFloat) -> MPFloat
  ) -> MPInterval {
    let width = (MPInterval(hi) - MPInterval(lo)).upper
    // Beyond 64 units the global bound (`clip`) is returned: rigorous, and
    // the oscillation would need too many evaluations anyway.
    if width > MPFloat(64, precision: 8), let clip { return clip }
    let chunks = width <= MPFloat(1, precision: 2) ? 1 : Int(Swift.min(64, width.doubleValue.rounded(.up)))
    var queue: [(MPFloat, MPInterval, MPFloat, MPInterval)] = []
    var known = value(lo)
    var a = lo, fa = known
    for i in 1...chunks {
      var b = hi
      if i < chunks {
        b = lo + (hi - lo) * MPFloat(i, precision: 64) / MPFloat(chunks, precision: 64)
        if !(b > a && b < hi) { continue }
      }
      let fb = value(b)
      known = known.hull(fb)
      queue.append((a, fa, b, fb))
      a = b; fa = fb
    }
    var budget = (4 * p + 64) * chunks
    var result = known
    var head = 0
    let zero = MPFloat(0, precision: 2)
    while head < queue.count {
      let (a, fa, b, fb) = queue[head]
      head += 1
      let ends = fa.hull(fb)
      guard a < b else { continue }
      let w = MPInterval(b) - MPInterval(a)
      let m = secondDerivativeBound(a, b)
      let mm = MPInterval(unchecked: -m, m)
      // f′ on [a, b] lies within the secant slope ± M·(b − a).
      let derivative = (fb - fa) / w + mm * w
      if !derivative.contains(zero) { continue }  // monotone: range = hull(f(a), f(b)) ⊆ known
      // Linear interpolation error ≤ M (b − a)²/8.
      let e = (MPInterval(m) * pow(w, 2) / MPInterval(8, precision: p)).upper
      let crude = ends + MPInterval(unchecked: -e, e)
      var tolerance = known.magnitude
      tolerance.multiplyByPowerOfTwo(-p)
      let excess =
        (crude.upper - known.upper) > (known.lower - crude.lower)
        ? crude.upper - known.upper : known.lower - crude.lower
      if excess <= tolerance {
        result = result.hull(crude)
        continue
      }
      var mid = MPFloat.apply(mpfr_add, a, b, precision: Swift.max(a.precision, b.precision) + 1).value
      mid.multiplyByPowerOfTwo(-1)
      guard budget > 0, a < mid, mid < b else {
        result = result.hull(crude)
        continue
      }
      budget -= 1
      let fm = value(mid)
      known = known.hull(fm)
      result = result.hull(fm)
      queue.append((a, fa, mid, fm))
      queue.append((mid, fm, b, fb))
    }
    guard let clip else { return result }
    let c = result.intersection(clip)
    return c.isEmpty ? result : c
  }
}
