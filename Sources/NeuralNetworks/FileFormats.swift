import Foundation
import JSONCodec
import MultiPrecision

/// A malformed input file: names the file, the line (CSV) or field (JSON path),
/// and what was expected.
public struct DataFileError: Error, CustomStringConvertible, Equatable {
  public var file: String
  public var line: Int?
  public var field: String?
  public var message: String
  public init(file: String, line: Int?, field: String?, message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }
  public var description: String {
    var s = file
    if let l = line { s += ":\(l)" }
    if let f = field { s += ": \(f)" }
    return s + ": " + message
  }
}

// MARK: - Data CSV

extension Dataset {
  /// Parses the data CSV format: a header row `x1,…,xd,y` or `x1,…,xd,y1,…,yk`,
  /// then one sample per row of d + k decimal numbers. Blank lines are skipped;
  /// `file` names the source in errors.
  public static func parseCSV(_ text: String, file: String = "<data>") throws -> Dataset {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
      (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    lines.removeAll { $0.text.isEmpty }
    guard let header = lines.first else {
      throw DataFileError(file: file, line: nil, field: nil, message: "empty file; expected a header row x1,...,xd,y")
    }
    let names = header.text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var d = 0
    while d < names.count && names[d] == "x\(d + 1)" { d += 1 }
    let rest = Array(names[d...])
    let k: Int
    if rest == ["y"] {
      k = 1
    } else if !rest.isEmpty && rest.enumerated().allSatisfy({ $0.element == "y\($0.offset + 1)" }) {
      k = rest.count
    } else {
      let bad = rest.first { $0 != "y" && !$0.hasPrefix("y") } ?? rest.first ?? "(end of line)"
      throw DataFileError(
        file: file, line: header.number, field: "header column \(d + 1) ('\(bad)')",
        message: "expected columns x1..xd followed by y or y1..yk")
    }
    guard d >= 1 else {
      throw DataFileError(
        file: file, line: header.number, field: "header column 1", message: "expected at least one input column x1")
    }
    var x: [Double] = [], y: [Double] = []
    for row in lines.dropFirst() {
      let fields = row.text.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == d + k else {
        throw DataFileError(
          file: file, line: row.number, field: nil,
          message: "expected \(d + k) comma-separated numbers (\(names.joined(separator: ","))), found \(fields.count)")
      }
      for (j, f) in fields.enumerated() {
        let t = f.trimmingCharacters(in: .whitespaces)
        guard let v = Double(t), v.isFinite else {
          throw DataFileError(
            file: file, line: row.number, field: "column \(j + 1) (\(names[j]))",
            message: "expected a finite decimal number, found '\(t)'")
        }
        if j < d { x.append(v) } else { y.append(v) }
      }
    }
    guard !x.isEmpty else {
      throw DataFileError(file: file, line: nil, field: nil, message: "no data rows after the header")
    }
    return Dataset(inputs: x, targets: y, inputDimension: d, outputDimension: k)
  }

  /// Reads a data CSV file.
  public static func load(csv path: String) throws -> Dataset {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw DataFileError(
        file: path, line: nil, field: nil, message: "cannot read file (\(error.localizedDescription))")
    }
    return try parseCSV(text, file: path)
  }

  /// The data CSV text of this set (shortest round-trip decimals).
  public func csvText() -> String {
    var header = (1...inputDimension).map { "x\($0)" }
    header += outputDimension == 1 ? ["y"] : (1...outputDimension).map { "y\($0)" }
    var s = header.joined(separator: ",") + "\n"
    for i in 0..<count {
      let row =
        inputs[(i * inputDimension)..<((i + 1) * inputDimension)]
        + targets[(i * outputDimension)..<((i + 1) * outputDimension)]
      s += row.map { "\($0)" }.joined(separator: ",") + "\n"
    }
    return s
  }
}

// MARK: - Network JSON

extension Network {
  /// The network JSON object `{"activation": name, "layers": [{"weight": out × in,
  /// "bias": out}, …]}`: plain parameterisation, last layer linear. An NTK network
  /// is written with its effective weights cₗ Wˡ.
  public func jsonValue() -> JSONValue {
    var layers: [JSONValue] = []
    for l in 0..<layerCount {
      let nIn = widths[l], nOut = widths[l + 1]
      let c = weightMultiplier(l)
      let w = weightOffset(l), b = biasOffset(l)
      let rows: [JSONValue] = (0..<nOut).map { i in
        .array((0..<nIn).map { j in .number((c * parameters[w + i * nIn + j]).doubleValue) })
      }
      layers.append(
        .object([
          ("weight", .array(rows)), ("bias", .array((0..<nOut).map { .number(parameters[b + $0].doubleValue) })),
        ]))
    }
    return .object([("activation", .string(activation.name)), ("layers", .array(layers))])
  }

  public func jsonText() -> String { jsonValue().text }
}

extension Network where Scalar == Double {
  /// Parses the network JSON format (see `jsonValue()`); shapes must chain
  /// (layer l's weight has as many columns as layer l−1 has rows). `activation`
  /// overrides a missing or custom name. Errors name `file` and the field.
  public static func parseJSON(
    _ data: Data, file: String = "<network>", activation custom: (any Activation)? = nil
  ) throws -> Network<Double> {
    func fail(_ field: String?, _ message: String) -> DataFileError {
      DataFileError(file: file, line: nil, field: field, message: message)
    }
    let root: JSONValue
    do { root = try JSONValue.parse(data, file: file) } catch let e as JSONParseError {
      throw DataFileError(file: e.file, line: e.line, field: nil, message: e.message)
    }
    guard case .object = root else { throw fail(nil, "expected a JSON object with keys \"activation\" and \"layers\"") }
    let act: any Activation
    if let c = custom {
      act = c
    } else {
      guard let name = root["activation"]?.stringValue else {
        throw fail("activation", "expected a string naming the activation")
      }
      guard let a = builtInActivation(named: name) else {
        throw fail(
          "activation",
          "unknown activation '\(name)'; expected one of \(builtInActivationNames.joined(separator: ", "))")
      }
      act = a
    }
    guard let layers = root["layers"]?.arrayValue, !layers.isEmpty else {
      throw fail("layers", "expected a non-empty array of {\"weight\", \"bias\"} objects")
    }
    var widths: [Int] = []
    var theta: [Double] = []
    for (l, layer) in layers.enumerated() {
      guard case .object = layer else { throw fail("layers[\(l)]", "expected an object with \"weight\" and \"bias\"") }
      guard let rows = layer["weight"]?.arrayValue, !rows.isEmpty else {
        throw fail("layers[\(l)].weight", "expected a non-empty array of rows (out × in)")
      }
      var nIn = widths.last
      for (i, rowValue) in rows.enumerated() {
        guard let row = rowValue.arrayValue, !row.isEmpty else {
          throw fail("layers[\(l)].weight[\(i)]", "expected a non-empty array of numbers")
        }
        if let expected = nIn, row.count != expected {
          throw fail(
            "layers[\(l)].weight[\(i)]",
            "expected \(expected) entries (the input width of this layer), found \(row.count)")
        }
        nIn = row.count
        for (j, v) in row.enumerated() {
          guard let x = v.doubleValue else { throw fail("layers[\(l)].weight[\(i)][\(j)]", "expected a number") }
          theta.append(x)
        }
      }
      if widths.isEmpty { widths.append(nIn!) }
      widths.append(rows.count)
      guard let bias = layer["bias"]?.arrayValue else {
        throw fail("layers[\(l)].bias", "expected an array of \(rows.count) numbers")
      }
      guard bias.count == rows.count else {
        throw fail(
          "layers[\(l)].bias", "expected \(rows.count) entries (the output width of this layer), found \(bias.count)")
      }
      for (j, v) in bias.enumerated() {
        guard let x = v.doubleValue else { throw fail("layers[\(l)].bias[\(j)]", "expected a number") }
        theta.append(x)
      }
    }
    return Network<Double>(widths: widths, activation: act, parameterization: .standard, parameters: theta)
  }

  /// Reads a network JSON file.
  public static func load(json path: String, activation custom: (any Activation)? = nil) throws -> Network<Double> {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DataFileError(file: path, line: nil, field: nil, message: "cannot read file")
    }
    return try parseJSON(data, file: path, activation: custom)
  }
}

// MARK: - Result JSON

extension TrainingResult {
  /// The result JSON object `{"status", "loss": [L after each step from step 0],
  /// "network", "snapshots": [{"step", "loss", "outputs": n_eval × k, "network"?}]}`;
  /// `outputDimension` k splits the outputs into rows.
  public func jsonValue() -> JSONValue {
    let k = network.outputDimension
    let snaps: [JSONValue] = snapshots.map { s in
      var fields: [(String, JSONValue)] = [("step", .integer(s.step)), ("loss", .number(s.loss))]
      let rows = s.outputs.count / k
      fields.append(("outputs", .array((0..<rows).map { i in .array((0..<k).map { .number(s.outputs[i * k + $0]) }) })))
      if let p = s.parameters {
        var net = network
        net.parameters = p
        fields.append(("network", net.jsonValue()))
      }
      return .object(fields)
    }
    return .object([
      ("status", .string(status.rawValue)),
      ("loss", .array(losses.map { .number($0) })),
      ("network", network.jsonValue()),
      ("snapshots", .array(snaps)),
    ])
  }

  public func jsonText() -> String { jsonValue().text }
}
