import NeuralNetworks
import Testing

@testable import StageTheorems

/// The x rule of the stage quantities on deep ReLU networks: pieces split at the
/// kinks of every layer, each piece evaluated on its own activation branch.
@Suite struct ResidualSamplesTests {
  /// The depth-3 ReLU network of stage-initial-bound-deep (seed 1): a third-layer
  /// neuron crosses 0 at x ≈ −3.3294 with slope 0.04, so its zero is known in Double
  /// only to ~1e-14, more than the 256 ulps by which an end node sits inside its piece.
  static func deepReLU() -> Network<Double> {
    Network<Double>(
      widths: [1, 20, 20, 20, 1], activation: builtInActivation(named: "relu")!,
      initializer: Initializer(weights: .lecun, biases: .normal(std: 1)), seed: 1)
  }
  static let target = try! StageTarget("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")

  /// Every node of a piece, the end nodes included, has the sign pattern of the
  /// hidden pre-activations at the centre of its piece (so ∂_θh is smooth on the
  /// rule's nodes). Before the end nodes were checked, one end node of this network
  /// sat on the other side of the kink (its pre-activation 4.9e-17 instead of < 0).
  @Test func everyNodeIsOnItsPiecesBranch() throws {
    let net = Self.deepReLU()
    let intervals = 48
    let s = try ResidualSamples(
      network: net, target: Self.target, density: .normal(mean: 0, sd: 1), digits: 14, pieceLength: 0.5,
      intervals: intervals)
    let per = intervals + 1
    #expect(s.nodes.count % per == 0)
    #expect(s.kinks.count > 40)
    var offBranch = 0
    for p in 0..<(s.nodes.count / per) {
      let centre = net.hiddenPreactivations(at: [s.nodes[p * per + per / 2]]).map { $0 > 0 }
      for k in (p * per)..<((p + 1) * per) where net.hiddenPreactivations(at: [s.nodes[k]]).map({ $0 > 0 }) != centre {
        offBranch += 1
      }
    }
    #expect(offBranch == 0)
  }

  /// With every piece on its branch the nested rules agree: ∇L from the fine and
  /// the coarse rule to 1e-13 relative (3.7e-6 with the node on the wrong side), and
  /// the quantities of the initial stage converge to 1e-12 without refinement (the
  /// wrong-side node gave a dL⁺/dt error of 5.2e-7 that two halvings only cut to 1.6e-7).
  @Test func deepReLUConvergesWithoutRefinement() throws {
    let net = Self.deepReLU()
    let s = try ResidualSamples(
      network: net, target: Self.target, density: .normal(mean: 0, sd: 1), digits: 14, pieceLength: 0.5,
      intervals: 48)
    var g2 = 0.0, d2 = 0.0
    for j in s.gradient.indices {
      g2 += s.gradient[j] * s.gradient[j]
      d2 += (s.gradient[j] - s.gradientCoarse[j]) * (s.gradient[j] - s.gradientCoarse[j])
    }
    #expect((d2 / g2).squareRoot() < 1e-13)
    let r = try InitialStage.compute(
      Double.self, network: net, target: Self.target, density: .normal(mean: 0, sd: 1), etas: [0.25, 0.5],
      options: InitialStageOptions(digits: 12))
    #expect(r.refinementsUsed == 0)
    for i in r.eta.indices {
      #expect(r.lossAboveRate[i].error.doubleValue < 1e-11 * r.dLdt.double.magnitude)
      #expect(r.R[i].double <= r.B[i].double)
    }
  }
}
