import Foundation
import MultiPrecision
import NeuralNetworks
import Verification

/// The network, target and density of a stage quantity at one sweep point,
/// read like every experiment parameter (sweep axis first, then `args`, then the
/// default; see `ExperimentParameters`). A string argument may name sweep axes
/// in braces: `activation = "relu^{p}"` with an axis `p`.
struct StageSetup: Sendable {
  var network: Network<Double>
  var target: StageTarget
  var density: SampleDensity
  /// A text identifying the setup (the cache key).
  var key: String

  /// The setup's arguments, declared once.
  static let parameters: [ProviderParameter] = [
    .init("network_file", .text, "a network JSON (instead of a random network)"),
    .init("widths", .integers, default: "[20]", "hidden widths"),
    .init("activation", .text, default: "tanh", "an activation; \"relu^{p}\" reads an axis p"),
    .init("seed", .integer(atLeast: 0), default: "0"), .init("weight_std", .number, default: "1"),
    .init("bias_std", .number, default: "1"),
    .init("target", .text, default: "sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)", "an expression in x (x1, x2 in 2-D)"),
    .init("density", .text, default: "normal:0,1", "normal:MU,SD, uniform:A,B, mixture:… (2-D: normal2:…)"),
  ]

  init(_ p: ExperimentParameters) throws(ProviderError) {
    var key = ""
    if p.has("network_file") {
      let path = try p.string("network_file")
      do { network = try Network<Double>.load(json: path) } catch {
        throw ProviderError(argument: "network_file", message: "\(error)")
      }
      key += "file=\(path)"
    } else {
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
      // First layer N(0, weight_std²); deeper layers LeCun N(0, 1/fan-in), so that
      // deep networks keep O(1) outputs; biases N(0, bias_std²).
      var net = Network<Double>(
        widths: [1] + widths + [1], activation: activation,
        initializer: Initializer(weights: .lecun, biases: .normal(std: bs)), seed: UInt64(seed))
      for i in 0..<widths[0] { net.parameters[i] *= ws }
      network = net
      key += "w=\(widths) a=\(name) s=\(seed) ws=\(ws) bs=\(bs)"
    }
    let t = try p.string("target", default: "sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")
    do { target = try StageTarget(t) } catch { throw ProviderError(argument: "target", message: error.message) }
    let d = try p.template("density", default: "normal:0,1")
    do { density = try SampleDensity.parse(d) } catch {
      throw ProviderError(argument: "density", message: error.message)
    }
    self.key = key + " f=\(t) rho=\(d)"
  }
}

extension ExperimentParameters {
  /// A string with `{axis}` replaced by the point's coordinate on that axis.
  func template(_ key: String, default d: String) throws(ProviderError) -> String {
    var s = try string(key, default: d)
    if let point {
      for (name, value) in point.coordinates {
        s = s.replacingOccurrences(of: "{\(name)}", with: value.description)
      }
    }
    return s
  }
}

extension Quantity {
  /// A computed stage value with its numerical error estimate (not a statistic).
  static func computed(_ v: StageValue, _ metadata: [String: String] = [:]) -> Quantity {
    Quantity(value: v.value, errorEstimate: v.error, metadata: metadata)
  }
  static func computed(_ x: Double, error: Double, _ metadata: [String: String] = [:]) -> Quantity {
    Quantity(value: MPFloat(x, precision: 64), errorEstimate: MPFloat(error, precision: 64), metadata: metadata)
  }
}

/// Least-squares slope of y against x, and its standard error propagated from
/// the errors e of y (|Σ (xᵢ − x̄) eᵢ| / Σ (xᵢ − x̄)², worst case).
func fittedSlope(_ x: [Double], _ y: [Double], errors e: [Double]) -> (slope: Double, error: Double) {
  let n = Double(x.count)
  let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
  var sxx = 0.0, sxy = 0.0, se = 0.0
  for i in x.indices {
    sxx += (x[i] - mx) * (x[i] - mx)
    sxy += (x[i] - mx) * (y[i] - my)
    se += abs(x[i] - mx) * e[i]
  }
  return (sxy / sxx, se / sxx)
}
