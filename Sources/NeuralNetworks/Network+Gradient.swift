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
            applyActivation(activation, zp.baseAddress!, values: zp.baseAddress!, derivatives: nil, count: zp.count)
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
    let nIn = widths[l], nOut = widths[l + 1]
    let b = theta + biasOffset(l)
    var z = zeros(n * nOut, Scalar.self)
    z.withUnsafeMutableBufferPointer { zp in fillRows(zp.baseAddress!, n: n, m: nOut, with: b) }
    a.withUnsafeBufferPointer { ap in
      z.withUnsafeMutableBufferPointer { zp in
        gemm(
          transposeA: false, transposeB: true, m: n, n: nOut, k: nIn,
          alpha: weightMultiplier(l), ap.baseAddress!, lda: nIn, theta + weightOffset(l), ldb: nIn,
          beta: 1, zp.baseAddress!, ldc: nOut)
      }
    }
    return z
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
    let d = inputDimension, k = outputDimension
    let n = weights.count
    precondition(inputs.count == n * d && targets.count == n * k, "data shapes do not match the network")
    let th = theta ?? parameters
    precondition(th.count == parameterCount)
    var gradient = zeros(parameterCount, Scalar.self)
    var total: Scalar = 0
    th.withUnsafeBufferPointer { tp in
      let theta = tp.baseAddress!
      // Forward, keeping aˡ and σ′(zˡ).
      var acts: [[Scalar]] = [inputs]
      var derivs: [[Scalar]] = [[]]
      for l in 0..<layerCount {
        var z = affine(l, acts[l], n: n, theta: theta)
        if l < layerCount - 1 {
          var dz = zeros(z.count, Scalar.self)
          z.withUnsafeMutableBufferPointer { zp in
            dz.withUnsafeMutableBufferPointer { dp in
              applyActivation(
                activation, zp.baseAddress!, values: zp.baseAddress!, derivatives: dp.baseAddress!, count: zp.count)
            }
          }
          derivs.append(dz)
        }
        acts.append(z)
      }
      // Loss and Gᴸ.
      let out = acts[layerCount]
      var g = zeros(n * k, Scalar.self)
      out.withUnsafeBufferPointer { op in
        targets.withUnsafeBufferPointer { yp in
          g.withUnsafeMutableBufferPointer { gp in
            for i in 0..<n {
              let o = UnsafeBufferPointer(rebasing: op[(i * k)..<(i * k + k)])
              let y = UnsafeBufferPointer(rebasing: yp[(i * k)..<(i * k + k)])
              let gi = UnsafeMutableBufferPointer(rebasing: gp[(i * k)..<(i * k + k)])
              total += weights[i] * loss.value(output: o, target: y)
              loss.gradient(output: o, target: y, into: gi)
              for j in 0..<k { gi[j] *= weights[i] }
            }
          }
        }
      }
      // Backward.
      gradient.withUnsafeMutableBufferPointer { gradp in
        let grad = gradp.baseAddress!
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
          let nIn = widths[l], nOut = widths[l + 1]
          let c = weightMultiplier(l)
          g.withUnsafeBufferPointer { gp in
            acts[l].withUnsafeBufferPointer { ap in
              gemm(
                transposeA: true, transposeB: false, m: nOut, n: nIn, k: n,
                alpha: c, gp.baseAddress!, lda: nOut, ap.baseAddress!, ldb: nIn,
                beta: 0, grad + weightOffset(l), ldc: nIn)
            }
            addColumnSums(gp.baseAddress!, n: n, m: nOut, into: grad + biasOffset(l))
          }
          if l > 0 {
            var prev = zeros(n * nIn, Scalar.self)
            g.withUnsafeBufferPointer { gp in
              prev.withUnsafeMutableBufferPointer { pp in
                gemm(
                  transposeA: false, transposeB: false, m: n, n: nIn, k: nOut,
                  alpha: c, gp.baseAddress!, lda: nOut, theta + weightOffset(l), ldb: nIn,
                  beta: 0, pp.baseAddress!, ldc: nIn)
                derivs[l].withUnsafeBufferPointer { dp in
                  multiplyEntrywise(pp.baseAddress!, by: dp.baseAddress!, count: pp.count)
                }
              }
            }
            g = prev
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
    let k = outputDimension
    let out = outputs(inputs, parameters: theta)
    var total: Scalar = 0
    out.withUnsafeBufferPointer { op in
      targets.withUnsafeBufferPointer { yp in
        for i in 0..<weights.count {
          total += weights[i]
            * loss.value(
              output: UnsafeBufferPointer(rebasing: op[(i * k)..<(i * k + k)]),
              target: UnsafeBufferPointer(rebasing: yp[(i * k)..<(i * k + k)]))
        }
      }
    }
    return total
  }
}
