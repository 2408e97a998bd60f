import BallArithmetic
import Expressions
import Foundation
import MultiPrecision
import Quadrature
import Verification

/// `integral`: ∫ₐᵇ f(x) dx of an expression f, by the Quadrature module.
///
/// On a finite interval with f holomorphic near both ends the integral is
/// certified (`Integration.integrateCertifying`: f evaluated on Arb balls,
/// Gauss-Legendre with a Petras bound, bisection where f is not analytic): the
/// quantity is the rigorous enclosure (metadata `certified = yes`), so a claim on
/// it can be `certified`. On half-lines, ℝ and the Fourier kernels the same holds when
/// a majorant of |f| on [T, ∞) is derived from the expression (`IntegrandMajorant`,
/// `IntegralProvider+Tail.swift`). Otherwise (no majorant, endpoint singularity, a
/// function without a ball implementation) it is the MPFR estimate with its
/// non-rigorous error (at best `pass`, metadata `certified = no (reason)`).
///
/// Arguments:
/// - `integrand`: an expression in `variable` and the sweep axes;
/// - `variable`: the integration variable (default `x`);
/// - `from`, `to`: numbers or expressions over the sweep axes; `inf`, `-inf`, `∞`, … for ±∞
///   (`IntegralBound`);
/// - `kernel` = `"cos"` | `"sin"` and `omega` (expression): the Fourier integral
///   ∫₀^∞ f(x)·kernel(ωx) dx by the Ooura–Mori rule (then `from`/`to` are not given);
/// - `tolerance`: relative tolerance (default the module's 64·ε);
/// - `break_points`: points inside (a, b) where f is not smooth (kinks such as ReLU's at 0);
/// - `path` (and optionally `dpath`): a contour integral ∫ f(z) dz along z = path(t), t from
///   `from` to `to`, the integrand in `variable` (default `z`), see `IntegralProvider+Complex.swift`.
/// An integrand that uses the imaginary unit `i`, or a `path`, makes a complex quantity: the
/// real part is the quantity's value, the imaginary part its `imaginary` (claims use `re(q)`,
/// `im(q)`, `abs(q)`).
/// A result that did not converge is an error, with the quadrature status.
public struct IntegralProvider: TypedQuantityProvider {
  public init() {}
  public var name: String { "integral" }
  public var summary: String {
    "∫ f(x) dx by quadrature (certified enclosure where f allows, else an estimate): args = { integrand = \"...\", from = 0, to = \"inf\" } or { integrand, kernel = \"cos\", omega = \"...\" }"
  }
  public static let arguments: [ProviderParameter] = [
    .init("integrand", .text, "an expression in `variable` and the sweep axes"),
    .init("variable", .text, default: "x", "the integration variable (z with `path`)"),
    .init("from", .text, "lower bound: an expression, or -inf"),
    .init("to", .text, "upper bound: an expression, or inf"),
    .init("kernel", .text, "cos or sin: the Fourier integral over [0, inf) (then no from/to)"),
    .init("omega", .text, "the frequency of `kernel`, an expression"),
    .init("tolerance", .text, default: "64·ε of the precision", "relative tolerance"),
    .init("break_points", .numbers, default: "[]", "numbers inside (from, to) where the integrand is not smooth"),
    .init("path", .text, "z = path(t), an expression in t: the contour integral along it"),
    .init("dpath", .text, default: "the symbolic derivative of path", "path′(t)"),
  ]
  /// The arguments are expressions over the sweep axes, not sweep axes themselves.
  public static var readsSweepAxes: Bool { false }
  public var quantities: [String] {
    ["the integral (complex for an integrand with i, or a path): a certified enclosure where possible"]
  }
  public static func check(_ p: ExperimentParameters, sweepAxes: [String]) throws(ProviderError) {
    try IntegralProvider().check(p.arguments, sweepAxes: sweepAxes)
  }

  /// The load-time checks: the expressions parse over the sweep axes, the bounds and kernel agree.
  func check(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    if arguments["path"] != nil { return try validatePath(arguments, sweepAxes: sweepAxes) }
    let variable = try arguments.optionalString("variable") ?? "x"
    _ = try ExpressionProvider.parse(arguments, key: "integrand", variables: Set(sweepAxes + [variable]))
    if arguments["kernel"] != nil {
      let k = try arguments.string("kernel")
      guard FourierKernel(rawValue: k) != nil else {
        throw ProviderError(argument: "kernel", message: "kernel is \"cos\" or \"sin\"")
      }
      _ = try bound(arguments, "omega", axes: Set(sweepAxes))
      if arguments["from"] != nil || arguments["to"] != nil {
        throw ProviderError(argument: "from", message: "a Fourier integral runs over [0, ∞): leave out `from` and `to`")
      }
    } else {
      _ = try bound(arguments, "from", axes: Set(sweepAxes))
      _ = try bound(arguments, "to", axes: Set(sweepAxes))
    }
    if let t = arguments["tolerance"] {
      guard case .number(let s) = t, MPFloat(s, precision: 64) != nil else {
        throw ProviderError(argument: "tolerance", message: "expected a number")
      }
    }
  }

  /// A bound (`IntegralBound`: ±∞, or an expression over `axes`); an expression
  /// that does not parse or names an unknown variable is an error at its column.
  func bound(_ arguments: ProviderArguments, _ key: String, axes: Set<String>) throws(ProviderError) -> IntegralBound {
    let text = try arguments.numberText(key).trimmingCharacters(in: .whitespaces)
    switch try? IntegralBound(parsing: text) {
    case .positiveInfinity?: return .positiveInfinity
    case .negativeInfinity?: return .negativeInfinity
    default:
      let a = ProviderArguments([(key, .string(text))])
      return .finite(try ExpressionProvider.parse(a, key: key, variables: axes))
    }
  }

  /// The bound `key` at `point`, with `precision` bits.
  func boundValue(_ arguments: ProviderArguments, _ key: String, _ point: SweepPoint, precision: Int) throws -> MPFloat
  {
    try bound(arguments, key, axes: Set(point.coordinates.keys))
      .value(variables: Self.variables(point, precision: precision), precision: precision)
  }

  /// The `break_points` argument (numbers), empty when absent.
  func breakPoints(_ arguments: ProviderArguments, precision: Int) throws(ProviderError) -> [MPFloat] {
    var breaks: [MPFloat] = []
    if case .list(let items)? = arguments["break_points"] {
      for item in items {
        guard case .number(let s) = item, let x = MPFloat(s, precision: precision) else {
          throw ProviderError(argument: "break_points", message: "expected numbers")
        }
        breaks.append(x)
      }
    }
    return breaks
  }

  static func variables(_ point: SweepPoint, precision: Int) -> [String: MPFloat] {
    var out: [String: MPFloat] = [:]
    for (k, v) in point.coordinates { if let d = v.decimal, let x = MPFloat(d, precision: precision) { out[k] = x } }
    return out
  }

  /// The integral at `precision` bits: the one place where the explicit precision
  /// becomes the task-local working precision the quadrature runs at (the
  /// expressions are compiled with the same explicit `precision`).
  public func compute(
    _ quantity: SingleQuantity, method: NoMethod, _ p: ExperimentParameters, precision: Int
  ) throws -> Quantity {
    let point = try p.sweepPoint()
    return try MPFloat.withPrecision(precision) { () throws -> Quantity in
      try computeAtWorkingPrecision(p.arguments, at: point, precision: precision)
    }
  }

  func computeAtWorkingPrecision(
    _ arguments: ProviderArguments, at point: SweepPoint, precision: Int
  ) throws -> Quantity {
    if try isComplex(arguments) { return try computeComplex(arguments, at: point, precision: precision) }
    let variable = try arguments.optionalString("variable") ?? "x"
    let integrand = try ExpressionProvider.parse(
      arguments, key: "integrand", variables: Set(point.coordinates.keys).union([variable]))
    // Compiled once per point: slot 0 is the integration variable, then the sweep axes.
    let given = Self.variables(point, precision: precision)
    let names = [variable] + given.keys.sorted()
    let compiled = try CompiledExpression<MPFloat>(integrand, variables: names, precision: precision)
    var slots = names.map { given[$0] ?? MPFloat(0, precision: precision) }
    // The quadrature sees NaN where the integrand cannot be evaluated (it then
    // stops with `nonFinite`); the first evaluation error is kept for the message.
    var firstError: String?
    let f: (MPFloat) -> MPFloat = { x in
      slots[0] = x
      do { return try compiled.evaluate(slots) } catch {
        if firstError == nil { firstError = "at \(variable) = \(x.formatted(digits: 17)): \(error)" }
        return MPFloat.nan
      }
    }
    var tolerance: MPFloat?
    if case .number(let t)? = arguments["tolerance"] { tolerance = MPFloat(t, precision: precision) }
    let result: QuadratureResult<MPFloat>
    var method: String
    var certified = "no"
    if let k = try arguments.optionalString("kernel"), let kernel = FourierKernel(rawValue: k) {
      let omega = try boundValue(arguments, "omega", point, precision: precision)
      let omegaBall = try bound(arguments, "omega", axes: Set(point.coordinates.keys)).expression.flatMap {
        try? $0.evaluate(
          as: AcbBall.self, variables: Self.ballVariables(point, precision: precision), precision: precision)
      }
      let fourier = certifyingFourier(
        integrand, kernel: kernel, omega: omegaBall, names: names, slots: slots, point: point,
        tolerance: tolerance, precision: precision)
      if case .success(let q) = fourier { return q }
      if case .failure(let why) = fourier { certified = "no (\(why.message))" }
      result = Integration.integrateFourier(f, omega: omega, kernel: kernel, tolerance: tolerance)
      method = "Ooura–Mori Fourier quadrature (\(k))"
    } else {
      let a = try boundValue(arguments, "from", point, precision: precision)
      let b = try boundValue(arguments, "to", point, precision: precision)
      let breaks = try breakPoints(arguments, precision: precision)
      switch certifying(
        integrand, names: names, slots: slots, point: point, estimate: f, from: a, to: b,
        tolerance: tolerance, breaks: breaks, precision: precision)
      {
      case .certified(let q):
        return q
      case .estimated(let r, let why):
        result = r
        certified = "no (\(why))"
      case .notApplicable:
        result = Integration.integrate(f, from: a, to: b, tolerance: tolerance, breakPoints: breaks)
      }
      method = "adaptive quadrature"
    }
    if let firstError { throw ProviderError(message: "the integrand cannot be evaluated \(firstError)") }
    return try estimated(
      result, method: method, certified: certified, integrand: integrand, variable: variable, given: given, f: f,
      precision: precision)
  }

  /// The quantity of an estimate (not certified: `certified` says why): value ± estimate when it
  /// converged or is below its own absolute error; an error naming the point where the integrand
  /// is not finite (and whether an argument left a function's domain there), or the status.
  func estimated(
    _ result: QuadratureResult<MPFloat>, method: String, certified: String, integrand: Expressions.Expression,
    variable: String,
    given: [String: MPFloat], f: (MPFloat) -> MPFloat, precision: Int
  ) throws -> Quantity {
    if case .nonFinite(let x) = result.status {
      // MPFloat evaluation gives NaN or ±∞ without a reason; interval evaluation at
      // the point says whether an argument left a function's domain.
      var vars = given
      vars[variable] = x
      let why: String
      if let v = try? integrand.evaluate(
        as: ArbBall.self, variables: vars.mapValues { ArbBall($0) }, precision: precision),
        !v.isFinite
      {
        why = "an argument lies outside a function's domain"
      } else {
        why = "its value is \(f(x).formatted(digits: 6)) (a pole or an overflow)"
      }
      throw ProviderError(
        message: "the integrand cannot be evaluated at \(variable) = \(x.formatted(digits: 17)): \(why)")
    }
    if case .belowAbsoluteError = result.status {
      // An absolute error with no correct digit: still a (non-rigorous) interval.
      return Quantity(
        value: result.value, errorEstimate: result.errorEstimate,
        metadata: [
          "method": method, "evaluations": String(result.evaluations),
          "status": result.status.name, "certified": certified,
        ])
    }
    guard result.isConverged else {
      throw ProviderError(
        message:
          "quadrature did not converge (status \(result.status), estimate \(result.errorEstimate.formatted(digits: 3)), \(result.evaluations) evaluations)"
      )
    }
    return Quantity(
      value: result.value, errorEstimate: result.errorEstimate,
      metadata: [
        "method": method, "evaluations": String(result.evaluations), "status": result.status.name,
        "certified": certified,
      ])
  }

  /// What the certifying path on a finite interval gave.
  enum Certifying {
    /// A rigorous enclosure.
    case certified(Quantity)
    /// No rigorous bound (the reason): the estimate it fell back to, checked by the caller.
    case estimated(QuadratureResult<MPFloat>, String)
    /// Not tried: infinite bounds, or an integrand without a ball form.
    case notApplicable
  }

  /// The sweep values as balls enclosing their decimals (`0.1` is not a binary number).
  static func ballVariables(_ point: SweepPoint, precision: Int) -> [String: AcbBall] {
    var out: [String: AcbBall] = [:]
    for (k, v) in point.coordinates {
      if let d = v.decimal, let x = AcbBall(decimal: d, precision: precision) { out[k] = x }
    }
    return out
  }

  /// The integrand on balls (slot 0 the integration variable, then the sweep values
  /// enclosing their decimals), nil when the expression does not compile. A real
  /// integrand (`realValued`) must be real on the real line: a value with a non-zero
  /// imaginary part at a real ball (a function left its real domain and took its
  /// principal complex branch, log(−2) = log 2 + iπ) is indeterminate, so no piece is
  /// certified there (MPFR's estimate gives NaN at such a point).
  func ballIntegrand(
    _ integrand: Expressions.Expression, names: [String], slots: [MPFloat], point: SweepPoint, precision: Int,
    realValued: Bool = true
  ) -> ((AcbBall) -> AcbBall)? {
    guard let ball = try? CompiledExpression<AcbBall>(integrand, variables: names, precision: precision) else {
      return nil
    }
    let exact = Self.ballVariables(point, precision: precision)
    var ballSlots = zip(names, slots).map { exact[$0] ?? AcbBall($1, precision: precision) }
    return { x in
      ballSlots[0] = x
      guard let v = try? ball.evaluate(ballSlots), !(realValued && x.isReal && !v.isReal) else {
        return AcbBall.indeterminate(precision: precision, analytic: x.analytic)
      }
      return v
    }
  }

  /// The certifying path (`Integration.integrateCertifying` on a finite interval, the
  /// certified integral with a tail bound derived from the integrand on an infinite one):
  /// a rigorous `Quantity` when the enclosure is rigorous, else the estimate it fell
  /// back to, whose status the caller checks like any other quadrature result.
  func certifying(
    _ integrand: Expressions.Expression, names: [String], slots: [MPFloat], point: SweepPoint,
    estimate f: (MPFloat) -> MPFloat, from a: MPFloat, to b: MPFloat, tolerance: MPFloat?, breaks: [MPFloat],
    precision: Int
  ) -> Certifying {
    guard let g = ballIntegrand(integrand, names: names, slots: slots, point: point, precision: precision) else {
      return .notApplicable
    }
    if !a.isFinite || !b.isFinite {
      let tail = certifyingInfinite(
        integrand, g, variable: names[0], point: point, from: a, to: b, tolerance: tolerance,
        breaks: breaks, precision: precision)
      if case .success(let q) = tail { return .certified(q) }
      let r = Integration.integrateCertifying(g, estimate: f, from: a, to: b, tolerance: tolerance, breakPoints: breaks)
      guard let est = r.estimate else { return .notApplicable }
      if case .failure(let why) = tail { return .estimated(est, why.message) }
      return .estimated(est, r.reason ?? "no rigorous bound")
    }
    let r = Integration.integrateCertifying(g, estimate: f, from: a, to: b, tolerance: tolerance, breakPoints: breaks)
    if let e = r.enclosure {
      let meta = [
        "method": "certified Gauss-Legendre (Petras bound, bisection)", "evaluations": String(r.evaluations),
        "status": r.statusName, "certified": "yes",
      ]
      return .certified(Quantity(lower: e.lower, upper: e.upper, rigorous: true, metadata: meta))
    }
    guard let est = r.estimate else { return .notApplicable }
    return .estimated(est, r.reason ?? "no rigorous bound")
  }
}
