/// Certified Γ and ζ on complex rectangles: the series of `ComplexGammaZeta.swift`
/// in `ComplexInterval` arithmetic, plus rigorous bounds on what is left out.
///
/// - Γ(z) = exp(log Γ(w)) / (z(z+1)…(z+N−1)), w = z + N with Re w ≥ 0.15·bits + 10,
///   log Γ(w) by Stirling's series truncated after M terms; the remainder is at
///   most the first neglected term times sec^{2M+2}(½ arg w) ≤ 2^{M+1} for
///   Re w > 0 (DLMF 5.11.(ii)), with |B_{2M+2}| from ζ(2M+2) and |w| ≥ the
///   rectangle's least modulus. A pole in the rectangle makes a factor contain 0:
///   the whole plane, flagged.
/// - ζ(s) by Euler–Maclaurin with M Bernoulli terms; the remainder
///   |R_M| ≤ |B_{2M}|/(2M)! · |s(s+1)…(s+2M−1)| · N^{1−σ−2M} / (σ + 2M − 1),
///   σ = min Re s, σ + 2M − 1 > 0 (the integral form of the remainder, DLMF 2.10.1,
///   with |B̃_{2M}(x)| ≤ |B_{2M}| and |B_{2M}|/(2M)! = 2ζ(2M)/(2π)^{2M} ≤ 4/(2π)^{2M},
///   DLMF 25.6.2); for Re s < 0 on the whole
///   rectangle, the functional equation (DLMF 25.4.1) in intervals.
/// The working precision grows (up to 8× the target) until the enclosure is
/// tight to about 2^{−bits} of the value, as long as the rectangle is a point
/// or narrow enough for that to be possible.
extension ComplexInterval {
  static func gammaEnclosure(_ z: ComplexInterval, _ p: Int) -> ComplexInterval {
    refine(p, narrow: z.isNarrow) { gammaStirling(z.roundedOutward(toPrecision: $0), $0) }
  }

  static func zetaEnclosure(_ s: ComplexInterval, _ p: Int) -> ComplexInterval {
    refine(p, narrow: s.isNarrow) { zetaAt(s.roundedOutward(toPrecision: $0), $0) }
  }

  /// True for a point (both sides of width 0): only then can more precision
  /// make the enclosure tighter.
  var isNarrow: Bool { real.isPoint && imaginary.isPoint }

  /// Runs `body` at p + 32 bits; for a point argument, doubles the precision
  /// while the enclosure is wider than 2^{8−p} of its magnitude (at most 3
  /// times), keeping the tightest enclosure.
  static func refine(_ p: Int, narrow: Bool, _ body: (Int) -> ComplexInterval?) -> ComplexInterval {
    var q = p + 32
    var best: ComplexInterval? = nil
    for _ in 0..<(narrow ? 4 : 1) {
      guard let r = body(q) else { return best?.roundedOutward(toPrecision: p) ?? undefined(p) }
      if let b = best, !r.possiblyUndefined, b.real.width.isFinite,
        Swift.max(r.real.width, r.imaginary.width) >= Swift.max(b.real.width, b.imaginary.width)
      {
        break
      }
      best = r
      if r.possiblyUndefined { break }
      let m = modulus(r)
      var tol = m.lower
      tol.multiplyByPowerOfTwo(8 - p)
      if r.real.width <= tol && r.imaginary.width <= tol { break }
      q *= 2
    }
    return best!.roundedOutward(toPrecision: p)
  }

  /// z(z+1)…(z+n−1) over a rectangle without the wrapping growth of repeated
  /// rectangle products: the product at the centre m, times 1 + δ with
  /// |δ| ≤ ε = Π (1 + r/|m + k|) − 1, r the rectangle's radius (a disc bound,
  /// since Π(1 + u_k) − 1 ≤ Π(1 + |u_k|) − 1 for u_k = (z − m)/(m + k)).
  static func risingProduct(_ z: ComplexInterval, _ n: Int, _ q: Int) -> ComplexInterval {
    let m = ComplexInterval(z.midpoint)
    var product = m
    for j in stride(from: 1, to: n, by: 1) { product = product * (m + constant(j, q)) }
    if z.isNarrow { return product }
    let r = MPInterval.apply(.hypot, MPInterval(z.real.radius), MPInterval(z.imaginary.radius)).upper
    var growth = MPInterval(1, precision: q)
    for j in 0..<n {
      let d = modulus(m + constant(j, q)).lower
      guard d > r else { return undefined(q) }  // a pole may be inside
      growth = growth * (MPInterval(1, precision: q) + MPInterval(r) / MPInterval(d))
    }
    let eps = (growth - MPInterval(1, precision: q)).upper
    let factor = ComplexInterval(
      real: MPInterval(1, precision: q) + MPInterval(lower: -eps, upper: eps),
      imaginary: MPInterval(lower: -eps, upper: eps))
    return product * factor
  }

  static func constant(_ n: Int, _ q: Int) -> ComplexInterval { ComplexInterval(MPInterval(n, precision: q)) }

  /// An enclosure widened by ±bound in both parts.
  func widened(by bound: MPFloat) -> ComplexInterval {
    let e = MPInterval(lower: -bound, upper: bound)
    return ComplexInterval(real: real + e, imaginary: imaginary + e)
  }

  static func gammaStirling(_ z: ComplexInterval, _ q0: Int) -> ComplexInterval? {
    let size = Swift.max(1, modulus(z).upper.exponent)
    let q = q0 + 2 * (size + 8)
    let z = z.roundedOutward(toPrecision: q)
    let r = 0.15 * Double(q) + 10
    let n = Swift.max(0, Int((r - z.real.lower.doubleValue).rounded(.up)))
    if n > 1_000_000 { return nil }
    let w = z + constant(n, q)
    guard let lw = log(w) else { return nil }
    let two = MPInterval(2, precision: q)
    let twoPi = two * MPInterval(constant: .pi, precision: q)
    var sum =
      (w - ComplexInterval(MPInterval(1, precision: q) / two)) * lw - w
      + ComplexInterval(MPInterval.apply(.log, twoPi) / two)
    let winv = constant(1, q) / w
    let winv2 = winv * winv
    var power = winv
    let wMin = modulus(w).lower
    guard wMin > 0 else { return nil }
    let bernoulli: (Int) -> MPInterval = { k in  // |B_{2k}| = 2 (2k)! ζ(2k)/(2π)^{2k}
      var f = MPInterval(1, precision: q)
      for j in stride(from: 2, through: 2 * k, by: 1) { f = f * MPInterval(j, precision: q) }
      return two * f * MPInterval.apply(.zeta, MPInterval(2 * k, precision: q)) / MPInterval.pow(twoPi, 2 * k)
    }
    var k = 1
    while true {
      var b = bernoulli(k) / MPInterval(2 * k * (2 * k - 1), precision: q)
      if k % 2 == 0 { b = -b }
      sum = sum + power * ComplexInterval(b)
      // First neglected term, times sec^{2k+2}(arg w / 2) ≤ 2^{k+1}.
      let next =
        bernoulli(k + 1) / MPInterval((2 * k + 2) * (2 * k + 1), precision: q)
        / MPInterval.pow(MPInterval(wMin), 2 * k + 1) * MPInterval.pow(two, k + 1)
      var tol = modulus(sum).lower
      tol.multiplyByPowerOfTwo(-q)
      if next.upper <= tol || k >= 400 {
        if next.upper > tol && k >= 400 { return nil }
        sum = sum.widened(by: next.upper)
        break
      }
      power = power * winv2
      k += 1
    }
    var result = exp(sum)
    if n > 0 { result = result / risingProduct(z, n, q) }
    return result
  }

  static func zetaAt(_ s: ComplexInterval, _ q0: Int) -> ComplexInterval? {
    let zero = MPFloat(0, precision: 2)
    if s.real.upper < zero {
      // ζ(s) = 2^s π^{s−1} sin(πs/2) Γ(1 − s) ζ(1 − s)
      let q = q0 + 16
      let s = s.roundedOutward(toPrecision: q)
      let one = constant(1, q)
      let pi = ComplexInterval(MPInterval(constant: .pi, precision: q))
      guard let g = gammaStirling(one - s, q), let z = zetaEulerMaclaurin(one - s, q),
        let lp = log(pi)
      else { return nil }
      let twoS = exp(s * ComplexInterval(MPInterval(constant: .log2, precision: q)))
      let piS = exp((s - one) * lp)
      guard let sine = complexEnclosure(.sin, pi * s / constant(2, q), q) else { return nil }
      return twoS * piS * sine * g * z
    }
    return zetaEulerMaclaurin(s, q0)
  }

  static func zetaEulerMaclaurin(_ s: ComplexInterval, _ q0: Int) -> ComplexInterval? {
    let modulusMax = modulus(s).upper
    let q = q0 + 16 + 2 * Swift.max(1, modulusMax.exponent)
    let s = s.roundedOutward(toPrecision: q)
    let n = Int(modulusMax.doubleValue / 2) + Int(0.12 * Double(q)) + 10
    let one = constant(1, q)
    func negPower(_ k: Int) -> ComplexInterval {  // k^{−s}
      let l = MPInterval.apply(.log, MPInterval(k, precision: q))
      return exp(-(s * ComplexInterval(l)))
    }
    var sum = ComplexInterval(MPInterval(0, precision: q))
    for k in 1..<n { sum = sum + negPower(k) }
    let nq = constant(n, q)
    let ns = negPower(n)
    sum = sum + ns * nq / (s - one) + ns / constant(2, q)
    if sum.possiblyUndefined { return sum }  // the pole s = 1 is in the rectangle
    let two = MPInterval(2, precision: q)
    let twoPi2 = MPInterval.pow(two * MPInterval(constant: .pi, precision: q), 2)
    var d = two / twoPi2  // 2/(2π)^{2k}
    var poch = s  // s(s+1)…(s+2k−2)
    var power = ns / nq  // N^{−s−2k+1}
    let n2 = nq * nq
    let sigma = s.real.lower
    let zero = MPFloat(0, precision: 2)
    var k = 1
    while true {
      var b = d * MPInterval.apply(.zeta, MPInterval(2 * k, precision: q))  // |B_{2k}|/(2k)!
      if k % 2 == 0 { b = -b }
      sum = sum + poch * power * ComplexInterval(b)
      let a = s + constant(2 * k - 1, q)
      poch = poch * a  // s(s+1)…(s+2k−1) = (s)_{2k}
      // |R_k| ≤ 4/(2π)^{2k} |(s)_{2k}| N^{1−σ−2k}/(σ + 2k − 1)
      let denominator = MPInterval(sigma) + MPInterval(2 * k - 1, precision: q)
      if denominator.lower > zero {
        let nPow = MPInterval.apply(
          .exp,
          (MPInterval(1 - 2 * k, precision: q) - MPInterval(sigma))
            * MPInterval.apply(.log, MPInterval(n, precision: q)))
        let bound =
          MPInterval(4, precision: q) / MPInterval.pow(twoPi2, k) * modulus(poch) * nPow
          / denominator
        var tol = modulus(sum).lower
        tol.multiplyByPowerOfTwo(-q)
        if bound.upper <= tol || k >= 4 * n {
          if bound.upper > tol && k >= 4 * n && !bound.upper.isFinite { return nil }
          return sum.widened(by: bound.upper)
        }
      } else if k >= 4 * n {
        return nil
      }
      poch = poch * (a + one)
      power = power / n2
      d = d / twoPi2
      k += 1
    }
  }
}
