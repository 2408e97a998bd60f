import ComplexModule
import RealModule

/// Γ(z) and ζ(s) for complex arguments (the real axis is MPFR's).
///
/// - Γ: for Re z ≥ 1/2, Stirling's series (DLMF 5.11.1)
///   log Γ(w) = (w − ½) log w − w + ½ log 2π + Σ_{k≥1} B_{2k} / (2k(2k−1) w^{2k−1})
///   at w = z + N with Re w ≥ 0.15·bits + 10, then Γ(z) = Γ(w) / (z(z+1)…(z+N−1));
///   for Re z < 1/2 the reflection Γ(z) Γ(1 − z) = π / sin(πz) (DLMF 5.5.3).
/// - ζ: for Re s ≥ 0, Euler–Maclaurin summation (DLMF 25.2.9 with the Bernoulli
///   terms) ζ(s) = Σ_{n<N} n^{−s} + N^{1−s}/(s − 1) + N^{−s}/2
///   + Σ_{k≥1} B_{2k}/(2k)! · s(s+1)…(s+2k−2) · N^{−s−2k+1}, N ≥ |s|/2 + 0.12·bits + 10;
///   for Re s < 0 the functional equation ζ(s) = 2^s π^{s−1} sin(πs/2) Γ(1 − s) ζ(1 − s)
///   (DLMF 25.4.1). ζ(1) is a pole (NaN).
/// The Bernoulli numbers come from B_{2k} = (−1)^{k+1} 2 (2k)! ζ(2k) / (2π)^{2k}
/// (DLMF 25.6.2), ζ(2k) by MPFR. The series are summed until the next term is
/// below 2^{−bits} of the sum; 16 + 2·log₂(1 + |z|) extra bits absorb the
/// cancellation of large terms.
extension Complex where RealType == MPFloat {
  static func gamma(_ z: ComplexMP, _ g: Int) -> ComplexMP? {
    if z.isReal {
      let r = RealFunction.gamma(z.real)
      return r.isFinite ? ComplexMP(real: r) : nil
    }
    if z.real < MPFloat(0.5, precision: 8) {
      let pi = MathConstant.pi.value(precision: g)
      let piz = ComplexMP(pi * z.real, pi * z.imaginary)
      let s = ComplexMP(
        MPFloat.sin(piz.real) * MPFloat.cosh(piz.imaginary), MPFloat.cos(piz.real) * MPFloat.sinh(piz.imaginary))
      guard let right = gammaRight(ComplexMP(real: MPFloat(1, precision: g)) - z, g) else { return nil }
      return ComplexMP(real: pi) / (s * right)
    }
    return gammaRight(z, g)
  }

  /// Γ(z) for Re z ≥ 1/2 by the shifted Stirling series.
  static func gammaRight(_ z: ComplexMP, _ g: Int) -> ComplexMP? {
    let size = Swift.max(1, MPFloat.hypot(z.real, z.imaginary).exponent)
    let q = g + 16 + 2 * (size + 8)
    return MPFloat.withPrecision(q) { () -> ComplexMP? in
      let z = z.rounded(toPrecision: q)
      let r = 0.15 * Double(q) + 10
      let n = Swift.max(0, Int((r - z.real.doubleValue).rounded(.up)))
      let w = z + ComplexMP(real: MPFloat(n, precision: q))
      guard let lw = log(w) else { return nil }
      let half = ComplexMP(real: MPFloat(1, precision: q) / 2)
      let twoPi = 2 * MathConstant.pi.value(precision: q)
      var sum = (w - half) * lw - w + ComplexMP(real: MPFloat.log(twoPi) / 2)
      let winv = ComplexMP(real: MPFloat(1, precision: q)) / w
      let winv2 = winv * winv
      var power = winv  // w^{−(2k−1)}
      var c = 2 / (twoPi * twoPi) * 2  // 2 (2k)! / (2π)^{2k} at k = 1
      addAsymptoticSeries(to: &sum, precision: q, maxTerms: 2000) { k in
        if k > 1 {
          power = power * winv2
          c = c * MPFloat((2 * k - 1) * (2 * k), precision: q) / (twoPi * twoPi)
        }
        // B_{2k} / (2k(2k−1)) = (−1)^{k+1} c_k ζ(2k) / (2k(2k−1))
        var b = c * RealFunction.zeta(MPFloat(2 * k, precision: q)) / MPFloat(2 * k * (2 * k - 1), precision: q)
        if k % 2 == 0 { b = -b }
        return power * ComplexMP(real: b)
      }
      var result = exp(sum)
      if n > 0 {
        var product = z
        for j in stride(from: 1, to: n, by: 1) { product = product * (z + ComplexMP(real: MPFloat(j, precision: q))) }
        result = result / product
      }
      return result
    }
  }

  static func zeta(_ s: ComplexMP, _ g: Int) -> ComplexMP? {
    if s.isReal {
      let r = RealFunction.zeta(s.real)
      return r.isFinite ? ComplexMP(real: r) : nil
    }
    if s.real.sign == .minus {
      // ζ(s) = 2^s π^{s−1} sin(πs/2) Γ(1 − s) ζ(1 − s)
      let q = g + 16
      return MPFloat.withPrecision(q) { () -> ComplexMP? in
        let s = s.rounded(toPrecision: q)
        let one = ComplexMP(real: MPFloat(1, precision: q))
        let pi = MathConstant.pi.value(precision: q)
        guard let g1 = gamma(one - s, q), let z1 = zeta(one - s, q),
          let p2 = pow(ComplexMP(real: MPFloat(2, precision: q)), s, q),
          let pp = pow(ComplexMP(real: pi), s - one, q)
        else { return nil }
        let h = ComplexMP(pi * s.real / 2, pi * s.imaginary / 2)
        let sine = ComplexMP(
          MPFloat.sin(h.real) * MPFloat.cosh(h.imaginary), MPFloat.cos(h.real) * MPFloat.sinh(h.imaginary))
        return p2 * pp * sine * g1 * z1
      }
    }
    let size = Swift.max(1, MPFloat.hypot(s.real, s.imaginary).exponent)
    guard let first = eulerMaclaurinZeta(s, g + 16 + 2 * size) else { return nil }
    // Near a zero the sum cancels (its first term is 1): redo with the lost bits.
    let modulus = MPFloat.hypot(first.real, first.imaginary)
    let lost = modulus.isZero ? g : Swift.max(0, -modulus.exponent)
    if lost > 4 { return eulerMaclaurinZeta(s, g + 24 + 2 * size + Swift.min(lost, 4 * g)) }
    return first
  }

  static func eulerMaclaurinZeta(_ s: ComplexMP, _ q: Int) -> ComplexMP? {
    MPFloat.withPrecision(q) { () -> ComplexMP? in
      let s = s.rounded(toPrecision: q)
      let modulus = MPFloat.hypot(s.real, s.imaginary).doubleValue
      let n = Int(modulus / 2) + Int(0.12 * Double(q)) + 10
      let one = ComplexMP(real: MPFloat(1, precision: q))
      func negPower(_ k: Int) -> ComplexMP {  // k^{−s} = exp(−s log k)
        let l = MPFloat.log(MPFloat(k, precision: q))
        return exp(ComplexMP(-s.real * l, -s.imaginary * l))
      }
      var sum = ComplexMP(real: MPFloat(0, precision: q))
      for k in 1..<n { sum = sum + negPower(k) }
      let nq = MPFloat(n, precision: q)
      let ns = negPower(n)  // N^{−s}
      sum = sum + ns * ComplexMP(real: nq) / (s - one) + ns / ComplexMP(real: MPFloat(2, precision: q))
      let twoPi = 2 * MathConstant.pi.value(precision: q)
      var d = 2 / (twoPi * twoPi)  // 2/(2π)^{2k} at k = 1
      var poch = s  // s(s+1)…(s+2k−2)
      var power = ns / ComplexMP(real: nq)  // N^{−s−2k+1}
      let n2 = ComplexMP(real: nq * nq)
      addAsymptoticSeries(to: &sum, precision: q, maxTerms: 4 * n) { k in
        if k > 1 {
          let a = s + ComplexMP(real: MPFloat(2 * k - 3, precision: q))
          poch = poch * a * (a + one)
          power = power / n2
          d = d / (twoPi * twoPi)
        }
        var b = d * RealFunction.zeta(MPFloat(2 * k, precision: q))  // |B_{2k}|/(2k)!
        if k % 2 == 0 { b = -b }
        return poch * power * ComplexMP(real: b)
      }
      return sum
    }
  }
  /// Adds the terms t₁, t₂, … of an asymptotic (divergent) series to `sum`
  /// (Stirling's series for log Γ, the Euler–Maclaurin tail of ζ): stops before
  /// the first term larger in modulus than its predecessor (truncating at the
  /// smallest term is optimal for such series) and after the first term below
  /// 2^{−q} |sum|. `term(k)` is called for k = 1, 2, … in order.
  static func addAsymptoticSeries(
    to sum: inout ComplexMP, precision q: Int, maxTerms: Int, _ term: (Int) -> ComplexMP
  ) {
    var previous: MPFloat? = nil
    for k in 1...maxTerms {
      let t = term(k)
      let size = MPFloat.hypot(t.real, t.imaginary)
      if let prev = previous, size > prev { return }
      sum = sum + t
      previous = size
      var tol = MPFloat.hypot(sum.real, sum.imaginary)
      tol.multiplyByPowerOfTwo(-q)
      if size <= tol { return }
    }
  }
}
