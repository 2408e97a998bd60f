import CMPFR
import ComplexModule

/// A rectangle `[re] + [im]·i` of the complex plane with `MPInterval` sides: a
/// certified enclosure of a complex quantity.
///
/// Every operation returns a rectangle containing the exact result for every
/// point of the operands, on the principal branch (`BRANCHES.md`), with the
/// endpoints rounded outward (the inclusion property of `MPInterval`, carried
/// to the components). Near a branch cut a rectangle that crosses it encloses
/// the values on both sides. The domain flag `possiblyUndefined` is the
/// `MPInterval` rule on either part (a pole or log 0 inside the rectangle).
///
/// Certified quadrature of analytic integrands evaluates |f| on an ellipse
/// of the complex plane by this type: a compiled expression evaluates in it
/// directly (`Expressions`' `ExpressionScalar` conformance).
///
/// Functions with a complex enclosure: arithmetic, integer powers, `pow`,
/// exp/log families, sqrt, cbrt, trigonometric and hyperbolic functions and
/// their inverses, abs, arg, re, im, conj, sign, gamma, zeta, beta
/// (`ComplexInterval+GammaZeta.swift`). Every other function is enclosed on
/// real rectangles (imaginary part exactly 0) by `MPInterval`; elsewhere the
/// result is the whole plane, flagged.
public struct ComplexInterval: Sendable {
  public var real: MPInterval
  public var imaginary: MPInterval

  public init(real: MPInterval, imaginary: MPInterval) {
    self.real = real
    self.imaginary = imaginary
  }

  /// The real interval `x` (imaginary part exactly 0).
  public init(_ x: MPInterval) {
    self.init(real: x, imaginary: MPInterval(MPFloat(0, precision: x.precision)))
  }

  /// The point `z` (exact).
  public init(_ z: ComplexMP) {
    self.init(real: MPInterval(z.real), imaginary: MPInterval(z.imaginary))
  }

  public var precision: Int { Swift.max(real.precision, imaginary.precision) }
  public var possiblyUndefined: Bool { real.possiblyUndefined || imaginary.possiblyUndefined }
  public var isEmpty: Bool { real.isEmpty || imaginary.isEmpty }
  /// True when the imaginary part is exactly the point 0.
  public var isReal: Bool { imaginary.isPoint && imaginary.lower.isZero }

  /// Whether the point `z` lies in the rectangle.
  public func contains(_ z: ComplexMP) -> Bool { real.contains(z.real) && imaginary.contains(z.imaginary) }

  /// The centre of the rectangle.
  public var midpoint: ComplexMP { ComplexMP(real.midpoint, imaginary.midpoint) }

  /// Both parts rounded outward to `bits`.
  public func roundedOutward(toPrecision bits: Int) -> ComplexInterval {
    ComplexInterval(
      real: real.roundedOutward(toPrecision: bits), imaginary: imaginary.roundedOutward(toPrecision: bits))
  }

  /// `[re] + [im] i`, each part outward-rounded to `digits`.
  public func formatted(digits: Int) -> String {
    if isReal { return real.formatted(digits: digits) }
    return "\(real.formatted(digits: digits)) + \(imaginary.formatted(digits: digits)) i"
  }

  /// The whole plane, flagged as possibly undefined.
  static func undefined(_ p: Int) -> ComplexInterval {
    var e = MPInterval.entire(precision: p)
    e.possiblyUndefined = true
    return ComplexInterval(real: e, imaginary: e)
  }

  static func zero(_ p: Int) -> MPInterval { MPInterval(MPFloat(0, precision: p)) }
}

// MARK: - Arithmetic

extension ComplexInterval {
  public static func + (a: ComplexInterval, b: ComplexInterval) -> ComplexInterval {
    ComplexInterval(real: a.real + b.real, imaginary: a.imaginary + b.imaginary)
  }

  public static func - (a: ComplexInterval, b: ComplexInterval) -> ComplexInterval {
    ComplexInterval(real: a.real - b.real, imaginary: a.imaginary - b.imaginary)
  }

  public static prefix func - (a: ComplexInterval) -> ComplexInterval {
    ComplexInterval(real: -a.real, imaginary: -a.imaginary)
  }

  /// (a + bi)(c + di) = (ac − bd) + (ad + bc) i.
  public static func * (z: ComplexInterval, w: ComplexInterval) -> ComplexInterval {
    if z.isReal && w.isReal { return ComplexInterval(z.real * w.real) }
    return ComplexInterval(
      real: z.real * w.real - z.imaginary * w.imaginary,
      imaginary: z.real * w.imaginary + z.imaginary * w.real)
  }

  /// z/w = ((ac + bd) + (bc − ad) i)/(c² + d²); a rectangle w containing 0 gives
  /// the whole plane, flagged.
  public static func / (z: ComplexInterval, w: ComplexInterval) -> ComplexInterval {
    if w.isReal { return ComplexInterval(real: z.real / w.real, imaginary: z.imaginary / w.real) }
    let d = MPInterval.pow(w.real, 2) + MPInterval.pow(w.imaginary, 2)
    if d.contains(MPFloat(0, precision: 2)) { return undefined(Swift.max(z.precision, w.precision)) }
    return ComplexInterval(
      real: (z.real * w.real + z.imaginary * w.imaginary) / d,
      imaginary: (z.imaginary * w.real - z.real * w.imaginary) / d)
  }

  /// zⁿ by binary powering (MPInterval's tight power on real rectangles).
  public static func power(_ z: ComplexInterval, _ n: Int) -> ComplexInterval {
    if z.isReal { return ComplexInterval(MPInterval.pow(z.real, n)) }
    let p = z.precision
    var result = ComplexInterval(MPInterval(1, precision: p)), base = z, k = n.magnitude
    while k > 0 {
      if k & 1 == 1 { result = result * base }
      k >>= 1
      if k > 0 { base = base * base }
    }
    return n < 0 ? ComplexInterval(MPInterval(1, precision: p)) / result : result
  }
}
