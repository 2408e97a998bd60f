import NeuralNetworks
import Testing

@testable import StageTheorems

/// The complete kink search of deep ReLU^p networks (`networkKinks`): the zeros of a
/// second-layer pre-activation are found however close they are.
@Suite struct KinksTests {
  /// A 1-2-1-1 network with hidden layers σ, σ: z¹ = (x, −x), z² = σ(x) + σ(−x) − c, so for
  /// ReLU z² = |x| − δ (zeros ±δ) and for ReLU² z² = x² − δ² (zeros ±δ, a double zero as δ → 0).
  /// δ = 1e-5 puts both zeros inside one cell of a 4096-point scan of [−8, 8] (cell 3.9e-3).
  static func closeZeros(_ activation: String, delta: Double) -> Network<Double> {
    var net = InitialStageTests.network(activation, widths: [2, 1])
    // Layer 0: weights (1, −1), biases 0; layer 1: weights (1, 1), bias −c; output 1, 0.
    net.parameters = [1, -1, 0, 0, 1, 1, activation == "relu" ? -delta : -delta * delta, 1, 0]
    return net
  }

  @Test(arguments: ["relu", "relu^2"])
  func closeZerosOfASecondLayerNeuronAreFound(_ activation: String) {
    let delta = 1e-5
    let net = Self.closeZeros(activation, delta: delta)
    let kinks: [Double] = networkKinks(net, from: -8, to: 8)
    #expect(kinks.count == 3, "\(kinks)")
    guard kinks.count == 3 else { return }
    #expect(abs(kinks[0] + delta) <= 1e-15 && abs(kinks[2] - delta) <= 1e-15, "\(kinks)")
    #expect(abs(kinks[1]) <= 1e-300, "\(kinks)")
  }

  /// The derivative-sign partition separates close zeros of a cubic and takes a double zero for a touch:
  /// q(t) = (t − 1)(t − 1 − 1e-7)(t + 2) changes sign three times on [−3, 3]; (t − 1)²(t + 2) once.
  @Test func polynomialZerosAreIsolated() {
    let a = 1.0, b = 1 + 1e-7, c = -2.0
    // (t − a)(t − b)(t − c) = t³ − (a+b+c)t² + (ab+bc+ca)t − abc.
    let q = [-a * b * c, a * b + b * c + c * a, -(a + b + c), 1]
    let brackets = polynomialSignChanges(q, from: -3, to: 3)
    #expect(brackets.count == 3)
    for (root, (u, v)) in zip([c, a, b], brackets) { #expect(u <= root + 1e-9 && root - 1e-9 <= v) }
    // A double zero at 1 is a touch: at most a degenerate interval at its critical point.
    let double = [-1 * 1 * c, 1 + 2 * c, -(2 + c), 1.0]
    let touch = polynomialSignChanges(double, from: -3, to: 3)
    #expect(touch.first.map { $0.0 <= c && c <= $0.1 } == true)
    for (u, v) in touch.dropFirst() { #expect(abs(u - 1) <= 1e-7 && abs(v - 1) <= 1e-7, "\(touch)") }
  }

  /// Depth 3, ReLU, ReLU², ReLU³ (third-layer pre-activations of degree 1, 4, 9 between kinks):
  /// between consecutive kinks no hidden pre-activation changes sign on a grid of 63 points.
  @Test func everySignChangeIsAKink() {
    for (activation, seed) in [("relu", UInt64(3)), ("relu^2", 5), ("relu^3", 7)] {
      let net = InitialStageTests.network(activation, widths: [6, 6, 4], std: 1.5, seed: seed)
      let kinks: [Double] = networkKinks(net, from: -4, to: 4)
      let pieces = [-4.0] + kinks + [4.0]
      for (lo, hi) in zip(pieces, pieces.dropFirst()) where hi - lo > 1e-9 {
        let ref = net.hiddenPreactivations(at: [(lo + hi) / 2]).map { $0 > 0 }
        for s in 1..<64 {
          let x = lo + (hi - lo) * (0.02 + 0.96 * Double(s) / 64)
          #expect(net.hiddenPreactivations(at: [x]).map { $0 > 0 } == ref, "\(activation) x = \(x)")
        }
      }
    }
  }
}
