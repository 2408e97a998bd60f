import Foundation
import TestSupport
import Testing

@testable import LinearFrequencyPrinciple

/// `GDTrainedNetwork` (full-batch GD on the two-layer network) against an independent
/// numpy float64 implementation written from the formulas
/// (Tests/Fixtures/LinearFrequencyPrinciple/make_gd_fixtures.py → gd_training.json):
/// λ_max of the initial NTK, the number of steps to the loss level and to the snapshot
/// level, the final loss, parameters and the network on a grid. ReLU and tanh, d = 1
/// and the 2-D XOR data (the general-d loop).
@Suite struct GDTrainedNetworkTests {
  struct Case {
    var name: String
    var activation: LinearisedTwoLayer.Activation
    var data: LFPData<Double>
    var grid: [[Double]]
    var configuration: GDTrainedNetwork.Configuration
    var w0: [[Double]], b0: [Double], a0: [Double]
    var lambdaMax: Double, steps: Int, loss: Double
    var w: [[Double]], b: [Double], a: [Double]
    var hGrid: [Double]
    var stoppedSteps: Int
  }

  static func cases() throws -> [Case] {
    let url = PackagePaths.fixture("LinearFrequencyPrinciple/gd_training.json")
    let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let list = try #require(root["cases"] as? [[String: Any]])
    func v(_ x: Any?) -> [Double] { (x as! [NSNumber]).map(\.doubleValue) }
    func m(_ x: Any?) -> [[Double]] { (x as! [[NSNumber]]).map { $0.map(\.doubleValue) } }
    return try list.map { c in
      let stopped = c["stopped"] as! [String: Any]
      return Case(
        name: c["name"] as! String, activation: c["activation"] as! String == "relu" ? .relu : .tanh,
        data: try LFPData(x: m(c["x"]), y: v(c["y"])), grid: m(c["grid"]),
        configuration: .init(
          learningRateFactor: (c["lr_factor"] as! NSNumber).doubleValue,
          untilLoss: (c["until_loss"] as! NSNumber).doubleValue, maxSteps: 60_000,
          snapshotLoss: (c["snapshot_loss"] as! NSNumber).doubleValue),
        w0: m(c["w0"]), b0: v(c["b0"]), a0: v(c["a0"]), lambdaMax: (c["lambda_max"] as! NSNumber).doubleValue,
        steps: (c["steps"] as! NSNumber).intValue, loss: (c["loss"] as! NSNumber).doubleValue,
        w: m(c["w"]), b: v(c["b"]), a: v(c["a"]), hGrid: v(c["h_grid"]),
        stoppedSteps: (stopped["steps"] as! NSNumber).intValue)
    }
  }

  @Test func matchesNumpyOracle() throws {
    let cases = try Self.cases()
    #expect(cases.count == 4)
    for c in cases {
      let net0 = try LinearisedTwoLayer(activation: c.activation, w: c.w0, b: c.b0, a: c.a0)
      let gd = try GDTrainedNetwork(initial: net0, data: c.data, configuration: c.configuration)
      #expect(abs(gd.lambdaMax / c.lambdaMax - 1) < 1e-12, "\(c.name): λ_max \(gd.lambdaMax) vs \(c.lambdaMax)")
      #expect(gd.steps == c.steps, "\(c.name): steps \(gd.steps) vs \(c.steps)")
      #expect(gd.stopped?.steps == c.stoppedSteps, "\(c.name): snapshot step")
      #expect(abs(gd.loss / c.loss - 1) < 1e-8, "\(c.name): loss \(gd.loss) vs \(c.loss)")
      // Thousands of steps amplify rounding differences of summation order; 1e−9 absolute
      // on parameters of size O(1) still tells a wrong gradient (its error grows linearly).
      var parameterError = 0.0
      for j in 0..<c.b.count {
        parameterError = max(parameterError, abs(gd.final.a[j] - c.a[j]), abs(gd.final.b[j] - c.b[j]))
        for k in 0..<c.w[j].count { parameterError = max(parameterError, abs(gd.final.w[j][k] - c.w[j][k])) }
      }
      #expect(parameterError < 1e-9, "\(c.name): parameters differ by \(parameterError)")
      let h = gd.values(at: c.grid)
      let curveError = zip(h, c.hGrid).map { abs($0 - $1) }.max()!
      #expect(curveError < 1e-9, "\(c.name): network on the grid differs by \(curveError)")
    }
  }

  /// The oracle comparison can fail: a network started from other parameters (every
  /// bias moved by 0.05) ends elsewhere.
  @Test func oracleComparisonDetectsAChange() throws {
    let c = try #require(try Self.cases().first { $0.name == "xor-relu" })
    let gd = try GDTrainedNetwork(
      initial: try LinearisedTwoLayer(activation: c.activation, w: c.w0, b: c.b0.map { $0 + 0.05 }, a: c.a0),
      data: c.data,
      configuration: c.configuration)
    let h = gd.values(at: c.grid)
    #expect(zip(h, c.hGrid).map { abs($0 - $1) }.max()! > 1e-6)
  }

  static let authors5 = try! LFPData(x1: [-0.8, -0.6, -0.3, -0.06, 0.1], y: [0.25, -0.25, -0.07, 0.15, -0.05])

  /// The AVX-512 ReLU step (C kernel) and the Swift SIMD8 loop give the same bits: final
  /// parameters, loss and step count of the paper's linear setting at an odd block count
  /// (width 1002: 126 blocks, the last padded) trained to L < 1e−3, where GD leaves the NTK
  /// regime and pattern flips exercise both sides of the ReLU mask. Twin: a learning-rate
  /// factor changed in its 7th digit changes the bits, so the comparison sees such a change.
  /// (On a CPU without AVX-512 both runs are the Swift loop; the test says so.)
  @Test func wideKernelGivesTheSameBits() throws {
    let net = try LinearisedTwoLayer(
      activation: .relu, width: 1002, dimension: 1, w: .uniform(-0.2, 0.2), b: .uniform(-1, 1), a: .uniform(-1, 1),
      seed: 11)
    func run(wide: Bool, factor: Double = 0.9) throws -> GDTrainedNetwork {
      try GDWideKernel.$wanted.withValue(wide) {
        try GDTrainedNetwork(
          initial: net, data: Self.authors5,
          configuration: .init(learningRateFactor: factor, untilLoss: 1e-3, snapshotLoss: 1e-2))
      }
    }
    let (wide, swift) = (try run(wide: true), try run(wide: false))
    if !GDWideKernel.available { print("wideKernelGivesTheSameBits: no AVX-512 here, both runs are the Swift loop") }
    #expect(wide.steps > 100)
    #expect(wide.final == swift.final && wide.steps == swift.steps && wide.loss.bitPattern == swift.loss.bitPattern)
    let nudged = try run(wide: true, factor: 0.9000001)
    #expect(nudged.final != wide.final)
  }

  /// Same seed, same bits; antisymmetric pairs start at h ≡ 0 (L(θ₀) = ½Σy²: the first
  /// snapshot would be at step 0 with a level above it).
  @Test func deterministicAndStartsAtZero() throws {
    func run() throws -> GDTrainedNetwork {
      let net = try LinearisedTwoLayer(
        activation: .relu, width: 64, dimension: 1, w: .uniform(-3, 3), b: .uniform(-3, 3), a: .uniform(-0.1, 0.1),
        seed: 7)
      return try GDTrainedNetwork(
        initial: net, data: Self.authors5, configuration: .init(untilLoss: 1e-2, snapshotLoss: 1))
    }
    let (r1, r2) = (try run(), try run())
    #expect(r1.final == r2.final && r1.steps == r2.steps && r1.loss.bitPattern == r2.loss.bitPattern)
    let l0 = Self.authors5.y.reduce(0) { $0 + $1 * $1 } / 2
    #expect(r1.stopped?.steps == 0 && r1.stopped?.loss == l0)
    #expect(r1.initialParameters.value([-0.3], activation: .relu) == 0)
    #expect(r1.relativeParameterChange > 0)
  }

  @Test(arguments: [
    (GDTrainedNetwork.Configuration(learningRateFactor: 2), "GD unstable"),
    (GDTrainedNetwork.Configuration(learningRateFactor: 0), "learning-rate factor"),
    (GDTrainedNetwork.Configuration(untilLoss: 0), "loss level must be"),
    (GDTrainedNetwork.Configuration(untilLoss: -1), "loss level must be"),
    (GDTrainedNetwork.Configuration(maxSteps: 10), "within 10 steps"),
  ])
  func badConfiguration(configuration: GDTrainedNetwork.Configuration, message: String) throws {
    let net = try LinearisedTwoLayer(
      activation: .relu, width: 64, dimension: 1, w: .uniform(-3, 3), b: .uniform(-3, 3), a: .uniform(-0.1, 0.1),
      seed: 1)
    #expect {
      _ = try GDTrainedNetwork(initial: net, data: Self.authors5, configuration: configuration)
    } throws: { ($0 as? LFPError)?.message.contains(message) == true }
  }

  /// The LFP curve, the initial-NTK interpolant and the exact NTK interpolant all
  /// interpolate the data; so does the trained network, to its loss level.
  @Test func trainingRunCurvesInterpolate() throws {
    let run = try GDTrainingRun(
      activation: .relu, data: Self.authors5, width: 128, w: .uniform(-1, 1), b: .uniform(-1, 1),
      a: .uniform(-1, 1), seed: 2, grid: Self.authors5.x,
      configuration: .init(untilLoss: 1e-5, snapshotLoss: 1e-4))
    for (i, y) in Self.authors5.y.enumerated() {
      #expect(abs(run.lfp[i] - y) < 1e-10, "lfp \(run.lfp[i]) vs \(y)")
      #expect(abs(run.ntk0[i] - y) < 1e-8, "ntk0 \(run.ntk0[i]) vs \(y)")
      #expect(abs(run.ntkInfinity![i] - y) < 1e-8, "ntk∞ \(run.ntkInfinity![i]) vs \(y)")
      #expect(abs(run.h[i] - y) < 4.5e-3)  // ½Σr² < 1e−5
    }
    #expect(run.network.loss < 1e-5 && run.network.stopped!.loss < 1e-4)
    #expect(run.network.stopped!.steps < run.network.steps)
  }
}
