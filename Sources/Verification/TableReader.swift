import Foundation
import TOMLKit

/// Typed access to a parsed TOML table that reports defects with file, line and key.
struct TableReader {
  let file: String
  let locator: SourceLocator

  func error(
    _ path: [String], _ problem: TheoremFileError.Problem, _ message: String,
    column: Int? = nil
  ) -> TheoremFileError {
    TheoremFileError(
      file: file, line: locator.line(of: path), column: column,
      key: path.joined(separator: "."), problem: problem, message: message)
  }

  func value(_ table: TOMLTable, _ path: [String]) -> TOMLValueConvertible? { table[path.last!] }

  func string(_ table: TOMLTable, _ path: [String]) throws(TheoremFileError) -> String {
    guard let v = value(table, path) else { throw error(path, .missingKey, "missing required key `\(path.last!)`") }
    guard let s = v.string else { throw error(path, .wrongType, "expected a string, found \(v.type)") }
    return s
  }
  func optionalString(_ table: TOMLTable, _ path: [String]) throws(TheoremFileError) -> String? {
    value(table, path) == nil ? nil : try string(table, path)
  }
  func int(_ table: TOMLTable, _ path: [String], default d: Int) throws(TheoremFileError) -> Int {
    guard let v = value(table, path) else { return d }
    guard let i = v.int else { throw error(path, .wrongType, "expected an integer, found \(v.type)") }
    return i
  }
  /// A number (integer or float) or a string holding a decimal, as decimal text.
  func decimal(_ table: TOMLTable, _ path: [String], default d: String) throws(TheoremFileError) -> String {
    guard let v = value(table, path) else { return d }
    if let t = Self.decimalText(v) { return t }
    throw error(path, .wrongType, "expected a number, found \(v.type)")
  }
  func table(_ table: TOMLTable, _ path: [String], required: Bool) throws(TheoremFileError) -> TOMLTable? {
    guard let v = value(table, path) else {
      if required { throw error(path, .missingKey, "missing required table `[\(path.joined(separator: "."))]`") }
      return nil
    }
    guard let t = v.table else { throw error(path, .wrongType, "expected a table, found \(v.type)") }
    return t
  }
  func enumeration<E: RawRepresentable & CaseIterable>(
    _ table: TOMLTable, _ path: [String], _: E.Type
  ) throws(TheoremFileError) -> E where E.RawValue == String {
    let s = try string(table, path)
    guard let e = E(rawValue: s) else {
      let names = E.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
      throw error(path, .invalidValue, "`\(s)` is not one of " + names)
    }
    return e
  }

  static func decimalText(_ v: TOMLValueConvertible) -> String? {
    if let i = v.int { return String(i) }
    if let d = v.double { return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)" }
    if let s = v.string?.trimmingCharacters(in: .whitespaces), Double(s) != nil { return s }
    return nil
  }

  /// Keys of a table in the order they appear in the file (TOMLKit sorts them).
  func keysInFileOrder(_ table: TOMLTable, _ path: [String]) -> [String] {
    table.keys.map { ($0, locator.line(of: path + [$0])) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
  }

  func argument(_ v: TOMLValueConvertible, _ path: [String]) throws(TheoremFileError) -> ArgumentValue {
    if let s = v.string { return .string(s) }
    if let b = v.bool { return .bool(b) }
    if let d = Self.decimalText(v) { return .number(d) }
    if let a = v.array {
      var out: [ArgumentValue] = []
      for e in a { out.append(try argument(e, path)) }
      return .list(out)
    }
    throw error(path, .wrongType, "an argument is a string, number, boolean or array, found \(v.type)")
  }
}
