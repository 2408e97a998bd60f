import Experiments
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

  static let arguments: Set<String> = [
    "network_file", "widths", "activation", "seed", "weight_std", "bias_std", "target", "density",
  ]

  /// `arguments` with their defaults, for `fprinciple providers`.
  static let parameters: [ProviderParameter] = [
    .init("network_file", "a network JSON (instead of a random network)"), .init("widths", default: "[20]"),
    .init("activation", default: "tanh"), .init("seed", default: "0"), .init("weight_std", default: "1"),
    .init("bias_std", default: "1"), .init("target", default: "sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)"),
    .init("density", default: "normal:0,1"),
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
      guard let activation = name == "step" ? StepActivation() : builtInActivation(named: name) else {
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

/// A process-wide cache of stage computations shared by the quantities of one
/// theorem (R and B at every η come from one computation).
final class StageCache: @unchecked Sendable {
  static let shared = StageCache()
  private let lock = NSLock()
  private var entries: [String: Any] = [:]

  /// The cached value or error (a failed computation is not repeated, e.g. by
  /// the runner's precision retries, which do not change a Double computation).
  func value<V>(_ key: String, compute: () throws -> V) throws -> V {
    lock.lock()
    if let v = entries[key] as? Result<V, ProviderError> { lock.unlock(); return try v.get() }
    lock.unlock()
    let r: Result<V, ProviderError>
    do { r = .success(try compute()) } catch let e as ProviderError { r = .failure(e) } catch {
      r = .failure(ProviderError(message: "\(error)"))
    }
    lock.lock()
    entries[key] = r
    lock.unlock()
    return try r.get()
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
