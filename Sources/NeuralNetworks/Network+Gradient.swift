import MultiPrecision

extension Network {
  /// f(xᵢ; θ) for the n inputs `inputs` (n × d, row-major); returns n × k row-major.
  /// `parameters` defaults to the network's own θ.
  public func outputs(_ inputs: [Scalar], parameters theta: [Scalar]? = nil) -> [Scalar] {
    let d = inputDimension
    precondition(inputs.count % d == 0, "inputs must be n × d")
    let n = inputs.count / d
    var a = inputs
    let th = theta ?? parameters
    precondition(th.count == parameterCount)
    th.withUnsafeBufferPointer { tp in
      for l in 0..<layerCount {
        var z = affine(l, a, n: n, theta: tp.baseAddress!)
        if l < layerCount - 1 {
          z.withUnsafeMutableBufferPointer { zp in
            Scalar.applyActivation(
              activation, zp.baseAddress!, values: zp.baseAddress!, derivatives: nil, count: zp.count)
          }
        }
        a = z
      }
    }
    return a
  }

  /// zˡ = cₗ Wˡ a + bˡ for the n rows of `a` (n × widths[l]); n × widths[l+1].
  @inline(__always)
  func affine(_ l: Int, _ a: [Scalar], n: Int, theta: UnsafePointer<Scalar>) -> [Scalar] {
    var z = Scalar.zeros(n * widths[l + 1])
    z.withUnsafeMutableBufferPointer { zp in
      a.withUnsafeBufferPointer { ap in affine(l, ap.baseAddress!, n: n, theta: theta, into: zp.baseAddress!) }
    }
    return z
  }

  /// z ← cₗ Wˡ a + bˡ row by row (z: n × widths[l+1], overwritten).
  @inline(__always)
  func affine(
    _ l: Int, _ a: UnsafePointer<Scalar>, n: Int, theta: UnsafePointer<Scalar>, into z: UnsafeMutablePointer<Scalar>
  ) {
    let nIn = widths[l], nOut = widths[l + 1]
    Scalar.fillRows(z, n: n, m: nOut, with: theta + biasOffset(l))
    Scalar.gemm(
      transposeA: false, transposeB: true, m: n, n: nOut, k: nIn,
      alpha: weightMultiplier(l), a, lda: nIn, theta + weightOffset(l), ldb: nIn,
      beta: 1, z, ldc: nOut)
  }

  /// The weighted training loss L(θ) = Σᵢ wᵢ ℓ(f(xᵢ; θ), yᵢ) and its gradient ∇_θ L
  /// by backpropagation:
  ///
  ///     Gᴸ = [wᵢ ∂ℓ/∂ŷ(f(xᵢ), yᵢ)]ᵢ,  ∇Wˡ = cₗ (Gˡ)ᵀ aˡ⁻¹,  ∇bˡ = Σᵢ Gˡᵢ,
  ///     Gˡ⁻¹ = cₗ (Gˡ Wˡ) ⊙ σ′(zˡ⁻¹).
  ///
  /// `inputs` n × d, `targets` n × k (row-major), `weights` n (wᵢ); θ defaults to
  /// the network's own. Returns the loss and ∇L in θ's layout.
  public func lossAndGradient(
    inputs: [Scalar], targets: [Scalar], weights: [Scalar], loss: any Loss, parameters theta: [Scalar]? = nil
  ) -> (loss: Scalar, gradient: [Scalar]) {
    lossAndGradient(
      inputs: inputs, targets: targets, weights: weights, loss: loss, parameters: theta,
      workspace: BackpropWorkspace())
  }

  /// `lossAndGradient` with buffers kept in `workspace` between calls (the trainer
  /// reuses one, so large batches allocate nothing per step but the gradient).
  func lossAndGradient(
    inputs: [Scalar], targets: [Scalar], weights: [Scalar], loss: any Loss, parameters theta: [Scalar]?,
    workspace ws: BackpropWorkspace<Scalar>
  ) -> (loss: Scalar, gradient: [Scalar]) {
    let d = inputDimension, k = outputDimension
    let n = weights.count
    precondition(inputs.count == n * d && targets.count == n * k, "data shapes do not match the network")
    let th = theta ?? parameters
    precondition(th.count == parameterCount)
    ws.prepare(widths: widths, n: n)
    var gradient = ws.takeGradient(
      count: parameterCount, biases: (0..<layerCount).map { (biasOffset($0), widths[$0 + 1]) })
    var total: Scalar = 0
    th.withUnsafeBufferPointer { tp in
      inputs.withUnsafeBufferPointer { ip in
        let theta = tp.baseAddress!
        // aˡ: the inputs for l = 0, else ws.activations[l]; σ′(zˡ) in ws.derivatives[l].
        func act(_ l: Int) -> UnsafeMutablePointer<Scalar> {
          l == 0 ? UnsafeMutablePointer(mutating: ip.baseAddress!) : ws.activations[l]
        }
        for l in 0..<layerCount {
          let z = ws.activations[l + 1]
          affine(l, act(l), n: n, theta: theta, into: z)
          if l < layerCount - 1 {
            Scalar.applyActivation(
              activation, z, values: z, derivatives: ws.derivatives[l + 1], count: n * widths[l + 1])
          }
        }
        // Loss and Gᴸ (in ws.delta).
        let out = ws.activations[layerCount]
        var delta = ws.delta, previous = ws.previous
        targets.withUnsafeBufferPointer { yp in
          for i in 0..<n {
            let o = UnsafeBufferPointer(start: out + i * k, count: k)
            let y = UnsafeBufferPointer(rebasing: yp[(i * k)..<(i * k + k)])
            let gi = UnsafeMutableBufferPointer(start: delta + i * k, count: k)
            total += weights[i] * loss.value(output: o, target: y)
            loss.gradient(output: o, target: y, into: gi)
            for j in 0..<k { gi[j] *= weights[i] }
          }
        }
        // Backward.
        gradient.withUnsafeMutableBufferPointer { gradp in
          let grad = gradp.baseAddress!
          for l in stride(from: layerCount - 1, through: 0, by: -1) {
            let nIn = widths[l], nOut = widths[l + 1]
            let c = weightMultiplier(l)
            Scalar.gemm(
              transposeA: true, transposeB: false, m: nOut, n: nIn, k: n,
              alpha: c, delta, lda: nOut, act(l), ldb: nIn,
              beta: 0, grad + weightOffset(l), ldc: nIn)
            Scalar.addColumnSums(delta, n: n, m: nOut, into: grad + biasOffset(l))
            if l > 0 {
              Scalar.gemm(
                transposeA: false, transposeB: false, m: n, n: nIn, k: nOut,
                alpha: c, delta, lda: nOut, theta + weightOffset(l), ldb: nIn,
                beta: 0, previous, ldc: nIn)
              Scalar.multiplyEntrywise(previous, by: ws.derivatives[l], count: n * nIn)
              swap(&delta, &previous)
            }
          }
        }
      }
    }
    return (total, gradient)
  }

  /// L(θ) alone (one forward pass).
  public func loss(
    inputs: [Scalar], targets: [Scalar], weights: [Scalar], loss: any Loss, parameters theta: [Scalar]? = nil
  ) -> Scalar {
    self.loss(outputs: outputs(inputs, parameters: theta), targets: targets, weights: weights, loss: loss)
  }

  /// L = Σᵢ wᵢ ℓ(f(xᵢ), yᵢ) from the outputs f(xᵢ) (n × k), summed in the order of `lossAndGradient`.
  func loss(outputs out: [Scalar], targets: [Scalar], weights: [Scalar], loss: any Loss) -> Scalar {
    let k = outputDimension
    var total: Scalar = 0
    out.withUnsafeBufferPointer { op in
      targets.withUnsafeBufferPointer { yp in
        for i in 0..<weights.count {
          total +=
            weights[i]
            * loss.value(
              output: UnsafeBufferPointer(rebasing: op[(i * k)..<(i * k + k)]),
              target: UnsafeBufferPointer(rebasing: yp[(i * k)..<(i * k + k)]))
        }
      }
    }
    return total
  }
}

/// Buffers of one backpropagation, reused across steps: activations[l] (n × widths[l]
/// for l ≥ 1; the inputs are read in place), derivatives[l] = σ′(zˡ), and two delta
/// buffers of n × max width. Memory is owned here and released on deinit.
final class BackpropWorkspace<Scalar: NetworkScalar> {
  private(set) var activations: [UnsafeMutablePointer<Scalar>] = []
  private(set) var derivatives: [UnsafeMutablePointer<Scalar>] = []
  private(set) var delta = UnsafeMutablePointer<Scalar>.allocate(capacity: 0)
  private(set) var previous = UnsafeMutablePointer<Scalar>.allocate(capacity: 0)
  private var counts: [Int] = []
  private var deltaCount = 0
  private var shape: [Int] = []
  /// A gradient array handed back by the trainer after its step (`recycle`), reused by the next
  /// backpropagation instead of a fresh zero-filled allocation of the parameter count.
  private var spareGradient: [Scalar] = []

  init() {}

  /// f(xᵢ) of the last forward pass (n × k, row-major, k = the last width).
  func outputs() -> [Scalar] {
    guard let k = shape.dropLast().last, let n = shape.last else { return [] }
    return Array(UnsafeBufferPointer(start: activations[activations.count - 1], count: n * k))
  }

  /// A gradient buffer of `count` entries for `lossAndGradient`: the recycled one if it has that
  /// size (its bias ranges, given as (offset, count), set to zero: backpropagation adds into them,
  /// and writes every weight entry with β = 0), else zeros.
  func takeGradient(count: Int, biases: [(Int, Int)]) -> [Scalar] {
    guard spareGradient.count == count else { return Scalar.zeros(count) }
    var g: [Scalar] = []
    swap(&g, &spareGradient)
    g.withUnsafeMutableBufferPointer { p in
      for (offset, n) in biases { (p.baseAddress! + offset).update(repeating: 0, count: n) }
    }
    return g
  }

  /// Hands a gradient array back for reuse (the trainer, once the optimiser has taken its step).
  func recycle(_ gradient: inout [Scalar]) { swap(&gradient, &spareGradient) }

  private static func buffer(_ count: Int) -> UnsafeMutablePointer<Scalar> {
    let p = UnsafeMutablePointer<Scalar>.allocate(capacity: count)
    p.initialize(repeating: 0, count: count)
    return p
  }

  private func release() {
    for (p, c) in zip(activations, counts) { p.deinitialize(count: c); p.deallocate() }
    for (p, c) in zip(derivatives, counts) { p.deinitialize(count: c); p.deallocate() }
    delta.deinitialize(count: deltaCount)
    delta.deallocate()
    previous.deinitialize(count: deltaCount)
    previous.deallocate()
  }

  func prepare(widths: [Int], n: Int) {
    let key = widths + [n]
    guard key != shape else { return }
    release()
    shape = key
    counts = widths.map { n * $0 }
    activations = counts.map { Self.buffer($0) }
    derivatives = counts.map { Self.buffer($0) }
    deltaCount = n * widths.max()!
    delta = Self.buffer(deltaCount)
    previous = Self.buffer(deltaCount)
  }

  deinit { release() }
}
