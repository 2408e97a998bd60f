import ArgumentParser
import Foundation
import NeuralNetworks

/// `fprinciple train`: trains a fully connected network on a data CSV and writes
/// the result JSON (formats in Sources/NeuralNetworks/README.md).
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a fully connected network (double precision) and write the losses, network and snapshots.",
    discussion: """
      Data CSV: a header x1,...,xd,y (or y1,...,yk), then one sample per row.
      Network JSON (--init, and "network" in the result): {"activation": "tanh", "layers":
      [{"weight": [[...], ...] (out x in), "bias": [...]}, ...]}, last layer linear.
      Result JSON: {"status": "completed"|"diverged", "loss": [L after each step, from step 0],
      "network": {...}, "snapshots": [{"step", "loss", "outputs": n x k on the training inputs}]}.
      Example:
        fprinciple train --data d.csv --hidden 200,200,100 --activation tanh --loss mse \\
          --optimizer adam --lr 1e-3 --steps 1000 --snapshot-every 100 --out r.json
      """
  )

  @Option(help: "Training data CSV (header x1..xd,y or x1..xd,y1..yk).")
  var data: String

  @Option(help: "Hidden layer widths, comma-separated (e.g. 200,200,100). Not needed with --init.")
  var hidden: String?

  @Option(help: "Activation: \(builtInActivationNames.joined(separator: ", ")) (ReLU^k as relu^3).")
  var activation: String = "tanh"

  @Option(help: "Loss: \(builtInLossNames.joined(separator: ", ")).")
  var loss: String = "mse"

  @Option(help: "Optimizer: \(builtInOptimizerNames.joined(separator: ", ")) (sgd: mini-batch, see --batch-size).")
  var optimizer: String = "gd"

  @Option(help: "Learning rate.")
  var lr: Double = 0.01

  @Option(help: "Number of optimizer steps.")
  var steps: Int

  @Option(
    name: .customLong("init"), help: "Initial network JSON (otherwise Xavier-normal weights, zero biases, seeded).")
  var initFile: String?

  @Option(help: "Seed of the initialisation and of the mini-batch shuffles.")
  var seed: UInt64 = 0

  @Option(help: "Multiply the random initial parameters by this factor (small initialisation).")
  var initScale: Double = 1

  @Option(help: "Mini-batch size for sgd (and optionally momentum/adam); default full batch.")
  var batchSize: Int?

  @Option(help: "Momentum coefficient for --optimizer momentum.")
  var momentum: Double = 0.9

  @Option(help: "Record a snapshot (outputs on the training inputs) every K steps, and at the end.")
  var snapshotEvery: Int?

  @Option(help: "Result JSON file.")
  var out: String

  /// The optimiser named by --optimizer with --lr and --momentum (nil for an unknown name).
  var optimizerChoice: OptimizerChoice? { OptimizerChoice(named: optimizer, learningRate: lr, momentum: momentum) }

  func validate() throws {
    if steps < 0 { throw ValidationError("--steps must be ≥ 0.") }
    if !(lr > 0) { throw ValidationError("--lr must be positive.") }
    if let k = snapshotEvery, k < 1 { throw ValidationError("--snapshot-every must be ≥ 1.") }
    if let b = batchSize, b < 1 { throw ValidationError("--batch-size must be ≥ 1.") }
    guard let choice = optimizerChoice else {
      throw ValidationError(
        "unknown --optimizer '\(optimizer)'; expected one of \(builtInOptimizerNames.joined(separator: ", ")).")
    }
    if choice.needsBatchSize && batchSize == nil {
      throw ValidationError("--optimizer \(optimizer) needs --batch-size.")
    }
    if builtInLoss(named: loss) == nil {
      throw ValidationError("unknown --loss '\(loss)'; expected one of \(builtInLossNames.joined(separator: ", ")).")
    }
    if builtInActivation(named: activation) == nil {
      throw ValidationError(
        "unknown --activation '\(activation)'; expected one of \(builtInActivationNames.joined(separator: ", ")).")
    }
    if initFile == nil && hidden == nil { throw ValidationError("give --hidden (or --init).") }
  }

  /// Hidden widths from "200,200,100" (empty string: no hidden layer).
  func hiddenWidths() throws -> [Int] {
    guard let h = hidden, !h.isEmpty else { return [] }
    return try h.split(separator: ",").map {
      guard let w = Int($0.trimmingCharacters(in: .whitespaces)), w >= 1 else {
        throw ValidationError("--hidden '\(h)': expected positive integers separated by commas.")
      }
      return w
    }
  }

  func run() throws {
    do {
      try train()
    } catch let error as DataFileError {
      throw CommandError(message: error.description)
    }
  }

  func train() throws {
    let dataset = try Dataset.load(csv: data)
    let act = builtInActivation(named: activation)!
    let lossFunction = builtInLoss(named: loss)!
    let network: Network<Double>
    if let initFile {
      network = try Network<Double>.load(json: initFile)
      if network.inputDimension != dataset.inputDimension || network.outputDimension != dataset.outputDimension {
        throw DataFileError(
          file: initFile, line: nil, field: "layers",
          message:
            "network maps R^\(network.inputDimension) to R^\(network.outputDimension) but \(data) has d = \(dataset.inputDimension) inputs and k = \(dataset.outputDimension) targets"
        )
      }
      if hidden != nil, try hiddenWidths() != Array(network.widths.dropFirst().dropLast()) {
        throw ValidationError(
          "--hidden does not match the hidden widths \(network.widths.dropFirst().dropLast()) of \(initFile).")
      }
    } else {
      let widths = [dataset.inputDimension] + (try hiddenWidths()) + [dataset.outputDimension]
      network = Network(widths: widths, activation: act, initializer: Initializer(scale: initScale), seed: seed)
    }
    var options = TrainingOptions(steps: steps, batchSize: batchSize, shuffleSeed: seed)
    if let k = snapshotEvery {
      options.snapshotSteps = TrainingOptions.every(k, upTo: steps)
      options.evaluationPoints = dataset.inputs
    }
    let bar = steps > 0 ? ProgressBar() : nil
    let progress: ((Int, Double) -> Void)? = bar.map { b in
      { step, l in b.update(step + 1, of: steps, "loss \(String(format: "%.6g", l))") }
    }
    let result = optimizerChoice!.train(network, on: dataset, loss: lossFunction, options: options, progress: progress)
    bar?.finish()
    do {
      try (result.jsonText() + "\n").write(toFile: out, atomically: true, encoding: .utf8)
    } catch {
      throw DataFileError(
        file: out, line: nil, field: nil, message: "cannot write the result (\(error.localizedDescription))")
    }
    if result.status == .diverged {
      FileHandle.standardError.write(
        Data("training diverged after \(result.losses.count - 1) steps; result written to \(out)\n".utf8))
      // The result is written (status "diverged"), but the run did not succeed.
      throw ExitCode(3)
    }
  }
}
