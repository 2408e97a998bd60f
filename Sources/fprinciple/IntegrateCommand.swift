import ArgumentParser
import BallArithmetic
import Expressions
import Foundation
import JSONCodec
import MultiPrecision
import NeuralNetworks
import NumericProviders
import Quadrature

/// `fprinciple integrate EXPR --var x --from A --to B`: a definite integral of
/// an expression of the claim language in MPFR precision, with an error
/// estimate, the number of evaluations and a status (never a bare number).
struct IntegrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "integrate",
    abstract: "Integrate an expression over an interval (±inf allowed) in multiple precision.",
    discussion: """
      Examples:
        fprinciple integrate 'exp(-x^2)' --from -inf --to inf --digits 50
        fprinciple integrate 'sqrt(t)*log(t)' --var t --from 0 --to 1 --method tanh-sinh
        fprinciple integrate '1/x' --from 0 --to inf --oscillatory sin --omega 1 --json
        fprinciple integrate 'abs(x)' --from -1 --to 1 --break 0
        fprinciple integrate '-log(x)/(1+x)' --from 0 --to 1
        fprinciple integrate 'exp(-x^2+i*x)' --from -inf --to inf
        fprinciple integrate 'zeta(z)' --path '2 + exp(2*pi*i*t)' --from 0 --to 1
      Bounds and --omega are expressions (pi/2, 1e-3, ...) or inf / -inf (also infinity, ∞).
      --oscillatory sin|cos integrates EXPR·sin(omega·x) or EXPR·cos(omega·x) over [0, inf)
      with the Ooura-Mori formula (--method zeros: between the kernel's zeros with Wynn's
      epsilon extrapolation). The tolerance is 10^-digits (relative); the evaluation runs at
      ceil(digits·log2 10) + 4 + 32 bits. The status is converged, maxLevelReached or
      nonFinite (with the point); the exit code is 0 whenever a result is printed, 1 on
      bad input. --json prints {"value": "...", "error": "...", "evaluations": n, "status": "..."}.

      Complex integrands: an integrand that uses the imaginary unit i (or any integrand
      with --complex) is evaluated in complex arithmetic (principal branches) and its real
      and imaginary parts are integrated separately; the value prints as `a + b i` and
      --json adds "imag" next to "value" (the real part); the error is the larger of the two.
      Contour integrals: --path P integrates f(z) dz along z = P(t), t from --from to --to
      (real bounds), as the integral of f(P(t)) P'(t) dt. The integrand is an expression
      in z (or --var, if given), the path one in t; P'(t) is differentiated symbolically
      (exp, log, powers, trig and hyperbolic functions and their inverses) or given by
      --dpath. Example: the residue of 1/z at 0, 2 pi i:
        fprinciple integrate '1/z' --path 'exp(2*pi*i*t)' --from 0 --to 1
      An expression that starts with a minus sign is read as the expression.
      """
  )

  /// The integrand's words, joined by spaces. Parsed as "all unrecognized" so
  /// that an integrand may start with a minus sign (`integrate '-log(x)/(1+x)'`).
  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "The integrand, an expression in the variable (see Sources/Expressions/README.md).",
      valueName: "expression"))
  var expressionWords: [String] = []

  var expression: String { expressionWords.joined(separator: " ") }

  @Option(name: .customLong("var"), help: "The variable of integration (default x; z with --path).")
  var variableOption: String?

  var variable: String { variableOption ?? (path == nil ? "x" : "z") }

  @Option(
    parsing: .unconditional,
    help: "A path z = P(t), an expression in t: integrate f(z) dz along it, t from --from to --to.")
  var path: String?

  @Option(parsing: .unconditional, help: "The derivative P'(t) of --path (default: differentiated symbolically).")
  var dpath: String?

  @Flag(help: "Evaluate the integrand in complex arithmetic even if it does not use i.")
  var complex = false

  @Option(parsing: .unconditional, help: "Lower bound (an expression, or -inf).")
  var from: String

  @Option(parsing: .unconditional, help: "Upper bound (an expression, or inf).")
  var to: String

  @Option(help: "Significant decimal digits (tolerance 10^-digits).")
  var digits = 30

  @Option(help: "auto, gauss-legendre, tanh-sinh, exp-sinh, sinh-sinh; with --oscillatory: ooura or zeros.")
  var method = "auto"

  @Option(
    name: .customLong("break"), parsing: .upToNextOption,
    help: "Interior break points where the integrand has kinks or jumps (expressions).")
  var breakPoints: [String] = []

  @Option(help: "sin or cos: integrate EXPR·sin(omega·x) or EXPR·cos(omega·x) over [0, inf).")
  var oscillatory: String?

  @Option(parsing: .unconditional, help: "The frequency omega of --oscillatory (an expression).")
  var omega: String?

  @Flag(help: "Print one JSON object {\"value\", \"error\", \"evaluations\", \"status\"}.")
  var json = false

  static let guardBits = 32

  func validate() throws {
    if expressionWords.isEmpty { throw ValidationError("Missing expected argument '<expression>'.") }
    if let option = expressionWords.first(where: { $0.hasPrefix("--") && ($0.dropFirst(2).first?.isLetter ?? false) }) {
      throw ValidationError("Unknown option '\(option)'.")
    }
    if dpath != nil && path == nil { throw ValidationError("--dpath needs --path.") }
    if path != nil && oscillatory != nil { throw ValidationError("--path and --oscillatory do not combine.") }
    if !(1...10_000).contains(digits) { throw ValidationError("--digits must be in 1...10000.") }
    if let oscillatory {
      guard FourierKernel(rawValue: oscillatory) != nil else {
        throw ValidationError("--oscillatory must be sin or cos (got '\(oscillatory)').")
      }
      guard omega != nil else { throw ValidationError("--oscillatory needs --omega.") }
      guard FourierMethod(rawValue: method) != nil || method == "auto" else {
        throw ValidationError("--method with --oscillatory must be ooura or zeros (got '\(method)').")
      }
    } else {
      if omega != nil { throw ValidationError("--omega needs --oscillatory sin|cos.") }
      guard Integration.rule(named: method) != nil else {
        let names = Integration.rules.map(\.name).joined(separator: ", ")
        throw ValidationError("--method must be one of \(names) (got '\(method)').")
      }
    }
  }

  func run() throws { try integrate() }

  /// A bound or parameter: ±∞ (`inf`, `-inf`, `∞`, …) or a constant expression (`IntegralBound`).
  func constant(_ text: String, _ what: String, bits: Int) throws(CommandError) -> MPFloat {
    do {
      return try IntegralBound(parsing: text).value(precision: bits)
    } catch {
      throw CommandError(context: what, message: error.description)
    }
  }

  func integrate() throws(CommandError) {
    let bits = MPFloat.bits(forDigits: digits) + IntegrateCommand.guardBits
    if try needsComplex() {
      let (text, problem) = try integrateComplex(bits: bits)
      print(text)
      if let problem { throw CommandError(context: "the integral", message: problem) }
      return
    }
    let compiled: CompiledExpression<MPFloat>
    do {
      compiled = try CompiledExpression(try Expression.parse(expression), variables: [variable], precision: bits)
    } catch {
      throw CommandError(context: "the integrand", message: error.description)
    }
    guard compiled.kind == .number else {
      throw CommandError(context: "the integrand", message: "a comparison is not a number")
    }
    let output: Result<(String, String?), CommandError> = MPFloat.withPrecision(bits) {
      do throws(CommandError) { return .success(try compute(compiled, bits: bits)) } catch { return .failure(error) }
    }
    let (text, problem) = try output.get()
    print(text)
    // A result that did not converge is printed (with its status) but is not an answer.
    if let problem { throw CommandError(context: "the integral", message: problem) }
  }

  /// `--from`, `--to` and the `--break` points at `bits`.
  func limits(bits: Int) throws(CommandError) -> (MPFloat, MPFloat, [MPFloat]) {
    let a = try constant(from, "--from", bits: bits)
    let b = try constant(to, "--to", bits: bits)
    if a.isNaN || b.isNaN { throw CommandError(context: "bounds", message: "a bound is NaN") }
    let breaks = try breakPoints.flatMap { $0.split(separator: ",").map(String.init) }
      .map { (s: String) throws(CommandError) -> MPFloat in try constant(s, "--break \(s)", bits: bits) }
    return (a, b, breaks)
  }

  /// The formatted result and, when it did not converge, why (the exit status is then 1).
  func compute(_ compiled: CompiledExpression<MPFloat>, bits: Int) throws(CommandError) -> (String, String?) {
    let (a, b, breaks) = try limits(bits: bits)
    let tol = MPFloat("1e-\(digits)")!
    // Evaluation errors (e.g. a domain error) become NaN, which the
    // integrator reports as nonFinite at that point; the first message is kept.
    let firstError = ErrorBox()
    let f: (MPFloat) -> MPFloat = { x in
      do { return try compiled.evaluate([x]) } catch {
        firstError.keep("at \(x.formatted(digits: 17)): \(error)")
        return MPFloat.nan
      }
    }
    // The provider's engine (`Integration.integrateCertifying`) on a finite range with the
    // default method: a rigorous enclosure when it meets the digits (kinks visible in the
    // expression need no --break), else its estimate.
    var partial: CertifiedQuadratureResult? = nil
    if oscillatory == nil, method == "auto", a.isFinite, b.isFinite, let parsed = try? Expression.parse(expression),
      let ballCompiled = try? CompiledExpression<AcbBall>(parsed, variables: [variable], precision: bits)
    {
      let ball = IntegralEngine.ballIntegrand(ballCompiled, precision: bits, realValued: true)
      // Kinks and jumps the integrand reports (also at an end): Arb's bisection and budget,
      // asked for 2^20 times the tolerance (the guard bits allow it) so that the enclosure's
      // radius meets the digits requested; a rigorous enclosure that does not is kept in case
      // the estimate fails too.
      if IntegralEngine.isPiecewise(parsed),
        let c = IntegralEngine.certified(
          ball, from: a, to: b, tolerance: tol * MPFloat.pow(MPFloat(2, precision: 64), -20), breakPoints: breaks,
          precision: bits)
      {
        let mid = c.enclosure.realMidpoint().magnitude
        if MPFloat(c.enclosure.realRadius, precision: 64) <= tol * mid { return (formatCertified(c), nil) }
        partial = c
      }
      let r = Integration.integrateCertifying(ball, estimate: f, from: a, to: b, tolerance: tol, breakPoints: breaks)
      if let c = r.certified, c.status == .certified { return (formatCertified(c), nil) }
      if let est = r.estimate {
        guard !est.isConverged else { return (format(est), nil) }
        if let partial {
          return (
            formatCertified(partial),
            "certified to fewer digits than asked (radius \(partial.enclosure.realRadius)); the estimate did not converge (status \(est.status))"
          )
        }
        var why =
          "did not converge (status \(est.status)): the integral may diverge, or needs more levels or break points"
        if let e = firstError.message { why += "; the integrand could not be evaluated \(e)" }
        return (format(est), why)
      }
    }
    let result: QuadratureResult<MPFloat>
    if let oscillatory, let kernel = FourierKernel(rawValue: oscillatory), let omegaText = omega {
      guard a.isZero, b.isInfinite, b > 0 else {
        throw CommandError(context: "--oscillatory", message: "the interval must be --from 0 --to inf")
      }
      let w = try constant(omegaText, "--omega", bits: bits)
      result = Integration.integrateFourier(
        f, omega: w, kernel: kernel, tolerance: tol,
        method: FourierMethod(rawValue: method) ?? .ooura)
    } else {
      result = Integration.integrate(
        f, from: a, to: b, tolerance: tol,
        rule: Integration.rule(named: method)!, breakPoints: breaks)
    }
    guard !result.isConverged else { return (format(result), nil) }
    var why =
      "did not converge (status \(result.status)): the integral may diverge, or needs more levels or break points"
    if let e = firstError.message { why += "; the integrand could not be evaluated \(e)" }
    return (format(result), why)
  }

  func format(_ r: QuadratureResult<MPFloat>) -> String {
    let value = r.value.formatted(digits: digits)
    let error = r.errorEstimate.formatted(digits: 3)
    if json {
      return JSONValue.object([
        ("error", .string(error)), ("evaluations", .integer(r.evaluations)),
        ("status", .string(r.status.description)), ("value", .string(value)),
      ]).text
    }
    return "\(value)\nerror ≤ \(error) (estimate), \(r.evaluations) evaluations, \(r.status)"
  }
}

/// The first evaluation error of an integrand (quadrature calls it serially).
final class ErrorBox: @unchecked Sendable {
  private(set) var message: String?
  func keep(_ m: String) { if message == nil { message = m } }
}
