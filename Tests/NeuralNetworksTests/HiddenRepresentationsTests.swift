import NeuralNetworks
import Testing

@Suite("Hidden representations")
struct HiddenRepresentationsTests {
  /// S_l(x) for l = 1 … L−1 has n × n_l entries, and the learning part after
  /// the last hidden layer (its affine map) applied to S_{L−1}(x) gives f(x).
  @Test func hiddenRepresentationsFeedTheLastLayer() {
    let net = Network<Double>(widths: [3, 5, 4, 2], activation: Tanh(), seed: 11)
    let x: [Double] = [0.1, -0.4, 0.7, 1.2, 0.3, -0.9]
    let reps = net.hiddenRepresentations(x)
    #expect(reps.map(\.count) == [2 * 5, 2 * 4])
    let tail = Network<Double>(
      widths: [4, 2], activation: Tanh(),
      parameters: Array(net.parameters[net.weightOffset(2)...]))
    let f = net.outputs(x), g = tail.outputs(reps[1])
    for (a, b) in zip(f, g) { #expect(abs(a - b) <= 1e-14 * max(1, abs(a))) }
  }
}
