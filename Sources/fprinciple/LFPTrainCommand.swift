import ArgumentParser
import Foundation
import JSONCodec
import LinearFrequencyPrinciple
import NeuralNetworks

/// `fprinciple lfp train`: the authors' two-layer network trained by full-batch
/// gradient descent (`GDTrainedNetwork`) beside the LFP limit, the interpolant of
/// its own initial empirical NTK and the exact infinite-width NTK interpolant.
struct LFPTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train the two-layer network by full-batch GD and compare it with the LFP and NTK limits.",
    discussion: """
      h(x) = Σ_j a_j σ(w_j·x + b_j), m = --width neurons in m/2 antisymmetric pairs (w, b, ±a), so h ≡ 0
      at initialisation; no 1/√m. Loss L = ½Σ_i (h(x_i) − y_i)²; a, w, b all trained by full-batch GD
      with step η = c/λ_max(Θ_m(X, X)), Θ_m the initial empirical NTK on the data, c = --lr-factor
      (0 < c < 2), until L < --until-loss; the network where L first drops below 8e−5 (the authors'
      stop) is kept too. CSV formats as for `lfp limit` (DATA.csv: x1,...,xd,y; GRID.csv: x1,...,xd).
      --json prints on stdout only:
        {"x": [...], "h": [...], "lfp": [...], "ntk0": [...], "ntk_inf": [...], "steps": N, "loss": L,
         "stopped": {"loss": 8e-5, "steps": N, "h": [...], "loss_value": L}, "learning_rate": η,
         "lambda_max": λ, "parameter_change": ‖θ−θ₀‖/‖θ₀‖, "pattern_flips": F, "width": m, "seed": S}
      (h: the trained network; lfp: the LFP limit; ntk0: the interpolant of the run's initial
      empirical NTK; ntk_inf: the exact infinite-width NTK interpolant, null where none).
      The same seed gives bit-identical output. Example (the linear setting of 1905.10264):
        fprinciple lfp train --data d.csv --width 1000 --activation relu --w uniform:-0.2,0.2 \\
          --a uniform:-1,1 --b uniform:-1,1 --seed 1 --at grid.csv --json
      """
  )
  @OptionGroup var laws: LFPLaws
  @Option(help: "Training data CSV.") var data: String
  @Option(help: "Evaluation grid CSV (x columns only).") var at: String
  @Option(help: "Total number of neurons m (even: m/2 antisymmetric pairs).") var width: Int
  @Option(help: "Seed of the initialisation.") var seed: UInt64
  @Option(name: .customLong("lr-factor"), help: "c in η = c/λ_max(Θ_m(X, X)); 0 < c < 2.") var lrFactor = 0.9
  @Option(name: .customLong("until-loss"), help: "Stop when L = ½Σ(h − y)² is below this level.")
  var untilLoss = 1e-8
  @Option(name: .customLong("max-steps"), help: "Give up after this many GD steps.") var maxSteps = 10_000_000
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    do {
      let (lfpData, grid) = try LFPLimitCommand.loadDataAndGrid(data: data, grid: at)
      let d = lfpData.dimension
      guard width >= 2, width % 2 == 0 else {
        throw LFPError("--width must be even and ≥ 2 (m/2 antisymmetric pairs), found \(width)")
      }
      let activation: LinearisedTwoLayer.Activation
      switch laws.activation {
      case "relu": activation = .relu
      case "tanh": activation = .tanh
      default: throw LFPError("--activation must be relu or tanh for training (found `\(laws.activation)`)")
      }
      let configuration = GDTrainedNetwork.Configuration(
        learningRateFactor: lrFactor, untilLoss: untilLoss, maxSteps: maxSteps)
      try configuration.validate()
      let run = try GDTrainingRun(
        activation: activation, data: lfpData, width: width, w: try ParameterDistribution(parsing: laws.w),
        b: try ParameterDistribution(parsing: laws.b), a: try ParameterDistribution(parsing: laws.a), seed: seed,
        grid: grid, configuration: configuration)
      let net = run.network
      func numbers(_ v: [Double]) -> JSONValue { .array(v.map { .number($0) }) }
      let points: JSONValue = .array(grid.map { p in d == 1 ? .number(p[0]) : .array(p.map { .number($0) }) })
      let stopped: JSONValue =
        net.stopped.map { s in
          JSONValue.object([
            ("loss", .number(configuration.snapshotLoss)), ("steps", .integer(s.steps)),
            ("h", numbers(run.stoppedH ?? [])), ("loss_value", .number(s.loss)),
          ])
        } ?? .null
      if json {
        print(
          JSONValue.object([
            ("x", points), ("h", numbers(run.h)), ("lfp", numbers(run.lfp)), ("ntk0", numbers(run.ntk0)),
            ("ntk_inf", run.ntkInfinity.map(numbers) ?? .null), ("steps", .integer(net.steps)),
            ("loss", .number(net.loss)), ("stopped", stopped), ("learning_rate", .number(net.learningRate)),
            ("lambda_max", .number(net.lambdaMax)), ("parameter_change", .number(net.relativeParameterChange)),
            ("pattern_flips", activation == .relu ? .integer(net.patternFlips) : .null),
            ("width", .integer(width)), ("seed", .string(String(seed))),
          ]).text)
      } else {
        print("# steps \(net.steps), loss \(net.loss), learning rate \(net.learningRate)")
        print("# x\th\tlfp\tntk0\tntk_inf")
        for (i, p) in grid.enumerated() {
          let x = p.map { String($0) }.joined(separator: ",")
          let inf = run.ntkInfinity.map { String($0[i]) } ?? "-"
          print("\(x)\t\(run.h[i])\t\(run.lfp[i])\t\(run.ntk0[i])\t\(inf)")
        }
      }
    } catch let e as LFPError {
      throw CommandError(message: e.message)
    } catch let e as DataFileError {
      throw CommandError(message: e.description)
    }
  }
}
