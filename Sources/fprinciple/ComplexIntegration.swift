import BallArithmetic
import Expressions
import Foundation
import JSONCodec
import MultiPrecision
import NeuralNetworks
import NumericProviders
import Quadrature

/// Complex integrands and contour integrals of `fprinciple integrate`.
///
/// - A complex integrand f (one that uses the imaginary unit `i`, or any with
///   `--complex`) is compiled once on Arb's complex balls (`AcbBall`, principal branches),
///   evaluated at each node and read at its midpoint; ∫ Re f and ∫ Im f are two
///   runs of the same real rule (the same nodes, so one evaluation serves both
///   when the adaptive refinement agrees, but they are counted separately).
/// - A path z = P(t), t ∈ [a, b]: ∫_P f(z) dz = ∫_a^b f(P(t)) P′(t) dt, with P′ the
///   symbolic derivative of P (`Expression.derivative(with:)`) or `--dpath`.
extension IntegrateCommand {
  /// Whether the integrand must be evaluated in complex arithmetic.
  func needsComplex() throws(CommandError) -> Bool {
    if complex || path != nil { return true }
    guard let e = try? Expression.parse(expression) else { return false }
    return e.variables.contains(imaginaryUnitName) && variable != imaginaryUnitName
  }

  func compileComplex(
    _ text: String, _ variable: String, _ what: String, bits: Int
  ) throws(CommandError)
    -> CompiledExpression<AcbBall>
  {
    do {
      let c = try CompiledExpression<AcbBall>(try Expression.parse(text), variables: [variable], precision: bits)
      guard c.kind == .number else { throw CommandError(context: what, message: "a comparison is not a number") }
      return c
    } catch let error as CommandError {
      throw error
    } catch {
      throw CommandError(context: what, message: "\(error)")
    }
  }

  /// The formatted result and, when a part did not converge, why (the exit status is then 1).
  func integrateComplex(bits: Int) throws(CommandError) -> (String, String?) {
    let integrand = try compileComplex(expression, variable, "the integrand", bits: bits)
    // The parametrisation (identity for a plain integral) and its derivative.
    var pathCompiled: CompiledExpression<AcbBall>? = nil
    var derivative: CompiledExpression<AcbBall>? = nil
    if let path {
      pathCompiled = try compileComplex(path, "t", "--path", bits: bits)
      if let dpath {
        derivative = try compileComplex(dpath, "t", "--dpath", bits: bits)
      } else {
        guard let p = try? Expression.parse(path), let d = p.derivative(with: "t") else {
          throw CommandError(context: "--path", message: "cannot differentiate the path symbolically; give --dpath")
        }
        derivative = try compileComplex(d.description, "t", "--path (its derivative \(d))", bits: bits)
      }
    }
    let output: Result<(String, String?), CommandError> = MPFloat.withPrecision(bits) {
      do throws(CommandError) {
        let (a, b, breaks) = try limits(bits: bits)
        let tol = MPFloat("1e-\(digits)")!
        // The certified engine first (finite range): a rigorous enclosure when it meets the digits.
        if oscillatory == nil, method == "auto", let e = try? Expression.parse(expression),
          IntegralEngine.certifiable(e)
        {
          let ball = IntegralEngine.ballIntegrand(
            integrand, path: pathCompiled, derivative: derivative, precision: bits, realValued: false)
          if let c = IntegralEngine.certified(
            ball, from: a, to: b, tolerance: tol, breakPoints: breaks, precision: bits),
            c.status == .certified
          {
            return .success((formatCertified(c), nil))
          }
        }
        let nan = (real: MPFloat.nan, imaginary: MPFloat.nan)
        let g: (MPFloat) -> (real: MPFloat, imaginary: MPFloat) = { t in
          let tc = AcbBall(t, precision: bits)
          let v: AcbBall
          if let pathCompiled, let derivative {
            guard let z = try? pathCompiled.evaluate([tc]), let dz = try? derivative.evaluate([tc]),
              let fz = try? integrand.evaluate([z])
            else { return nan }
            v = fz * dz
          } else {
            guard let fz = try? integrand.evaluate([tc]) else { return nan }
            v = fz
          }
          // A ball that is not finite (a pole, outside a domain) reads as NaN: the
          // integrator reports it as nonFinite.
          return v.isFinite ? v.midpoint(precision: bits) : nan
        }
        let re: (MPFloat) -> MPFloat = { g($0).real }
        let im: (MPFloat) -> MPFloat = { g($0).imaginary }
        let parts: [QuadratureResult<MPFloat>]
        if let oscillatory, let kernel = FourierKernel(rawValue: oscillatory), let omegaText = omega {
          guard a.isZero, b.isInfinite, b > 0 else {
            throw CommandError(context: "--oscillatory", message: "the interval must be --from 0 --to inf")
          }
          let w = try constant(omegaText, "--omega", bits: bits)
          let m = FourierMethod(rawValue: method) ?? .ooura
          parts = [re, im].map { Integration.integrateFourier($0, omega: w, kernel: kernel, tolerance: tol, method: m) }
        } else {
          let m = Integration.rule(named: method)!
          var p = [re, im].map {
            Integration.integrate($0, from: a, to: b, tolerance: tol, rule: m, breakPoints: breaks)
          }
          // A part that is (nearly) 0 cannot meet a relative tolerance on its
          // own: on a finite interval it is integrated again shifted by
          // K = L/(b − a), L = ∫ |f| (the L¹ norm along the interval), so its
          // tolerance is relative to L.
          if p.contains(where: { !$0.isConverged }), a.isFinite, b.isFinite {
            let norm = Integration.integrate(
              { (t: MPFloat) -> MPFloat in
                let v = g(t); return MPFloat.hypot(v.real, v.imaginary)
              },
              from: a, to: b, tolerance: tol, rule: m, breakPoints: breaks)
            if norm.isConverged && norm.value > 0 {
              let shift = norm.value / (b - a)
              for (k, part) in [re, im].enumerated() where !p[k].isConverged {
                var r = Integration.integrate(
                  { part($0) + shift }, from: a, to: b, tolerance: tol, rule: m,
                  breakPoints: breaks)
                r.value = r.value - shift * (b - a)
                r.evaluations += p[k].evaluations + norm.evaluations
                p[k] = r
              }
            }
          }
          parts = p
        }
        // Accuracy relative to |∫ f|, not to each part (a part may be 0).
        let status = QuadratureStatus.complex(parts[0], parts[1], tolerance: tol)
        var problem: String?
        if case .converged = status {
          problem = nil
        } else if case .belowAbsoluteError = status {
          problem = "|∫ f| is below its error estimate (status belowAbsoluteError): not \(digits) correct digits"
        } else {
          problem =
            zip(["real", "imaginary"], parts).filter { !$0.1.isConverged && $0.1.status != .belowAbsoluteError }
            .map { "the \($0.0) part did not converge (status \($0.1.status))" }
            .joined(separator: "; ") + ": the integral may diverge, or needs more levels or break points"
        }
        return .success((formatComplex(parts[0], parts[1], status: status), problem))
      } catch {
        return .failure(error)
      }
    }
    return try output.get()
  }

  func formatComplex(
    _ re: QuadratureResult<MPFloat>, _ im: QuadratureResult<MPFloat>,
    status: QuadratureStatus<MPFloat>
  ) -> String {
    let error = Swift.max(re.errorEstimate, im.errorEstimate).formatted(digits: 3)
    let evaluations = re.evaluations + im.evaluations
    if json {
      return JSONValue.object([
        ("error", .string(error)), ("evaluations", .integer(evaluations)),
        ("imag", .string(im.value.formatted(digits: digits))),
        ("status", .string(status.description)),
        ("value", .string(re.value.formatted(digits: digits))),
      ]).text
    }
    let text =
      im.value.isZero && re.value.isFinite
      ? "\(re.value.formatted(digits: digits)) + 0 i"
      : !(re.value.isFinite && im.value.isFinite)
        ? "nan"
        : im.value.isZero
          ? re.value.formatted(digits: digits)
          : "\(re.value.formatted(digits: digits)) \(im.value.sign == .minus ? "-" : "+") \(im.value.magnitude.formatted(digits: digits)) i"
    return "\(text)\nerror ≤ \(error) (estimate), \(evaluations) evaluations, \(status)"
  }
}

extension IntegrateCommand {
  /// A rigorous enclosure: the value (correctly rounded digits when the ball decides them,
  /// else its midpoint), the radius (`error`, a rigorous bound of |I − value| per part),
  /// `"certified": true`.
  func formatCertified(_ c: CertifiedQuadratureResult) -> String {
    let e = c.enclosure
    let re = e.realBall, im = e.imaginaryBall
    let reText = re.decimal(digits: digits) ?? re.midpoint(precision: re.precision).formatted(digits: digits)
    let imText = im.decimal(digits: digits) ?? im.midpoint(precision: im.precision).formatted(digits: digits)
    let radius = Swift.max(re.radius, im.radius).formatted(digits: 3, rounding: .up)
    let complex = !(im.isZero) && !(im.containsZero && im.radius <= re.radius)
    if json {
      var fields: [(String, JSONValue)] = [
        ("certified", .bool(true)), ("error", .string(radius)), ("evaluations", .integer(c.evaluations)),
      ]
      if complex || path != nil || self.complex { fields.append(("imag", .string(imText))) }
      let status =
        c.status == .certified || c.enclosure.realBall.radius <= MPFloat("1e-\(digits)")! * re.midpoint.magnitude
        ? "certified" : CertifiedStatus.certifiedToFewerDigits.rawValue
      fields += [("radius", .string(radius)), ("status", .string(status)), ("value", .string(reText))]
      return JSONValue.object(fields).text
    }
    let text =
      complex || path != nil || self.complex
      ? (imText.hasPrefix("-") ? "\(reText) - \(imText.dropFirst()) i" : "\(reText) + \(imText) i") : reText
    return
      "\(text)\nerror ≤ \(radius) (certified: Arb ball enclosure), \(c.evaluations) evaluations, \(c.pieces) pieces"
  }
}
