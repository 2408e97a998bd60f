import Foundation
import TOMLKit

/// Reads theorem files (`Theorems/*.toml`) into `TheoremSpec`s.
///
/// Every defect is a `TheoremFileError` naming the file, the line and the key:
/// TOML syntax errors (with the column TOMLKit gives), missing keys, wrong
/// types, unknown providers, claims or provider arguments that do not parse
/// (with the expression's column), unknown names, and cycles in `depends_on`.
public struct TheoremLoader: Sendable {
  public var registry: ProviderRegistry
  public init(registry: ProviderRegistry) { self.registry = registry }

  /// All `*.toml` files in `directory`, sorted by file name, with `depends_on` checked.
  public func loadDirectory(_ directory: String) throws(TheoremFileError) -> [TheoremSpec] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".toml") }.sorted()
    } catch {
      throw TheoremFileError(
        file: directory, line: 0, key: nil, problem: .syntax,
        message: "cannot read directory: \(error.localizedDescription)")
    }
    var specs: [TheoremSpec] = []
    for name in names { specs.append(try loadFile((directory as NSString).appendingPathComponent(name))) }
    try Self.checkDependencies(specs)
    try Self.checkControls(specs)
    return specs
  }

  public func loadFile(_ path: String) throws(TheoremFileError) -> TheoremSpec {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw TheoremFileError(file: path, line: 0, key: nil, problem: .syntax, message: "cannot read the file")
    }
    return try load(text: text, file: path)
  }

  /// Parses one theorem file's text; `file` is used in error messages.
  public func load(text: String, file: String) throws(TheoremFileError) -> TheoremSpec {
    if let bad = TOMLHeaderCheck.badHeader(in: text) {
      throw TheoremFileError(
        file: file, line: bad.line, column: bad.column, key: nil, problem: .syntax,
        message: "TOML syntax: expected \(bad.expected), found "
          + (bad.found.isNewline ? "the end of the line" : "'\(bad.found)'"))
    }
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let e as TOMLParseError {
      throw TheoremFileError(
        file: file, line: e.source.begin.line, column: e.source.begin.column, key: nil,
        problem: .syntax, message: "TOML syntax: \(e.description)")
    } catch {
      throw TheoremFileError(file: file, line: 0, key: nil, problem: .syntax, message: "TOML syntax: \(error)")
    }
    let reader = TableReader(file: file, locator: SourceLocator(text))
    return try reader.spec(from: table, registry: registry)
  }

  /// Unknown ids in `depends_on` and cycles (reported at the `depends_on` line of a theorem on the cycle).
  public static func checkDependencies(_ specs: [TheoremSpec]) throws(TheoremFileError) {
    var byId: [String: TheoremSpec] = [:]
    for s in specs {
      if let other = byId[s.id] {
        throw TheoremFileError(
          file: s.file, line: line(of: ["id"], in: s.file), key: "id", problem: .duplicateId,
          message: "id `\(s.id)` is also used by \(other.file)")
      }
      byId[s.id] = s
    }
    for s in specs {
      for d in s.dependsOn where byId[d] == nil {
        throw TheoremFileError(
          file: s.file, line: line(of: ["depends_on"], in: s.file), key: "depends_on",
          problem: .unknownDependency, message: "no theorem has id `\(d)`")
      }
    }
    // Depth-first search for a cycle; states: 1 on the stack, 2 done.
    var state: [String: Int] = [:]
    var stack: [String] = []
    func visit(_ id: String) -> [String]? {
      if state[id] == 2 { return nil }
      if state[id] == 1 { return Array(stack[stack.firstIndex(of: id)!...]) + [id] }
      state[id] = 1; stack.append(id)
      for d in byId[id]!.dependsOn { if let c = visit(d) { return c } }
      stack.removeLast(); state[id] = 2
      return nil
    }
    for s in specs {
      if let cycle = visit(s.id) {
        let first = byId[cycle[0]]!
        throw TheoremFileError(
          file: first.file, line: line(of: ["depends_on"], in: first.file), key: "depends_on",
          problem: .cyclicDependency, message: "cyclic dependency: " + cycle.joined(separator: " -> "))
      }
    }
  }

  /// The controls of a run's files: every `control_of` names a file of the run, and
  /// every `prediction` has a control with `role = "removes"` pointing at it (a
  /// prediction whose only controls sharpen a bound or swap a formula has not been
  /// shown to depend on any hypothesis of the theory). Observations are not held to
  /// this rule here (several of the papers' empirical statements have only reversed
  /// twins); the index lists the ones without a `removes` control.
  public static func checkControls(_ specs: [TheoremSpec]) throws(TheoremFileError) {
    let ids = Set(specs.map(\.id))
    for s in specs {
      if let target = s.controlOf, !ids.contains(target) {
        throw TheoremFileError(
          file: s.file, line: line(of: ["control_of"], in: s.file), key: "control_of",
          problem: .unknownDependency, message: "no theorem has id `\(target)`")
      }
    }
    for s in specs where s.kind == .theorem && s.role == .prediction {
      let controls = specs.filter { $0.kind == .control && $0.controlOf == s.id }
      if controls.contains(where: { $0.role == .removes }) { continue }
      let found =
        controls.isEmpty
        ? "it has no control"
        : "its controls are "
          + controls.map { "`\($0.id)` (\($0.role?.rawValue ?? "no role"))" }.joined(separator: ", ")
      throw TheoremFileError(
        file: s.file, line: line(of: ["role"], in: s.file), key: "role", problem: .missingControl,
        message: "a prediction needs a control with `role = \"removes\"` and `control_of = \"\(s.id)\"` "
          + "that takes away one hypothesis of the theory (\(found)); add one, or declare the role "
          + "this check has (`identity`, `lemma`)")
    }
  }

  static func line(of path: [String], in file: String) -> Int {
    guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
      return 1
    }
    return SourceLocator(text).line(of: path)
  }

  /// Ids in an order where every theorem comes after those it depends on (ties by file order).
  public static func dependencyOrder(_ specs: [TheoremSpec]) -> [TheoremSpec] {
    var done = Set<String>()
    var out: [TheoremSpec] = []
    let byId = Dictionary(specs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    func add(_ s: TheoremSpec) {
      if done.contains(s.id) { return }
      done.insert(s.id)
      for d in s.dependsOn { if let t = byId[d] { add(t) } }
      out.append(s)
    }
    for s in specs { add(s) }
    return out
  }
}
