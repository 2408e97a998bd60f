import Foundation
import TOMLKit

/// The counterexample file: the searched file with the searched axes set to the
/// worst point found, as a conjecture of its own that `verify` reproduces.
extension Falsifier {
  /// The text of a one-point theorem file: the original file's table (TOMLKit's
  /// layout; comments are not kept) with a new id (`<id>-counterexample`), title and
  /// `kind = "conjecture"`, without `role`, `hypothesis`, `control_of`,
  /// `depends_on`, `[quick]`, `[full]` and `[falsify]`, and a `[sweep]` whose searched axes
  /// hold the worst point's values (the other axes keep their values).
  public static func counterexampleFile(
    original text: String, spec: TheoremSpec, result: FalsificationResult
  ) throws -> (id: String, text: String) {
    guard let worst = result.worst else { throw ProviderError(message: "the search found no point with a margin") }
    let table = try TOMLTable(string: text)
    let id = spec.id + "-counterexample"
    for key in ["role", "hypothesis", "control_of", "depends_on", "quick", "full", "falsify", "sweep"] {
      table.remove(at: key)
    }
    table["id"] = id
    let at = result.axes.map { "\($0.name) = \(worst.values[$0.name] ?? "?")" }.joined(separator: ", ")
    table["title"] = "Counterexample to \(spec.id) at \(at): \(spec.title)"
    table["kind"] = "conjecture"
    var sweep = "[sweep]\n"
    for axis in spec.sweep.axes {
      let values = worst.values[axis.name].map { [SweepValue.number($0)] } ?? axis.values
      sweep += "\(axis.name) = [\(values.map(tomlValue).joined(separator: ", "))]\n"
    }
    let header = """
      # Counterexample found by `fprinciple falsify` (budget \(result.budget), seed \(result.seed), \
      \(result.evaluations) evaluations) in \((spec.file as NSString).lastPathComponent):
      # at \(at) the claim fails with margin \(worst.margin) ± \(worst.error) (worst point \
      \(worst.point.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", "))).
      # `fprinciple verify --theorems DIR --only \(id)` reproduces it.\n
      """
    return (id, header + table.convert(to: .toml) + "\n\n" + sweep)
  }

  /// A sweep value as TOML: a number as its decimal text when that is a TOML
  /// number (else as the double it reads as), a word as a quoted string.
  static func tomlValue(_ v: SweepValue) -> String {
    switch v {
    case .number(let t):
      if t.range(of: #"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil { return t }
      return Double(t).map { "\($0)" } ?? t
    case .text(let t):
      return "\"" + t.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
  }
}
