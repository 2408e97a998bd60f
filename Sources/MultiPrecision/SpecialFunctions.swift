import CMPFR

/// The real special functions the suite needs beyond MPFR: Lambert W and the
/// modified Bessel functions I_n and K_n of integer order.
///
/// Each is computed as a *certified enclosure* by interval arithmetic
/// (`MPInterval`, directed rounding) with a rigorous bound on the truncation
/// error, then rounded Ziv-style: the working precision is doubled until both
/// ends of the enclosure round to the same number, so the result is correctly
/// rounded in the asked direction, like an MPFR function. `certified` wraps such
/// an enclosure as an `MPFRUnaryOperation`, so the functions join the shared
/// `RealFunction` / `RealFunction2` tables and everything built on them
/// (`MPFloat`, `Double`, `MPInterval`, the expression language).
///
/// Methods and error bounds (DLMF = NIST Digital Library of Mathematical Functions):
/// - W_k(x), k ∈ {0, −1}: Halley's iteration on w·e^w = x, then a bracket
///   [w − δ, w + δ] certified by the sign of (w·e^w − x) at both ends in interval
///   arithmetic; w·e^w is increasing on [−1, ∞) (branch 0) and decreasing on
///   (−∞, −1] (branch −1) (DLMF 4.13).
/// - I_n(x) = Σ_k (x/2)^{2k+n} / (k!(n+k)!) (DLMF 10.25.2): positive terms whose
///   ratio r_k = (x/2)²/((k+1)(n+k+1)) decreases, so once r ≤ 1/2 the tail after
///   a term t is at most t.
/// - K_n(x), x > 0: for large x the asymptotic expansion (DLMF 10.40.2)
///   K_n(x) ~ √(π/(2x)) e^{−x} Σ_k a_k(n)/x^k, whose remainder after ℓ ≥ n − 1/2 terms
///   is bounded by the first neglected term (DLMF 10.40.10 and §10.40(ii));
///   otherwise the series DLMF 10.31.1 with ψ(m) = −γ + H_{m−1}, its tail bounded by
///   |ψ(j+1) + ψ(n+j+1)| ≤ 2(n+j+1), evaluated with 3x extra bits against the
///   cancellation between terms of size e^x.
public enum SpecialFunctions {
  /// The outcome of one enclosure attempt at a given precision.
  public enum Enclosure: Sendable {
    /// Outside the domain (the MPFR convention: NaN).
    case undefined
    /// An enclosure of the exact value (a point interval when exact).
    case value(MPInterval)
    /// This precision was not enough; try again with more bits.
    case retry
  }

  // MARK: Bridging to MPFR signatures

  /// A copy of an MPFR value as an `MPFloat` (exact, at its precision).
  static func copy(_ x: mpfr_srcptr) -> MPFloat {
    var v = MPFloat(precision: Int(mpfr_get_prec(x)))
    v.withUnsafeMutableMPFR { _ = mpfr_set($0, x, MPFR_RNDN) }
    return v
  }

  @usableFromInline static func isNegative(_ x: mpfr_srcptr) -> Bool {
    mpfr_nan_p(x) == 0 && mpfr_zero_p(x) == 0 && mpfr_signbit(x) != 0
  }

  /// An operation whose result is exactly representable (at ≥ 2 bits): `value(x)`
  /// is stored into the result with the asked rounding.
  @usableFromInline static func exact(_ value: @escaping @Sendable (MPFloat) -> MPFloat) -> MPFRUnaryOperation {
    { r, x, rnd in
      let v = value(copy(x))
      return v.withUnsafeMPFR { mpfr_set(r, $0, rnd) }
    }
  }

  /// x − ⌊x⌋ ∈ [0, 1), rounded as asked (the floor is exact at x's precision).
  @usableFromInline static func fractionalPart(_ r: mpfr_ptr, _ x: mpfr_srcptr, _ rnd: mpfr_rnd_t) -> Int32 {
    let v = copy(x)
    let f = MPFloat.apply({ r, x, _ in mpfr_floor(r, x) }, v).value
    return MPFloat.apply(mpfr_sub, v, f, precision: v.precision + 1).value.withUnsafeMPFR { mpfr_set(r, $0, rnd) }
  }

  /// The MPFR operation of a certified enclosure `enclose(x, bits)`: the
  /// result is correctly rounded in the asked direction (Ziv's loop, up to 2⁶
  /// times the target precision); the ternary value is nonzero unless exact.
  public static func certified(
    _ enclose: @escaping @Sendable (MPFloat, Int) -> Enclosure
  ) -> MPFRUnaryOperation {
    { r, xp, rnd in
      let x = copy(xp)
      let p = Int(mpfr_get_prec(r))
      var q = p + 32
      var last: MPInterval? = nil
      for _ in 0..<7 {
        switch enclose(x, q) {
        case .undefined:
          mpfr_set_nan(r)
          return 0
        case .retry:
          q *= 2
          continue
        case .value(let e):
          if e.isEmpty { mpfr_set_nan(r); return 0 }
          if e.isPoint { return e.lower.withUnsafeMPFR { mpfr_set(r, $0, rnd) } }
          let lo = round(e.lower, p, rnd), hi = round(e.upper, p, rnd)
          last = e
          if lo == hi || (lo.isNaN && hi.isNaN) {
            _ = lo.withUnsafeMPFR { mpfr_set(r, $0, MPFR_RNDN) }
            return ternary(lo, e, rnd)
          }
          q *= 2
        }
      }
      // Not resolved (a value extremely close to a rounding boundary): round
      // the safe end outward.
      guard let e = last else { mpfr_set_nan(r); return 0 }
      let v: MPFloat
      if rnd == MPFR_RNDD { v = e.lower } else if rnd == MPFR_RNDU { v = e.upper } else { v = e.midpoint }
      _ = v.withUnsafeMPFR { mpfr_set(r, $0, rnd) }
      return rnd == MPFR_RNDD ? -1 : 1
    }
  }

  /// `v` rounded to `p` bits in direction `rnd`.
  static func round(_ v: MPFloat, _ p: Int, _ rnd: mpfr_rnd_t) -> MPFloat {
    var r = MPFloat(precision: p)
    r.withUnsafeMutableMPFR { d in _ = v.withUnsafeMPFR { mpfr_set(d, $0, rnd) } }
    return r
  }

  /// MPFR's ternary value of a rounded result `v` of a non-point enclosure `e`.
  static func ternary(_ v: MPFloat, _ e: MPInterval, _ rnd: mpfr_rnd_t) -> Int32 {
    if v < e.lower { return -1 }
    if v > e.upper { return 1 }
    if rnd == MPFR_RNDD { return -1 }
    if rnd == MPFR_RNDU { return 1 }
    return 1  // inexact; the direction is not needed by any caller
  }

  // MARK: Lambert W

  /// An enclosure of W_k(x) (k = 0 or −1) at about `q` bits.
  public static func lambertW(_ x: MPFloat, branch k: Int, precision q: Int) -> Enclosure {
    if x.isNaN || (k != 0 && k != -1) { return .undefined }
    if x.isZero {
      return k == 0 ? .value(MPInterval(MPFloat(0, precision: q))) : .value(MPInterval(-MPFloat.infinity(q)))
    }
    if x.isInfinite { return k == 0 && x > 0 ? .value(MPInterval(MPFloat.infinity(q))) : .undefined }
    if k == -1 && x > 0 { return .undefined }
    // Is x ≥ −1/e? (−1/e is irrational, so enough bits decide.)
    let qb = Swift.max(q, x.precision) + 16
    let e = MPInterval(constant: .e, precision: qb)
    let branchPoint = -(MPInterval(1, precision: qb) / e)  // −1/e
    if MPInterval(x).certainlyLess(than: branchPoint) { return .undefined }
    if branchPoint.contains(x) { return .retry }
    let w0 = lambertWEstimate(x, branch: k, precision: q)
    guard let w = halley(x, start: w0, precision: q), w.isFinite else { return .retry }
    // Certify a bracket around w.
    let X = MPInterval(x).roundedOutward(toPrecision: q)
    let one = MPInterval(1, precision: q)
    func f(_ v: MPFloat) -> MPInterval { let V = MPInterval(v); return V * MPInterval.apply(.exp, V) - X }
    var delta = MPFloat(1, precision: q)
    delta.multiplyByPowerOfTwo(-(q - 8))
    let scale = w.isZero ? MPFloat(1, precision: q) : w.magnitude
    delta = MPFloat.apply(mpfr_mul, delta, scale, precision: q, rounding: .up).value
    for _ in 0..<4 {
      var lo = MPFloat.apply(mpfr_sub, w, delta, precision: q, rounding: .down).value
      var hi = MPFloat.apply(mpfr_add, w, delta, precision: q, rounding: .up).value
      if k == 0, lo < -one.lower { lo = -one.lower }
      if k == -1, hi > -one.lower { hi = -one.lower }
      let fl = f(lo), fh = f(hi)
      if k == 0, fl.upper <= 0 ? fh.lower >= 0 : false {
        return .value(MPInterval(lower: lo, upper: hi))
      }
      if k == -1, fl.lower >= 0 ? fh.upper <= 0 : false {
        return .value(MPInterval(lower: lo, upper: hi))
      }
      delta.multiplyByPowerOfTwo(q / 4)
    }
    return .retry
  }

  /// A starting value for Halley's iteration (DLMF 4.13.6 near the branch
  /// point, 4.13.10–11 for large |log|x||).
  static func lambertWEstimate(_ x: MPFloat, branch k: Int, precision q: Int) -> MPFloat {
    MPFloat.withPrecision(q) {
      let xq = x.rounded(toPrecision: q)
      let e = MathConstant.e.value(precision: q)
      let t = 2 * (e * xq + 1)
      if xq.doubleValue < -0.25 {  // near −1/e: W = −1 + p − p²/3 + 11p³/72, p = ±√(2(ex + 1))
        var p = MPFloat.sqrt(t > 0 ? t : MPFloat(0, precision: q))
        if k == -1 { p = -p }
        return -1 + p - p * p / 3 + 11 * p * p * p / 72
      }
      if k == -1 {
        let l1 = MPFloat.log(-xq), l2 = MPFloat.log(-l1)
        return l1 - l2 + l2 / l1
      }
      if xq.doubleValue < 3 { return MPFloat.log(1 + xq) * (xq.doubleValue < 0 ? 1 : MPFloat(3) / 4) }
      let l1 = MPFloat.log(xq), l2 = MPFloat.log(l1)
      return l1 - l2 + l2 / l1
    }
  }

  /// Halley's iteration for w·e^w = x at `q` bits; nil if it does not settle.
  static func halley(_ x: MPFloat, start: MPFloat, precision q: Int) -> MPFloat? {
    MPFloat.withPrecision(q) {
      let xq = x.rounded(toPrecision: q)
      var w = start.rounded(toPrecision: q)
      for _ in 0..<200 {
        let ew = MPFloat.exp(w)
        let f = w * ew - xq
        let w1 = w + 1
        if w1.isZero { return w }
        let step = f / (ew * w1 - (w + 2) * f / (2 * w1))
        if step.isNaN { return nil }
        w -= step
        if step.isZero || step.magnitude.exponent < w.magnitude.exponent - q + 2 { return w }
      }
      return nil
    }
  }

  // MARK: Modified Bessel functions

  /// An enclosure of I_n(x), n an integer (I_{−n} = I_n, I_n(−x) = (−1)^n I_n(x)).
  public static func besselI(_ order: Int, _ x: MPFloat, precision q: Int) -> Enclosure {
    let n = order.magnitude
    if x.isNaN || n > 1 << 20 { return .undefined }
    let negate = x.sign == .minus && n % 2 == 1
    if x.isZero { return .value(MPInterval(n == 0 ? 1 : 0, precision: q)) }
    if x.isInfinite { return .value(MPInterval(negate ? -MPFloat.infinity(q) : MPFloat.infinity(q))) }
    guard let s = besselISeries(Int(n), MPInterval(x.magnitude).roundedOutward(toPrecision: q), q) else {
      return .undefined
    }
    return .value(negate ? -s : s)
  }

  /// Σ_k (x/2)^{2k+n}/(k!(n+k)!) for x ≥ 0 with its tail bound; nil beyond
  /// 10⁶ terms (|x| ≳ 10⁶).
  static func besselISeries(_ n: Int, _ x: MPInterval, _ q: Int) -> MPInterval? {
    let half = x / MPInterval(2, precision: q)
    let h2 = half * half
    var t = MPInterval.pow(half, n)
    for j in stride(from: 2, through: n, by: 1) { t = t / MPInterval(j, precision: q) }
    var sum = t
    var k = 0
    while k < 1_000_000 {
      let d = MPInterval((k + 1) * (n + k + 1), precision: q)
      let r = h2 / d
      t = t * r
      sum = sum + t
      k += 1
      let rNext = h2 / MPInterval((k + 1) * (n + k + 1), precision: q)
      if rNext.upper <= MPFloat(0.5, precision: 8) {
        // tail after t ≤ t·r/(1 − r) ≤ t once r ≤ 1/2
        var eps = sum.lower
        eps.multiplyByPowerOfTwo(-q - 8)
        if t.upper <= eps || t.upper.isZero {
          return sum + MPInterval(lower: MPFloat(0, precision: q), upper: t.upper)
        }
      }
    }
    return nil
  }

  /// An enclosure of K_n(x), x > 0, n an integer (K_{−n} = K_n).
  public static func besselK(_ order: Int, _ x: MPFloat, precision q: Int) -> Enclosure {
    let n = Int(order.magnitude)
    if x.isNaN || x.sign == .minus && !x.isZero || n > 1 << 16 { return .undefined }
    if x.isZero { return .value(MPInterval(MPFloat.infinity(q))) }
    if x.isInfinite { return .value(MPInterval(MPFloat(0, precision: q))) }
    let xd = x.doubleValue
    if xd > 0.4 * Double(q) + Double(n * n) / 2 + 8, let a = besselKAsymptotic(n, x, q) { return .value(a) }
    if xd > 1e6 { return .undefined }
    let extra = Int(3 * xd) + 16
    return .value(besselKSeries(n, x, q + extra).roundedOutward(toPrecision: q))
  }

  /// √(π/(2x)) e^{−x} Σ_{k<ℓ} a_k(n)/x^k ± |a_ℓ(n)/x^ℓ|·√(π/(2x))e^{−x}, ℓ ≥ n;
  /// nil if the terms stop decreasing before 2^{−q}.
  static func besselKAsymptotic(_ n: Int, _ x: MPFloat, _ q: Int) -> MPInterval? {
    let X = MPInterval(x).roundedOutward(toPrecision: q)
    let mu = MPInterval(4 * n * n, precision: q)
    var term = MPInterval(1, precision: q)
    var sum = MPInterval(0, precision: q)
    var previous: MPFloat? = nil
    var k = 0
    while k < 100_000 {
      if k >= n {
        var eps = sum.isPoint && sum.lower.isZero ? MPFloat(1, precision: q) : sum.magnitude
        eps.multiplyByPowerOfTwo(-q - 8)
        if k > 0, term.magnitude <= eps {
          let m = term.magnitude
          sum = sum + MPInterval(lower: -m, upper: m)
          let pi = MPInterval(constant: .pi, precision: q)
          let pre = MPInterval.apply(.sqrt, pi / (MPInterval(2, precision: q) * X)) * MPInterval.apply(.exp, -X)
          return pre * sum
        }
        if let prev = previous, term.magnitude > prev { return nil }
      }
      previous = term.magnitude
      sum = sum + term
      k += 1
      let odd = MPInterval((2 * k - 1) * (2 * k - 1), precision: q)
      term = term * (mu - odd) / (MPInterval(8 * k, precision: q) * X)
    }
    return nil
  }

  /// DLMF 10.31.1 in interval arithmetic at `q` bits, x > 0.
  static func besselKSeries(_ n: Int, _ x: MPFloat, _ q: Int) -> MPInterval {
    let X = MPInterval(x).roundedOutward(toPrecision: q)
    let h = X / MPInterval(2, precision: q)
    let h2 = h * h
    // A = ½ (x/2)^{−n} Σ_{k<n} (n−k−1)!/k! (−x²/4)^k
    var a = MPInterval(0, precision: q)
    if n > 0 {
      var fact = MPInterval(1, precision: q)  // (n−1)!
      for j in stride(from: 2, to: n, by: 1) { fact = fact * MPInterval(j, precision: q) }
      var term = fact  // k = 0
      for k in 0..<n {
        a = a + term
        if k + 1 < n {  // (n−k−2)!/(k+1)! (−h²)^{k+1} = term · (−h²)/((n−k−1)(k+1))
          term = -(term * h2) / MPInterval((n - k - 1) * (k + 1), precision: q)
        }
      }
      a = a / (MPInterval.pow(h, n) * MPInterval(2, precision: q))
    }
    // B = (−1)^{n+1} ln(x/2) I_n(x)
    let i = besselISeries(n, X, q) ?? MPInterval.entire(precision: q)
    var b = MPInterval.apply(.log, h) * i
    if n % 2 == 0 { b = -b }
    // C = (−1)^n ½ (x/2)^n Σ_k (ψ(k+1) + ψ(n+k+1)) (x²/4)^k/(k!(n+k)!)
    let gamma = MPInterval(constant: .euler, precision: q)
    var hk = MPInterval(0, precision: q)  // H_k
    var hnk = MPInterval(0, precision: q)  // H_{n+k}
    for j in stride(from: 1, through: n, by: 1) {
      hnk = hnk + MPInterval(1, precision: q) / MPInterval(j, precision: q)
    }
    var c = MPInterval(1, precision: q)  // c_0 = 1/n!
    for j in stride(from: 2, through: n, by: 1) { c = c / MPInterval(j, precision: q) }
    var sum = MPInterval(0, precision: q)
    var k = 0
    let two = MPInterval(2, precision: q)
    while true {
      sum = sum + (hk + hnk - two * gamma) * c
      let r = h2 / MPInterval((k + 1) * (n + k + 1), precision: q)
      c = c * r
      k += 1
      hk = hk + MPInterval(1, precision: q) / MPInterval(k, precision: q)
      hnk = hnk + MPInterval(1, precision: q) / MPInterval(n + k, precision: q)
      if r.upper <= MPFloat(0.25, precision: 8) {
        // tail Σ_{j ≥ k} |ψ(j+1) + ψ(n+j+1)| c_j ≤ 2 · 2(n+k+1) c_k
        let bound = (MPInterval(4 * (n + k + 1), precision: q) * c).upper
        var eps = sum.magnitude
        eps.multiplyByPowerOfTwo(-q)
        if bound <= eps || k > 1_000_000 {
          sum = sum + MPInterval(lower: -bound, upper: bound)
          break
        }
      }
    }
    var cPart = sum * MPInterval.pow(h, n) / two
    if n % 2 == 1 { cPart = -cPart }
    return a + b + cPart
  }
}

extension MPFloat {
  static func infinity(_ p: Int) -> MPFloat { MPFloat.signedInfinity(.plus, precision: p) }
}
