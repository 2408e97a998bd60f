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
  ///
  /// The phases: the ξ ranges (`KinkExpansionPlan`), the x samples and the expansion, the
  /// x side (`XSideIntegrals`), the segment integrals between break points and the check
  /// (`KinkSegmentIntegrals`), the tail beyond the last break (`KinkExpansionTail`), the
  /// η-tails assembled (`assembleKinkExpansion`).
  public static func computeKinkExpansion(
    network: Network<Double>, target: StageTarget, density: SampleDensity, etas: [Double]
  ) throws(StageError) -> InitialStageResult {
    let plan = try KinkExpansionPlan(etas: etas, density: density, activation: network.activation)
    let s = try ResidualSamples<Double>(
      network: network, target: target, density: density, digits: plan.digits,
      pieceLength: min(0.125, 2 / plan.switchXi), intervals: 48)
    let support = density.support(digits: plan.digits, growth: outputGrowth(network))
    let expansion = try KinkExpansion(
      network: network, direction: s.gradient.map { -$0 }, target: target, density: density, kinks: s.kinks,
      support: support)
    let x = XSideIntegrals(s)
    let segments = try KinkSegmentIntegrals(samples: s, expansion: expansion, plan: plan)
    let tail = KinkExpansionTail(expansion: expansion, from: plan.farXi)
    return assembleKinkExpansion(etas: etas, samples: s, x: x, plan: plan, segments: segments, tail: tail)
  }

  /// The η-tails: the segments at or above η plus the tail beyond the last break, and the
  /// x-side quantities, with their errors.
  static func assembleKinkExpansion(
    etas: [Double], samples s: ResidualSamples<Double>, x: XSideIntegrals<Double>, plan: KinkExpansionPlan,
    segments: KinkSegmentIntegrals, tail: KinkExpansionTail
  ) -> InitialStageResult {
    let (L, dLdt, V, g2, g2c, gRel) = (x.L, x.dLdt, x.V, x.g2, x.g2c, x.gRel)
    let eps = Double.ulpOfOne * Double(64 + s.nodes.count)
    var R: [StageValue] = [], Bv: [StageValue] = [], Lp: [StageValue] = [], dLp: [StageValue] = []
    var low: [StageValue] = []
    func mp(_ x: Double) -> MPFloat { MPFloat(x, precision: 64) }
    for eta in etas {
      var v = tail.value, err = tail.error
      // In ascending ξ (a dictionary's order changes from process to process with
      // Swift's per-process hash seed, and with it the rounding of the sum).
      for lo in plan.breaks where lo >= eta {
        guard let f = segments.value[lo], let e = segments.error[lo] else { continue }
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
      kinkCount: s.kinks.count, xNodes: s.nodes.count, xiNodes: segments.xiNodes, refinementsUsed: 0,
      precisionBits: 53)
    result.expansionMismatch = segments.mismatch
    return result
  }
}

/// The ξ ranges of `InitialStage.computeKinkExpansion`: direct Fourier sums on [directLow, Ξ]
/// (Ξ = `switchXi`), the kink expansion on [Ξ, `farXi`], its tail beyond; `breaks` are the
/// segment ends (every cut-off η among them).
struct KinkExpansionPlan {
  let digits = 14
  let switchXi: Double
  let directLow: Double
  let farXi: Double
  let breaks: [Double]

  init(etas: [Double], density: SampleDensity, activation: any Activation) throws(StageError) {
    guard !etas.isEmpty else { throw StageError("eta: at least one cut-off η is needed") }
    for e in etas where !(e > 0 && e.isFinite) {
      throw StageError("eta: every cut-off must be a finite number > 0 (got \(e))")
    }
    guard reluPower(activation) != nil else {
      throw StageError("activation `\(activation.name)`: the kink expansion is for ReLU^p networks")
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
    (self.switchXi, self.directLow, self.farXi) = (switchXi, directLow, farXi)
    breaks = Array(Set(cuts + [switchXi, directLow, farXi])).sorted().filter { $0 >= directLow && $0 <= farXi }
  }
}
