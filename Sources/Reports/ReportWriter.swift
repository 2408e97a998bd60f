import Foundation
import Verification

/// Writes `Reports/<id>.md`, `Reports/<id>.json`, `Reports/<id>-figN.svg`, the
/// index `Reports/README.md` (+ `README.json`) and the report site (`Reports/index.html`,
/// `Reports/<id>.html`) from a run's results.
/// Every file is written atomically (temporary file, then rename).
///
/// The Markdown of one theorem is in `ReportWriter+Theorem.swift`, the index in
/// `ReportWriter+Index.swift`, the figures in `ReportWriter+Figures.swift`, the HTML
/// site in `ReportWriter+HTML.swift`.
public struct ReportWriter: Sendable {
  /// Leave out wall-clock times and the generation time (for golden tests).
  public var deterministic: Bool
  public init(deterministic: Bool = false) { self.deterministic = deterministic }

  /// All files of a report as (file name, contents), in a fixed order.
  public func files(for run: RunResult) -> [(name: String, contents: String)] {
    var out: [(String, String)] = []
    var figureCounts: [String: Int] = [:]
    for t in run.theorems {
      let figures = self.figures(t)
      figureCounts[t.id] = figures.count
      out.append(("\(t.id).md", markdown(t, run: run, figureFiles: figures.map(\.name))))
      out.append(("\(t.id).html", htmlPage(t, run: run, figureFiles: figures.map(\.name))))
      out.append(("\(t.id).json", json(t)))
      out += figures.map { ($0.name, $0.svg) }
    }
    out.append(("README.md", index(run)))
    out.append(("README.json", json(run)))
    out.append(("index.html", htmlIndex(run, figureCounts: figureCounts)))
    return out
  }

  /// Writes every file into `directory` (created if needed), and removes the figures
  /// `<id>-figN.svg` of the run's theorems that an earlier run left and this one did not
  /// write (a figure list that got shorter).
  public func write(_ run: RunResult, to directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let files = self.files(for: run)
    for (name, contents) in files {
      try Self.writeAtomically(contents, to: (directory as NSString).appendingPathComponent(name))
    }
    let written = Set(files.map(\.name))
    let ids = Set(run.theorems.map(\.id))
    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    where !written.contains(name) && Self.figureOwner(name).map(ids.contains) == true {
      try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
    }
  }

  /// The theorem id of a figure file name `<id>-fig<digits>.svg`, else nil.
  static func figureOwner(_ name: String) -> String? {
    guard name.hasSuffix(".svg"), let r = name.range(of: "-fig", options: .backwards) else { return nil }
    let digits = name[r.upperBound..<name.index(name.endIndex, offsetBy: -4)]
    guard !digits.isEmpty, digits.allSatisfy(\.isNumber) else { return nil }
    return String(name[..<r.lowerBound])
  }

  /// Writes `contents` to a temporary file beside `path`, then renames it over `path`.
  public static func writeAtomically(_ contents: String, to path: String) throws {
    let tmp = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    try Data(contents.utf8).write(to: URL(fileURLWithPath: tmp))
    if rename(tmp, path) != 0 {
      try? FileManager.default.removeItem(atPath: tmp)
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
  }

  // MARK: JSON

  /// The run as JSON (sorted keys, pretty-printed); without the generation time
  /// and the timings when `deterministic`.
  public func json(_ run: RunResult) -> String {
    var r = run
    if deterministic {
      r.generated = ""
      for i in r.theorems.indices { r.theorems[i].seconds = 0 }
    }
    return Self.encoded(r)
  }

  /// One theorem's result as JSON; without its timing when `deterministic`.
  public func json(_ theorem: TheoremResult) -> String {
    var t = theorem
    if deterministic { t.seconds = 0 }
    return Self.encoded(t)
  }

  /// Pretty-printed JSON with sorted keys and a final newline. The results hold
  /// only strings, integers, booleans and finite numbers (figure data is filtered
  /// to finite values), so encoding cannot fail.
  static func encoded<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    } catch {
      preconditionFailure("a run result could not be encoded as JSON: \(error)")
    }
  }
}
