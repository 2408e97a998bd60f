import Foundation
import MultiPrecision
import NeuralNetworks
import Verification

/// `stage_initial` with `dimension = 2`: the initial-stage quantities of a network ℝ² → ℝ by the
/// Double FFT path (`InitialStage.computeGrid2D`).
///
/// Setup: `widths`, `activation`, `seed`, `weight_std`, `bias_std` as in 1-D (the first layer's
/// 2 × n₁ weights N(0, weight_std²)), or `network_file` (widths [2, …, 1]); `target` an expression
/// in x1, x2 (default sin(0.6πx₁) + 0.5 sin(1.6πx₂)); `density` `normal2:MU1,MU2,SD[,SD2]`,
/// `mixture2:W*normal2:…+…` or `uniform2:A,B`. `points`: grid points per axis (a power of two,
/// default 256). Quantities: `R`, `B`, `B_half`, `L_share`, `rate_defect`, `rate_defect_half`
/// (as in 1-D).
extension InitialStageProvider {
  static let twoDimensionalQuantities: [QuantityName] = [.R, .B, .bHalf, .lShare, .rateDefect, .rateDefectHalf]
  static let twoDimensionalTarget = "sin(0.6*pi*x1) + 0.5*sin(1.6*pi*x2)"

  /// `dimension`: 1 (default) or 2.
  static func dimension(_ p: ExperimentParameters) throws(ProviderError) -> Int {
    let d = try p.int("dimension", default: 1, min: 1)
    guard d <= 2 else { throw ProviderError(argument: "dimension", message: "must be 1 or 2, found \(d)") }
    return d
  }

  /// The network ℝ² → ℝ of the sweep point, and a text identifying it (the cache key).
  static func twoDimensionalNetwork(_ p: ExperimentParameters) throws(ProviderError) -> (Network<Double>, String) {
    if p.has("network_file") {
      let path = try p.string("network_file")
      let net: Network<Double>
      do { net = try Network<Double>.load(json: path) } catch {
        throw ProviderError(argument: "network_file", message: "\(error)")
      }
      guard net.inputDimension == 2, net.outputDimension == 1 else {
        throw ProviderError(
          argument: "network_file", message: "dimension 2 needs widths [2, …, 1], found \(net.widths)")
      }
      return (net, "file=\(path)")
    }
    let widths = try p.ints("widths", default: [20])
    guard !widths.isEmpty, widths.allSatisfy({ $0 >= 1 }) else {
      throw ProviderError(argument: "widths", message: "hidden widths must be ≥ 1")
    }
    let name = try p.template("activation", default: "tanh")
    guard let activation = builtInActivation(named: name) else {
      throw ProviderError(argument: "activation", message: "unknown activation `\(name)`")
    }
    let seed = try p.int("seed", default: 0, min: 0)
    let ws = try p.double("weight_std", default: 1)
    let bs = try p.double("bias_std", default: 1)
    // First layer N(0, weight_std²), deeper layers LeCun N(0, 1/fan-in), biases N(0, bias_std²).
    var net = Network<Double>(
      widths: [2] + widths + [1], activation: activation,
      initializer: Initializer(weights: .lecun, biases: .normal(std: bs)), seed: UInt64(seed))
    // LeCun gives the first layer N(0, 1/2): rescale it to N(0, 1), then by weight_std.
    for i in 0..<(2 * widths[0]) { net.parameters[i] *= 2.squareRoot() * ws }
    return (net, "d=2 w=\(widths) a=\(name) s=\(seed) ws=\(ws) bs=\(bs)")
  }

  /// The 2-D quantity at a sweep point (`dimension = 2`; only `method = "grid"`).
  func computeTwoDimensional(_ quantity: QuantityName, method: Method, _ p: ExperimentParameters) throws -> Quantity {
    guard Self.twoDimensionalQuantities.contains(quantity) else {
      let names = Self.twoDimensionalQuantities.map(\.rawValue).joined(separator: ", ")
      throw ProviderError(argument: "quantity", message: "`\(quantity.rawValue)` is not one of \(names)")
    }
    guard method == .grid else {
      throw ProviderError(argument: "method", message: "dimension 2 has the Double grid path only (method = grid)")
    }
    let (network, networkKey) = try Self.twoDimensionalNetwork(p)
    let targetText = try p.string("target", default: Self.twoDimensionalTarget)
    let densityText = try p.template("density", default: "normal2:0,0,1")
    let target: StageTarget2D, density: SampleDensity2D
    do { target = try StageTarget2D(targetText) } catch {
      throw ProviderError(argument: "target", message: error.message)
    }
    do { density = try SampleDensity2D.parse(densityText) } catch {
      throw ProviderError(argument: "density", message: error.message)
    }
    let points = try p.int("points", default: 256, min: 16)
    let (eta, etas) = try Self.cutoffs(p)
    let meta = ["method": "Double FFT grid 2-D, \(points) × \(points) points"]
    let key = ComputationKey(
      setup: "d=2 \(networkKey) f=\(targetText) rho=\(densityText)", method: .grid, points: points, digits: 0,
      etas: etas)
    let result = try Self.results.value(for: key) {
      do {
        return try InitialStage.computeGrid2D(
          network: network, target: target, density: density, etas: etas, points: points)
      } catch let error as StageError {
        throw ProviderError(message: error.message)
      }
    }
    // The 2-D values are Double computations: the rate defect's factor at 64 bits.
    return try Self.atCutoff(quantity, of: result, eta: eta, precision: 64, meta)
  }
}
