import MultiPrecision
import NeuralNetworks
import Quadrature

extension InitialStage {
  /// The initial-stage quantities of a 1-D ReLU^p network at large cut-offs η, with
  /// the tails computed directly (no cancellation L − L⁻_η):
  ///
  ///     L⁺_η = 2 ∫_η^∞ |ĝ|²,  dL⁺_η/dt = 4 Re ∫_η^∞ conj(ĝ) φ̂,  V⁺_η = 2 ∫_η^∞ |φ̂|²,
  ///
  /// where ĝ and φ̂ are
  /// - on [η_min, Ξ] (Ξ = max(16, η_min)): Fourier sums over the nodes of the nested
  ///   Clenshaw–Curtis x rule split at the kinks (pieces ≤ min(1/8, 2/Ξ), so each piece
  ///   holds ≤ 2 periods of e^{−2πiξx} for 49 nodes), ξ panels of 1/4 (nested rules again);
  /// - on [Ξ, max(256, 4 max(η, Ξ))]: the kink expansion (`KinkExpansion`), ξ panels of 1/8 with
  ///   nested 33/17-point rules; the error of a node is the size of the last two orders;
  /// - beyond: the diagonal part Σ_k |P_k(ξ)|² of the expansion integrated exactly
  ///   (powers of ξ), the oscillating cross terms bounded by integration by parts,
  ///   |∫_X^∞ e^{−iaξ}F| ≤ 3|F(X)|/|a| (or ∫|F|), and the bound added to the error.
  ///
  /// The expansion is checked against the direct sums on the last panel before Ξ: a
  /// mismatch above 1e-6 of the panel's max |ĝ| (|φ̂|) plus the rounding bound δ_g (δ_φ)
  /// of the direct sums throws, so a network whose transform is not the kink expansion
  /// (a missed kink, complex singularities of ρ near the real axis) gives an error, not
  /// a number. δ_g = 64ε Σ_k |w_k g_k| is what the Double sums can resolve: for networks
  /// that grow fast (depth-2 ReLU³, |u| ~ |x|⁹) the sums cancel by ten orders and more at
  /// ξ = 16 and δ_g is 1e-3 … 1e-2 of |ĝ| there (the expansion agrees with the same rule in
  /// 200-bit arithmetic to 1e-10). The check then resolves the expansion only to δ_g, so
  /// when δ_g exceeds 1/4 of the panel's max |ĝ| it throws as well (nothing is checked).
  /// δ_g also enters the error of every value below Ξ. L, dL/dt, |∇L|², ∫(∂_t u)²ρ are the x-side integrals in Double.
  public static func computeKinkExpansion(
    network: Network<Double>, target: StageTarget, density: SampleDensity, etas: [Double]
  ) throws(StageError) -> InitialStageResult {
    guard !etas.isEmpty else { throw StageError("eta: at least one cut-off η is needed") }
    for e in etas where !(e > 0 && e.isFinite) {
      throw StageError("eta: every cut-off must be a finite number > 0 (got \(e))")
    }
    guard reluPower(network.activation) != nil else {
      throw StageError("activation `\(network.activation.name)`: the kink expansion is for ReLU^p networks")
    }
    let cuts = Array(Set(etas)).sorted()
    let etaMin = cuts.first!, etaMax = cuts.last!
    // Ξ: where the smooth remainder E(ξ) of the expansion is negligible. √ρ of a normal law is entire
    // (E decays like a Gaussian in ξ: e^(−4π²σ²ξ²)·poly, below 1e-300 at ξ = 8 for σ ≥ 1/2) and a uniform
    // one is constant on its support (its ends are break points), so Ξ = 8 there; √ρ of a mixture has
    // branch points at a finite distance r from the real axis (0.38 for the files' mixture) and E ~ e^(−2πrξ)
    // stays above 1e-17 of |ĝ| until ξ ≈ 16.
    let smoothFrom: Double
    switch density {
    case .normal(_, let sd): smoothFrom = sd >= 0.5 ? 8 : 16
    case .uniform: smoothFrom = 8
    case .mixture: smoothFrom = 16
    }
    let switchXi = max(smoothFrom, etaMin)
    let directLow = min(etaMin, switchXi - 0.5)
    let farXi = max(256, 4 * max(etaMax, switchXi))
    let digits = 14
    let s = try ResidualSamples<Double>(
      network: network, target: target, density: density, digits: digits,
      pieceLength: min(0.125, 2 / switchXi), intervals: 48)
    let support = density.support(digits: digits, growth: outputGrowth(network))
    let expansion = try KinkExpansion(
      network: network, direction: s.gradient.map { -$0 }, target: target, density: density, kinks: s.kinks,
      support: support)

    // x side (as `computeOnce`).
    let uRho = zip(s.u, s.rho).map { $0 * $1 }
    let L = s.integrate(zip(uRho, s.u).map { $0 * $1 })
    let dLdt = s.integrate(zip(uRho, s.velocity).map { 2 * $0 * $1 })
    let V = s.integrate(zip(zip(s.velocity, s.rho).map { $0 * $1 }, s.velocity).map { $0 * $1 })
    var g2 = 0.0, g2c = 0.0, dg2 = 0.0
    for j in s.gradient.indices {
      g2 += s.gradient[j] * s.gradient[j]
      g2c += s.gradientCoarse[j] * s.gradientCoarse[j]
      dg2 += (s.gradient[j] - s.gradientCoarse[j]) * (s.gradient[j] - s.gradientCoarse[j])
    }
    let gRel = g2 > 0 ? (dg2 / g2).squareRoot() : 0

    // Segment integrals of |ĝ|², Re(conj ĝ φ̂), |φ̂|² between consecutive break points,
    // with error estimates.
    var breaks = Array(Set(cuts + [switchXi, directLow, farXi])).sorted()
    breaks = breaks.filter { $0 >= directLow && $0 <= farXi }
    var segValue: [Double: [Double]] = [:], segError: [Double: [Double]] = [:]
    var xiNodes = 0
    var checkDiff = (g: 0.0, phi: 0.0), checkMax = (g: 0.0, phi: 0.0)

    // Direct part.
    let g = zip(s.u, s.sqrtRho).map { $0 * $1 }
    let phi = zip(s.velocity, s.sqrtRho).map { $0 * $1 }
    let rows = [
      zip(s.fine, g).map { $0 * $1 }, zip(s.coarse, g).map { $0 * $1 },
      zip(s.fine, phi).map { $0 * $1 }, zip(s.coarse, phi).map { $0 * $1 },
    ]
    let phases = s.nodes.map { 2 * Double.pi * $0 }
    // Rounding of the direct sums: |error of ĝ| ≤ δ_g = 64ε Σ_k |w_k g_k| (and δ_φ).
    let deltaG = 64 * Double.ulpOfOne * zip(s.fine, g).reduce(0) { $0 + abs($1.0 * $1.1) }
    let deltaPhi = 64 * Double.ulpOfOne * zip(s.fine, phi).reduce(0) { $0 + abs($1.0 * $1.1) }
    let directRule = ClenshawCurtisRule<Double>.rule(intervals: 48)
    let farRule = ClenshawCurtisRule<Double>.rule(intervals: 32)
    for (lo, hi) in zip(breaks, breaks.dropFirst()) {
      let direct = hi <= switchXi
      let width = direct ? 0.25 : 0.125
      let rule = direct ? directRule : farRule
      let panels = max(1, Int(((hi - lo) / width).rounded(.up)))
      let step = (hi - lo) / Double(panels)
      var f = [0.0, 0.0, 0.0], c = [0.0, 0.0, 0.0], e = [0.0, 0.0, 0.0]
      for q in 0..<panels {
        let pa = lo + Double(q) * step, pb = q == panels - 1 ? hi : lo + Double(q + 1) * step
        let mid = (pa + pb) / 2, half = (pb - pa) / 2
        let mEnd = direct ? 0 : expansion.ordersNeeded(at: pa)
        let checkPanel = direct && q == panels - 1 && hi == switchXi
        var maxG = 0.0, maxPhi = 0.0, diffG = 0.0, diffPhi = 0.0
        for k in rule.nodes.indices {
          let xi = mid + half * rule.nodes[k]
          let wf = half * rule.weights[k], wc = half * rule.coarseWeights[k]
          xiNodes += 1
          if direct {
            let sums = Double.fourierSums(xi: xi, phases: phases, values: rows)
            let (c0, s0) = sums[0], (c1, s1) = sums[1], (c2, s2) = sums[2], (c3, s3) = sums[3]
            f[0] += wf * (c0 * c0 + s0 * s0); f[1] += wf * (c0 * c2 + s0 * s2); f[2] += wf * (c2 * c2 + s2 * s2)
            c[0] += wc * (c1 * c1 + s1 * s1); c[1] += wc * (c1 * c3 + s1 * s3); c[2] += wc * (c3 * c3 + s3 * s3)
            let ga = (c0 * c0 + s0 * s0).squareRoot(), pa = (c2 * c2 + s2 * s2).squareRoot()
            e[0] += abs(wf) * (2 * ga * deltaG + deltaG * deltaG)
            e[1] += abs(wf) * (ga * deltaPhi + pa * deltaG + deltaG * deltaPhi)
            e[2] += abs(wf) * (2 * pa * deltaPhi + deltaPhi * deltaPhi)
            if checkPanel {
              // ĝ = C − iS.
              let a = expansion.transforms(at: xi, mEnd: expansion.ordersNeeded(at: xi))
              maxG = max(maxG, (c0 * c0 + s0 * s0).squareRoot())
              maxPhi = max(maxPhi, (c2 * c2 + s2 * s2).squareRoot())
              diffG = max(diffG, ((a.g.0 - c0) * (a.g.0 - c0) + (a.g.1 + s0) * (a.g.1 + s0)).squareRoot())
              diffPhi = max(diffPhi, ((a.phi.0 - c2) * (a.phi.0 - c2) + (a.phi.1 + s2) * (a.phi.1 + s2)).squareRoot())
            }
          } else {
            let a = expansion.transforms(at: xi, mEnd: mEnd)
            let gg = a.g.0 * a.g.0 + a.g.1 * a.g.1, pp = a.phi.0 * a.phi.0 + a.phi.1 * a.phi.1
            let gp = a.g.0 * a.phi.0 + a.g.1 * a.phi.1
            let ga = gg.squareRoot(), pa = pp.squareRoot()
            f[0] += wf * gg; f[1] += wf * gp; f[2] += wf * pp
            c[0] += wc * gg; c[1] += wc * gp; c[2] += wc * pp
            e[0] += abs(wf) * (2 * ga * a.gErr + a.gErr * a.gErr)
            e[1] += abs(wf) * (ga * a.phiErr + pa * a.gErr + a.gErr * a.phiErr)
            e[2] += abs(wf) * (2 * pa * a.phiErr + a.phiErr * a.phiErr)
          }
        }
        if checkPanel {
          checkDiff = (diffG, diffPhi)
          checkMax = (maxG, maxPhi)
        }
      }
      segValue[lo] = f
      // Fine − coarse, the per-node errors, and the rounding of the sums over nodes.
      segError[lo] = (0..<3).map { abs(f[$0] - c[$0]) + e[$0] + 64 * Double.ulpOfOne * abs(f[$0]) }
    }
    let mismatch = max(
      checkDiff.g / max(checkMax.g, .leastNormalMagnitude), checkDiff.phi / max(checkMax.phi, .leastNormalMagnitude))
    guard checkDiff.g <= 1e-6 * checkMax.g + deltaG, checkDiff.phi <= 1e-6 * checkMax.phi + deltaPhi else {
      throw StageError(
        "kink expansion: relative mismatch \(mismatch) against the direct transform at ξ ≈ \(switchXi) (above 1e-6 "
          + "plus the rounding bound of the direct sums, \(deltaG / max(checkMax.g, .leastNormalMagnitude)))")
    }
    guard deltaG <= 0.25 * checkMax.g, deltaPhi <= 0.25 * checkMax.phi else {
      throw StageError(
        "kink expansion: the direct sums cannot check the expansion at ξ ≈ \(switchXi): their rounding bound is "
          + "\(deltaG / max(checkMax.g, .leastNormalMagnitude)) of |ĝ| (above 1/4)")
    }

    // Beyond farXi: the diagonal exactly, the cross terms bounded.
    var tail = [0.0, 0.0, 0.0], tailError = [0.0, 0.0, 0.0]
    let K = expansion.points.count, n = expansion.orders
    var size = [[Double]](repeating: [0, 0], count: K)
    var lead = [[Int]](repeating: [n, n], count: K)
    for k in 0..<K {
      let cg = (0..<n).map { (expansion.gRe[k][$0], expansion.gIm[k][$0]) }
      let cp = (0..<n).map { (expansion.phiRe[k][$0], expansion.phiIm[k][$0]) }
      for m in 0..<n {
        for m2 in 0..<n {
          let w = Double.pow(farXi, Double(-(m + m2 + 1))) / Double(m + m2 + 1)
          tail[0] += (cg[m].0 * cg[m2].0 + cg[m].1 * cg[m2].1) * w
          tail[1] += (cg[m].0 * cp[m2].0 + cg[m].1 * cp[m2].1) * w
          tail[2] += (cp[m].0 * cp[m2].0 + cp[m].1 * cp[m2].1) * w
        }
      }
      size[k] = [0, 0]
      for m in 0..<n {
        let zm = Double.pow(farXi, Double(-(m + 1)))
        size[k][0] += (abs(cg[m].0) + abs(cg[m].1)) * zm
        size[k][1] += (abs(cp[m].0) + abs(cp[m].1)) * zm
        if lead[k][0] == n && cg[m] != (0, 0) { lead[k][0] = m + 1 }
        if lead[k][1] == n && cp[m] != (0, 0) { lead[k][1] = m + 1 }
      }
    }
    for k in 0..<K {
      for l in (k + 1)..<max(k + 1, K) {
        let a = 2 * Double.pi * abs(expansion.points[k] - expansion.points[l])
        func bound(_ i: Int, _ j: Int) -> Double {
          let decay = Double(lead[k][i] + lead[l][j] - 1)
          return 2 * size[k][i] * size[l][j] * min(a > 0 ? 3 / a : .infinity, farXi / max(decay, 1))
        }
        tailError[0] += bound(0, 0)
        tailError[1] += bound(0, 1) / 2 + bound(1, 0) / 2
        tailError[2] += bound(1, 1)
      }
    }

    // Assemble η-tails: segments at or above η, plus the tail.
    let eps = Double.ulpOfOne * Double(64 + s.nodes.count)
    var R: [StageValue] = [], Bv: [StageValue] = [], Lp: [StageValue] = [], dLp: [StageValue] = []
    var low: [StageValue] = []
    func mp(_ x: Double) -> MPFloat { MPFloat(x, precision: 64) }
    for eta in etas {
      var v = tail, err = tailError
      // In ascending ξ (a dictionary's order changes from process to process with
      // Swift's per-process hash seed, and with it the rounding of the sum).
      for lo in breaks where lo >= eta {
        guard let f = segValue[lo], let e = segError[lo] else { continue }
        for i in 0..<3 { v[i] += f[i]; err[i] += e[i] }
      }
      let lp = 2 * v[0], rate = 4 * v[1], vp = 2 * v[2]
      let eL = 2 * err[0]
      let eRate = 4 * err[1] + abs(rate) * gRel
      let eV = 2 * err[2] + 2 * abs(vp) * gRel
      Lp.append(StageValue(value: mp(lp), error: mp(eL)))
      dLp.append(StageValue(value: mp(rate), error: mp(eRate)))
      low.append(StageValue(value: mp(dLdt.fine - rate), error: mp(eRate + abs(dLdt.fine - dLdt.coarse))))
      let absRate = abs(dLdt.fine)
      let r = abs(rate) / absRate
      R.append(StageValue(value: mp(r), error: mp(eRate / absRate + r * abs(dLdt.fine - dLdt.coarse) / absRate)))
      let lpc = max(lp, 0), vpc = max(vp, 0)
      let b = 2 * (lpc * vpc).squareRoot() / g2
      let bUpper = 2 * ((lpc + eL) * (vpc + eV)).squareRoot() / g2 * (1 + gRel)
      Bv.append(StageValue(value: mp(b), error: mp(bUpper - b)))
    }
    var result = InitialStageResult(
      eta: etas, R: R, B: Bv, lossAbove: Lp, lossAboveRate: dLp,
      loss: StageValue(value: mp(L.fine), error: mp(abs(L.fine - L.coarse) + eps * L.fine)),
      dLdt: StageValue(value: mp(dLdt.fine), error: mp(abs(dLdt.fine - dLdt.coarse) + abs(dLdt.fine) * gRel)),
      gradientNorm2: StageValue(value: mp(g2), error: mp(abs(g2 - g2c) + eps * g2)), lowRate: low,
      velocityNorm2: StageValue(value: mp(V.fine), error: mp(abs(V.fine - V.coarse) + 2 * V.fine * gRel)),
      kinkCount: s.kinks.count, xNodes: s.nodes.count, xiNodes: xiNodes, refinementsUsed: 0, precisionBits: 53)
    result.expansionMismatch = mismatch
    return result
  }
}
