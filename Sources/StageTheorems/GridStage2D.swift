import ComplexModule
import Expressions
import Foundation
import MultiPrecision
import NeuralNetworks
import RealModule
import Spectral

/// A target f(x₁, x₂) of the two-dimensional initial stage, an expression of the shared language
/// in `x1` and `x2`, compiled once for evaluation in Double.
public struct StageTarget2D: Sendable {
  /// The source text.
  public let text: String
  let compiled: CompiledExpression<Double>

  /// Parses and checks `text` (variables x1 and x2 only).
  public init(_ text: String) throws(StageError) {
    let e = try StageTarget.parse(text, variables: ["x1", "x2"])
    self.text = text
    do {
      self.compiled = try CompiledExpression<Double>(e, variables: ["x1", "x2"], precision: 53)
    } catch {
      throw StageError("target `\(text)`: \(error)")
    }
  }

  /// f at the n points of `points` (n × 2, row-major); a `StageError` where f is not finite.
  func values(at points: [Double]) throws(StageError) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(points.count / 2)
    for k in 0..<(points.count / 2) {
      let x = [points[2 * k], points[2 * k + 1]]
      let y: Double
      do { y = try compiled.evaluate(x) } catch {
        throw StageError("target `\(text)` cannot be evaluated at x = (\(x[0]), \(x[1])): \(error.message)")
      }
      guard y.isFinite else { throw StageError("target `\(text)` is not finite at x = (\(x[0]), \(x[1]))") }
      out.append(y)
    }
    return out
  }
}

/// The Double path of the stage quantities in two dimensions: samples on the uniform
/// N × N grid x_{ij} = (A₁ + iΔ, A₂ + jΔ) of a square box covering the truncation box of ρ,
/// integrals by the rectangle rule (Δ² Σ), and the 2-D transform by row–column FFTs of the
/// samples zero-padded to M × M, M = `padding`·N:
///
///     F[φ](ξ_k) ≈ Δ² Σ_{ij} φ_{ij} e^{−2πi ξ_k·x_{ij}},  ξ_k = (k₁, k₂)/(MΔ)  (k signed).
///
/// Discrete Parseval, ∫|A(ξ)|² dξ = Δ² Σ φ_{ij}² over the frequency cell |ξ_i| ≤ 1/(2Δ) (A the
/// transform of the samples, see `tails`),
/// makes the split at |ξ| = η of the grid loss add up to the grid loss. The radial cut is exact
/// for the samples' transform (a Bessel-kernel sum over the correlation lags, see `tails`), so
/// the error is that of the samples: aliasing (a kink line of a ReLU^p network gives a relative
/// error of F about (|ξ|Δ)^{p+1}, keep η ≲ 0.1/Δ), the truncation of ρ and the double floor;
/// `InitialStage.computeGrid2D` takes the difference to the N/2 × N/2 grid as the error.
public struct StageGrid2D: Sendable {
  /// (A₁, A₂), the lower corner.
  public let lower: (Double, Double)
  /// Δ, the same on both axes.
  public let spacing: Double
  /// N, the points per axis (a power of two).
  public let count: Int
  /// M/N: the zero-padding factor of the transforms (2: the correlations of N samples per axis
  /// fit without wrap-around).
  public var padding: Int = 2

  /// The square grid of N × N points over the truncation box of `density` (√ρ(1 + |x|)^growth
  /// below 10^(−digits) outside). The uniform square [a, b]² gets K ≈ N/1.2 points inside,
  /// Δ = (b − a)/K, and its edges halfway between grid points (a margin of about 10% each side):
  /// the rectangle rule is then the midpoint rule on each side of a jump (O(Δ²), not O(Δ)).
  public init(density: SampleDensity2D, count: Int, digits: Int = 12, growth: Double = 1) {
    precondition(count >= 8 && count & (count - 1) == 0, "the 2-D grid needs a power of two ≥ 8 points per axis")
    if case .uniformSquare(let a, let b) = density {
      let inside = Int(Double(count) / 1.2), left = (count - inside) / 2
      let h = (b - a) / Double(inside)
      let lower = a - (Double(left) - 0.5) * h
      self.init(lower: (lower, lower), spacing: h, count: count)
      return
    }
    let (s1, s2) = density.support(digits: digits, growth: growth)
    let side = max(s1.1 - s1.0, s2.1 - s2.0)
    let c1 = (s1.0 + s1.1) / 2, c2 = (s2.0 + s2.1) / 2
    self.init(lower: (c1 - side / 2, c2 - side / 2), spacing: side / Double(count), count: count)
  }

  public init(lower: (Double, Double), spacing: Double, count: Int) {
    self.lower = lower; self.spacing = spacing; self.count = count
  }

  /// The N² nodes, n × 2 row-major, point i·N + j = (A₁ + iΔ, A₂ + jΔ).
  public var nodes: [Double] {
    var x = [Double](repeating: 0, count: 2 * count * count)
    for i in 0..<count {
      for j in 0..<count {
        x[2 * (i * count + j)] = lower.0 + Double(i) * spacing
        x[2 * (i * count + j) + 1] = lower.1 + Double(j) * spacing
      }
    }
    return x
  }

  /// The frequency step Δξ = 1/(MΔ).
  public var frequencyStep: Double { 1 / (Double(count * padding) * spacing) }

  /// The M × M DFT Z_k = Σ_{ij} (a_{ij} + i b_{ij}) e^{−2πi(k₁i + k₂j)/M} of the zero-padded
  /// samples (row-major, k₁·M + k₂): two real signals in one complex transform.
  public func transform(_ a: [Double], _ b: [Double]) -> [Complex<Double>] {
    let n = count, m = count * padding
    precondition(a.count == n * n && b.count == n * n, "the 2-D grid has \(n * n) samples")
    let plan = FourierPlan<Double>(count: m)
    var z = [Complex<Double>](repeating: .zero, count: m * m)
    var line = [Complex<Double>](repeating: .zero, count: m)
    for i in 0..<n {
      for j in 0..<n { line[j] = Complex(a[i * n + j], b[i * n + j]) }
      let t = plan.forward(line)
      for k in 0..<m { z[i * m + k] = t[k] }
    }
    for k2 in 0..<m {
      for r in 0..<m { line[r] = z[r * m + k2] }
      let t = plan.forward(line)
      for k1 in 0..<m { z[k1 * m + k2] = t[k1] }
    }
    return z
  }

  /// F[a](ξ_k) = Δ² e^{−2πiξ_k·A} Σ a_{ij} e^{−2πiξ_k·x_{ij}} at the signed frequency index
  /// (k₁, k₂), from the transform of a + i·0 (for the tests' comparison with quadrature).
  public func continuousTransform(_ z: [Complex<Double>], index k: (Int, Int)) -> Complex<Double> {
    let m = count * padding
    let r = ((k.0 % m) + m) % m, c = ((k.1 % m) + m) % m
    let xi = (Double(k.0) * frequencyStep, Double(k.1) * frequencyStep)
    let angle: Double = -2 * Double.pi * (xi.0 * lower.0 + xi.1 * lower.1)
    let phase = Complex<Double>(Double.cos(angle), Double.sin(angle))
    let area: Double = spacing * spacing
    return z[r * m + c] * phase * Complex<Double>(area, 0)
  }

  /// For every η ≤ 1/(2Δ): the tail sums T_aa = ∫_{|ξ|>η}|A(ξ)|², T_bb = ∫_{|ξ|>η}|B(ξ)|² and
  /// T_ab = ∫_{|ξ|>η} Re(conj(A(ξ)) B(ξ)) over the grid's frequency cell |ξ_i| ≤ 1/(2Δ), where
  /// A(ξ) = Δ² Σ a_{ij} e^{−2πiξ·x_{ij}} is the transform of the grid samples (a trigonometric
  /// polynomial in ξ). The radial cut is exact for it: with the correlation
  /// C_j = Δ² Σ_i a_i b_{i+j} (lags z_j = jΔ),
  ///
  ///     Re(conj(A)B)(ξ) = Δ² Σ_j C_j e^{−2πiξ·z_j},
  ///     ∫_{|ξ|≤η} e^{−2πiξ·z} dξ = η J₁(2πη|z|)/|z| =: k_η(z)
  ///
  /// (k_η(0) = πη²), so T_ab = C_0 − Δ² Σ_j C_j k_η(z_j) (C_0 = Δ² Σ a_i b_i: discrete Parseval).
  /// The correlations come from one M × M transform of a + ib (M = 2N: no wrap-around) and
  /// two inverse transforms. A cut-off above 1/(2Δ) is an error (the grid does not resolve it).
  public func tails(
    _ a: [Double], _ b: [Double], etas: [Double]
  ) throws(StageError) -> [(aa: Double, bb: Double, ab: Double)] {
    let n = count, m = count * padding
    precondition(padding >= 2, "the correlations need a padding ≥ 2 (lags up to N − 1 without wrap-around)")
    let nyquist = 1 / (2 * spacing)
    for eta in etas where eta > nyquist {
      throw StageError(
        "eta: the cut-off \(eta) is above the grid's Nyquist frequency 1/(2Δ) = \(nyquist) (use more points)")
    }
    let z = transform(a, b)
    // Spectra of a and b: A_k = (Z_k + conj(Z_{−k}))/2, B_k = (Z_k − conj(Z_{−k}))/(2i).
    var pack = [Complex<Double>](repeating: .zero, count: m * m), cross = pack
    for k1 in 0..<m {
      let n1 = (m - k1) % m
      for k2 in 0..<m {
        let zk = z[k1 * m + k2], zn = z[n1 * m + (m - k2) % m]
        let ar = (zk.real + zn.real) / 2, ai = (zk.imaginary - zn.imaginary) / 2
        let br = (zk.imaginary + zn.imaginary) / 2, bi = -(zk.real - zn.real) / 2
        pack[k1 * m + k2] = Complex(ar * ar + ai * ai, br * br + bi * bi)
        cross[k1 * m + k2] = Complex(ar * br + ai * bi, ar * bi - ai * br)
      }
    }
    // Inverse transforms (unnormalised, conj–forward–conj): Σ_k S_k e^{+2πi k·j/M}.
    let auto = inverse(pack), mixed = inverse(cross)
    let norm = spacing * spacing / Double(m * m)
    // k_η depends on |z_j| only: sum the correlations over the lags of each |j|² first.
    let buckets = 2 * (n - 1) * (n - 1) + 1
    var caa = [Double](repeating: 0, count: buckets), cbb = caa, cab = caa
    var used = [Bool](repeating: false, count: buckets)
    for j1 in (-(n - 1))...(n - 1) {
      for j2 in (-(n - 1))...(n - 1) {
        let k = ((j1 + m) % m) * m + (j2 + m) % m, r2 = j1 * j1 + j2 * j2
        caa[r2] += auto[k].real; cbb[r2] += auto[k].imaginary; cab[r2] += mixed[k].real
        used[r2] = true
      }
    }
    let radii = (1..<buckets).filter { used[$0] }
    let area = spacing * spacing
    return etas.map { eta in
      var laa = Double.pi * eta * eta * caa[0], lbb = Double.pi * eta * eta * cbb[0]
      var lab = Double.pi * eta * eta * cab[0]
      for r2 in radii {
        let r = spacing * Double(r2).squareRoot()
        let w = eta * Foundation.j1(2 * Double.pi * eta * r) / r
        laa += w * caa[r2]; lbb += w * cbb[r2]; lab += w * cab[r2]
      }
      return ((caa[0] - area * laa) * norm, (cbb[0] - area * lbb) * norm, (cab[0] - area * lab) * norm)
    }
  }

  /// Σ_k S_k e^{+2πi(k₁j₁ + k₂j₂)/M} by row–column FFTs (conjugate, forward, conjugate).
  func inverse(_ s: [Complex<Double>]) -> [Complex<Double>] {
    let m = count * padding
    let plan = FourierPlan<Double>(count: m)
    var z = s.map { $0.conjugate }
    var line = [Complex<Double>](repeating: .zero, count: m)
    for r in 0..<m {
      for c in 0..<m { line[c] = z[r * m + c] }
      let t = plan.forward(line)
      for c in 0..<m { z[r * m + c] = t[c] }
    }
    for c in 0..<m {
      for r in 0..<m { line[r] = z[r * m + c] }
      let t = plan.forward(line)
      for r in 0..<m { z[r * m + c] = t[r].conjugate }
    }
    return z
  }
}

extension Network where Scalar == Double {
  /// ∇_θh(x)·direction at the n inputs `inputs` (n × d, row-major), forward mode for the
  /// whole batch (the recursion of `valueAndTangent`, layer by layer over all points).
  func tangents(batch inputs: [Double], direction: [Double]) -> [Double] {
    let d = inputDimension
    let n = inputs.count / d
    var a = inputs
    var da = [Double](repeating: 0, count: inputs.count)
    for l in 0..<layerCount {
      let nIn = widths[l], nOut = widths[l + 1]
      let wo = weightOffset(l), bo = biasOffset(l)
      let c = weightMultiplier(l)
      var z = [Double](repeating: 0, count: n * nOut), dz = z
      parameters.withUnsafeBufferPointer { p in
        direction.withUnsafeBufferPointer { q in
          a.withUnsafeBufferPointer { ap in
            da.withUnsafeBufferPointer { dap in
              z.withUnsafeMutableBufferPointer { zp in
                dz.withUnsafeMutableBufferPointer { dzp in
                  for k in 0..<n {
                    for i in 0..<nOut {
                      var s = 0.0, ds = 0.0
                      for j in 0..<nIn {
                        let w = p[wo + i * nIn + j], x = ap[k * nIn + j]
                        s += w * x
                        ds += q[wo + i * nIn + j] * x + w * dap[k * nIn + j]
                      }
                      zp[k * nOut + i] = c * s + p[bo + i]
                      dzp[k * nOut + i] = c * ds + q[bo + i]
                    }
                  }
                }
              }
            }
          }
        }
      }
      if l < layerCount - 1 {
        var derivative = [Double](repeating: 0, count: n * nOut)
        z.withUnsafeMutableBufferPointer { zp in
          derivative.withUnsafeMutableBufferPointer { dp in
            Double.applyActivation(
              activation, zp.baseAddress!, values: zp.baseAddress!, derivatives: dp.baseAddress!, count: n * nOut)
          }
        }
        for k in dz.indices { dz[k] *= derivative[k] }
      }
      a = z
      da = dz
    }
    return da
  }
}

extension InitialStage {
  /// The initial-stage quantities of a network ℝ² → ℝ by the Double FFT path on an N × N grid,
  /// N = `points` (error estimate: the difference to the N/2 × N/2 grid, plus the double floor).
  ///
  /// In d = 2: g = u√ρ, L = ∫u²ρ dx = ∫|ĝ|² dξ, L⁺_η = ∫_{|ξ|>η}|ĝ|², dL⁺_η/dt = 2∫_{|ξ|>η}
  /// Re(conj(ĝ) φ̂), φ = (∂_t u)√ρ, R(η) = |dL⁺_η/dt|/|dL/dt|, B(η) = 2(L⁺_η)^{1/2}
  /// (∫_{|ξ|>η}|φ̂|²)^{1/2}/|∇L|², dL/dt = −|∇L|².
  public static func computeGrid2D(
    network: Network<Double>, target: StageTarget2D, density: SampleDensity2D, etas: [Double],
    points: Int = 256
  ) throws(StageError) -> InitialStageResult {
    guard network.inputDimension == 2, network.outputDimension == 1 else {
      throw StageError("network: the 2-D stage quantities need widths [2, …, 1], found \(network.widths)")
    }
    guard !etas.isEmpty else { throw StageError("eta: at least one cut-off η is needed") }
    for e in etas where !(e > 0 && e.isFinite) {
      throw StageError("eta: every cut-off must be a finite number > 0 (got \(e))")
    }
    guard points >= 16, points & (points - 1) == 0 else {
      throw StageError("points: the 2-D grid needs a power of two ≥ 16 points per axis (got \(points))")
    }
    let fine = StageGrid2D(density: density, count: points, growth: outputGrowth(network))
    // The second grid: N/2 points per axis on the same box (for the uniform square, its edges
    // again halfway between points).
    let coarse = StageGrid2D(density: density, count: points / 2, growth: outputGrowth(network))
    let (a, fa) = try gridQuantities2D(network: network, target: target, density: density, etas: etas, grid: fine)
    let (b, fb) = try gridQuantities2D(
      network: network, target: target, density: density, etas: etas, grid: coarse)
    return gridResult(etas: etas, fine: a, coarse: b, fourierRate: (fa, fb), nodes: points * points)
  }

  /// The grid numbers of one 2-D grid (`GridNumbers` of the 1-D path), and the Fourier-side
  /// dL/dt = 2 ∫ Re(conj(ĝ) φ̂) dξ over the grid's whole frequency cell (`tails` at η = 0; = the x-side
  /// 2Δ² Σ gφ by discrete Parseval, = −|∇L|² by the gradient-flow identity).
  static func gridQuantities2D(
    network: Network<Double>, target: StageTarget2D, density: SampleDensity2D, etas: [Double], grid: StageGrid2D
  ) throws(StageError) -> (GridNumbers, fourierRate: Double) {
    let x = grid.nodes
    let n = x.count / 2
    let f = try target.values(at: x)
    let h = network.outputs(x)
    let u = zip(h, f).map { $0 - $1 }
    let rho = (0..<n).map { density.value(x[2 * $0], x[2 * $0 + 1]) }
    let sqrtRho = rho.map { $0.squareRoot() }
    let g = zip(u, sqrtRho).map { $0 * $1 }
    for k in 0..<n where !g[k].isFinite {
      throw StageError("network output is not finite at x = (\(x[2 * k]), \(x[2 * k + 1]))")
    }
    if density.isSmooth {
      // Square-integrability of u against ρ: g must have died out on the edges of the box.
      let m = g.map { abs($0) }.max() ?? 0
      let c = grid.count
      var edge = 0.0
      for i in 0..<c { edge = max(edge, abs(g[i]), abs(g[(c - 1) * c + i]), abs(g[i * c]), abs(g[i * c + c - 1])) }
      if edge > 1e-6 * m {
        throw StageError(
          "target `\(target.text)`: u = h − f is not square-integrable against ρ = \(density) "
            + "(|u√ρ| does not decay on the edges of the grid)")
      }
    }
    let area = grid.spacing * grid.spacing
    let gradient =
      network.lossAndGradient(inputs: x, targets: f, weights: rho.map { $0 * area }, loss: MeanSquaredError()).gradient
    let velocity = network.tangents(batch: x, direction: gradient.map { -$0 })
    let phi = zip(velocity, sqrtRho).map { $0 * $1 }
    let L = area * g.reduce(0) { $0 + $1 * $1 }
    let dLdt = 2 * area * zip(g, phi).reduce(0) { $0 + $1.0 * $1.1 }
    let V = area * phi.reduce(0) { $0 + $1 * $1 }
    let g2 = gradient.reduce(0) { $0 + $1 * $1 }
    let all = try grid.tails(g, phi, etas: [0] + etas)
    let t = Array(all.dropFirst())
    let Lp = t.map(\.aa), Vp = t.map(\.bb), rate = t.map { 2 * $0.ab }
    let R = rate.map { abs($0) / abs(dLdt) }
    let B = etas.indices.map { 2 * (max(Lp[$0], 0) * max(Vp[$0], 0)).squareRoot() / g2 }
    return (GridNumbers(L: L, dLdt: dLdt, g2: g2, V: V, Lp: Lp, rate: rate, Vp: Vp, R: R, B: B), 2 * all[0].ab)
  }
}
