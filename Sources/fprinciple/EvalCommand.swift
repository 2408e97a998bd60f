import ArgumentParser
import BallArithmetic
import Expressions
import Foundation
import JSONCodec
import MultiPrecision
import NeuralNetworks

/// Foundation also declares a type `Expression`; in this module the name means
/// the claim language's.
typealias Expression = Expressions.Expression

/// `fprinciple eval EXPR`: evaluates an expression of the claim language in
/// MPFR multiple precision and prints the value (or the truth value of a
/// comparison) with the requested number of significant digits.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Evaluate an expression in multiple precision.",
    discussion: """
      The expression language is described in Sources/Expressions/README.md.
      Example:
        fprinciple eval 'exp(-x^2) * cos(5*x) + gamma(1/3)' --set x=0.5 --digits 60

      --digits N evaluates at ceil(N log2 10) + 4 + 32 bits (32 guard bits
      against rounding errors accumulated over the expression) and prints N
      significant digits; --bits B evaluates at B bits and prints
      floor((B - 4) / log2 10) digits. Only --interval output is certified (Arb balls).
      Errors go to standard error, with exit code 1.

      Complex values: an expression (or a --set value) that uses the imaginary unit i,
      or any expression with --complex, is evaluated in complex arithmetic on principal
      branches (Sources/MultiPrecision/BRANCHES.md) and prints as `a + b i`; --json gives
      "value" (the real part) and "imag". With --interval the enclosure is a complex
      ball [re] + [im] i.
        fprinciple eval 'gamma(1 + i*t)' --set t=2.5
        fprinciple eval 'zeta(1/2 + 14.134725141734693790457*i)' --digits 30

      \(EvalCommand.functionList)
      """
  )

  /// Guard bits added to the precision implied by `--digits`.
  static let guardBits = 32
  static let defaultDigits = 50

  /// The expression's words, joined by spaces. Parsed as "all unrecognized"
  /// so that an expression may start with a minus sign (`eval '-x^2'`).
  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The expression, e.g. 'exp(-x^2) * cos(5*x) + gamma(1/3)'.", valueName: "expression"))
  var expressionWords: [String] = []

  var expression: String { expressionWords.joined(separator: " ") }

  @Option(help: "Significant decimal digits of the printed value (default \(EvalCommand.defaultDigits)).")
  var digits: Int?

  @Option(help: "Working precision in bits (instead of --digits).")
  var bits: Int?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "Bind a variable; the value is itself an expression, evaluated with the earlier --set bindings.",
      valueName: "name=value"))
  var assignments: [String] = []

  @Flag(help: "Print one JSON object: {\"bits\": B, \"value\": \"...\"} (or \"truth\" for a comparison).")
  var json = false

  @Flag(help: "Print a non-finite value (inf, nan) or a possibly undefined enclosure and exit 0 instead of failing.")
  var allowNonfinite = false

  @Flag(
    help:
      "Evaluate in interval arithmetic and print a certified enclosure [lower, upper] (outward-rounded to the digits); comparisons answer true, false or unknown."
  )
  var interval = false

  @Flag(help: "Evaluate in complex arithmetic even if the expression does not use i.")
  var complex = false

  /// Whether the expression or a binding uses the unbound imaginary unit `i`.
  var usesImaginaryUnit: Bool {
    let bound = Set(
      assignments.compactMap { $0.split(separator: "=", maxSplits: 1).first }
        .map { $0.trimmingCharacters(in: .whitespaces) })
    if bound.contains(imaginaryUnitName) { return false }
    let texts = [expression] + assignments.compactMap { $0.split(separator: "=", maxSplits: 1).last.map(String.init) }
    return texts.contains { (try? Expression.parse($0))?.variables.contains(imaginaryUnitName) ?? false }
  }

  func validate() throws {
    if expressionWords.isEmpty { throw ValidationError("Missing expected argument '<expression>'.") }
    if let option = expressionWords.first(where: { $0.hasPrefix("--") && ($0.dropFirst(2).first?.isLetter ?? false) }) {
      throw ValidationError("Unknown option '\(option)'.")
    }
    if digits != nil && bits != nil { throw ValidationError("Give --digits or --bits, not both.") }
    if let digits, !(1...1_000_000).contains(digits) { throw ValidationError("--digits must be in 1...1000000.") }
    if let bits, !(8...MPFloat.maximumPrecision).contains(bits) {
      throw ValidationError("--bits must be at least 8.")
    }
  }

  /// (bits of the evaluation, significant digits printed).
  var precision: (bits: Int, digits: Int) {
    if let bits { return (bits, Swift.max(1, Int((Double(bits - 4) / 3.321928094887362).rounded(.down)))) }
    let d = digits ?? EvalCommand.defaultDigits
    return (MPFloat.bits(forDigits: d) + EvalCommand.guardBits, d)
  }

  func run() throws {
    switch (interval, complex || usesImaginaryUnit) {
    case (false, false): try evaluate(as: MPFloat.self)
    case (true, false): try evaluate(as: ArbBall.self)
    case (_, true): try evaluate(as: AcbBall.self)
    }
  }

  /// Parses, checks and evaluates the expression in `T` at `bits`.
  func value<T: ExpressionScalar>(as type: T.Type, bits: Int) throws(CommandError) -> ExpressionValue<T> {
    let variables: [String: T] = try bindings(bits: bits)
    do {
      let expr = try Expression.parse(expression)
      try expr.validate(functions: FunctionTable<T>(), variables: Set(variables.keys))
      return try expr.evaluateValue(as: T.self, variables: variables, precision: bits)
    } catch {
      throw CommandError(context: nil, message: error.description)
    }
  }

  /// Parses, checks and evaluates the expression in `T`, then prints it. A complex
  /// point value (no `--interval`) is a ball evaluated again at 2, 4, 8 times the
  /// precision until every point of it rounds to the same printed digits.
  func evaluate<T: ExpressionScalar>(as type: T.Type) throws(CommandError) {
    let (bits, digits) = precision
    var value = try value(as: T.self, bits: bits)
    if !interval, T.self == AcbBall.self {
      for factor in [2, 4, 8] {
        guard case .number(let z as AcbBall) = value, z.isFinite, z.decimal(digits: digits) == nil else { break }
        value = try self.value(as: T.self, bits: bits * factor)
      }
    }
    switch value {
    case .truth(let t):
      print(json ? JSONValue.object([("bits", .integer(bits)), ("truth", .string(t.rawValue))]).text : t.rawValue)
    case .number(let x as MPFloat):
      if !x.isFinite && !allowNonfinite {
        throw CommandError(
          context: nil,
          message: x.isNaN
            ? "the value is NaN: an argument lies outside a function's domain (e.g. log(-1), sqrt(-1), 0/0), "
              + "or a special function found no correctly rounded value (e.g. besselj(1e6 + 0.5, 1e6)); --complex evaluates on the principal complex branches, --allow-nonfinite prints it"
            : "the value is \(x.isInfinite && x < 0 ? "-inf" : "inf"): a pole or an overflow (e.g. 1/0); --allow-nonfinite prints it"
        )
      }
      let text = x.formatted(digits: digits)
      print(json ? JSONValue.object([("bits", .integer(bits)), ("value", .string(text))]).text : text)
    case .number(let x as ArbBall):
      let undefined = !x.isFinite && !x.isExact
      if undefined { warnNotCertified() }
      if json {
        var fields: [(String, JSONValue)] = [("bits", .integer(bits))]
        let (lo, hi) = x.bounds()
        if lo.isNaN || hi.isNaN {
          fields.append(("indeterminate", .bool(true)))
        } else {
          fields.append(("lower", .string(lo.formatted(digits: digits, rounding: .down))))
          fields.append(("upper", .string(hi.formatted(digits: digits, rounding: .up))))
        }
        if undefined { fields.append(("possiblyUndefined", .bool(true))) }
        print(JSONValue.object(fields).text)
      } else {
        print(x.formatted(digits: digits))
      }
      if undefined && !allowNonfinite {
        throw CommandError(
          context: nil,
          message:
            "the enclosure is indeterminate: an argument may lie outside a function's domain, or meet a pole; --allow-nonfinite accepts it"
        )
      }
    case .number(let z as AcbBall) where !interval:
      if !z.isFinite && !allowNonfinite {
        throw CommandError(
          context: nil,
          message: "the value \(z.formatted(digits: 6)) is not finite: a pole, an overflow "
            + "or an undefined operation; --allow-nonfinite prints it")
      }
      // Correctly rounded digits when the ball decides them, else its midpoint when that is
      // accurate to the printed digits but for the rounding of the last (the value sits on a
      // rounding boundary) or when the ball is 0 to the working precision (x - x, sin(pi):
      // both parts within ±2^(−bits) of 0); a wider ball has no value to print (its midpoint
      // may carry no correct digit: Y_(10⁶)(10⁴) once printed as 0).
      let ulp = MPFloat("0x1p-\(bits)", precision: 64)!
      let negligible = [z.realBall, z.imaginaryBall].allSatisfy { part in
        let (lo, hi) = part.bounds()
        return lo.magnitude <= ulp && hi.magnitude <= ulp
      }
      if z.decimal(digits: digits) == nil, !negligible,
        Double(z.complexRelativeAccuracyBits) < Double(digits) * 3.3219280948873622 - 4
      {
        throw CommandError(
          context: nil,
          message: "no value to \(digits) digits: at \(bits * 8) bits the enclosure is still "
            + "\(z.formatted(digits: 6)) (\(max(0, z.complexRelativeAccuracyBits)) correct bits); "
            + "--interval prints the enclosure")
      }
      let (re, im) = z.midpoint()
      let text =
        z.decimal(digits: digits)
        ?? (z.isReal || im.isZero
          ? re.formatted(digits: digits)
          : "\(re.formatted(digits: digits)) \(im.sign == .minus ? "-" : "+") \(im.magnitude.formatted(digits: digits)) i")
      if json {
        print(
          JSONValue.object([
            ("bits", .integer(bits)), ("imag", .string(im.formatted(digits: digits))),
            ("value", .string(re.formatted(digits: digits))),
          ]).text)
      } else {
        print(text)
      }
    case .number(let z as AcbBall):
      let undefined = !z.isFinite
      if undefined { warnNotCertified() }
      if json {
        var fields: [(String, JSONValue)] = [("bits", .integer(bits))]
        for (key, part) in [("", z.realBall), ("imag_", z.imaginaryBall)] {
          let (lo, hi) = part.bounds()
          if lo.isNaN || hi.isNaN { fields.append((key + "indeterminate", .bool(true))); continue }
          fields.append((key + "lower", .string(lo.formatted(digits: digits, rounding: .down))))
          fields.append((key + "upper", .string(hi.formatted(digits: digits, rounding: .up))))
        }
        if undefined { fields.append(("possiblyUndefined", .bool(true))) }
        print(JSONValue.object(fields).text)
      } else {
        print(z.formatted(digits: digits))
      }
      if undefined && !allowNonfinite {
        throw CommandError(
          context: nil,
          message:
            "the enclosure is indeterminate: an argument may lie outside a function's domain, or meet a pole; --allow-nonfinite accepts it"
        )
      }
    case .number(let x):
      print(String(describing: x))
    }
  }

  /// The `--set` bindings, each value evaluated at `bits` with the bindings before it.
  func bindings<T: ExpressionScalar>(bits: Int) throws(CommandError) -> [String: T] {
    var variables: [String: T] = [:]
    for assignment in assignments {
      guard let eq = assignment.firstIndex(of: "=") else {
        throw CommandError(context: "--set \(assignment)", message: "expected name=value")
      }
      let name = String(assignment[..<eq]).trimmingCharacters(in: .whitespaces)
      let valueText = String(assignment[assignment.index(after: eq)...])
      guard case .variable(let parsedName, _)? = try? Expression.parse(name), parsedName == name else {
        throw CommandError(context: "--set \(assignment)", message: "'\(name)' is not a variable name")
      }
      do {
        variables[name] = try Expression.parse(valueText)
          .evaluate(as: T.self, variables: variables, precision: bits)
      } catch {
        throw CommandError(context: "--set \(assignment)", message: error.description)
      }
    }
    return variables
  }
}

extension EvalCommand {
  /// The function list of `--help` (also in Sources/Expressions/README.md).
  static let functionList = """
    Functions: exp expm1 exp2 exp10 log (ln) log1p log2 log10 sqrt cbrt abs
      sin cos tan sec csc cot asin acos atan sinh cosh tanh sech csch coth asinh acosh atanh
      erf erfc gamma lgamma digamma zeta ai ei li2 j0 j1 y0 y1 floor ceil trunc round
      sign heaviside (H(0) = 1/2) relu frac (x - floor(x)) lambertw(x) lambertw(x, k) (k = 0, -1)
      re im conj arg; pow atan2 hypot min max remainder fmod agm beta gammainc root
      besselj(nu, x) bessely(nu, x) besseli(nu, x) besselk(nu, x) (real order nu).
    Constants: pi e ln2 euler catalan, and i (the imaginary unit, when no variable i is bound).
    Complex arguments (Arb): every function but floor ceil trunc round heaviside relu frac
      min max remainder fmod atan2 hypot (real axis only); Bessel of complex order,
      lambertw(z, k) on every branch k.
    """
}

/// Standard error: an interval argument may have left a function's domain, so
/// the enclosure printed is not certified.
private func warnNotCertified() {
  FileHandle.standardError.write(
    Data("warning: an argument may lie outside a function's domain; the enclosure is not certified\n".utf8))
}
