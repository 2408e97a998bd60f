import BallArithmetic
import Expressions
import MultiPrecision
import Quadrature

/// A majorant of |f(x)| on [T, ∞) derived from the expression of f, for the tail bound
/// of a certified integral over an infinite range (`Integration.certifiedIntegral(_:from:
/// toInfinityWithTail:)`). Every rule is an inequality valid for x ≥ T ≥ 1 (so x^k is
/// monotone in k and positive), applied by the code to the expression tree; the constants
/// are Arb balls evaluated from the expression and the sweep values, so no step is stated
/// by hand. Where no rule applies the derivation gives nil and the integral is estimated.
///
/// Rules (u an exact polynomial c₀ + c₁x + c₂x² in x with ball coefficients, the sign
/// conditions checked on [T, ∞) from the coefficients):
/// - constants: |c|; polynomials: Σ|cᵢ|xⁱ; products: products of the terms; sums:
///   |g + h| ≤ |g| + |h|; |g/h| ≤ |g|/m(h) and |g^y| for y < 0 by a minorant m(h) of h > 0;
///   integer powers by repeated products;
/// - e^u = e^(c₀)·e^(c₁x + c₂x²) (an identity); |sin|, |cos|, |tanh|, |erf| ≤ 1, |atan| ≤ π/2;
/// - sech u ≤ 2e^(−u), |csch u| ≤ 2e^(−u)/(1 − e^(−2u(T))) where u ≥ u(T) > 0 on [T, ∞) (and the
///   same with −u where u decreases); erfc u ≤ e^(−u²) for u ≥ 0, u of degree ≤ 1;
/// - |tanh u − 1| = 2/(e^(2u) + 1) ≤ 2e^(−2u) and |tanh u + 1| ≤ 2e^(2u) (identities with a
///   dropped positive term: the cancellation that |g| + |h| cannot see);
/// - minorants (for divisors and negative powers): a positive constant; a polynomial with
///   coefficients ≥ 0 is ≥ its leading positive term; g + h ≥ m(g) when h > 0; c ± g ≥ c − B when
///   |g| ≤ B; e^u; cosh u ≥ e^u/2; products and positive powers of minorants.
struct IntegrandMajorant {
  let variable: String
  let values: [String: AcbBall]
  let precision: Int
  /// The start T of the tail (≥ 1).
  let start: MPFloat
  /// −1 to derive the majorant of f(−x) (the tail toward −∞), else 1.
  let sign: Int

  /// The majorant of |e| on [T, ∞), nil when no rule applies.
  static func derive(
    _ e: Expression, variable: String, values: [String: AcbBall], from t: MPFloat, reflected: Bool = false,
    precision: Int
  ) -> TailMajorant? {
    guard t >= 1 else { return nil }
    let m = IntegrandMajorant(
      variable: variable, values: values, precision: precision, start: t, sign: reflected ? -1 : 1)
    return m.upper(e).map(TailMajorant.init)
  }

  var zero: AcbBall { AcbBall(0, precision: precision) }
  var tBall: AcbBall { AcbBall(start, precision: precision) }
  static let termLimit = 64

  // MARK: constants and polynomials

  /// The value of an expression free of the variable, as a finite (possibly complex) ball.
  func constant(_ e: Expression) -> AcbBall? {
    guard !e.variables.contains(variable),
      let v = try? e.evaluate(as: AcbBall.self, variables: values, precision: precision),
      v.isFinite
    else { return nil }
    return v
  }

  /// Coefficients [c₀, c₁, c₂] when e is exactly a polynomial of degree ≤ 2 in the variable.
  func polynomial(_ e: Expression) -> [AcbBall]? {
    if let c = constant(e) { return [c, zero, zero] }
    switch e {
    case .variable(let name, _) where name == variable:
      return [zero, AcbBall(sign, precision: precision), zero]
    case .unary(let op, let x, _):
      guard let p = polynomial(x) else { return nil }
      return op == .negate ? p.map { -$0 } : p
    case .binary(.add, let x, let y, _):
      guard let p = polynomial(x), let q = polynomial(y) else { return nil }
      return zip(p, q).map { $0 + $1 }
    case .binary(.subtract, let x, let y, _):
      guard let p = polynomial(x), let q = polynomial(y) else { return nil }
      return zip(p, q).map { $0 - $1 }
    case .binary(.multiply, let x, let y, _):
      guard let p = polynomial(x), let q = polynomial(y) else { return nil }
      return product(p, q)
    case .binary(.divide, let x, let y, _):
      guard let p = polynomial(x), let c = constant(y), !c.containsZero else { return nil }
      return p.map { $0 / c }
    case .binary(.power, let x, let y, _):
      guard let n = integerConstant(y), (0...2).contains(n), let p = polynomial(x) else { return nil }
      var out = [AcbBall(1, precision: precision), zero, zero]
      for _ in 0..<n {
        guard let q = product(out, p) else { return nil }
        out = q
      }
      return out
    default:
      return nil
    }
  }

  func product(_ p: [AcbBall], _ q: [AcbBall]) -> [AcbBall]? {
    var out = [zero, zero, zero, zero, zero]
    for i in 0..<3 { for j in 0..<3 { out[i + j] = out[i + j] + p[i] * q[j] } }
    guard out[3].isZero, out[4].isZero else { return nil }
    return Array(out[0..<3])
  }

  /// An exact small integer constant.
  func integerConstant(_ e: Expression) -> Int? {
    guard let c = constant(e), c.isExact, c.isReal else { return nil }
    let m = c.realMidpoint(precision: 64)
    guard let d = Double(exactly: m.doubleValue), let n = Int(exactly: d), abs(n) <= 64 else { return nil }
    return n
  }

  func positive(_ b: AcbBall) -> Bool { b.isPositive }
  func nonnegative(_ b: AcbBall) -> Bool { b.isNonnegative }

  /// Whether u(x) = c₀ + c₁x + c₂x² is nondecreasing on [T, ∞) (c₂ ≥ 0, u′(T) ≥ 0).
  func increasing(_ u: [AcbBall]) -> Bool {
    nonnegative(u[2]) && nonnegative(u[1] + 2 * u[2] * tBall)
  }

  func at(_ u: [AcbBall], _ x: AcbBall) -> AcbBall { u[0] + u[1] * x + u[2] * x * x }

  /// |e^(s·u)| as a term, s = ±1: e^(Re c₀)·e^(−(−Re c₁)x − (−Re c₂)x²) (an identity; complex
  /// coefficients, as in e^(−2πiνx), contribute only their real parts).
  func exponential(_ u: [AcbBall], scale: AcbBall? = nil, times s: Int = 1) -> DecayTerm {
    DecayTerm(
      scale: (scale ?? AcbBall(1, precision: precision)) * AcbBall.exp((s * u[0]).realPart), power: zero,
      rate: -(s * u[1]).realPart, gaussianRate: -(s * u[2]).realPart)
  }

  /// u with a sign such that it is nondecreasing and positive on [T, ∞), nil if neither ±u is.
  func growing(_ u: [AcbBall]) -> [AcbBall]? {
    for v in [u, u.map { -$0 }] where increasing(v) && positive(at(v, tBall)) { return v }
    return nil
  }

  // MARK: majorants

  func upper(_ e: Expression) -> [DecayTerm]? {
    if let c = constant(e) { return [DecayTerm(constant: AcbBall.modulus(c))] }
    if let p = polynomial(e) {
      return (0..<3).filter { !p[$0].isExact || !p[$0].containsZero }.map {
        DecayTerm(
          scale: AcbBall.modulus(p[$0]), power: AcbBall($0, precision: precision), rate: zero, gaussianRate: zero)
      }
    }
    switch e {
    case .unary(_, let x, _):
      return upper(x)
    case .binary(.add, let x, let y, _), .binary(.subtract, let x, let y, _):
      if let t = tanhCancellation(e) { return [t] }
      guard let p = upper(x), let q = upper(y), p.count + q.count <= Self.termLimit else { return nil }
      return p + q
    case .binary(.multiply, let x, let y, _):
      guard let p = upper(x), let q = upper(y) else { return nil }
      return distribute(p, q)
    case .binary(.divide, let x, let y, _):
      guard let p = upper(x), let m = lower(y) else { return nil }
      let inv = m.raised(to: AcbBall(-1, precision: precision))
      return p.map { $0 * inv }
    case .binary(.power, let x, let y, _):
      return power(x, y)
    case .call(let name, let args, _):
      return call(name, args)
    default:
      return nil
    }
  }

  func distribute(_ p: [DecayTerm], _ q: [DecayTerm]) -> [DecayTerm]? {
    guard p.count * q.count <= Self.termLimit else { return nil }
    return p.flatMap { s in q.map { s * $0 } }
  }

  func power(_ x: Expression, _ y: Expression) -> [DecayTerm]? {
    if let n = integerConstant(y), n >= 0 {
      var out = [DecayTerm(constant: AcbBall(1, precision: precision))]
      let p = upper(x)
      for _ in 0..<n {
        guard let p, let q = distribute(out, p) else { return nil }
        out = q
      }
      return out
    }
    guard let c = constant(y) else { return nil }
    if c.isNegative, let m = lower(x) { return [m.raised(to: c)] }
    // y > 0 on a positive base: (Σ terms)^y only for one term.
    if positive(c), lower(x) != nil, let p = upper(x), p.count == 1, positive(p[0].scale) {
      return [p[0].raised(to: c)]
    }
    return nil
  }

  func call(_ name: String, _ args: [Expression]) -> [DecayTerm]? {
    let one = AcbBall(1, precision: precision)
    switch (name, args.count) {
    case ("sin", 1), ("cos", 1), ("tanh", 1), ("erf", 1):
      // Bounded on the real line only (cos(ix) = cosh x).
      return isReal(args[0]) ? [DecayTerm(constant: one)] : nil
    case ("atan", 1):
      return isReal(args[0]) ? [DecayTerm(constant: AcbBall.pi(precision: precision) / 2)] : nil
    case ("abs", 1):
      return upper(args[0])
    case ("sqrt", 1):
      return power(args[0], .number("0.5"))
    case ("pow", 2):
      return power(args[0], args[1])
    case ("exp", 1):
      guard let u = polynomial(args[0]) else { return nil }
      return [exponential(u)]
    case ("sech", 1):
      guard let u = polynomial(args[0]).flatMap(growing) else { return nil }
      return [exponential(u, scale: AcbBall(2, precision: precision), times: -1)]
    case ("csch", 1):
      guard let u = polynomial(args[0]).flatMap(growing) else { return nil }
      let factor = 2 / (1 - AcbBall.exp(-2 * at(u, tBall)))
      return [exponential(u, scale: factor, times: -1)]
    case ("erfc", 1):
      guard let u = polynomial(args[0]), u[2].isZero, increasing(u), nonnegative(at(u, tBall))
      else { return nil }
      // e^(−u²), u² = c₀² + 2c₀c₁x + c₁²x².
      return [exponential([u[0] * u[0], 2 * u[0] * u[1], u[1] * u[1]], times: -1)]
    default:
      return nil
    }
  }

  /// Whether e is real-valued for real x (it does not use the imaginary unit; sweep values are real).
  func isReal(_ e: Expression) -> Bool { !e.variables.contains(imaginaryUnitName) }

  /// tanh(u) − 1, −1 + tanh(u), 1 − tanh(u) (≤ 2e^(−2u)) and tanh(u) + 1, 1 + tanh(u) (≤ 2e^(2u)),
  /// u real (for complex u, e^(2u) + 1 can vanish).
  func tanhCancellation(_ e: Expression) -> DecayTerm? {
    func tanhArgument(_ x: Expression) -> [AcbBall]? {
      guard case .call("tanh", let args, _) = x, args.count == 1, isReal(args[0]) else { return nil }
      return polynomial(args[0])
    }
    func unit(_ x: Expression) -> Int? {
      guard let c = constant(x), c.isExact else { return nil }
      if c.isOne { return 1 }
      if (-c).isOne { return -1 }
      return nil
    }
    let two = AcbBall(2, precision: precision)
    // The signed pair (s, u) for s·1 + tanh(u) up to an overall sign.
    var pair: (Int, [AcbBall])?
    switch e {
    case .binary(.subtract, let x, let y, _):
      if let u = tanhArgument(x), let s = unit(y) { pair = (-s, u) }
      if let u = tanhArgument(y), let s = unit(x) { pair = (-s, u) }  // s − tanh u = −(tanh u − s)
    case .binary(.add, let x, let y, _):
      if let u = tanhArgument(x), let s = unit(y) { pair = (s, u) }
      if let u = tanhArgument(y), let s = unit(x) { pair = (s, u) }
    default:
      return nil
    }
    guard let (s, u) = pair else { return nil }
    // tanh u − 1 (s = −1): 2/(e^(2u) + 1) ≤ 2e^(−2u); tanh u + 1 (s = 1): ≤ 2e^(2u).
    let twice = u.map { 2 * $0 }
    return exponential(twice, scale: two, times: s == -1 ? -1 : 1)
  }

  // MARK: minorants

  /// A term m with e(x) ≥ m(x) > 0 on [T, ∞), nil when no rule applies.
  func lower(_ e: Expression) -> DecayTerm? {
    if let c = constant(e) { return positive(c) ? DecayTerm(constant: c) : nil }
    if let p = polynomial(e) {
      guard p.allSatisfy(nonnegative), let j = (0..<3).last(where: { positive(p[$0]) }) else { return nil }
      return DecayTerm(scale: p[j], power: AcbBall(j, precision: precision), rate: zero, gaussianRate: zero)
    }
    switch e {
    case .unary(.plus, let x, _):
      return lower(x)
    case .binary(.add, let x, let y, _), .binary(.subtract, let x, let y, _):
      let isSum: Bool
      if case .binary(.add, _, _, _) = e { isSum = true } else { isSum = false }
      // c − g and c + g, g + c (never g − c).
      if let m = constantMinusBounded(x, y) ?? (isSum ? constantMinusBounded(y, x) : nil) { return m }
      guard isSum, let p = lower(x), let q = lower(y) else { return nil }
      // Either is a minorant; keep the one that decays more slowly (smaller b, then a, then larger k).
      return slower(p, q)
    case .binary(.multiply, let x, let y, _):
      guard let p = lower(x), let q = lower(y) else { return nil }
      return p * q
    case .binary(.divide, let x, let y, _):
      guard let p = lower(x), lower(y) != nil, let q = upper(y), q.count == 1, positive(q[0].scale) else {
        return nil
      }
      return p * q[0].raised(to: AcbBall(-1, precision: precision))
    case .binary(.power, let x, let y, _):
      return lowerPower(x, y)
    case .call("exp", let args, _) where args.count == 1 && isReal(args[0]):
      return polynomial(args[0]).map { exponential($0) }
    case .call("cosh", let args, _) where args.count == 1 && isReal(args[0]):
      guard let u = polynomial(args[0]) else { return nil }
      return exponential(growing(u) ?? u, scale: AcbBall(1, precision: precision) / 2)
    case .call("sqrt", let args, _) where args.count == 1:
      return lowerPower(args[0], .number("0.5"))
    case .call("pow", let args, _) where args.count == 2:
      return lowerPower(args[0], args[1])
    default:
      return nil
    }
  }

  /// c ± g ≥ c − B > 0 when c is a constant and |g| ≤ B (g's majorant is a sum of constants).
  func constantMinusBounded(_ x: Expression, _ y: Expression) -> DecayTerm? {
    guard let c = constant(x), let terms = upper(y),
      terms.allSatisfy({ $0.power.isZero && $0.rate.isZero && $0.gaussianRate.isZero })
    else { return nil }
    let m = c - terms.reduce(zero) { $0 + $1.scale }
    return positive(m) ? DecayTerm(constant: m) : nil
  }

  func lowerPower(_ x: Expression, _ y: Expression) -> DecayTerm? {
    guard let c = constant(y) else { return nil }
    if positive(c) { return lower(x)?.raised(to: c) }
    if c.isNegative, lower(x) != nil, let q = upper(x), q.count == 1, positive(q[0].scale) {
      return q[0].raised(to: c)
    }
    if c.isZero { return DecayTerm(constant: AcbBall(1, precision: precision)) }
    return nil
  }

  func slower(_ p: DecayTerm, _ q: DecayTerm) -> DecayTerm {
    func key(_ t: DecayTerm) -> [Double] {
      [
        t.gaussianRate.realMidpoint(precision: 53).doubleValue, t.rate.realMidpoint(precision: 53).doubleValue,
        -t.power.realMidpoint(precision: 53).doubleValue,
      ]
    }
    return key(q).lexicographicallyPrecedes(key(p)) ? q : p
  }
}
