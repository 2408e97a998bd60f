import Foundation
import JSONCodec
import MultiPrecision
import NeuralNetworks
import Testing

@Suite("Data, generators and file formats")
struct DataTests {
  /// SplitMix64 from seed 0: the first outputs of Vigna's reference splitmix64.c
  /// (0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F; also what a
  /// separate Python transcription of the algorithm prints).
  @Test func splitMixReferenceValues() {
    var r = SplitMix64(seed: 0)
    #expect((0..<3).map { _ in r.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
  }

  /// Box–Muller deviates have mean ≈ 0 and variance ≈ 1 (10⁵ draws: 5σ bands).
  @Test func gaussianMoments() {
    var r = SplitMix64(seed: 7)
    let n = 100_000
    var s = 0.0, s2 = 0.0
    for _ in 0..<n {
      let g = r.nextGaussian()
      s += g
      s2 += g * g
    }
    #expect(abs(s / Double(n)) < 5 / Double(n).squareRoot())
    #expect(abs(s2 / Double(n) - 1) < 5 * 2.0.squareRoot() / Double(n).squareRoot())
  }

  @Test func digitsLoader() throws {
    let (x, labels) = try Digits.load()
    #expect(x.count == 1797 * 64 && labels.count == 1797)
    #expect(Set(labels) == Set(0..<10))
    #expect(x.allSatisfy { $0 >= 0 && $0 <= 1 })
    // First image of the file: row 0 starts 0,0,5,13,9,1,0,0 and is a 0.
    #expect(Array(x[0..<8]).map { $0 * 16 } == [0, 0, 5, 13, 9, 1, 0, 0])
    #expect(labels[0] == 0)
    // Class counts as counted by Python's csv module on the same file (178 zeros … 180 nines).
    let counts = (0..<10).map { c in labels.filter { $0 == c }.count }
    #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    let ds = try Digits.dataset()
    #expect(ds.inputDimension == 64 && ds.outputDimension == 10 && ds.count == 1797)
  }

  @Test func syntheticTargets() {
    let p = SyntheticData.parity(dimension: 4)
    #expect(p.count == 16)
    for i in 0..<16 { #expect(p.targets[i] == p.inputs[(4 * i)..<(4 * i + 4)].reduce(1, *)) }
    let s = SyntheticData.sumOfSines(x: [0.5], frequencies: [1, 4], amplitudes: [2, -1])
    #expect(abs(s.targets[0] - (2 * sin(0.5) - sin(2.0))) < 1e-15)
    let g = SyntheticData.gaussians(inputs: [1, 1], dimension: 2, centers: [0, 0], widths: [1], amplitudes: [1])
    #expect(abs(g.targets[0] - exp(-1.0)) < 1e-15)
    let r1 = SyntheticData.randomLabels(inputs: [1, 2, 3, 4], dimension: 1, classes: 3, seed: 8)
    let r2 = SyntheticData.randomLabels(inputs: [1, 2, 3, 4], dimension: 1, classes: 3, seed: 8)
    #expect(r1 == r2 && r1.outputDimension == 3)
    #expect(r1.targets.reduce(0, +) == 4)
  }

  @Test func csvRoundTripAndErrors() throws {
    let ds = try Dataset.parseCSV("x1,x2,y1,y2\n0.5,-1,2,3\n1e-3, 2, 0.25,4\n", file: "d.csv")
    #expect(ds.inputDimension == 2 && ds.outputDimension == 2 && ds.count == 2)
    #expect(ds.inputs == [0.5, -1, 1e-3, 2] && ds.targets == [2, 3, 0.25, 4])
    #expect(try Dataset.parseCSV(ds.csvText()) == ds)
    #expect(
      throws: DataFileError(
        file: "d.csv", line: 3, field: "column 2 (x2)", message: "expected a finite decimal number, found 'abc'")
    ) {
      try Dataset.parseCSV("x1,x2,y\n1,2,3\n4,abc,6\n", file: "d.csv")
    }
    #expect(throws: DataFileError.self) { try Dataset.parseCSV("x1,z,y\n1,2,3\n", file: "d.csv") }
    #expect(throws: DataFileError.self) { try Dataset.parseCSV("x1,y\n1,2,3\n", file: "d.csv") }
    #expect(throws: DataFileError.self) { try Dataset.parseCSV("", file: "d.csv") }
    do {
      _ = try Dataset.parseCSV("x1,y\n1\n", file: "bad.csv")
    } catch let e as DataFileError {
      #expect(e.description.hasPrefix("bad.csv:2: expected 2 comma-separated numbers"))
    }
  }

  @Test func networkJSONRoundTripAndErrors() throws {
    let net = Network<Double>(
      widths: [3, 5, 2], activation: GELU(), initializer: Initializer(biases: .normal(std: 1)), seed: 11)
    let back = try Network<Double>.parseJSON(Data(net.jsonText().utf8))
    #expect(back.widths == net.widths && back.parameters == net.parameters && back.activation.name == "gelu")
    // NTK networks are written with effective weights and give the same function.
    let ntk = Network<Double>(
      widths: [3, 5, 2], activation: Tanh(), parameterization: .ntk, initializer: Initializer(weights: .normal(std: 1)),
      seed: 2)
    let plain = try Network<Double>.parseJSON(Data(ntk.jsonText().utf8))
    let x = SyntheticData.uniformPoints(count: 4, dimension: 3, seed: 3)
    for (a, b) in zip(ntk.outputs(x), plain.outputs(x)) { #expect(abs(a - b) <= 1e-15 * max(1, abs(a))) }
    let bad = #"{"activation":"tanh","layers":[{"weight":[[1,2],[3,4]],"bias":[0,0]},{"weight":[[1,2,3]],"bias":[0]}]}"#
    #expect(
      throws: DataFileError(
        file: "n.json", line: nil, field: "layers[1].weight[0]",
        message: "expected 2 entries (the input width of this layer), found 3")
    ) {
      try Network<Double>.parseJSON(Data(bad.utf8), file: "n.json")
    }
    #expect(throws: DataFileError.self) {
      try Network<Double>.parseJSON(Data(#"{"activation":"swish","layers":[]}"#.utf8))
    }
    #expect(throws: DataFileError.self) {
      try Network<Double>.parseJSON(Data(#"{"activation":"tanh","layers":[{"weight":[[1]],"bias":["a"]}]}"#.utf8))
    }
    #expect(throws: DataFileError(file: "x.json", line: 2, field: nil, message: "expected ',' or ']' in an array")) {
      try Network<Double>.parseJSON(Data("{\"layers\": [1,\n 2 3]}".utf8), file: "x.json")
    }
  }

  @Test func resultJSON() throws {
    let net = Network<Double>(widths: [1, 4, 1], activation: Tanh(), seed: 1)
    let r = train(
      net, on: SyntheticData.sumOfSines(x: SyntheticData.grid(-1, 1, count: 5), frequencies: [1]),
      loss: MeanSquaredError(),
      optimizer: GradientDescent(learningRate: 0.1),
      options: TrainingOptions(steps: 4, snapshotSteps: [0, 4], evaluationPoints: [0, 0.5]))
    let obj = try JSONValue.parse(Data(r.jsonText().utf8), file: "result.json")
    #expect(obj["status"]?.stringValue == "completed")
    #expect(obj["loss"]!.arrayValue!.map { $0.doubleValue! } == r.losses)
    let snaps = obj["snapshots"]!.arrayValue!
    #expect(snaps.count == 2 && snaps[1]["outputs"]!.arrayValue!.count == 2)
    // Foundation's parser accepts the text too.
    #expect((try? JSONSerialization.jsonObject(with: Data(r.jsonText().utf8))) != nil)
    let back = try Network<Double>.parseJSON(Data(obj["network"]!.text.utf8))
    #expect(back.parameters == r.network.parameters)
  }
}
