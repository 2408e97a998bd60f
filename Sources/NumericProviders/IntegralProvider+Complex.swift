import BallArithmetic
import Expressions
import MultiPrecision
import Quadrature
import Verification

/// Complex integrands and contour integrals of the `integral` provider.
///
/// - An integrand that uses the imaginary unit `i` is evaluated on Arb's complex balls
///   (`AcbBall`, principal branches; read at the midpoints for the estimate) and its real and imaginary parts are integrated by
///   the same rule as a real integrand (the Fourier kernels included).
/// - `path = "P(t)"`: ∫_P f(z) dz = ∫_from^to f(P(t)) P′(t) dt, t real, P an
///   expression in `t` and the sweep axes; P′ is `dpath` when given, else the
///   symbolic derivative (`Expression.derivative(with:)`). The integrand's
///   variable is `variable` (default `z`).
/// The quantity's value and error are those of the real part; its `imaginary`
/// part carries the imaginary part's value and error (both non-rigorous).
extension IntegralProvider {
  func isComplex(_ arguments: ProviderArguments) throws -> Bool {
    if arguments["path"] != nil { return true }
    let variable = try arguments.optionalString("variable") ?? "x"
    guard variable != imaginaryUnitName, let e = try? Expression.parse(try arguments.string("integrand")) else {
      return false
    }
    return e.variables.contains(imaginaryUnitName)
  }

  func validatePath(_ arguments: ProviderArguments, sweepAxes: [String]) throws(ProviderError) {
    let variable = try arguments.optionalString("variable") ?? "z"
    _ = try ExpressionProvider.parse(arguments, key: "integrand", variables: Set(sweepAxes + [variable]))
    let path = try ExpressionProvider.parse(arguments, key: "path", variables: Set(sweepAxes + ["t"]))
    if arguments["dpath"] != nil {
      _ = try ExpressionProvider.parse(arguments, key: "dpath", variables: Set(sweepAxes + ["t"]))
    } else if path.derivative(with: "t") == nil {
      throw ProviderError(argument: "path", message: "cannot differentiate the path symbolically: give `dpath`")
    }
    if arguments["kernel"] != nil { throw ProviderError(argument: "kernel", message: "a path integral has no kernel") }
    _ = try bound(arguments, "from", axes: Set(sweepAxes))
    _ = try bound(arguments, "to", axes: Set(sweepAxes))
  }

  /// A complex integrand (or an integrand along a path z(t)) compiled on Arb's complex balls: its
  /// variable first, then the sweep point's coordinates (`rest`, in `names` order).
  struct ComplexIntegrand {
    var variable: String
    var integrand: CompiledExpression<AcbBall>
    var path: CompiledExpression<AcbBall>?
    var dpath: CompiledExpression<AcbBall>?
    var rest: [AcbBall]
  }

  /// The certified enclosure (no path: as for real integrands; a path on a finite range: the
  /// certified engine shared with `fprinciple integrate`), else the adaptive or Fourier estimate of
  /// the real and imaginary parts, which must converge.
  func computeComplex(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> Quantity {
    let f = try compileComplex(arguments, at: point, precision: precision)
    let hasPath = f.path != nil
    let axes = Set(point.coordinates.keys)
    if !hasPath,
      let q = certifiedComplex(
        try ExpressionProvider.parse(arguments, key: "integrand", variables: axes.union([f.variable])),
        arguments, variable: f.variable, point: point, precision: precision)
    {
      return q
    }
    if hasPath, let q = try certifiedPath(f, arguments, at: point, precision: precision) { return q }
    let (results, method, tolerance) = try estimateComplex(f, arguments, at: point, precision: precision)
    let (re, im) = (results[0], results[1])
    // Accuracy relative to |∫ f| (a part that is 0 needs only a small absolute error);
    // below its own absolute error the quantity is kept as value ± estimate.
    let status = QuadratureStatus.complex(re, im, tolerance: tolerance)
    switch status {
    case .converged, .belowAbsoluteError: break
    default:
      let failed = zip(["real", "imaginary"], results).filter { $0.1.status == status }.map(\.0).first ?? "real"
      let r = failed == "real" ? re : im
      throw ProviderError(
        message:
          "quadrature of the \(failed) part did not converge (status \(r.status), estimate \(r.errorEstimate.formatted(digits: 3)), \(r.evaluations) evaluations)"
      )
    }
    var q = Quantity(
      value: re.value, errorEstimate: re.errorEstimate,
      metadata: [
        "method": method, "evaluations": String(re.evaluations + im.evaluations),
        "status": status.name,
        "imaginary": "\(im.value.formatted(digits: 20)) ± \(im.errorEstimate.formatted(digits: 3))",
      ])
    q.imaginary = Quantity.ImaginaryPart(value: im.value, errorEstimate: im.errorEstimate)
    return q
  }

  /// The integrand (and the path z(t) with z′(t): `dpath`, else the symbolic derivative) compiled.
  func compileComplex(_ arguments: ProviderArguments, at point: SweepPoint, precision: Int) throws -> ComplexIntegrand {
    let hasPath = arguments["path"] != nil
    let variable = try arguments.optionalString("variable") ?? (hasPath ? "z" : "x")
    let axes = Set(point.coordinates.keys)
    let given = Self.variables(point, precision: precision).mapValues { AcbBall($0, precision: precision) }
    let names = given.keys.sorted()
    func compile(_ e: Expression, _ first: String) throws -> CompiledExpression<AcbBall> {
      try CompiledExpression<AcbBall>(e, variables: [first] + names, precision: precision)
    }
    let integrand = try compile(
      ExpressionProvider.parse(arguments, key: "integrand", variables: axes.union([variable])), variable)
    var path: CompiledExpression<AcbBall>? = nil
    var dpath: CompiledExpression<AcbBall>? = nil
    if hasPath {
      let p = try ExpressionProvider.parse(arguments, key: "path", variables: axes.union(["t"]))
      path = try compile(p, "t")
      if arguments["dpath"] != nil {
        dpath = try compile(ExpressionProvider.parse(arguments, key: "dpath", variables: axes.union(["t"])), "t")
      } else {
        guard let d = p.derivative(with: "t") else {
          throw ProviderError(argument: "path", message: "cannot differentiate the path symbolically: give `dpath`")
        }
        dpath = try compile(d, "t")
      }
    }
    return ComplexIntegrand(
      variable: variable, integrand: integrand, path: path, dpath: dpath, rest: names.map { given[$0]! })
  }

  /// A path integral on a finite range by the certified engine first (shared with
  /// `fprinciple integrate`); nil where it finds no enclosure (the estimate runs).
  func certifiedPath(
    _ f: ComplexIntegrand, _ arguments: ProviderArguments, at point: SweepPoint, precision: Int
  ) throws -> Quantity? {
    let (integrand, rest) = (f.integrand, f.rest)
    let axes = Set(point.coordinates.keys)
    if let path = f.path, let dpath = f.dpath,
      IntegralEngine.certifiable(
        try ExpressionProvider.parse(arguments, key: "integrand", variables: axes.union([f.variable]))),
      let a = try? boundValue(arguments, "from", point, precision: precision),
      let b = try? boundValue(arguments, "to", point, precision: precision)
    {
      var tolerance: MPFloat?
      if case .number(let t)? = arguments["tolerance"] { tolerance = MPFloat(t, precision: precision) }
      let g = IntegralEngine.ballIntegrand(
        integrand, path: path, derivative: dpath, rest: rest, precision: precision, realValued: false)
      if let c = IntegralEngine.certified(
        g, from: a, to: b, tolerance: tolerance, precision: precision, evaluationLimit: 20_000 + 200 * precision),
        case .success(let q) = enclosed(
          c.enclosure, evaluations: c.evaluations, tails: [], tolerance: tolerance, precision: precision,
          complex: true)
      {
        var q = q
        q.metadata["method"] = "certified Gauss-Legendre along the path (Petras bound, bisection)"
        return q
      }
    }
    return nil
  }

  /// The estimate of the real and imaginary parts: Ooura–Mori under a Fourier kernel, else adaptive
  /// quadrature (a part that does not converge against a relative tolerance integrated again,
  /// shifted by the L¹ norm); with the method's name and the tolerance.
  func estimateComplex(
    _ f: ComplexIntegrand, _ arguments: ProviderArguments, at point: SweepPoint, precision: Int
  ) throws -> (results: [QuadratureResult<MPFloat>], method: String, tolerance: MPFloat?) {
    let (integrand, path, dpath, rest) = (f.integrand, f.path, f.dpath, f.rest)
    let hasPath = path != nil
    let nan = (real: MPFloat.nan, imaginary: MPFloat.nan)
    let g: (MPFloat) -> (real: MPFloat, imaginary: MPFloat) = { t in
      let tc = AcbBall(t, precision: precision)
      let v: AcbBall
      if let path, let dpath {
        guard let z = try? path.evaluate([tc] + rest), let dz = try? dpath.evaluate([tc] + rest),
          let fz = try? integrand.evaluate([z] + rest)
        else { return nan }
        v = fz * dz
      } else {
        guard let fz = try? integrand.evaluate([tc] + rest) else { return nan }
        v = fz
      }
      return v.isFinite ? v.midpoint(precision: precision) : nan
    }
    let parts: [(MPFloat) -> MPFloat] = [{ g($0).real }, { g($0).imaginary }]
    var tolerance: MPFloat?
    if case .number(let t)? = arguments["tolerance"] { tolerance = MPFloat(t, precision: precision) }
    var results: [QuadratureResult<MPFloat>]
    var method: String
    if !hasPath, let k = try arguments.optionalString("kernel"), let kernel = FourierKernel(rawValue: k) {
      let omega = try boundValue(arguments, "omega", point, precision: precision)
      results = parts.map { Integration.integrateFourier($0, omega: omega, kernel: kernel, tolerance: tolerance) }
      method = "Ooura–Mori Fourier quadrature (\(k)), real and imaginary parts"
    } else {
      let a = try boundValue(arguments, "from", point, precision: precision)
      let b = try boundValue(arguments, "to", point, precision: precision)
      let breaks = try breakPoints(arguments, precision: precision)
      results = parts.map { Integration.integrate($0, from: a, to: b, tolerance: tolerance, breakPoints: breaks) }
      // A part that is (nearly) 0 cannot meet a relative tolerance: on a finite
      // interval it is integrated again shifted by L/(b − a), L = ∫ |f|, so its
      // tolerance is relative to the L¹ norm.
      if results.contains(where: { !$0.isConverged }), a.isFinite, b.isFinite {
        let norm = Integration.integrate(
          { (t: MPFloat) -> MPFloat in
            let v = g(t); return MPFloat.hypot(v.real, v.imaginary)
          },
          from: a, to: b, tolerance: tolerance, breakPoints: breaks)
        if norm.isConverged && norm.value > 0 {
          let shift = norm.value / (b - a)
          for k in 0..<2 where !results[k].isConverged {
            let part = parts[k]
            var r = Integration.integrate(
              { part($0) + shift }, from: a, to: b, tolerance: tolerance, breakPoints: breaks)
            r.value = r.value - shift * (b - a)
            r.evaluations += results[k].evaluations + norm.evaluations
            results[k] = r
          }
        }
      }
      method =
        hasPath
        ? "adaptive quadrature along the path, real and imaginary parts"
        : "adaptive quadrature, real and imaginary parts"
    }
    return (results, method, tolerance)
  }

  /// A complex integrand on a finite or infinite range, or under a Fourier kernel, certified as
  /// for real integrands (`IntegralProvider+Tail.swift`): real and imaginary parts are both
  /// enclosed (the quantity's `imaginary`); nil where not certified (the estimate then runs).
  func certifiedComplex(
    _ integrand: Expression, _ arguments: ProviderArguments, variable: String, point: SweepPoint, precision: Int
  ) -> Quantity? {
    guard IntegralEngine.certifiable(integrand) else { return nil }
    let given = Self.variables(point, precision: precision)
    let names = [variable] + given.keys.sorted()
    let slots = names.map { given[$0] ?? MPFloat(0, precision: precision) }
    var tolerance: MPFloat?
    if case .number(let t)? = arguments["tolerance"] { tolerance = MPFloat(t, precision: precision) }
    let result: Result<Quantity, NotCertified>
    if let k = try? arguments.optionalString("kernel"), let kernel = FourierKernel(rawValue: k) {
      let omegaBall = (try? bound(arguments, "omega", axes: Set(point.coordinates.keys)))?.expression.flatMap {
        try? $0.evaluate(
          as: AcbBall.self, variables: Self.ballVariables(point, precision: precision), precision: precision)
      }
      result = certifyingFourier(
        integrand, kernel: kernel, omega: omegaBall, names: names, slots: slots, point: point,
        tolerance: tolerance, precision: precision, complex: true)
    } else {
      guard let a = try? boundValue(arguments, "from", point, precision: precision),
        let b = try? boundValue(arguments, "to", point, precision: precision),
        let breaks = try? breakPoints(arguments, precision: precision),
        let g = ballIntegrand(
          integrand, names: names, slots: slots, point: point, precision: precision, realValued: false)
      else { return nil }
      if a.isFinite && b.isFinite {
        let c = Integration.certifiedIntegral(
          g, from: a, to: b, tolerance: tolerance, breakPoints: breaks, evaluationLimit: 20_000 + 200 * precision)
        guard c.isRigorous else { return nil }
        result = enclosed(
          c.enclosure, evaluations: c.evaluations, tails: [], tolerance: tolerance, precision: precision,
          complex: true)
      } else {
        result = certifyingInfinite(
          integrand, g, variable: variable, point: point, from: a, to: b, tolerance: tolerance, breaks: breaks,
          precision: precision, complex: true)
      }
    }
    if case .success(let q) = result { return q }
    return nil
  }
}
