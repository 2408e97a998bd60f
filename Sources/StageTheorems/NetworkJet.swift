import MultiPrecision
import NeuralNetworks

/// Forward-mode derivatives of a network output in parameter space.
///
/// For a direction δθ the tangent of h(x; θ + εδθ) at ε = 0 is
///
///     ż⁰ = 0,  żˡ = cₗ (δWˡ aˡ⁻¹ + Wˡ ȧˡ⁻¹) + δbˡ,  ȧˡ = σ′(zˡ) żˡ  (hidden layers),
///
/// and ∇_θh(x)·δθ = ż^L. With δθ = −∇L this is ∂_t u(x) = −∇_θh(x)·∇L, the
/// velocity of the residual along the gradient flow θ̇ = −∇L (1906.09235, the
/// dynamics of u = h − f under gradient flow). One pass costs about two forward
/// passes, so the velocity is evaluated at many quadrature nodes without
/// storing a gradient per node.
extension Network {
  /// (h(x), ∇_θh(x)·direction) for one scalar-output network at the 1-D or d-D
  /// input `x` (d values).
  func valueAndTangent(at x: [Scalar], direction: [Scalar]) -> (value: Scalar, tangent: Scalar) {
    var a = x
    var da = [Scalar](repeating: .zero, count: x.count)
    for l in 0..<layerCount {
      let nIn = widths[l], nOut = widths[l + 1]
      let wo = weightOffset(l), bo = biasOffset(l)
      let c = weightMultiplier(l)
      var z = [Scalar](repeating: .zero, count: nOut)
      var dz = [Scalar](repeating: .zero, count: nOut)
      for i in 0..<nOut {
        var s = Scalar.zero, ds = Scalar.zero
        for j in 0..<nIn {
          let w = parameters[wo + i * nIn + j]
          s += w * a[j]
          ds += direction[wo + i * nIn + j] * a[j] + w * da[j]
        }
        z[i] = c * s + parameters[bo + i]
        dz[i] = c * ds + direction[bo + i]
      }
      if l < layerCount - 1 {
        for i in 0..<nOut {
          let d = activation.derivative(z[i])
          z[i] = activation.value(z[i])
          dz[i] = d * dz[i]
        }
      }
      a = z
      da = dz
    }
    return (a[0], da[0])
  }

  /// The pre-activations zˡ of every hidden neuron at `x`, layer by layer
  /// (the points where one of them crosses 0 are the kinks of a ReLU-type network).
  func hiddenPreactivations(at x: [Scalar]) -> [Scalar] {
    var a = x
    var out: [Scalar] = []
    for l in 0..<(layerCount - 1) {
      let nIn = widths[l], nOut = widths[l + 1]
      let wo = weightOffset(l), bo = biasOffset(l)
      let c = weightMultiplier(l)
      var z = [Scalar](repeating: .zero, count: nOut)
      for i in 0..<nOut {
        var s = Scalar.zero
        for j in 0..<nIn { s += parameters[wo + i * nIn + j] * a[j] }
        z[i] = c * s + parameters[bo + i]
      }
      out += z
      a = z.map { activation.value($0) }
    }
    return out
  }
}

/// Whether an activation is only finitely smooth somewhere (ReLU, leaky ReLU, ReLU^k,
/// ELU, the step: `ActivationRegularity.kinks`): the x-integrals are then split at every
/// point where a hidden pre-activation crosses a kink so that each piece is smooth.
public func activationHasKink(_ activation: any Activation) -> Bool {
  !activation.regularity.kinks.isEmpty
}

/// The regularity order p of ReLU^p (ReLU and leaky ReLU = 1), nil for the others.
public func reluPower(_ activation: any Activation) -> Int? { activation.regularity.reluPower }

extension Network {
  /// ∇_θh(x)·direction at every 1-D input x (`valueAndTangent` per point).
  func tangents(at xs: [Scalar], direction: [Scalar]) -> [Scalar] {
    xs.map { valueAndTangent(at: [$0], direction: direction).tangent }
  }
}
