import LinearAlgebra

extension Network where Scalar == Double {
  /// f(xᵢ; θ) in Double together with a bound eᵢ on its rounding error, |fl(f(xᵢ)) − f(xᵢ)| ≤ eᵢ
  /// (a running error bound in the sense of Higham, *Accuracy and Stability of Numerical
  /// Algorithms*, 2nd ed., §3.3, carried layer by layer next to the forward pass):
  ///
  ///     δz^l = c_l |W^l| δa^{l−1} + γ_{n_{l−1}+3} (c_l |W^l| |a^{l−1}| + |b^l|),
  ///     δa^l = Λ^l ⊙ δz^l + 8u (|a^l| + |σ′(z^l)| (1 + |z^l|)) (+ 1 where a step is crossed),
  ///     e = δz^L,
  ///
  /// with u = 2⁻⁵³, γ_k = ku/(1 − ku), n_{l−1} the fan-in (any summation order of the matrix
  /// product, FMA or not, obeys the γ bound; the three extra roundings are the bias, the NTK
  /// multiplier c_l and its square root), δa⁰ = `inputError` (0: exact inputs), and the local
  /// Lipschitz factor Λ = max(|σ′(z − δz)|, |σ′(z)|, |σ′(z + δz)|), which bounds
  /// |σ(z + t) − σ(z)|/|t| on |t| ≤ δz when σ′ is piecewise monotone there (every built-in
  /// activation; a kink inside [z − δz, z + δz] is covered by the endpoint on its steep side).
  /// The term 8u(|a| + |σ′(z)|(1 + |z|)) is the accuracy assumed of the activation's Double
  /// evaluation: within 8 ulp relative, plus the absolute error of exp-based forms such as
  /// e^z − 1 near 0. The step activation (ReLU⁰) adds its jump, 1, where |z| ≤ δz.
  ///
  /// The bound is first order in u (terms of order u² are dropped), about twice the cost of
  /// `outputs` (one more matrix product per layer with |W| and |a|).
  /// Returns the n × k outputs and their bounds (row-major).
  public func outputsWithRoundingBound(
    _ inputs: [Double], inputError: [Double]? = nil, parameters theta: [Double]? = nil
  ) -> (values: [Double], bound: [Double]) {
    let d = inputDimension
    precondition(inputs.count % d == 0, "inputs must be n × d")
    precondition(inputError == nil || inputError!.count == inputs.count, "one input error per input")
    let n = inputs.count / d
    let th = theta ?? parameters
    precondition(th.count == parameterCount)
    let u = RoundingErrorBound.unit
    let absTheta = th.map { Swift.abs($0) }
    var a = inputs
    var absA = inputs.map { Swift.abs($0) }
    var da = inputError ?? [Double](repeating: 0, count: inputs.count)
    let stepKink: Bool = {
      if case .piecewisePolynomial(let p, _) = activation.regularity { return p == 0 }
      return false
    }()
    th.withUnsafeBufferPointer { tp in
      absTheta.withUnsafeBufferPointer { ap in
        for l in 0..<layerCount {
          let nIn = widths[l], nOut = widths[l + 1]
          let gamma = RoundingErrorBound.gamma(nIn + 3)
          let c = weightMultiplier(l)
          // z = c W a + b, s = c |W| |a| + |b|, dz = c |W| δa.
          var z = affine(l, a, n: n, theta: tp.baseAddress!)
          var s = [Double](repeating: 0, count: n * nOut)
          var dz = [Double](repeating: 0, count: n * nOut)
          s.withUnsafeMutableBufferPointer { sp in
            Double.fillRows(sp.baseAddress!, n: n, m: nOut, with: ap.baseAddress! + biasOffset(l))
            absA.withUnsafeBufferPointer { xp in
              Double.gemm(
                transposeA: false, transposeB: true, m: n, n: nOut, k: nIn, alpha: c, xp.baseAddress!, lda: nIn,
                ap.baseAddress! + weightOffset(l), ldb: nIn, beta: 1, sp.baseAddress!, ldc: nOut)
            }
          }
          dz.withUnsafeMutableBufferPointer { dp in
            da.withUnsafeBufferPointer { xp in
              Double.gemm(
                transposeA: false, transposeB: true, m: n, n: nOut, k: nIn, alpha: c, xp.baseAddress!, lda: nIn,
                ap.baseAddress! + weightOffset(l), ldb: nIn, beta: 0, dp.baseAddress!, ldc: nOut)
            }
          }
          for i in dz.indices { dz[i] += gamma * s[i] }
          if l == layerCount - 1 {
            a = z
            da = dz
            break
          }
          // a = σ(z) with its derivative; Λ from σ′ at z ± δz.
          let count = z.count
          var value = [Double](repeating: 0, count: count), slope = value
          var lowerSlope = value, upperSlope = value, scratch = value
          let zMinus = zip(z, dz).map { $0 - $1 }, zPlus = zip(z, dz).map { $0 + $1 }
          z.withUnsafeBufferPointer { zp in
            activation.evaluate(
              zp.baseAddress!, values: &value, derivatives: &slope, count: count)
          }
          activation.evaluate(zMinus, values: &scratch, derivatives: &lowerSlope, count: count)
          activation.evaluate(zPlus, values: &scratch, derivatives: &upperSlope, count: count)
          var next = [Double](repeating: 0, count: count)
          for i in 0..<count {
            let lambda = Swift.max(Swift.abs(slope[i]), Swift.abs(lowerSlope[i]), Swift.abs(upperSlope[i]))
            var e = lambda * dz[i] + 8 * u * (Swift.abs(value[i]) + Swift.abs(slope[i]) * (1 + Swift.abs(z[i])))
            if stepKink && Swift.abs(z[i]) <= dz[i] { e += 1 }
            next[i] = e
          }
          z = value
          a = z
          absA = z.map { Swift.abs($0) }
          da = next
        }
      }
    }
    return (a, da)
  }
}

/// Higham's constants for the rounding error of Double arithmetic (Higham, *Accuracy and
/// Stability of Numerical Algorithms*, 2nd ed., §3.1): the unit roundoff u = 2⁻⁵³ and
/// γ_k = ku/(1 − ku), which bounds the relative error of a product or sum of k terms.
public enum RoundingErrorBound {
  public static let unit = Double.ulpOfOne / 2
  /// γ_k = ku/(1 − ku).
  public static func gamma(_ k: Int) -> Double { Double(k) * unit / (1 - Double(k) * unit) }
}
