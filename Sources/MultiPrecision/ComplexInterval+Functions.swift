import CMPFR

/// Enclosures of the named functions on complex rectangles (see `ComplexInterval`).
///
/// The formulas are those of `ComplexMP` (principal branches, `BRANCHES.md`)
/// in interval arithmetic: exp(x + iy) = eˣ(cos y + i sin y); log z = ½ log(x² + y²)
/// + i arg z with arg enclosed from the corners of the rectangle (arg is monotone
/// along each side when the rectangle avoids the cut; a rectangle crossing the
/// negative real axis gets [−π, π]); √z = √|z| (cos(arg/2) + i sin(arg/2));
/// sin, cos, sinh, cosh by their real and imaginary parts; the inverse functions
/// by their logarithmic forms.
extension ComplexInterval {
  public static func apply(_ f: RealFunction, _ z: ComplexInterval) -> ComplexInterval {
    let p = z.precision
    if z.isEmpty { return ComplexInterval(real: z.real, imaginary: z.real) }
    let flag = z.possiblyUndefined
    if z.isReal && realInDomain(f, z.real) { return ComplexInterval(MPInterval.apply(f, z.real)) }
    // Guard bits: 32, plus what cancellation near 0 costs (expm1, the inverse functions).
    let m = modulus(z).upper
    let small = m.isZero || !m.isFinite ? 0 : Swift.max(0, -m.exponent)
    let g = p + 32 + Swift.min(small, 4 * p)
    guard let r = complexEnclosure(f, z.roundedOutward(toPrecision: g), g) else { return undefined(p) }
    var out = r.roundedOutward(toPrecision: p)
    if flag { out.real.possiblyUndefined = true }
    return out
  }

  public static func apply(_ f: RealFunction2, _ a: ComplexInterval, _ b: ComplexInterval) -> ComplexInterval {
    let p = Swift.max(a.precision, b.precision)
    if a.isReal && b.isReal {
      let positive = a.real.lower > MPFloat(0, precision: 2)
      switch f {
      case .pow: if positive || b.integerValue != nil { return ComplexInterval(MPInterval.apply(f, a.real, b.real)) }
      case .root: if positive { return ComplexInterval(MPInterval.apply(f, a.real, b.real)) }
      default: return ComplexInterval(MPInterval.apply(f, a.real, b.real))
      }
    }
    switch f {
    case .pow:
      if let n = b.integerValue { return power(a, n) }
      guard let l = log(a) else { return undefined(p) }
      return exp(b * l).roundedOutward(toPrecision: p)
    case .root:
      guard let n = b.integerValue, n > 0, let l = log(a) else { return undefined(p) }
      return exp(l / ComplexInterval(MPInterval(n, precision: p))).roundedOutward(toPrecision: p)
    case .beta:
      return (apply(.gamma, a) * apply(.gamma, b) / apply(.gamma, a + b)).roundedOutward(toPrecision: p)
    default:
      return undefined(p)
    }
  }

  /// Whether the real function is real-valued on all of `x`.
  static func realInDomain(_ f: RealFunction, _ x: MPInterval) -> Bool {
    let zero = MPFloat(0, precision: 2), one = MPFloat(1, precision: 2)
    switch f {
    case .log, .log2, .log10: return x.lower > zero
    case .log1p: return x.lower > -one
    case .sqrt, .cbrt: return x.lower >= zero
    case .asin, .acos: return x.lower >= -one && x.upper <= one
    case .acosh: return x.lower >= one
    case .atanh: return x.lower > -one && x.upper < one
    default: return true
    }
  }

  var integerValue: Int? { isReal && real.isPoint ? MPInterval.exactInteger(real.lower) : nil }

  static func complexEnclosure(_ f: RealFunction, _ z: ComplexInterval, _ p: Int) -> ComplexInterval? {
    let one = ComplexInterval(MPInterval(1, precision: p))
    let two = ComplexInterval(MPInterval(2, precision: p))
    let i = ComplexInterval(real: zero(p), imaginary: MPInterval(1, precision: p))
    let x = z.real, y = z.imaginary
    switch f {
    case .exp: return exp(z)
    case .expm1: return exp(z) - one
    case .exp2: return exp(z * ComplexInterval(MPInterval(constant: .log2, precision: p)))
    case .exp10: return exp(z * ComplexInterval(MPInterval.apply(.log, MPInterval(10, precision: p))))
    case .log: return log(z)
    case .log1p: return log(one + z)
    case .log2: return log(z).map { $0 / ComplexInterval(MPInterval(constant: .log2, precision: p)) }
    case .log10: return log(z).map { $0 / ComplexInterval(MPInterval.apply(.log, MPInterval(10, precision: p))) }
    case .sqrt: return sqrt(z)
    case .cbrt: return log(z).map { exp($0 / ComplexInterval(MPInterval(3, precision: p))) }
    case .abs: return ComplexInterval(modulus(z))
    case .sin:
      return ComplexInterval(
        real: MPInterval.apply(.sin, x) * MPInterval.apply(.cosh, y),
        imaginary: MPInterval.apply(.cos, x) * MPInterval.apply(.sinh, y))
    case .cos:
      return ComplexInterval(
        real: MPInterval.apply(.cos, x) * MPInterval.apply(.cosh, y),
        imaginary: -(MPInterval.apply(.sin, x) * MPInterval.apply(.sinh, y)))
    case .sinh:
      return ComplexInterval(
        real: MPInterval.apply(.sinh, x) * MPInterval.apply(.cos, y),
        imaginary: MPInterval.apply(.cosh, x) * MPInterval.apply(.sin, y))
    case .cosh:
      return ComplexInterval(
        real: MPInterval.apply(.cosh, x) * MPInterval.apply(.cos, y),
        imaginary: MPInterval.apply(.sinh, x) * MPInterval.apply(.sin, y))
    case .tan: return apply(.sin, z) / apply(.cos, z)
    case .cot: return apply(.cos, z) / apply(.sin, z)
    case .sec: return one / apply(.cos, z)
    case .csc: return one / apply(.sin, z)
    case .tanh: return apply(.sinh, z) / apply(.cosh, z)
    case .coth: return apply(.cosh, z) / apply(.sinh, z)
    case .sech: return one / apply(.cosh, z)
    case .csch: return one / apply(.sinh, z)
    case .asin: return asin(z)
    case .acos:
      return asin(z).map { ComplexInterval(MPInterval(constant: .pi, precision: p) / MPInterval(2, precision: p)) - $0 }
    case .atan:
      let iz = i * z
      guard let a = log(one - iz), let b = log(one + iz) else { return nil }
      return i * (a - b) / two
    case .asinh:
      return asin(i * z).map { -(i * $0) }
    case .acosh:
      guard let s = sqrt(z + one), let t = sqrt(z - one) else { return nil }
      return log(z + s * t)
    case .atanh:
      guard let a = log(one + z), let b = log(one - z) else { return nil }
      return (a - b) / two
    case .re: return ComplexInterval(x)
    case .im: return ComplexInterval(y)
    case .conj: return ComplexInterval(real: x, imaginary: -y)
    case .arg: return ComplexInterval(argument(z))
    case .sign:
      let m = modulus(z)
      return ComplexInterval(real: x / m, imaginary: y / m)
    case .gamma: return gammaEnclosure(z, p)
    case .zeta: return zetaEnclosure(z, p)
    default: return nil
    }
  }

  static func exp(_ z: ComplexInterval) -> ComplexInterval {
    let e = MPInterval.apply(.exp, z.real)
    if z.isReal { return ComplexInterval(e) }
    return ComplexInterval(
      real: e * MPInterval.apply(.cos, z.imaginary), imaginary: e * MPInterval.apply(.sin, z.imaginary))
  }

  /// √(x² + y²).
  static func modulus(_ z: ComplexInterval) -> MPInterval {
    MPInterval.apply(.sqrt, MPInterval.pow(z.real, 2) + MPInterval.pow(z.imaginary, 2))
  }

  /// Principal log; nil when the rectangle contains 0.
  static func log(_ z: ComplexInterval) -> ComplexInterval? {
    let p = z.precision
    let r2 = MPInterval.pow(z.real, 2) + MPInterval.pow(z.imaginary, 2)
    if r2.lower.isZero { return nil }
    let re = MPInterval.apply(.log, r2) / MPInterval(2, precision: p)
    return ComplexInterval(real: re, imaginary: argument(z))
  }

  /// Principal √ by the polar form (defined at 0, so never nil).
  static func sqrt(_ z: ComplexInterval) -> ComplexInterval? {
    let p = z.precision
    var arg = argument(z)
    arg.possiblyUndefined = z.possiblyUndefined
    let half = arg / MPInterval(2, precision: p)
    let r = MPInterval.apply(.sqrt, modulus(z))
    return ComplexInterval(real: r * MPInterval.apply(.cos, half), imaginary: r * MPInterval.apply(.sin, half))
  }

  /// asin z = −i log(iz + √(1 − z) √(1 + z)).
  static func asin(_ z: ComplexInterval) -> ComplexInterval? {
    let p = z.precision
    let one = ComplexInterval(MPInterval(1, precision: p))
    let iz = ComplexInterval(real: -z.imaginary, imaginary: z.real)
    guard let s = sqrt(one - z), let t = sqrt(one + z), let l = log(iz + s * t) else { return nil }
    return ComplexInterval(real: l.imaginary, imaginary: -l.real)
  }

  /// arg z ∈ (−π, π] over the rectangle (a zero imaginary part counts as +0,
  /// so the negative real axis has arg π). [−π, π] when the rectangle contains
  /// 0 or crosses the negative real axis from below.
  static func argument(_ z: ComplexInterval) -> MPInterval {
    let p = z.precision
    let zero = MPFloat(0, precision: 2)
    let x = z.real, y = z.imaginary
    let pi = MPInterval(constant: .pi, precision: p)
    let whole = MPInterval(lower: -pi.upper, upper: pi.upper)
    let containsZero = x.lower <= zero && x.upper >= zero && y.lower <= zero && y.upper >= zero
    if containsZero { return whole.flagged(true) }
    if y.lower < zero && y.upper >= zero && x.lower <= zero { return whole }
    // Continuous on the rectangle: the extremes are at the corners.
    var parts: [MPInterval] = []
    for a in [y.lower, y.upper] {
      let yy = a.isZero ? MPFloat(0, precision: a.precision) : a  // −0 as +0
      for b in [x.lower, x.upper] {
        parts.append(MPInterval.pointEnclosure(mpfr_atan2, yy, b, p) ?? whole)
      }
    }
    return MPInterval.hull(parts, precision: p)
  }
}
