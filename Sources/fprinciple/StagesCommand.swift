import ArgumentParser
import Foundation
import JSONCodec
import MultiPrecision
import NeuralNetworks
import StageTheorems

/// `fprinciple stages`: the quantities of the three stages of the general
/// theory (Luo, Ma, Xu, Zhang, arXiv 1906.09235) in the suite's reconstruction
/// (Sources/StageTheorems/README.md).
struct StagesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stages",
    abstract: "Initial, intermediate and final stage quantities of the general F-Principle theory (1906.09235).",
    subcommands: [
      StagesInitialCommand.self, StagesIntermediateCommand.self, StagesFinalCommand.self, StagesIdealizedCommand.self,
    ]
  )
}

/// Options shared by the stage subcommands.
struct StageInputOptions: ParsableArguments {
  @Option(help: "Network JSON (the format `fprinciple train --init` reads), widths [1, …, 1].")
  var network: String

  @Option(help: "Target f as an expression in x (e.g. 'sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)').")
  var target: String

  @Option(help: "Density ρ: normal:MU,SD, uniform:A,B or mixture:W1*normal:MU,SD+W2*normal:MU,SD.")
  var density: String = "normal:0,1"

  @Option(help: "Cut-offs η > 0, comma-separated.")
  var eta: String

  @Flag(help: "Print JSON only on stdout.")
  var json = false

  /// Parses the inputs, or writes the reason to stderr and exits with 1.
  func load() throws -> (Network<Double>, StageTarget, SampleDensity, [Double]) {
    do {
      let net = try Network<Double>.load(json: network)
      let t = try StageTarget(target)
      let d = try SampleDensity.parse(density)
      var etas: [Double] = []
      for part in eta.split(separator: ",", omittingEmptySubsequences: false) {
        guard let e = Double(part.trimmingCharacters(in: .whitespaces)), e.isFinite, e > 0 else {
          throw StageError("--eta: `\(part)` is not a number > 0")
        }
        etas.append(e)
      }
      return (net, t, d, etas)
    } catch {
      fail("\(error)")
    }
  }
}

/// A JSON number for a computed value (its decimal text with `digits` digits;
/// non-finite values are errors).
func jsonNumber(_ x: MPFloat, digits: Int) -> JSONValue {
  guard x.isFinite else { fail("a computed value is not finite (\(x))") }
  return .decimal(x.decimalString(digits: digits))
}

/// A JSON array of Doubles, a non-finite entry as `null`.
func jsonRow(_ v: [Double]) -> JSONValue { .array(v.map { $0.isFinite ? .number($0) : .null }) }

struct StagesInitialCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "initial",
    abstract: "R(η) = |dL⁺_η/dt| / |dL/dt| and its bound B(η) at initialisation.",
    discussion: """
      u = h − f, g = u√ρ, L = ∫u²ρ = ∫|ĝ|², ĝ(ξ) = ∫ g e^{−2πiξx} dx, gradient flow θ̇ = −∇L,
      L⁺_η = ∫_{|ξ|>η} |ĝ|², R(η) = |dL⁺_η/dt| / |dL/dt|,
      B(η) = 2 (L⁺_η)^{1/2} (∫_{|ξ|>η} |F[(∂_t u)√ρ]|²)^{1/2} / |∇L|² ≥ R(η).
      The statements are the suite's reconstruction of the framework of 1906.09235.
      Example:
        fprinciple stages initial --network NET.json --target 'sin(2*x)' --density normal:0,1 \\
          --eta 0.25,0.5,1 --digits 30 --json
      """
  )

  @OptionGroup var input: StageInputOptions

  @Option(help: "Digits: integrals converge to 10^-digits of their totals (MPFR at digits + 12).")
  var digits: Int = 30

  @Option(
    help: """
      quadrature (MPFR, default), grid (Double FFT) or kink_expansion (ReLU^p networks, Double: the tails \
      integrated directly with the exact large-ξ expansion from the jumps at the kinks; resolves B far below \
      the grid's floor).
      """)
  var method: String = "quadrature"

  @Option(help: "Grid points of --method grid (a power of two).")
  var points: Int = 1 << 15

  @Option(help: "Grid points per axis for a network with 2 inputs (a power of two; StagesInitial2D.swift).")
  var side: Int = 256

  func validate() throws {
    if !(5...200).contains(digits) { throw ValidationError("--digits must be in 5...200.") }
    if !["quadrature", "grid", "kink_expansion"].contains(method) {
      throw ValidationError("--method must be quadrature, grid or kink_expansion.")
    }
    if points < 16 || points & (points - 1) != 0 { throw ValidationError("--points must be a power of two ≥ 16.") }
    if side < 16 || side & (side - 1) != 0 { throw ValidationError("--side must be a power of two ≥ 16.") }
  }

  func run() throws {
    if try runTwoDimensionalIfNeeded() { return }
    let (net, target, density, etas) = try input.load()
    let r: InitialStageResult
    do {
      switch method {
      case "grid":
        r = try InitialStage.computeGrid(network: net, target: target, density: density, etas: etas, points: points)
      case "kink_expansion":
        r = try InitialStage.computeKinkExpansion(network: net, target: target, density: density, etas: etas)
      default:
        r = try InitialStage.computeMP(
          network: net, target: target, density: density, etas: etas, options: InitialStageOptions(digits: digits))
      }
    } catch {
      fail(error.message)
    }
    printInitialStage(
      r, etas: etas, json: input.json, digits: method == "quadrature" ? digits : 16,
      extra: [("method", .string(method)), ("precision_bits", .integer(r.precisionBits))], setting: "")
  }
}

/// Options of the training stages.
struct StageTrainingArguments: ParsableArguments {
  @Option(
    help:
      "Snapshot times t > 0, comma-separated, increasing (gradient descent: t = step · lr); with --steps: snapshot steps and `end`."
  )
  var times: String

  @Option(
    name: [.customLong("optimizer"), .customLong("trainer")],
    help: "flow (exact gradient flow, DOP853) or gd (t = step · lr); with --steps: gd, sgd (--batch) or adam.")
  var trainer: String = "flow"

  @Option(help: "Learning rate of gd, sgd and adam.")
  var lr: Double = 0.002

  @Option(help: "Training loss: mse or l4 (∫u⁴ρ); with --steps also huber, logistic (labels sign f) and h1.")
  var loss: String = "mse"

  @Option(
    help:
      "Optimiser steps: trains step by step (any depth, --dim 1 or 2, --samples, GD/SGD/Adam) and prints hf_fraction = L⁺_η/L and the ratio at each snapshot step."
  )
  var steps: Int?

  @Option(help: "With --steps: input dimension d (1 or 2; the network's input width).")
  var dim: Int = 1

  @Option(help: "With --steps: 0 for the population loss, n for n points drawn from ρ (η-quantities against ρ).")
  var samples: Int = 0

  @Option(help: "With --steps and sgd: the mini-batch size.")
  var batch: Int = 32

  @Option(help: "With --steps: the seed of the drawn samples and the batch order.")
  var dataSeed: Int = 0

  @Option(help: "Grid points (a power of two) on the truncation interval of ρ.")
  var points: Int = 1 << 14

  @Option(help: "Order s of the Sobolev seminorms in the intermediate bound.")
  var order: Double = 1

  func options() throws -> StageTrainingOptions {
    var ts: [Double] = []
    for part in times.split(separator: ",", omittingEmptySubsequences: false) {
      guard let t = Double(part.trimmingCharacters(in: .whitespaces)), t.isFinite, t > 0 else {
        fail("--times: `\(part)` is not a number > 0")
      }
      ts.append(t)
    }
    var o = StageTrainingOptions(times: ts)
    switch trainer {
    case "flow": o.trainer = .gradientFlow
    case "gd":
      guard lr > 0 else { fail("--lr must be > 0") }
      o.trainer = .gradientDescent(lr: lr)
    default: fail("--trainer must be flow or gd (got `\(trainer)`)")
    }
    guard points >= 16, points & (points - 1) == 0 else { fail("--points must be a power of two ≥ 16") }
    guard order > 0 else { fail("--order must be > 0") }
    o.loss = loss
    o.points = points
    o.sobolevOrder = order
    return o
  }
}

/// Runs the training and prints the rows `fields` picks.
func runTrainingStage(
  _ input: StageInputOptions, _ training: StageTrainingArguments, title: String,
  fields: (TrainingStageResult) -> [(String, [[Double]])]
) throws {
  if let steps = training.steps { return try runTrajectory(input, training, steps: steps) }
  let (net, target, density, etas) = try input.load()
  let options = try training.options()
  let r: TrainingStageResult
  do {
    r = try TrainingStages.run(network: net, target: target, density: density, etas: etas, options: options)
  } catch {
    fail(error.message)
  }
  if input.json {
    var parts: [(String, JSONValue)] = [
      ("eta", jsonRow(etas)), ("t", jsonRow(options.times)), ("L", jsonRow(r.loss)),
      ("training_loss", jsonRow(r.trainingLoss)), ("K", jsonRow(r.K)),
    ]
    for (name, table) in fields(r) { parts.append((name, .array(table.map(jsonRow)))) }
    print(JSONValue.object(parts).text)
  } else {
    print("statement: the suite's reconstruction of the \(title) of 1906.09235 (Luo, Ma, Xu, Zhang)")
    print("η = \(etas)")
    for (i, t) in options.times.enumerated() {
      print("t = \(t)   L = \(r.loss[i + 1])")
      for (name, table) in fields(r) { print("  \(name): \(table[i].map { String(format: "%.4g", $0) })") }
    }
  }
}

struct StagesIntermediateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "intermediate",
    abstract: "|L⁺_η(t) − L⁺_η(0)| / (L(0) − L(t)) along training, and the bound K(2πη)^{−2s}√t(ΔL)^{1/2}/ΔL.",
    discussion: """
      Trains on the population loss over a grid (weights Δρ_j) by exact gradient flow or GD and prints,
      for each snapshot time t and cut-off η, "ratio" and "bound" (K measured on the snapshots).
      The statements are the suite's reconstruction of the framework of 1906.09235.
      """
  )
  @OptionGroup var input: StageInputOptions
  @OptionGroup var training: StageTrainingArguments

  func run() throws {
    try runTrainingStage(input, training, title: "intermediate stage") { [("ratio", $0.ratio), ("bound", $0.bound)] }
  }
}

struct StagesFinalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "final",
    abstract: "E⁺_η / E of the output change h(θ_t) − h(θ_0), and the low/high residual errors.",
    discussion: """
      "share": E⁺_η/E = ∫_{|ξ|>η}|F[Δh√ρ]|² / ∫|F[Δh√ρ]|²; "low_error", "high_error":
      ‖P_{≤η}g(t)‖/‖P_{≤η}g(0)‖ and ‖P_{>η}g(t)‖/‖P_{>η}g(0)‖ with g = (h − f)√ρ.
      The statements are the suite's reconstruction of the framework of 1906.09235.
      """
  )
  @OptionGroup var input: StageInputOptions
  @OptionGroup var training: StageTrainingArguments

  func run() throws {
    try runTrainingStage(input, training, title: "final stage") {
      [("share", $0.outputChangeShare), ("low_error", $0.lowError), ("high_error", $0.highError)]
    }
  }
}

/// Prints an initial-stage result: the JSON object `{"eta", "R", "B", "L", "dLdt", "gradnorm2", "R_error",
/// "B_error", "L_plus"}` followed by `extra` (numbers to `digits` digits), or text lines with `setting`
/// appended to the statement line. One printer for every dimension and method.
func printInitialStage(
  _ r: InitialStageResult, etas: [Double], json: Bool, digits: Int, extra: [(String, JSONValue)], setting: String
) {
  if json {
    func list(_ v: [StageValue], _ f: (StageValue) -> MPFloat) -> JSONValue {
      .array(v.map { jsonNumber(f($0), digits: digits) })
    }
    let fields: [(String, JSONValue)] = [
      ("eta", .array(etas.map { .number($0) })), ("R", list(r.R, \.value)), ("B", list(r.B, \.value)),
      ("L", jsonNumber(r.loss.value, digits: digits)), ("dLdt", jsonNumber(r.dLdt.value, digits: digits)),
      ("gradnorm2", jsonNumber(r.gradientNorm2.value, digits: digits)),
      ("R_error", list(r.R, \.error)), ("B_error", list(r.B, \.error)), ("L_plus", list(r.lossAbove, \.value)),
    ]
    print(JSONValue.object(fields + extra).text)
  } else {
    print("statement: the suite's reconstruction of the initial stage of 1906.09235 (Luo, Ma, Xu, Zhang)" + setting)
    print("L = \(r.loss)   dL/dt = \(r.dLdt)   |∇L|² = \(r.gradientNorm2)")
    for i in etas.indices {
      print("η = \(etas[i])   R = \(r.R[i])   B = \(r.B[i])   L⁺/L = \(r.lossAbove[i].double / r.loss.double)")
    }
  }
}

/// The step-counted path (`TrainingTrajectory.run`): prints hf_fraction and the ratio with their
/// errors at each snapshot step.
func runTrajectory(_ input: StageInputOptions, _ training: StageTrainingArguments, steps: Int) throws {
  var o = TrajectoryOptions()
  o.dimension = training.dim
  o.steps = steps
  o.learningRate = training.lr
  o.samples = training.samples
  o.batch = training.batch
  o.points = training.dim == 2 && training.points == 1 << 14 ? 256 : training.points
  o.dataSeed = UInt64(max(0, training.dataSeed))
  guard let opt = TrajectoryOptimizer(rawValue: training.trainer == "flow" ? "gd" : training.trainer) else {
    fail("--optimizer with --steps: expected gd, sgd or adam (got `\(training.trainer)`)")
  }
  o.optimizer = opt
  guard let loss = TrajectoryLoss(rawValue: training.loss) else {
    fail("--loss: expected \(TrajectoryLoss.allCases.map(\.rawValue).joined(separator: ", ")) (got `\(training.loss)`)")
  }
  o.loss = loss
  guard o.points >= 16, o.points & (o.points - 1) == 0 else { fail("--points must be a power of two ≥ 16") }
  var snaps: [Int] = []
  for part in training.times.split(separator: ",", omittingEmptySubsequences: false) {
    let w = part.trimmingCharacters(in: .whitespaces)
    if w == "end" { snaps.append(steps); continue }
    guard let k = Int(w), k >= 0, k <= steps else { fail("--times: `\(w)` is not a step in 0 … \(steps) or `end`") }
    snaps.append(k)
  }
  o.snapshots = snaps
  let r: TrajectoryResult
  do {
    let net = try Network<Double>.load(json: input.network)
    let target = try StageTargetAnyDimension(input.target, dimension: o.dimension)
    let density = try StageDensity.parse(
      o.dimension == 2 && input.density == "normal:0,1" ? "normal2:0,0,1" : input.density, dimension: o.dimension)
    var etas: [Double] = []
    for part in input.eta.split(separator: ",", omittingEmptySubsequences: false) {
      guard let e = Double(part.trimmingCharacters(in: .whitespaces)), e.isFinite, e > 0 else {
        throw StageError("--eta: `\(part)` is not a number > 0")
      }
      etas.append(e)
    }
    r = try TrainingTrajectory.run(network: net, target: target, density: density, etas: etas, options: o)
  } catch {
    fail("\(error)")
  }
  if input.json {
    let parts: [(String, JSONValue)] = [
      ("eta", jsonRow(r.etas)), ("step", jsonRow(r.steps.map(Double.init))), ("L", jsonRow(r.loss)),
      ("training_loss", jsonRow(r.trainingLoss)), ("hf_fraction", .array(r.hfFraction.map(jsonRow))),
      ("hf_fraction_error", .array(r.hfFractionError.map(jsonRow))), ("ratio", .array(r.ratio.map(jsonRow))),
      ("ratio_error", .array(r.ratioError.map(jsonRow))), ("tail_rounding", .array(r.tailRounding.map(jsonRow))),
    ]
    print(JSONValue.object(parts).text)
  } else {
    print("statement: the suite's reconstruction of 1906.09235 along the trajectory (η-quantities against ρ)")
    print("η = \(r.etas)")
    for (i, k) in r.steps.enumerated() {
      print("step \(k)   L = \(r.loss[i])   training loss = \(r.trainingLoss[i])")
      print("  hf_fraction: \(r.hfFraction[i].map { String(format: "%.4g", $0) })")
      print("    ± \(r.hfFractionError[i].map { String(format: "%.2g", $0) })")
      print("  rounding bound of L⁺_η/L: \(r.tailRounding[i].map { String(format: "%.2g", $0 / r.loss[i]) })")
      if i > 0 { print("  ratio: \(r.ratio[i].map { String(format: "%.4g", $0) })") }
    }
  }
}
