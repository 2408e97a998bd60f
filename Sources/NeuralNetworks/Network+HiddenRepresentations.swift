extension Network where Scalar == Double {
  /// The hidden representations S_l(x) = a^l for l = 1 … L−1 (a^l = σ(z^l),
  /// n × widths[l] row-major) of the n inputs `inputs` (n × d): the
  /// pre-condition part of the network up to hidden layer l. The learning part
  /// after layer l sees the effective target {(S_l(x_i), y_i)} (the deep
  /// F-Principle, 2007.14313).
  public func hiddenRepresentations(_ inputs: [Double]) -> [[Double]] {
    (1..<layerCount).map { l in
      let prefix = Array(parameters[0..<weightOffset(l)])
      let head = Network(
        widths: Array(widths[0...l]), activation: activation, parameterization: parameterization,
        parameters: prefix)
      return head.outputs(inputs).map { activation.value($0) }
    }
  }
}
