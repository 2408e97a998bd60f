import ArgumentParser
import Foundation
import JSONCodec
import LinearFrequencyPrinciple
import MultiPrecision
import NeuralNetworks

/// `fprinciple lfp gamma|limit|train`: the linear frequency principle of wide
/// two-layer networks (arXiv 1905.10264, 2010.08153): the rate γ(ξ)² of each
/// frequency, and the long-time limit (the minimum FP-norm interpolant).
struct LFPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lfp",
    abstract: "Linear frequency principle: the rate γ(ξ)² and the minimum FP-norm limit.",
    subcommands: [LFPGammaCommand.self, LFPLimitCommand.self, LFPTrainCommand.self]
  )
}

/// The initial parameter laws shared by both subcommands.
struct LFPLaws: ParsableArguments {
  @Option(help: "Activation: relu, tanh, sigmoid, softplus.")
  var activation = "relu"
  @Option(help: "Law of every component of w: uniform:A,B | normal:MU,SD | const:C.")
  var w = "normal:0,1"
  @Option(help: "Law of the output weights a.")
  var a = "normal:0,1"
  @Option(help: "Law of the biases b (enters γ² only through an overall constant; checked).")
  var b = "normal:0,1"

  func gamma(dimension: Int) throws(LFPError) -> LFPGamma {
    let act = try SpectralActivations.named(activation)
    let wl = try ParameterDistribution(parsing: w)
    let al = try ParameterDistribution(parsing: a)
    let bl = try ParameterDistribution(parsing: b)
    try bl.requireMoment(1, of: "b")
    return try LFPGamma(activation: act, dimension: dimension, w: wl, a: al)
  }
}

struct LFPGammaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gamma",
    abstract: "γ(ξ)² of the LFP model at the given frequencies.",
    discussion: """
      Fourier convention F[f](ξ) = ∫ f(x) e^{−2πiξ·x} dx. ReLU in d dimensions (closed form):
        γ² = E[r³]/(16π⁴‖ξ‖^{d+3}) + E[a² r]/(4π²‖ξ‖^{d+1}),  r = ‖w‖
      (d > 1 needs w components normal:0,SD or const:C). Other activations, d = 1, by MPFR
      quadrature over the law of w:  γ² = E[(1/r)|F[σ](ξ/r)|² (1 + 4π² a² ξ²/r²)].
      --xi takes frequency norms ‖ξ‖ ≠ 0. Example:
        fprinciple lfp gamma --activation tanh --w uniform:-3,3 --a uniform:-0.1,0.1 --xi 0.5,1,2 --digits 40
      --json prints {"xi": [...], "gamma2": [...]} (decimal strings) on stdout only.
      """
  )
  @OptionGroup var laws: LFPLaws
  @Option(help: "Input dimension d.") var dim = 1
  @Option(help: "Comma-separated frequency norms ‖ξ‖ (non-zero).") var xi: String
  @Option(help: "Significant digits.") var digits = 17
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    guard (1...1000).contains(digits) else {
      throw CommandError(message: "--digits must be in 1...1000, found \(digits)")
    }
    let texts = xi.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let bits = MPFloat.bits(forDigits: digits) + 16
    let result: Result<[String], LFPError> = MPFloat.withPrecision(bits) {
      do throws(LFPError) {
        let g = try laws.gamma(dimension: dim)
        guard !texts.isEmpty else { throw LFPError("--xi: no frequencies given") }
        return .success(
          try texts.map { (t: String) throws(LFPError) -> String in
            guard let x = MPFloat(t), x.isFinite else { throw LFPError("--xi: `\(t)` is not a finite number") }
            let v: MPFloat = try g.value(norm: x)
            return v.formatted(digits: digits)
          })
      } catch { return .failure(error) }
    }
    let values: [String]
    switch result {
    case .success(let v): values = v
    case .failure(let e): throw CommandError(message: e.message)
    }
    if json {
      print(
        JSONValue.object([
          ("xi", .array(texts.map { .string($0) })),
          ("gamma2", .array(values.map { .string($0) })),
        ]).text)
    } else {
      for (x, v) in zip(texts, values) { print("\(x)\t\(v)") }
    }
  }
}

struct LFPLimitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "limit",
    abstract: "The long-time LFP limit (minimum FP-norm interpolant, h_ini = 0) on a grid.",
    discussion: """
      DATA.csv: header x1,...,xd,y then one sample per row (as `fprinciple train`); GRID.csv: header
      x1,...,xd then one point per row. ReLU (any d): the closed-form kernel interpolant
      h = Σ c_i G(x − x_i) + affine, G = π^{(d−1)/2}[A‖x‖³/(12Γ((d+3)/2)) − B‖x‖/(2Γ((d+1)/2))],
      A = E r³, B = E[a² r], Σ c_i = 0, Σ c_i x_i = 0 (d = 1: A|x|³/12 − B|x|/2). Other activations
      (d = 1), or --method fourier: the regularised Fourier least-squares scheme of 1905.10264.
      --json prints {"x": [...], "h": [...]} on stdout only.
      """
  )
  @OptionGroup var laws: LFPLaws
  @Option(help: "Training data CSV.") var data: String
  @Option(help: "Evaluation grid CSV (x columns only).") var at: String
  @Option(help: "closed (ReLU) or fourier (d = 1).") var method = "auto"
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    do {
      let (lfpData, grid) = try Self.loadDataAndGrid(data: data, grid: at)
      let d = lfpData.dimension
      let g = try laws.gamma(dimension: d)
      let useClosed: Bool
      switch method {
      case "auto": useClosed = g.activation.isReLU
      case "closed":
        guard g.activation.isReLU else { throw LFPError("--method closed is for --activation relu") }
        useClosed = true
      case "fourier": useClosed = false
      default: throw LFPError("--method must be auto, closed or fourier (found `\(method)`)")
      }
      let h: [Double]
      if useClosed {
        let (A, B): (Double, Double) = try g.reluMoments()
        let limit = try ReLULFPLimit(data: lfpData, A: A, B: B)
        h = grid.map { limit($0) }
      } else {
        guard d == 1 else { throw LFPError("the Fourier scheme is 1-D (data have d = \(d))") }
        h = try FrequencyGridLFP.authorsGrid(gamma: g, data: lfpData).limit(at: grid.map { $0[0] })
      }
      let pointTexts: [String] = grid.map { (p: [Double]) -> String in
        let parts: [String] = p.map { (v: Double) -> String in String(v) }
        return d == 1 ? parts[0] : "[" + parts.joined(separator: ", ") + "]"
      }
      let hTexts: [String] = h.map { (v: Double) -> String in String(v) }
      if json {
        let points: [JSONValue] = grid.map { p in d == 1 ? .number(p[0]) : .array(p.map { .number($0) }) }
        print(JSONValue.object([("x", .array(points)), ("h", .array(h.map { .number($0) }))]).text)
      } else {
        for (x, v) in zip(pointTexts, hTexts) { print(x + "\t" + v) }
      }
    } catch let e as LFPError {
      throw CommandError(message: e.message)
    } catch let e as DataFileError {
      throw CommandError(message: e.description)
    }
  }

  /// GRID.csv: a header x1,...,xd, then d numbers per row.
  /// The training data (`DATA.csv`: x1,...,xd,y) and the evaluation grid (`GRID.csv`: x1,...,xd) of
  /// `lfp limit` and `lfp train`.
  static func loadDataAndGrid(data path: String, grid gridPath: String) throws -> (LFPData<Double>, [[Double]]) {
    let set = try Dataset.load(csv: path)
    guard set.outputDimension == 1 else { throw LFPError("\(path): one label column y expected") }
    let d = set.inputDimension
    let xs = (0..<set.count).map { Array(set.inputs[($0 * d)..<(($0 + 1) * d)]) }
    return (try LFPData(x: xs, y: set.targets), try loadGrid(gridPath, dimension: d))
  }

  static func loadGrid(_ path: String, dimension d: Int) throws -> [[Double]] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw DataFileError(file: path, line: nil, field: nil, message: "cannot read file")
    }
    let rows: [String] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0).trimmingCharacters(in: .whitespaces)
    }
    let lines = rows.enumerated().filter { !$0.element.isEmpty }
    guard let header = lines.first else {
      throw DataFileError(file: path, line: nil, field: nil, message: "empty file; expected a header x1,...,xd")
    }
    let expected = (1...d).map { "x\($0)" }.joined(separator: ",")
    let headerText = header.element.replacingOccurrences(of: " ", with: "")
    guard headerText == expected else {
      throw DataFileError(
        file: path, line: header.offset + 1, field: "header",
        message: "expected `\(expected)` (the data's input columns)")
    }
    var grid: [[Double]] = []
    for (i, row) in lines.dropFirst() {
      let v: [Double?] = row.split(separator: ",").map { Double(String($0).trimmingCharacters(in: .whitespaces)) }
      guard v.count == d, v.allSatisfy({ $0 != nil && $0!.isFinite }) else {
        throw DataFileError(file: path, line: i + 1, field: nil, message: "expected \(d) finite numbers")
      }
      grid.append(v.map { $0! })
    }
    guard !grid.isEmpty else {
      throw DataFileError(file: path, line: nil, field: nil, message: "no grid points after the header")
    }
    return grid
  }
}
