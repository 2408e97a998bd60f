import MultiPrecision
import Testing

@testable import NeuralNetworks

/// `Network.outputsWithRoundingBound`: the Double outputs against the same network evaluated in
/// MPFR at 256 bits (an independent, far more precise evaluation of the same θ).
@Suite("Forward rounding bound")
struct RoundingBoundTests {
  static let inputs = (0..<241).map { -12 + 0.1 * Double($0) }

  /// The MPFR value of the network with exactly the Double parameters, rounded to Double.
  static func reference(_ net: Network<Double>, _ x: [Double]) -> [Double] {
    MPFloat.withPrecision(256) {
      net.converted(to: MPFloat.self).outputs(x.map { MPFloat($0) }).map(\.doubleValue)
    }
  }

  /// For every built-in activation with a kink, a jump or none, depth 3, widths 24: the true
  /// rounding error lies within the bound at every point, and the bound is not vacuous
  /// (below 1e-11 of the output's scale).
  @Test(arguments: ["tanh", "relu", "leaky_relu", "elu", "softplus", "sigmoid", "sin", "gelu", "relu^3", "step"])
  func errorWithinBound(_ name: String) throws {
    let activation = try #require(ActivationRegistry.activation(named: name))
    let net = Network<Double>(
      widths: [1, 24, 24, 1], activation: activation,
      initializer: Initializer(weights: .lecun, biases: .normal(std: 1)), seed: 3)
    let (h, e) = net.outputsWithRoundingBound(Self.inputs)
    #expect(h == net.outputs(Self.inputs), "the values are those of `outputs`")
    let ref = Self.reference(net, Self.inputs)
    let scale = h.map(abs).max()! + 1
    for j in h.indices {
      #expect(abs(h[j] - ref[j]) <= e[j], "x = \(Self.inputs[j]): error \(abs(h[j] - ref[j])) > bound \(e[j])")
      if name != "step" { #expect(e[j] < 1e-11 * scale) }
    }
  }

  /// Twin: outputs of the parameters rounded to single precision are not the network's values to
  /// within the Double bound — the containment check above can fail.
  @Test func singlePrecisionParametersFallOutsideTheBound() {
    let net = Network<Double>(
      widths: [1, 24, 24, 1], activation: Tanh(), initializer: Initializer(weights: .lecun, biases: .normal(std: 1)),
      seed: 3)
    let (_, e) = net.outputsWithRoundingBound(Self.inputs)
    let rounded = net.parameters.map { Double(Float($0)) }
    let h32 = net.outputs(Self.inputs, parameters: rounded)
    let ref = Self.reference(net, Self.inputs)
    let outside = h32.indices.filter { abs(h32[$0] - ref[$0]) > e[$0] }.count
    #expect(outside > h32.count / 2)
  }

  /// The NTK parameterisation and an inexact input are carried: with an input error of 1e-9 the
  /// bound grows to at least |h′(x)|·1e-9 (here checked against the MPFR value at x + 1e-9).
  @Test func inputErrorPropagates() {
    let net = Network<Double>(
      widths: [1, 16, 1], activation: Softplus(), parameterization: .ntk,
      initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 1)), seed: 5)
    let x = [0.3, -1.7, 2.5]
    let (_, e0) = net.outputsWithRoundingBound(x)
    let (h, e) = net.outputsWithRoundingBound(x, inputError: [1e-9, 1e-9, 1e-9])
    let shifted = Self.reference(net, x.map { $0 + 1e-9 })
    for j in x.indices {
      #expect(e[j] > e0[j])
      #expect(abs(h[j] - shifted[j]) <= e[j])
    }
  }
}
