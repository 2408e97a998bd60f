/// A truth value of three-valued (Kleene) logic.
///
/// `.unknown` is what a comparison of enclosures gives when the enclosures
/// neither certainly satisfy nor certainly violate it (or when a value is NaN).
/// Connectives are the strong Kleene ones: `false and x = false`,
/// `true or x = true`, `not unknown = unknown`; otherwise an unknown operand
/// makes the result unknown.
public enum Truth: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case `true`
  case `false`
  case unknown

  public init(_ value: Bool) { self = value ? .true : .false }

  /// `true`/`false` for the known values, nil for `.unknown`.
  public var boolValue: Bool? {
    switch self {
    case .true: return true
    case .false: return false
    case .unknown: return nil
    }
  }

  /// Kleene conjunction.
  public static func && (p: Truth, q: Truth) -> Truth {
    if p == .false || q == .false { return .false }
    if p == .true && q == .true { return .true }
    return .unknown
  }

  /// Kleene disjunction.
  public static func || (p: Truth, q: Truth) -> Truth {
    if p == .true || q == .true { return .true }
    if p == .false && q == .false { return .false }
    return .unknown
  }

  /// Kleene negation.
  public static prefix func ! (p: Truth) -> Truth {
    switch p {
    case .true: return .false
    case .false: return .true
    case .unknown: return .unknown
    }
  }

  public var description: String { rawValue }
}
