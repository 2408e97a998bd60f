import MultiPrecision
import NeuralNetworks
import Quadrature

/// The segment integrals of `InitialStage.computeKinkExpansion`: ∫|ĝ|², ∫Re(conj ĝ φ̂), ∫|φ̂|² between
/// consecutive break points (keyed by the segment's lower end), with error estimates: fine − coarse
/// rule, the per-node errors (the rounding bound δ_g, δ_φ of the direct sums; the last two orders of
/// the expansion), and the rounding of the sums over nodes. On the last panel before Ξ the expansion
/// is checked against the direct sums (`mismatch`); a mismatch beyond 1e-6 plus δ_g, or a δ_g above
/// 1/4 of |ĝ| there, throws.
struct KinkSegmentIntegrals {
  var value: [Double: [Double]] = [:]
  var error: [Double: [Double]] = [:]
  var xiNodes = 0
  /// The relative mismatch of the expansion against the direct sums on the last panel before Ξ.
  var mismatch = 0.0

  /// The direct Fourier sums: the fine and coarse x rule applied to g = u√ρ and φ = ∂_t u √ρ, and
  /// their rounding bounds δ_g = 64ε Σ_k |w_k g_k| (δ_φ).
  private struct DirectSums {
    let rows: [[Double]]
    let phases: [Double]
    let deltaG: Double
    let deltaPhi: Double

    init(_ s: ResidualSamples<Double>) {
      let g = zip(s.u, s.sqrtRho).map { $0 * $1 }
      let phi = zip(s.velocity, s.sqrtRho).map { $0 * $1 }
      rows = [
        zip(s.fine, g).map { $0 * $1 }, zip(s.coarse, g).map { $0 * $1 },
        zip(s.fine, phi).map { $0 * $1 }, zip(s.coarse, phi).map { $0 * $1 },
      ]
      phases = s.nodes.map { 2 * Double.pi * $0 }
      deltaG = 64 * Double.ulpOfOne * zip(s.fine, g).reduce(0) { $0 + abs($1.0 * $1.1) }
      deltaPhi = 64 * Double.ulpOfOne * zip(s.fine, phi).reduce(0) { $0 + abs($1.0 * $1.1) }
    }
  }

  /// The running sums of one segment: fine rule, coarse rule, per-node errors (|ĝ|², Re conj ĝ φ̂, |φ̂|²).
  private struct Accumulator {
    var f = [0.0, 0.0, 0.0], c = [0.0, 0.0, 0.0], e = [0.0, 0.0, 0.0]
  }

  /// The largest |ĝ|, |φ̂| on the check panel and the largest distance of the expansion from them.
  private struct Check {
    var maxG = 0.0, maxPhi = 0.0, diffG = 0.0, diffPhi = 0.0
  }

  init(samples s: ResidualSamples<Double>, expansion: KinkExpansion, plan: KinkExpansionPlan) throws(StageError) {
    let direct = DirectSums(s)
    let directRule = ClenshawCurtisRule<Double>.rule(intervals: 48)
    let farRule = ClenshawCurtisRule<Double>.rule(intervals: 32)
    var check = Check()
    for (lo, hi) in zip(plan.breaks, plan.breaks.dropFirst()) {
      let isDirect = hi <= plan.switchXi
      let width = isDirect ? 0.25 : 0.125
      let rule = isDirect ? directRule : farRule
      let panels = max(1, Int(((hi - lo) / width).rounded(.up)))
      let step = (hi - lo) / Double(panels)
      var acc = Accumulator()
      for q in 0..<panels {
        let pa = lo + Double(q) * step, pb = q == panels - 1 ? hi : lo + Double(q + 1) * step
        let mid = (pa + pb) / 2, half = (pb - pa) / 2
        let mEnd = isDirect ? 0 : expansion.ordersNeeded(at: pa)
        let checkPanel = isDirect && q == panels - 1 && hi == plan.switchXi
        var panelCheck = Check()
        for k in rule.nodes.indices {
          let xi = mid + half * rule.nodes[k]
          let wf = half * rule.weights[k], wc = half * rule.coarseWeights[k]
          xiNodes += 1
          if isDirect {
            Self.addDirect(
              xi: xi, wf: wf, wc: wc, direct, &acc, check: checkPanel ? expansion : nil, &panelCheck)
          } else {
            Self.addExpansion(expansion.transforms(at: xi, mEnd: mEnd), wf: wf, wc: wc, &acc)
          }
        }
        if checkPanel { check = panelCheck }
      }
      value[lo] = acc.f
      // Fine − coarse, the per-node errors, and the rounding of the sums over nodes.
      error[lo] = (0..<3).map { abs(acc.f[$0] - acc.c[$0]) + acc.e[$0] + 64 * Double.ulpOfOne * abs(acc.f[$0]) }
    }
    mismatch = max(
      check.diffG / max(check.maxG, .leastNormalMagnitude), check.diffPhi / max(check.maxPhi, .leastNormalMagnitude))
    let (deltaG, deltaPhi) = (direct.deltaG, direct.deltaPhi)
    guard check.diffG <= 1e-6 * check.maxG + deltaG, check.diffPhi <= 1e-6 * check.maxPhi + deltaPhi else {
      throw StageError(
        "kink expansion: relative mismatch \(mismatch) against the direct transform at ξ ≈ \(plan.switchXi) (above "
          + "1e-6 plus the rounding bound of the direct sums, \(deltaG / max(check.maxG, .leastNormalMagnitude)))")
    }
    guard deltaG <= 0.25 * check.maxG, deltaPhi <= 0.25 * check.maxPhi else {
      throw StageError(
        "kink expansion: the direct sums cannot check the expansion at ξ ≈ \(plan.switchXi): their rounding bound "
          + "is \(deltaG / max(check.maxG, .leastNormalMagnitude)) of |ĝ| (above 1/4)")
    }
  }

  /// One ξ node of the direct part (ĝ = C − iS from the Fourier sums); on the check panel
  /// (`check` non-nil) also the distance of the expansion from the sums.
  private static func addDirect(
    xi: Double, wf: Double, wc: Double, _ direct: DirectSums, _ acc: inout Accumulator, check expansion: KinkExpansion?,
    _ check: inout Check
  ) {
    let (deltaG, deltaPhi) = (direct.deltaG, direct.deltaPhi)
    let sums = Double.fourierSums(xi: xi, phases: direct.phases, values: direct.rows)
    let (c0, s0) = sums[0], (c1, s1) = sums[1], (c2, s2) = sums[2], (c3, s3) = sums[3]
    acc.f[0] += wf * (c0 * c0 + s0 * s0); acc.f[1] += wf * (c0 * c2 + s0 * s2); acc.f[2] += wf * (c2 * c2 + s2 * s2)
    acc.c[0] += wc * (c1 * c1 + s1 * s1); acc.c[1] += wc * (c1 * c3 + s1 * s3); acc.c[2] += wc * (c3 * c3 + s3 * s3)
    let ga = (c0 * c0 + s0 * s0).squareRoot(), pa = (c2 * c2 + s2 * s2).squareRoot()
    acc.e[0] += abs(wf) * (2 * ga * deltaG + deltaG * deltaG)
    acc.e[1] += abs(wf) * (ga * deltaPhi + pa * deltaG + deltaG * deltaPhi)
    acc.e[2] += abs(wf) * (2 * pa * deltaPhi + deltaPhi * deltaPhi)
    guard let expansion else { return }
    // ĝ = C − iS.
    let a = expansion.transforms(at: xi, mEnd: expansion.ordersNeeded(at: xi))
    check.maxG = max(check.maxG, (c0 * c0 + s0 * s0).squareRoot())
    check.maxPhi = max(check.maxPhi, (c2 * c2 + s2 * s2).squareRoot())
    check.diffG = max(check.diffG, ((a.g.0 - c0) * (a.g.0 - c0) + (a.g.1 + s0) * (a.g.1 + s0)).squareRoot())
    check.diffPhi = max(
      check.diffPhi, ((a.phi.0 - c2) * (a.phi.0 - c2) + (a.phi.1 + s2) * (a.phi.1 + s2)).squareRoot())
  }

  /// One ξ node of the expansion part: its transforms and their errors (the last two orders).
  private static func addExpansion(
    _ a: (g: (Double, Double), phi: (Double, Double), gErr: Double, phiErr: Double), wf: Double, wc: Double,
    _ acc: inout Accumulator
  ) {
    let gg = a.g.0 * a.g.0 + a.g.1 * a.g.1, pp = a.phi.0 * a.phi.0 + a.phi.1 * a.phi.1
    let gp = a.g.0 * a.phi.0 + a.g.1 * a.phi.1
    let ga = gg.squareRoot(), pa = pp.squareRoot()
    acc.f[0] += wf * gg; acc.f[1] += wf * gp; acc.f[2] += wf * pp
    acc.c[0] += wc * gg; acc.c[1] += wc * gp; acc.c[2] += wc * pp
    acc.e[0] += abs(wf) * (2 * ga * a.gErr + a.gErr * a.gErr)
    acc.e[1] += abs(wf) * (ga * a.phiErr + pa * a.gErr + a.gErr * a.phiErr)
    acc.e[2] += abs(wf) * (2 * pa * a.phiErr + a.phiErr * a.phiErr)
  }
}

/// The three integrals beyond `farXi` = X: the diagonal Σ_k |P_k(ξ)|² of the kink expansion integrated
/// exactly (powers of ξ), the oscillating cross terms between kinks k, l bounded by integration by
/// parts, |∫_X^∞ e^{−iaξ}F| ≤ 3|F(X)|/|a| (or ∫|F|), a = 2π|x_k − x_l|: that bound is `error`.
struct KinkExpansionTail {
  var value = [0.0, 0.0, 0.0]
  var error = [0.0, 0.0, 0.0]

  init(expansion: KinkExpansion, from farXi: Double) {
    let K = expansion.points.count, n = expansion.orders
    var size = [[Double]](repeating: [0, 0], count: K)
    var lead = [[Int]](repeating: [n, n], count: K)
    for k in 0..<K {
      let cg = (0..<n).map { (expansion.gRe[k][$0], expansion.gIm[k][$0]) }
      let cp = (0..<n).map { (expansion.phiRe[k][$0], expansion.phiIm[k][$0]) }
      for m in 0..<n {
        for m2 in 0..<n {
          let w = Double.pow(farXi, Double(-(m + m2 + 1))) / Double(m + m2 + 1)
          value[0] += (cg[m].0 * cg[m2].0 + cg[m].1 * cg[m2].1) * w
          value[1] += (cg[m].0 * cp[m2].0 + cg[m].1 * cp[m2].1) * w
          value[2] += (cp[m].0 * cp[m2].0 + cp[m].1 * cp[m2].1) * w
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
        error[0] += bound(0, 0)
        error[1] += bound(0, 1) / 2 + bound(1, 0) / 2
        error[2] += bound(1, 1)
      }
    }
  }
}
