import MultiPrecision
import NeuralNetworks
import Testing

@testable import StageTheorems

/// The stage computations read an activation's kinks from its declared regularity
/// (`ActivationRegularity`), never from its name: a new kinked activation is split at its
/// own kinks, and the paths that need a piecewise polynomial refuse it.
@Suite struct ActivationRegularityTests {
  /// A kinked activation the suite does not ship: σ(z) = max(0, z − ½), kinked at ½ (not at 0).
  struct ShiftedReLU: Activation {
    var name: String { "shifted_relu" }
    var regularity: ActivationRegularity { .kinked(at: [0.5]) }
    func value<T: RealScalar>(_ x: T) -> T { x > T(0.5) ? x - T(0.5) : 0 }
    func derivative<T: RealScalar>(_ x: T) -> T { x > T(0.5) ? 1 : 0 }
    func secondDerivative<T: RealScalar>(_ x: T) -> T { 0 }
  }
  /// The same function declared with its kink at the wrong place (0): the twin the search
  /// must tell apart.
  struct MisdeclaredShiftedReLU: Activation {
    var name: String { "shifted_relu_at_0" }
    var regularity: ActivationRegularity { .kinked(at: [0]) }
    func value<T: RealScalar>(_ x: T) -> T { ShiftedReLU().value(x) }
    func derivative<T: RealScalar>(_ x: T) -> T { ShiftedReLU().derivative(x) }
    func secondDerivative<T: RealScalar>(_ x: T) -> T { 0 }
  }

  /// 1-3-1 network with first-layer pre-activations z_i = w_i x + b_i.
  static func network(_ activation: any Activation) -> Network<Double> {
    var net = Network<Double>(widths: [1, 3, 1], activation: activation, initializer: Initializer(), seed: 0)
    // Weights (2, −1, 0.5), biases (0, 1, −1); output weights 1, 1, 1 and bias 0.
    net.parameters = [2, -1, 0.5, 0, 1, -1, 1, 1, 1, 0]
    return net
  }

  @Test func newKinkedActivationIsSplitAtItsOwnKinks() {
    // z_i = ½ at x = (½ − b_i)/w_i: 0.25, 0.5, 3; all inside [−4, 4].
    let kinks: [Double] = networkKinks(Self.network(ShiftedReLU()), from: -4, to: 4)
    #expect(kinks.count == 3)
    for (found, expected) in zip(kinks, [0.25, 0.5, 3]) { #expect(abs(found - expected) < 1e-12, "\(kinks)") }
    #expect(activationHasKink(ShiftedReLU()))
    // Declared at 0, the same function is split at z_i = 0 (x = 0, 1, 2): the search follows the
    // declaration, so a wrong declaration gives other points (the check can fail).
    let twin: [Double] = networkKinks(Self.network(MisdeclaredShiftedReLU()), from: -4, to: 4)
    #expect(twin.count == 3)
    #expect(zip(twin, [0, 1, 2]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(twin)")
  }

  @Test func pathsForPiecewisePolynomialsRefuseOtherKinkedActivations() throws {
    let target = try StageTarget("sin(x)")
    for activation in [ShiftedReLU() as any Activation, ELU(), LeakyReLU()] {
      #expect(throws: StageError.self, "\(activation.name)") {
        try InitialStage.computeKinkExpansion(
          network: Self.network(activation), target: target, density: .normal(mean: 0, sd: 1), etas: [8])
      }
    }
    #expect(reluPower(ShiftedReLU()) == nil)
    #expect(reluPower(ELU()) == nil)
  }

  /// The registry's activations declare what the stage code used to infer from names.
  @Test func registryDeclaresEachActivationsRegularity() throws {
    let expected: [String: ActivationRegularity] = [
      "relu": .piecewisePolynomial(degree: 1, negativeSlope: 0),
      "leaky_relu": .piecewisePolynomial(degree: 1, negativeSlope: 0.01),
      "relu^3": .piecewisePolynomial(degree: 3, negativeSlope: 0),
      "step": .piecewisePolynomial(degree: 0, negativeSlope: 0),
      "elu": .kinked(at: [0]),
      "tanh": .smooth, "sigmoid": .smooth, "softplus": .smooth, "sin": .smooth, "gelu": .smooth,
    ]
    for (name, regularity) in expected {
      let a = try #require(builtInActivation(named: name), "\(name)")
      #expect(a.regularity == regularity, "\(name)")
      #expect(a.name == name)
    }
    #expect(reluPower(try #require(builtInActivation(named: "relu^3"))) == 3)
    #expect(reluPower(StepActivation()) == nil)
    // Every registered name is covered above (a new activation must declare its regularity here too).
    #expect(Set(ActivationRegistry.names.filter { $0 != "relu^k" }).isSubset(of: Set(expected.keys)))
  }
}
