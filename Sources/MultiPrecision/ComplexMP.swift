import ComplexModule
import RealModule

/// A complex number with `MPFloat` parts: swift-numerics `Complex<MPFloat>`.
///
/// Its arithmetic (`+ − × ÷`) is swift-numerics'; the named functions of the
/// shared tables (`RealFunction`, `RealFunction2`) are evaluated by
/// `ComplexMP.apply` below, on principal branches (see `BRANCHES.md`):
/// each is computed from correctly rounded MPFR operations at 32 or more guard
/// bits and rounded once to the argument's precision, so results are accurate
/// to a few units in the last place of the larger part (not correctly rounded).
///
/// A complex value whose imaginary part is exactly zero is a real: functions
/// that are real-valued there (exp, log of a positive, sqrt of a non-negative,
/// …) are evaluated by the real MPFR function and keep an exact zero
/// imaginary part, so real results of a complex evaluation print as reals.
/// Functions with no complex implementation (erf, digamma, Airy, Bessel, floor,
/// …) are evaluated on the real axis only and give NaN off it.
public typealias ComplexMP = Complex<MPFloat>

extension Complex where RealType == MPFloat {
  /// The larger precision of the two parts.
  public var precision: Int { Swift.max(real.precision, imaginary.precision) }

  /// The real `x` as `x + 0i` at x's precision.
  public init(real x: MPFloat) { self.init(x, MPFloat(0, precision: x.precision)) }

  /// True when the imaginary part is exactly zero (a real value).
  public var isReal: Bool { isFinite && imaginary.isZero }

  /// Both parts rounded to `bits` (to nearest).
  public func rounded(toPrecision bits: Int) -> ComplexMP {
    ComplexMP(real.rounded(toPrecision: bits), imaginary.rounded(toPrecision: bits))
  }

  /// `a + b i` with `digits` significant digits per part (`a` alone when b = 0,
  /// `a - b i` when b < 0; `nan` when not finite).
  public func formatted(digits: Int) -> String {
    guard isFinite else { return "nan" }
    let a = real.formatted(digits: digits)
    if imaginary.isZero { return a }
    let b = imaginary.magnitude.formatted(digits: digits)
    return "\(a) \(imaginary.sign == .minus ? "-" : "+") \(b) i"
  }
}

// MARK: - Named functions

extension Complex where RealType == MPFloat {
  /// f(z) at z's precision (see the type's notes and `BRANCHES.md`).
  public static func apply(_ f: RealFunction, _ z: ComplexMP) -> ComplexMP {
    let p = z.precision
    guard z.isFinite else { return nan(p) }
    let x = z.real, y = z.imaginary
    if y.isZero, let r = realValue(f, x) { return ComplexMP(r, MPFloat(0, precision: p)) }
    // Guard bits: 32, plus what cancellation near 0 costs the inverse functions.
    let small = Swift.max(0, -Swift.min(exponent(x), exponent(y)))
    let g = p + 32 + Swift.min(small, 4 * p)
    let w = MPFloat.withPrecision(g) { complexValue(f, z.rounded(toPrecision: g), g) }
    guard let w else { return nan(p) }
    return w.rounded(toPrecision: p)
  }

  /// f(a, b) at the larger precision of a and b.
  public static func apply(_ f: RealFunction2, _ a: ComplexMP, _ b: ComplexMP) -> ComplexMP {
    let p = Swift.max(a.precision, b.precision)
    guard a.isFinite, b.isFinite else { return nan(p) }
    if a.isReal && b.isReal {
      let r = f(a.real, b.real, precision: p)
      if !r.isNaN || !(f == .pow || f == .root || f == .lambertw) { return ComplexMP(r, MPFloat(0, precision: p)) }
    }
    let g = p + 32
    let value: ComplexMP? = MPFloat.withPrecision(g) {
      let u = a.rounded(toPrecision: g), v = b.rounded(toPrecision: g)
      switch f {
      case .pow: return pow(u, v, g)
      case .root:
        guard v.isReal, let n = v.real.exactIntegerValue, n > 0 else { return nil }
        return pow(u, ComplexMP(real: MPFloat(1, precision: g) / MPFloat(n, precision: g)), g)
      case .beta:
        guard let ga = gamma(u, g), let gb = gamma(v, g), let gab = gamma(u + v, g) else { return nil }
        return ga * gb / gab
      default: return nil
      }
    }
    return value?.rounded(toPrecision: p) ?? nan(p)
  }

  /// zⁿ by binary powering (exact for exact small results; 0⁰ = 1).
  public static func power(_ z: ComplexMP, _ n: Int) -> ComplexMP {
    let p = z.precision
    if n == 0 { return ComplexMP(real: MPFloat(1, precision: p)) }
    if z.isReal { return ComplexMP(real: MPFloat.pow(z.real, n)) }
    let g =
      p + 32 + Int(Double(n.magnitude).squareRoot()) + 2 * (n.magnitude.bitWidth - n.magnitude.leadingZeroBitCount)
    var base = z.rounded(toPrecision: g), k = n.magnitude
    var result = ComplexMP(real: MPFloat(1, precision: g))
    while k > 0 {
      if k & 1 == 1 { result = result * base }
      k >>= 1
      if k > 0 { base = base * base }
    }
    if n < 0 { result = ComplexMP(real: MPFloat(1, precision: g)) / result }
    return result.rounded(toPrecision: p)
  }

  static func nan(_ p: Int) -> ComplexMP { ComplexMP(MPFloat(precision: p), MPFloat(precision: p)) }

  static func exponent(_ x: MPFloat) -> Int { x.isZero || !x.isFinite ? Int.max / 4 : x.exponent }

  /// The real function at a real x when its value there is real (nil when the
  /// complex continuation is needed: log of a negative, sqrt of a negative, …).
  static func realValue(_ f: RealFunction, _ x: MPFloat) -> MPFloat? {
    let zero = MPFloat(0, precision: 2), one = MPFloat(1, precision: 2)
    switch f {
    case .log, .log2, .log10: if x <= zero { return nil }
    case .log1p: if x <= -one { return nil }
    case .sqrt, .cbrt: if x < zero { return nil }
    case .asin, .acos: if x.magnitude > one { return nil }
    case .acosh: if x < one { return nil }
    case .atanh: if x.magnitude >= one { return nil }
    case .gamma, .zeta: break
    case .sign: return x.isZero ? MPFloat(0, precision: x.precision) : f(x)
    default: break
    }
    return f(x)
  }

  /// The complex continuation at `g` bits; nil when there is none here.
  static func complexValue(_ f: RealFunction, _ z: ComplexMP, _ g: Int) -> ComplexMP? {
    let x = z.real, y = z.imaginary.isZero ? MPFloat(0, precision: g) : z.imaginary  // −0 taken as +0
    let z = ComplexMP(x, y)
    let one = ComplexMP(real: MPFloat(1, precision: g)),
      i = ComplexMP(MPFloat(0, precision: g), MPFloat(1, precision: g))
    switch f {
    case .exp: return exp(z)
    case .expm1:
      // Re = expm1(x)cos y − 2 sin²(y/2), Im = eˣ sin y (no cancellation near 0)
      let s = MPFloat.sin(y / 2)
      return ComplexMP(MPFloat.expMinusOne(x) * MPFloat.cos(y) - 2 * s * s, MPFloat.exp(x) * MPFloat.sin(y))
    case .exp2: return exp(z * ComplexMP(real: MathConstant.log2.value(precision: g)))
    case .exp10: return exp(z * ComplexMP(real: MPFloat.log(MPFloat(10, precision: g))))
    case .log: return log(z)
    case .log1p:
      // ½ log1p(2x + x² + y²) + i atan2(y, 1 + x)
      let t = 2 * x + x * x + y * y
      return ComplexMP(MPFloat.log(onePlus: t) / 2, MPFloat.atan2(y: y, x: 1 + x))
    case .log2: return log(z) / ComplexMP(real: MathConstant.log2.value(precision: g))
    case .log10: return log(z) / ComplexMP(real: MPFloat.log(MPFloat(10, precision: g)))
    case .sqrt: return sqrt(z)
    case .cbrt: return z.isZero ? z : exp(log(z) / ComplexMP(real: MPFloat(3, precision: g)))
    case .abs: return ComplexMP(real: MPFloat.hypot(x, y))
    case .sin: return ComplexMP(MPFloat.sin(x) * MPFloat.cosh(y), MPFloat.cos(x) * MPFloat.sinh(y))
    case .cos: return ComplexMP(MPFloat.cos(x) * MPFloat.cosh(y), -(MPFloat.sin(x) * MPFloat.sinh(y)))
    case .tan: return tan(z)
    case .sec: return one / apply(.cos, z)
    case .csc: return one / apply(.sin, z)
    case .cot: return one / tan(z)
    case .sinh: return ComplexMP(MPFloat.sinh(x) * MPFloat.cos(y), MPFloat.cosh(x) * MPFloat.sin(y))
    case .cosh: return ComplexMP(MPFloat.cosh(x) * MPFloat.cos(y), MPFloat.sinh(x) * MPFloat.sin(y))
    case .tanh: return tanh(z)
    case .sech: return one / apply(.cosh, z)
    case .csch: return one / apply(.sinh, z)
    case .coth: return one / tanh(z)
    case .asin: return asin(z)
    case .acos:
      // π/2 − asin z
      return ComplexMP(real: MathConstant.pi.value(precision: g) / 2) - asin(z)
    case .atan:
      // (i/2)(log(1 − iz) − log(1 + iz)); poles at ±i
      let iz = i * z
      return i * (log(one - iz) - log(one + iz)) / ComplexMP(real: MPFloat(2, precision: g))
    case .asinh:
      // −i asin(iz)
      return -(i * asin(i * z))
    case .acosh:
      // log(z + √(z+1) √(z−1))
      return log(z + sqrt(z + one) * sqrt(z - one))
    case .atanh:
      // ½ (log(1 + z) − log(1 − z))
      return (log(one + z) - log(one - z)) / ComplexMP(real: MPFloat(2, precision: g))
    case .gamma: return gamma(z, g)
    case .zeta: return zeta(z, g)
    case .re: return ComplexMP(real: x)
    case .im: return ComplexMP(real: y)
    case .conj: return ComplexMP(x, -y)
    case .arg: return ComplexMP(real: MPFloat.atan2(y: y, x: x))
    case .sign:
      // z/|z|
      let r = MPFloat.hypot(x, y)
      return ComplexMP(x / r, y / r)
    default: return nil
    }
  }

  static func exp(_ z: ComplexMP) -> ComplexMP {
    let ex = MPFloat.exp(z.real)
    return ComplexMP(ex * MPFloat.cos(z.imaginary), ex * MPFloat.sin(z.imaginary))
  }

  /// Principal logarithm: log|z| + i arg z, arg ∈ (−π, π].
  static func log(_ z: ComplexMP) -> ComplexMP? {
    let x = z.real, y = z.imaginary
    if x.isZero && y.isZero { return nil }
    let r2 = x * x + y * y
    let re: MPFloat
    if r2 > MPFloat(0.5, precision: 8) && r2 < 2 {
      re = MPFloat.log(onePlus: (x - 1) * (x + 1) + y * y) / 2  // |z| near 1
    } else {
      re = MPFloat.log(MPFloat.hypot(x, y))
    }
    return ComplexMP(re, MPFloat.atan2(y: y, x: x))
  }

  /// Principal square root (Re ≥ 0; on the negative axis +i√|x|).
  static func sqrt(_ z: ComplexMP) -> ComplexMP {
    let x = z.real, y = z.imaginary
    if x.isZero && y.isZero { return z }
    let t = MPFloat.sqrt((x.magnitude + MPFloat.hypot(x, y)) / 2)
    if x.sign == .plus { return ComplexMP(t, y / (2 * t)) }
    return ComplexMP(y.magnitude / (2 * t), y.sign == .minus ? -t : t)
  }

  /// exp(w log z), principal branch; 0^w = 0 for Re w > 0.
  static func pow(_ z: ComplexMP, _ w: ComplexMP, _ g: Int) -> ComplexMP? {
    if w.isReal, let n = w.real.exactIntegerValue { return power(z, n) }
    if z.isZero { return w.real > 0 ? ComplexMP(real: MPFloat(0, precision: g)) : nil }
    guard let l = log(z) else { return nil }
    return exp(w * l)
  }

  static func tan(_ z: ComplexMP) -> ComplexMP {
    // sin 2x / (cos 2x + cosh 2y) + i sinh 2y / (cos 2x + cosh 2y)
    let x2 = 2 * z.real, y2 = 2 * z.imaginary
    let d = MPFloat.cos(x2) + MPFloat.cosh(y2)
    if d.isInfinite { return ComplexMP(MPFloat(0, precision: x2.precision), y2.sign == .minus ? -1 : 1) }
    return ComplexMP(MPFloat.sin(x2) / d, MPFloat.sinh(y2) / d)
  }

  static func tanh(_ z: ComplexMP) -> ComplexMP {
    // tanh z = −i tan(iz)
    let t = tan(ComplexMP(-z.imaginary, z.real))
    return ComplexMP(t.imaginary, -t.real)
  }

  /// asin z = −i log(iz + √(1 − z²)) (Kahan's principal branch; cuts (−∞, −1), (1, ∞)).
  static func asin(_ z: ComplexMP) -> ComplexMP {
    let g = z.precision
    let one = ComplexMP(real: MPFloat(1, precision: g))
    let iz = ComplexMP(-z.imaginary, z.real)
    // √(1 − z²) as √(1 − z)·√(1 + z): the right branch on both cuts
    guard let l = log(iz + sqrt(one - z) * sqrt(one + z)) else { return nan(g) }
    return ComplexMP(l.imaginary, -l.real)
  }
}

extension MPFloat {
  /// The value as an `Int` when it is an integer that fits.
  var exactIntegerValue: Int? {
    guard isFinite, self == rounded(.towardZero), magnitude < MPFloat(Double(1 << 52)) else { return nil }
    return int(rounding: .towardZero)
  }
}
