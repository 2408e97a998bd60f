import MultiPrecision
import NeuralNetworks
import RealModule
import Testing

/// Every built-in activation, ReLU^k with k = 3 (k = 1 is ReLU).
let allActivations: [any Activation] = [
  ReLU(), LeakyReLU(), Tanh(), Sigmoid(), Softplus(), Sine(), ELU(), GELU(), ReLUPower(3),
]
let allLosses: [any Loss] = [
  MeanSquaredError(), AbsoluteError(), HuberLoss(delta: 0.3), LogCoshLoss(), SoftmaxCrossEntropy(), LogisticLoss(),
]

/// A small problem: d = 2, widths [2, 4, 3, k], 4 samples with non-uniform weights.
func smallProblem(activation: any Activation, loss: any Loss, seed: UInt64) -> (Network<MPFloat>, Dataset) {
  let k = loss is SoftmaxCrossEntropy ? 3 : 2
  let x = SyntheticData.uniformPoints(count: 4, dimension: 2, seed: seed)
  var rng = SplitMix64(seed: seed &+ 1)
  let y: [Double]
  if k == 3 {
    y = Dataset.oneHot((0..<4).map { _ in rng.nextInt(below: 3) }, classes: 3)
  } else {
    y = (0..<(4 * k)).map { _ in 2 * rng.nextGaussian() }
  }
  let data = Dataset(inputs: x, targets: y, inputDimension: 2, outputDimension: k, weights: [0.1, 0.4, 0.2, 0.3])
  let net = Network<MPFloat>(
    widths: [2, 4, 3, k], activation: activation,
    initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 0.5)), seed: seed)
  return (net, data)
}

/// max over j of |g_j − (L(θ + h e_j) − L(θ − h e_j))/(2h)| / max(1, |g_j|), in MPFloat.
func maxFiniteDifferenceError(_ objective: TrainingObjective<MPFloat>, h: MPFloat) -> MPFloat {
  let theta = objective.network.parameters
  let g = objective.gradient(at: theta)
  var worst = MPFloat(0)
  for j in theta.indices {
    var plus = theta, minus = theta
    plus[j] += h
    minus[j] -= h
    let fd = (objective.value(at: plus) - objective.value(at: minus)) / (2 * h)
    let err = abs(fd - g[j]) / max(MPFloat(1), abs(g[j]))
    if err > worst { worst = err }
  }
  return worst
}

@Suite("Gradients against 256-bit finite differences")
struct GradientTests {
  /// The logistic loss at ±1 labels against its closed form log(1 + e^(−yŷ)) (computed at 256
  /// bits the direct way), and at margins where the direct form overflows Double.
  @Test func logisticLossValues() {
    let loss = LogisticLoss()
    func value(_ o: [Double], _ y: [Double]) -> Double {
      o.withUnsafeBufferPointer { ob in y.withUnsafeBufferPointer { loss.value(output: ob, target: $0) } }
    }
    func grad(_ o: [Double], _ y: [Double]) -> [Double] {
      var g = [Double](repeating: 0, count: o.count)
      o.withUnsafeBufferPointer { ob in
        y.withUnsafeBufferPointer { yb in
          g.withUnsafeMutableBufferPointer { loss.gradient(output: ob, target: yb, into: $0) }
        }
      }
      return g
    }
    MPFloat.withPrecision(256) {
      for (o, y) in [(0.5, 1.0), (0.5, -1.0), (-2.25, 1.0), (3.0, -1.0), (0.0, 1.0)] {
        let exact = MPFloat.log(1 + MPFloat.exp(MPFloat(-y * o))).doubleValue
        #expect(abs(value([o], [y]) - exact) <= 2e-16 * exact, "ℓ(\(o), \(y))")
        // ∂ℓ/∂ŷ = −y/(1 + e^(yŷ)).
        let d = (MPFloat(-y) / (1 + MPFloat.exp(MPFloat(y * o)))).doubleValue
        #expect(abs(grad([o], [y])[0] - d) <= 2e-16 * abs(d), "ℓ′(\(o), \(y))")
      }
    }
    // Margin −800: ℓ = 800 (e^800 overflows Double), gradient −y; margin +800: ℓ = e^(−800) → 0.
    #expect(value([-800], [1]) == 800)
    #expect(grad([-800], [1]) == [-1])
    #expect(value([800], [1]) == 0 && grad([800], [1])[0] == -0.0)
    // Mean over the k = 2 outputs.
    #expect(
      abs(value([0.5, -0.5], [1, 1]) - (Double.log(1 + Double.exp(-0.5)) + Double.log(1 + Double.exp(0.5))) / 2) < 1e-15
    )
  }

  /// Backprop vs central differences with h = 2⁻¹⁰⁰ at 256 bits: truncation
  /// O(h²) ≈ 1e-60 and rounding ≈ 2⁻²⁵⁶/h ≈ 1e-47, so a correct gradient agrees to
  /// far better than the 1e-40 required.
  @Test(arguments: allActivations.indices, allLosses.indices)
  func backpropMatchesFiniteDifferences(activationIndex: Int, lossIndex: Int) {
    MPFloat.withPrecision(256) {
      let (net, data) = smallProblem(
        activation: allActivations[activationIndex], loss: allLosses[lossIndex],
        seed: UInt64(10 * activationIndex + lossIndex))
      let objective = TrainingObjective(network: net, data: data, loss: allLosses[lossIndex])
      let err = maxFiniteDifferenceError(objective, h: MPFloat.pow(MPFloat(2), -100))
      #expect(
        err < MPFloat("1e-40")!,
        "\(net.activation.name) × \(allLosses[lossIndex].name): error \(err.formatted(digits: 5))")
    }
  }

  /// σ′ and σ″ of every activation against 256-bit central differences of σ and σ′.
  @Test(arguments: allActivations.indices)
  func activationDerivatives(index: Int) {
    let act = allActivations[index]
    MPFloat.withPrecision(256) {
      let h = MPFloat.pow(MPFloat(2), -100)
      for xd in [-2.3, -0.7, -0.05, 0.3, 1.1, 2.9] {
        let x = MPFloat(xd)
        let d1 = (act.value(x + h) - act.value(x - h)) / (2 * h)
        let d2 = (act.derivative(x + h) - act.derivative(x - h)) / (2 * h)
        #expect(abs(d1 - act.derivative(x)) < MPFloat("1e-40")!, "\(act.name)′(\(xd))")
        #expect(abs(d2 - act.secondDerivative(x)) < MPFloat("1e-40")!, "\(act.name)″(\(xd))")
        // The Double fast path agrees with the generic value.
        var z = xd, v = 0.0, dv = 0.0
        act.evaluate(&z, values: &v, derivatives: &dv, count: 1)
        #expect(abs(v - act.value(xd)) <= 1e-15 * max(1, abs(v)))
        #expect(abs(dv - act.derivative(xd)) <= 1e-15 * max(1, abs(dv)))
      }
    }
  }

  /// The sigmoid fast path (one exponential per entry) gives `value` and `derivative` bit for bit,
  /// in place too; its twin: the same comparison sees the generic default of an activation whose
  /// derivative differs in the last bit.
  @Test func sigmoidFastPathIsBitIdentical() {
    var g = SplitMix64(seed: 5)
    let z = (0..<4096).map { _ in -40 + 80 * g.nextUniform() } + [0, -0.0, 1e-300, -745, 710, .infinity, -.infinity]
    var values = [Double](repeating: 0, count: z.count), derivatives = values
    Sigmoid().evaluate(z, values: &values, derivatives: &derivatives, count: z.count)
    #expect(values == z.map { Sigmoid().value($0) })
    #expect(derivatives == z.map { Sigmoid().derivative($0) })
    var inPlace = z
    inPlace.withUnsafeMutableBufferPointer { p in
      Sigmoid().evaluate(p.baseAddress!, values: p.baseAddress!, derivatives: nil, count: p.count)
    }
    #expect(inPlace == values)
    struct NudgedSigmoid: Activation {
      var name: String { "nudged_sigmoid" }
      var regularity: ActivationRegularity { .smooth }
      func value<T: RealScalar>(_ x: T) -> T { Sigmoid().value(x) }
      func derivative<T: RealScalar>(_ x: T) -> T { Sigmoid().derivative(x) * (1 + T.ulpOfOne) }
      func secondDerivative<T: RealScalar>(_ x: T) -> T { Sigmoid().secondDerivative(x) }
    }
    var nudged = derivatives
    NudgedSigmoid().evaluate(z, values: &values, derivatives: &nudged, count: z.count)
    #expect(nudged != derivatives)
  }

  /// A user-defined activation whose derivative is off by 1e-6: the same check
  /// must see it (the oracle can fail).
  @Test func wrongDerivativeIsDetected() {
    struct BrokenTanh: Activation {
      var name: String { "broken_tanh" }
      var regularity: ActivationRegularity { .smooth }
      func value<T: RealScalar>(_ x: T) -> T { T.tanh(x) }
      func derivative<T: RealScalar>(_ x: T) -> T {
        let t = T.tanh(x)
        return 1 - t * t + T(1e-6)
      }
      func secondDerivative<T: RealScalar>(_ x: T) -> T { 0 }
    }
    MPFloat.withPrecision(256) {
      let (net, data) = smallProblem(activation: BrokenTanh(), loss: MeanSquaredError(), seed: 3)
      let err = maxFiniteDifferenceError(
        TrainingObjective(network: net, data: data, loss: MeanSquaredError()), h: MPFloat.pow(MPFloat(2), -100))
      #expect(err > MPFloat("1e-10")!)
    }
  }

  /// The Double path (CBLAS dgemm) against the same gradient in MPFloat at 256 bits,
  /// for the NTK and the standard parameterisation.
  @Test(arguments: [Parameterization.standard, .ntk])
  func doubleGradientMatchesHighPrecision(_ p: Parameterization) {
    let x = SyntheticData.uniformPoints(count: 17, dimension: 3, seed: 5)
    let data = SyntheticData.gaussians(
      inputs: x, dimension: 3, centers: [0, 0.2, -0.1], widths: [0.5], amplitudes: [1.5])
    let init0 = Initializer(weights: p == .ntk ? .normal(std: 1) : .xavier, biases: .normal(std: 0.1))
    let netD = Network<Double>(
      widths: [3, 20, 20, 1], activation: Tanh(), parameterization: p, initializer: init0, seed: 9)
    let (lD, gD) = TrainingObjective(network: netD, data: data, loss: MeanSquaredError()).valueAndGradient(
      at: netD.parameters)
    MPFloat.withPrecision(256) {
      let netM = Network<MPFloat>(
        widths: [3, 20, 20, 1], activation: Tanh(), parameterization: p, initializer: init0, seed: 9)
      #expect(netM.parameters.map(\.doubleValue) == netD.parameters)
      let (lM, gM) = TrainingObjective(network: netM, data: data, loss: MeanSquaredError()).valueAndGradient(
        at: netM.parameters)
      #expect(abs(lD - lM.doubleValue) <= 1e-13 * abs(lM.doubleValue))
      let scale = gM.map { abs($0.doubleValue) }.max()!
      for j in gD.indices { #expect(abs(gD[j] - gM[j].doubleValue) <= 1e-12 * scale) }
    }
  }
}
