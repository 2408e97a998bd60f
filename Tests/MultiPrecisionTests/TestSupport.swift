import Foundation
import MultiPrecision
import TestSupport

extension MPFloat {
  /// A random value of `precision` bits with a random sign and binary
  /// exponent in `exponents`, built from random hexadecimal digits.
  static func random(
    precision: Int, exponents: ClosedRange<Int>,
    using rng: inout SplitMix64
  ) -> MPFloat {
    let hexDigits = (precision + 3) / 4 + 1
    var text = Bool.random(using: &rng) ? "-0x1." : "0x1."
    for _ in 0..<hexDigits { text += String(Int.random(in: 0..<16, using: &rng), radix: 16) }
    text += "p\(Int.random(in: exponents, using: &rng))"
    return MPFloat(text, precision: precision)!
  }
}

/// One reference value from `Tests/Fixtures/MultiPrecision/values.json`
/// (written by `make_fixtures.py` with mpmath; see there).
struct Reference: Sendable, Decodable, CustomStringConvertible {
  let name: String
  /// Exact decimal arguments (dyadic, exact at every precision); empty for a constant.
  let args: [String]
  /// The value to 1250 significant digits.
  let value: String

  enum CodingKeys: String, CodingKey { case name, args, value }
  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    args = try c.decodeIfPresent([String].self, forKey: .args) ?? []
    value = try c.decode(String.self, forKey: .value)
  }

  var description: String { args.isEmpty ? name : "\(name)(\(args.joined(separator: ", ")))" }

  /// The function evaluated by MPFloat at the precision `bits`, through its
  /// public spelling (`MPFloat.exp`, `MathConstant.pi.value`, …).
  func evaluate(bits: Int) -> MPFloat {
    if args.isEmpty {
      let constant: MathConstant =
        switch name {
        case "pi": .pi
        case "e": .e
        case "log2": .log2
        case "euler": .euler
        case "catalan": .catalan
        default: fatalError("unknown constant \(name) in the fixtures")
        }
      return constant.value(precision: bits)
    }
    let x = args.map { MPFloat($0, precision: bits)! }
    switch name {
    case "exp": return .exp(x[0])
    case "expm1": return .expMinusOne(x[0])
    case "log": return .log(x[0])
    case "log1p": return .log(onePlus: x[0])
    case "pow": return .pow(x[0], x[1])
    case "sqrt": return .sqrt(x[0])
    case "cbrt": return .cbrt(x[0])
    case "sin": return .sin(x[0])
    case "cos": return .cos(x[0])
    case "tan": return .tan(x[0])
    case "asin": return .asin(x[0])
    case "acos": return .acos(x[0])
    case "atan": return .atan(x[0])
    case "sinh": return .sinh(x[0])
    case "cosh": return .cosh(x[0])
    case "tanh": return .tanh(x[0])
    case "asinh": return .asinh(x[0])
    case "acosh": return .acosh(x[0])
    case "atanh": return .atanh(x[0])
    case "erf": return .erf(x[0])
    case "erfc": return .erfc(x[0])
    case "gamma": return .gamma(x[0])
    case "lgamma": return .logGamma(x[0])
    case "digamma": return .digamma(x[0])
    case "zeta": return .zeta(x[0])
    case "besselj": return .besselJ(x[0].int()!, x[1])
    case "bessely": return .besselY(x[0].int()!, x[1])
    case "airyai": return .airyAi(x[0])
    case "ei": return .expIntegralEi(x[0])
    default: fatalError("unknown function \(name) in the fixtures")
    }
  }

  /// The same function through the `RealFunction` / `RealFunction2` tables
  /// (nil for constants), with an explicit rounding mode.
  func evaluateByName(bits: Int, rounding: MPFloat.RoundingMode) -> MPFloat? {
    let x = args.map { MPFloat($0, precision: bits)! }
    if x.count == 1, let f = RealFunction(name: name) {
      return f(x[0], precision: bits, rounding: rounding)
    }
    if x.count == 2, let f = RealFunction2(rawValue: name) {
      return f(x[0], x[1], precision: bits, rounding: rounding)
    }
    return nil
  }
}

enum Fixtures {
  struct File: Decodable {
    let reference_bits: Int
    let digits: Int
    let constants: [Reference]
    let functions: [Reference]
  }

  static let directory = PackagePaths.fixture("MultiPrecision")

  static let file: File = {
    let url = directory.appendingPathComponent("values.json")
    do {
      return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    } catch {
      fatalError("cannot read the mpmath fixtures \(url.path): \(error)")
    }
  }()

  /// Constants and function values together.
  static var all: [Reference] { file.constants + file.functions }
  static var referenceBits: Int { file.reference_bits }
}

/// The number of correct significant decimal digits of `x` against `exact`:
/// −log₁₀|x/exact − 1| (∞ when equal).
func correctDigits(_ x: MPFloat, _ exact: MPFloat) -> Double {
  let p = max(x.precision, exact.precision) + 64
  let xe = x.rounded(toPrecision: p), ee = exact.rounded(toPrecision: p)
  let rel = ((xe - ee) / ee).magnitude
  if rel.isZero { return .infinity }
  return -MPFloat.log10(rel).doubleValue
}
