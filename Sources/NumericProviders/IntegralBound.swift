import Expressions
import MultiPrecision

/// A bound of an integral as written by a user (`fprinciple integrate --from/--to`,
/// the `integral` provider's `from`/`to`): +∞, −∞ or an expression.
///
/// +∞ is written `inf`, `+inf`, `infinity`, `+infinity`, `∞` or `+∞`; −∞ is
/// `-inf`, `-infinity`, `-∞` (or with the minus sign `−`), in any case and with
/// blanks around. Any other text is an expression of the shared language
/// (`pi/2`, `2*a`, `1e-3`); a word that only starts like `inf` (`info`) is an
/// expression too, so it is rejected as an unknown name rather than read as ∞.
public enum IntegralBound: Sendable {
  case positiveInfinity
  case negativeInfinity
  case finite(Expression)

  static let positiveWords: Set<String> = ["inf", "+inf", "infinity", "+infinity", "∞", "+∞"]
  static let negativeWords: Set<String> = ["-inf", "-infinity", "-∞", "−inf", "−infinity", "−∞"]

  /// Reads a bound; an expression that does not parse throws its `ExpressionError`.
  public init(parsing text: String) throws(ExpressionError) {
    let word = text.trimmingCharacters(in: .whitespaces).lowercased()
    if Self.positiveWords.contains(word) {
      self = .positiveInfinity
    } else if Self.negativeWords.contains(word) {
      self = .negativeInfinity
    } else {
      self = .finite(try Expression.parse(text))
    }
  }

  /// The expression of a finite bound (nil for ±∞).
  public var expression: Expression? {
    if case .finite(let e) = self { return e }
    return nil
  }

  /// The bound at `precision` bits, the expression's variables from `variables`.
  public func value(variables: [String: MPFloat] = [:], precision: Int) throws(ExpressionError) -> MPFloat {
    switch self {
    case .positiveInfinity: return MPFloat(Double.infinity, precision: precision)
    case .negativeInfinity: return MPFloat(-Double.infinity, precision: precision)
    case .finite(let e): return try e.evaluate(as: MPFloat.self, variables: variables, precision: precision)
    }
  }
}
