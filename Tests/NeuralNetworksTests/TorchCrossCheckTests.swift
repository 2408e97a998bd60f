import Foundation
import JSONCodec
import NeuralNetworks
import TestSupport
import Testing

/// Tests/Fixtures/NeuralNetworks/<name>.
func fixtureURL(_ name: String) -> URL {
  PackagePaths.fixture("NeuralNetworks/\(name)")
}

struct TorchCase {
  var name: String
  var loss: any Loss
  var optimizer: JSONValue
  var learningRate: Double
  var steps: Int
  var data: Dataset
  var network: Network<Double>
  var losses: [Double]
}

/// The cases of torch_training.json (made by make_torch_fixtures.py with PyTorch, float64).
func loadTorchCases() throws -> [TorchCase] {
  let root = try JSONValue.parse(Data(contentsOf: fixtureURL("torch_training.json")), file: "torch_training.json")
  func numbers(_ v: JSONValue?) -> [Double] { v!.arrayValue!.map { $0.doubleValue! } }
  return try root["cases"]!.arrayValue!.map { c in
    let data = c["data"]!
    return TorchCase(
      name: c["name"]!.stringValue!,
      loss: builtInLoss(named: c["loss"]!.stringValue!)!,
      optimizer: c["optimizer"]!,
      learningRate: c["optimizer"]!["lr"]!.doubleValue!,
      steps: c["steps"]!.intValue!,
      data: Dataset(
        inputs: numbers(data["x"]), targets: numbers(data["y"]),
        inputDimension: data["d"]!.intValue!, outputDimension: data["k"]!.intValue!),
      network: try Network<Double>.parseJSON(Data(c["network"]!.text.utf8), file: "torch_training.json"),
      losses: numbers(c["losses"]))
  }
}

func runTorchCase(_ c: TorchCase) -> TrainingResult<Double> {
  let o = c.optimizer
  let lr = c.learningRate
  let options = TrainingOptions(steps: c.steps)
  switch o["kind"]!.stringValue! {
  case "gd":
    return train(c.network, on: c.data, loss: c.loss, optimizer: GradientDescent(learningRate: lr), options: options)
  case "momentum":
    let mu = o["momentum"]!.doubleValue!
    return train(
      c.network, on: c.data, loss: c.loss, optimizer: Momentum(learningRate: lr, momentum: mu), options: options)
  case "adam":
    let adam = Adam(
      learningRate: lr, beta1: o["beta1"]!.doubleValue!, beta2: o["beta2"]!.doubleValue!,
      epsilon: o["eps"]!.doubleValue!)
    return train(c.network, on: c.data, loss: c.loss, optimizer: adam, options: options)
  default:
    fatalError("unknown optimizer in fixture")
  }
}

@Suite("PyTorch cross-check (float64 training trajectories)")
struct TorchCrossCheckTests {
  /// The loss after every one of 200 steps agrees with PyTorch to 1e-10 relative.
  @Test func trajectoriesAgreeWithPyTorch() throws {
    let cases = try loadTorchCases()
    #expect(cases.count == 6)
    for c in cases {
      let r = runTorchCase(c)
      #expect(r.status == .completed)
      #expect(r.losses.count == c.steps + 1 && c.losses.count == c.steps + 1, "\(c.name)")
      var worst = 0.0
      for (a, b) in zip(r.losses, c.losses) { worst = max(worst, abs(a - b) / abs(b)) }
      #expect(worst <= 1e-10, "\(c.name): worst relative difference \(worst)")
      // The loss really moved, so agreement is not trivial.
      #expect(c.losses.last! < 0.9 * c.losses.first!, "\(c.name)")
    }
  }

  /// The comparison can fail: a learning rate off by 1e-6 relative is seen.
  @Test func perturbedRunDisagrees() throws {
    var c = try loadTorchCases()[0]
    c.learningRate *= 1 + 1e-6
    let r = runTorchCase(c)
    var worst = 0.0
    for (a, b) in zip(r.losses, c.losses) { worst = max(worst, abs(a - b) / abs(b)) }
    #expect(worst > 1e-10)
  }
}
