/// A defect in a theorem file, located by file, line (1-based) and key.
public struct TheoremFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Problem: String, Sendable, Equatable {
    case syntax, missingKey, wrongType, invalidValue, unknownProvider, badExpression,
      unknownName, duplicateId, cyclicDependency, unknownDependency, missingControl
  }
  public var file: String
  public var line: Int
  /// Column of the offending character when known (TOML syntax and expression errors).
  public var column: Int?
  /// The dotted key, e.g. `quantities.ft.provider`.
  public var key: String?
  public var problem: Problem
  public var message: String

  public init(file: String, line: Int, column: Int? = nil, key: String?, problem: Problem, message: String) {
    self.file = file; self.line = line; self.column = column; self.key = key
    self.problem = problem; self.message = message
  }

  public var description: String {
    var s = "\(file):\(line)"
    if let column { s += ":\(column)" }
    s += ": error"
    if let key { s += " in key `\(key)`" }
    return s + ": " + message
  }
}
