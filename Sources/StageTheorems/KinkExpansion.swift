import Expressions
import NeuralNetworks

/// The large-ξ expansion of ĝ = F[u√ρ] and φ̂ = F[(∂_t u)√ρ] for a 1-D ReLU^p
/// network: both functions are smooth between finitely many break points x_k
/// (the kinks of the network, the jumps of ρ), so repeated integration by parts gives
///
///     ĝ(ξ) = Σ_k e^{−2πiξx_k} Σ_{m≥0} Δ_k^{(m)} / (2πiξ)^{m+1} + E(ξ),
///
/// with Δ_k^{(m)} = g^{(m)}(x_k+) − g^{(m)}(x_k−) the jump of the m-th derivative
/// (for g = H(x)e^{−x}: Δ^{(m)} = (−1)^m and the sum is 1/(1 + 2πiξ) exactly). E is
/// the transform of the smooth remainder: it decays faster than any power of ξ,
/// like e^{−2πrξ} where r is the distance of the nearest complex singularity of
/// g (r = ∞ for a Gaussian ρ; for a mixture the complex zeros of ρ). For ReLU^p the
/// first jump of g is Δ^{(p)} (of (wx + b)_+^p) and that of φ is Δ^{(p−1)} (∂_θ of
/// ReLU^p is p·ReLU^{p−1}), so |ĝ|² ~ ξ^{−2(p+1)}, |φ̂|² ~ ξ^{−2p}: the origin of
/// B(η) = O(η^{−2p}).
///
/// The jumps are exact (up to rounding): one-sided Taylor jets of the network in
/// x (with the parameter tangent along −∇L) at each break point, times the Taylor
/// series of √ρ; at a jump of ρ the target's series (symbolic derivatives) enters.
struct KinkExpansion {
  /// Break points x_k.
  var points: [Double] = []
  /// Complex coefficients of (1/ξ)^{m+1}: Δ_k^{(m)} / (2πi)^{m+1}, for g and φ.
  var gRe: [[Double]] = [], gIm: [[Double]] = []
  var phiRe: [[Double]] = [], phiIm: [[Double]] = []
  /// Orders kept (m = 0 ..< orders).
  var orders: Int

  /// The jets of `network` (ReLU or ReLU^p, any depth) at its kinks in [a, b] and at
  /// the jumps of ρ. `direction` is the parameter velocity θ̇ = −∇L.
  init(
    network: Network<Double>, direction: [Double], target: StageTarget, density: SampleDensity,
    kinks: [Double], support: (lower: Double, upper: Double), orders: Int = 40
  ) throws(StageError) {
    guard case .piecewisePolynomial(let p, 0) = network.activation.regularity, p >= 1 else {
      throw StageError(
        "activation `\(network.activation.name)`: the kink expansion is for ReLU and ReLU^p networks only")
    }
    guard network.inputDimension == 1, network.outputDimension == 1 else {
      throw StageError("network: the 1-D stage quantities need widths [1, …, 1], found \(network.widths)")
    }
    self.orders = orders
    let n = orders
    // Target series, needed only where ρ jumps.
    var fDerivatives: [CompiledExpression<Double>] = []
    if !density.jumps.isEmpty {
      var e = target.expression
      for m in 0..<n {
        do {
          fDerivatives.append(try CompiledExpression<Double>(e, variables: ["x", "x1"], precision: 53))
        } catch {
          throw StageError("target `\(target.text)`: \(error.message)")
        }
        if m < n - 1 {
          guard let d = e.derivative(with: "x") else {
            throw StageError("target `\(target.text)`: no symbolic derivative (needed at the jumps of ρ)")
          }
          e = d
        }
      }
    }
    var breaks: [(x: Double, isJump: Bool)] = kinks.map { ($0, false) }
    breaks += density.jumps.filter { $0 >= support.lower && $0 <= support.upper }.map { ($0, true) }
    breaks.sort { $0.x < $1.x }
    for (x, isJump) in breaks {
      let left = Self.jet(network, direction: direction, at: x, side: -1, power: p, orders: n)
      let right = Self.jet(network, direction: direction, at: x, side: 1, power: p, orders: n)
      var dg: [Double], dphi: [Double]
      if isJump {
        // √ρ is constant c on the support and 0 outside: Δ(u√ρ) = u·(√ρ⁺ − √ρ⁻).
        let c = Double.sqrt(density.value(x))
        let sign = x <= support.lower + 1e-12 * (1 + abs(x)) ? 1.0 : -1.0
        var u = right.h
        for m in 0..<n {
          let fm: Double
          do { fm = try fDerivatives[m].evaluate([x, x]) } catch {
            throw StageError("target `\(target.text)` cannot be differentiated at x = \(x): \(error.message)")
          }
          u[m] -= fm / Self.factorial(m)
        }
        dg = u.map { sign * c * $0 }
        dphi = right.hDot.map { sign * c * $0 }
      } else {
        let s = Self.sqrtDensitySeries(density, at: x, orders: n)
        dg = Self.multiply(zip(right.h, left.h).map { $0 - $1 }, s)
        dphi = Self.multiply(zip(right.hDot, left.hDot).map { $0 - $1 }, s)
      }
      // Δ^{(m)} = m!·(Taylor coefficient jump); coefficient of ξ^{−(m+1)} is Δ^{(m)}/(2πi)^{m+1}.
      var gr = [Double](repeating: 0, count: n), gi = gr, pr = gr, pi = gr
      var fact = 1.0, scale = 1.0
      for m in 0..<n {
        if m > 0 { fact *= Double(m) }
        scale /= 2 * Double.pi
        // 1/i^{m+1}: m = 0 → −i, 1 → −1, 2 → i, 3 → 1.
        let (cr, ci): (Double, Double) = [(0, -1), (-1, 0), (0, 1), (1, 0)][m % 4]
        let a = fact * scale * dg[m], b = fact * scale * dphi[m]
        gr[m] = a * cr; gi[m] = a * ci
        pr[m] = b * cr; pi[m] = b * ci
      }
      points.append(x)
      gRe.append(gr); gIm.append(gi); phiRe.append(pr); phiIm.append(pi)
    }
  }

  static func factorial(_ m: Int) -> Double { (1...max(1, m)).reduce(1.0) { $0 * Double($1) } }

  /// Truncated product of two Taylor series.
  static func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
    var c = [Double](repeating: 0, count: a.count)
    for i in a.indices where a[i] != 0 {
      for j in 0..<(a.count - i) { c[i + j] += a[i] * b[j] }
    }
    return c
  }

  /// The Taylor series of √ρ at x: each Gaussian component is exp of a quadratic
  /// (exp series by n·e_n = Σ j q_j e_{n−j}), their sum is ρ, and √ρ by s_n =
  /// (r_n − Σ_{0<j<n} s_j s_{n−j}) / (2 s_0).
  static func sqrtDensitySeries(_ density: SampleDensity, at x: Double, orders n: Int) -> [Double] {
    var r = [Double](repeating: 0, count: n)
    if case .uniform(let a, let b) = density { r[0] = density.value(x) > 0 ? 1 / (b - a) : 0 }
    for c in density.components {
      let z = (x - c.mean)
      let v = c.sd * c.sd
      // q(t) = −(z + t)²/(2v).
      var q = [Double](repeating: 0, count: n)
      q[0] = -z * z / (2 * v)
      if n > 1 { q[1] = -z / v }
      if n > 2 { q[2] = -1 / (2 * v) }
      var e = [Double](repeating: 0, count: n)
      e[0] = Double.exp(q[0])
      for k in 1..<n {
        var s = 0.0
        for j in 1...min(k, 2) { s += Double(j) * q[j] * e[k - j] }
        e[k] = s / Double(k)
      }
      let scale = c.weight / (c.sd * Double.sqrt(2 * Double.pi))
      for k in 0..<n { r[k] += scale * e[k] }
    }
    var s = [Double](repeating: 0, count: n)
    s[0] = Double.sqrt(r[0])
    guard s[0] > 0 else { return s }
    for k in 1..<n {
      var t = r[k]
      for j in 1..<k { t -= s[j] * s[k - j] }
      s[k] = t / (2 * s[0])
    }
    return s
  }

  /// One-sided Taylor jets at x of h and of its tangent ∇_θh·direction, as series in
  /// t = x' − x (t > 0 for side +1). A hidden neuron whose pre-activation vanishes at x
  /// (relative to its scale) is the kink's: its sign on the side is that of the first
  /// non-zero coefficient z_m times side^m.
  static func jet(
    _ net: Network<Double>, direction: [Double], at x: Double, side: Double, power p: Int, orders n: Int
  ) -> (h: [Double], hDot: [Double]) {
    var a: [[Double]] = [[x, 1] + [Double](repeating: 0, count: max(0, n - 2))]
    var da: [[Double]] = [[Double](repeating: 0, count: n)]
    for l in 0..<net.layerCount {
      let nIn = net.widths[l], nOut = net.widths[l + 1]
      let wo = net.weightOffset(l), bo = net.biasOffset(l)
      let c = net.weightMultiplier(l)
      var z = [[Double]](repeating: [Double](repeating: 0, count: n), count: nOut)
      var dz = z
      var out = z, dout = z
      for i in 0..<nOut {
        var scale = abs(net.parameters[bo + i])
        for j in 0..<nIn {
          let w = net.parameters[wo + i * nIn + j], dw = direction[wo + i * nIn + j]
          scale += abs(c * w * a[j][0])
          for m in 0..<n {
            z[i][m] += c * w * a[j][m]
            dz[i][m] += c * (dw * a[j][m] + w * da[j][m])
          }
        }
        z[i][0] += net.parameters[bo + i]
        dz[i][0] += direction[bo + i]
        if l == net.layerCount - 1 {
          out[i] = z[i]; dout[i] = dz[i]
          continue
        }
        var active = z[i][0] > 0
        if abs(z[i][0]) <= 1e-9 * scale {
          z[i][0] = 0
          active = false
          var sign = side
          for m in 1..<n {
            if abs(z[i][m]) > 1e-12 * scale {
              active = z[i][m] * sign > 0
              break
            }
            sign *= side
          }
        }
        guard active else { continue }
        // ReLU^p: z^p and p z^{p−1} ż.
        var zp1 = [Double](repeating: 0, count: n)
        zp1[0] = 1
        for _ in 0..<(p - 1) { zp1 = multiply(zp1, z[i]) }
        out[i] = multiply(zp1, z[i])
        dout[i] = multiply(zp1, dz[i]).map { Double(p) * $0 }
      }
      a = out
      da = dout
    }
    return (a[0], da[0])
  }

  /// (ĝ, φ̂) from the expansion at ξ, orders below `mEnd`, and the size of the
  /// last two orders kept (the truncation error estimate) for each.
  func transforms(
    at xi: Double, mEnd: Int
  ) -> (g: (Double, Double), phi: (Double, Double), gErr: Double, phiErr: Double) {
    let z = 1 / xi
    var gr = 0.0, gi = 0.0, pr = 0.0, pi = 0.0, ge = 0.0, pe = 0.0
    let twoPiXi = 2 * Double.pi * xi
    let zLast = Double.pow(z, Double(mEnd))
    for k in points.indices {
      // Horner in z for Σ_m C_m z^{m+1}.
      var ar = 0.0, ai = 0.0, br = 0.0, bi = 0.0
      let cgr = gRe[k], cgi = gIm[k], cpr = phiRe[k], cpi = phiIm[k]
      for m in stride(from: mEnd - 1, through: 0, by: -1) {
        ar = (ar + cgr[m]) * z; ai = (ai + cgi[m]) * z
        br = (br + cpr[m]) * z; bi = (bi + cpi[m]) * z
      }
      for m in [mEnd - 1, mEnd - 2] where m >= 0 {
        ge += (abs(cgr[m]) + abs(cgi[m])) * (m == mEnd - 1 ? zLast : zLast * xi)
        pe += (abs(cpr[m]) + abs(cpi[m])) * (m == mEnd - 1 ? zLast : zLast * xi)
      }
      // e^{−2πiξx_k}.
      let t = twoPiXi * points[k]
      let c = Double.cos(t), s = -Double.sin(t)
      gr += ar * c - ai * s; gi += ar * s + ai * c
      pr += br * c - bi * s; pi += br * s + bi * c
    }
    return ((gr, gi), (pr, pi), ge, pe)
  }

  /// The number of orders needed at ξ ≥ `xi`: beyond it every coefficient, scaled
  /// by ξ^{−(m+1)}, is below 1e-17 of the largest.
  func ordersNeeded(at xi: Double) -> Int {
    var t = [Double](repeating: 0, count: orders)
    var zl = 1.0
    for m in 0..<orders {
      zl /= xi
      for k in points.indices {
        t[m] = max(t[m], (abs(gRe[k][m]) + abs(gIm[k][m]) + abs(phiRe[k][m]) + abs(phiIm[k][m])) * zl)
      }
    }
    let top = t.max() ?? 0
    var end = orders
    while end > 2 && t[end - 1] <= 1e-17 * top && t[end - 2] <= 1e-17 * top { end -= 1 }
    return min(orders, end + 2)
  }
}
