import MultiPrecision
import NeuralNetworks
import Quadrature

/// A computed number with its estimated numerical error (not a statistic).
public struct StageValue: Sendable, CustomStringConvertible {
  public var value: MPFloat
  /// Estimated absolute error: the difference between the nested fine and
  /// coarse rules (pessimistic), plus a rounding floor.
  public var error: MPFloat
  public init(value: MPFloat, error: MPFloat) { self.value = value; self.error = error }
  public var double: Double { value.doubleValue }
  public var description: String {
    "\(value.decimalString(digits: 12)) ± \(error.decimalString(digits: 2))"
  }
}

/// Options of the initial-stage computation (`InitialStage.compute`).
public struct InitialStageOptions: Sendable {
  /// Target accuracy: an integral has converged when its estimated error is below
  /// 10^(−digits) of its total (L, |dL/dt|, ∫(∂_t u)²ρ) or below 10^(−6) of its
  /// own value (six digits of a small L⁺_η). The working precision
  /// of an `MPFloat` run should exceed it (`InitialStage.computeMP` adds 12 digits).
  public var digits: Int
  /// Longest x piece (between kinks and jumps it is subdivided into equal pieces).
  public var pieceLength: Double = 0.5
  /// Clenshaw–Curtis intervals per x piece (the coarse rule has half): 48 up to
  /// 16 digits, 96 beyond (the coarse rule must reach 10^(−digits) by itself,
  /// since its difference to the fine rule is the error estimate).
  public var xIntervals: Int
  /// Widest ξ panel.
  public var xiPanelWidth: Double = 0.25
  /// Clenshaw–Curtis intervals per ξ panel (as `xIntervals`). ĝ is entire with
  /// growth e^{4π²σ²τ²} at Im ξ = τ (Gaussian ρ), so 48 coarse points on a panel
  /// of 0.25 reach about 1e-39 for σ = 1.
  public var xiIntervals: Int
  /// How often the rules are refined (pieces and panels halved) before the
  /// computation gives up with a non-converged error.
  public var refinements: Int = 2
  /// The Fourier sums of a ξ panel: by default `StageScalar.fourierPanelSums` (Taylor moments per x
  /// piece in MPFR); `true` forces the direct sums, one sine and cosine per (ξ, x) pair (the
  /// independent check of the moments, and the Double path's method in any case).
  public var directFourierSums = false
  public init(digits: Int) {
    self.digits = digits
    xIntervals = digits <= 16 ? 48 : 96
    xiIntervals = digits <= 16 ? 48 : 96
  }
}

/// The initial-stage quantities at t = 0 for a list of cut-offs η.
///
/// With ĝ = F[u√ρ], φ = (∂_t u)√ρ, L⁺_η = ∫_{|ξ|>η} |ĝ|² dξ and
/// dL⁺_η/dt = 2 Re ∫_{|ξ|>η} conj(ĝ) φ̂ dξ:
///
///     R(η) = |dL⁺_η/dt| / |dL/dt|,
///     B(η) = 2 (L⁺_η)^{1/2} (∫_{|ξ|>η} |φ̂|²)^{1/2} / |∇L|²   (R ≤ B by Cauchy–Schwarz,
///                                                         since |dL/dt| = |∇L|²).
public struct InitialStageResult: Sendable {
  public var eta: [Double]
  public var R: [StageValue]
  public var B: [StageValue]
  /// L⁺_η and its share L⁺_η / L.
  public var lossAbove: [StageValue]
  /// dL⁺_η/dt.
  public var lossAboveRate: [StageValue]
  /// L = ∫ u²ρ.
  public var loss: StageValue
  /// dL/dt = 2 ∫ u (∂_t u) ρ dx (x side).
  public var dLdt: StageValue
  /// |∇L|².
  public var gradientNorm2: StageValue
  /// dL/dt from the Fourier side, 2 Re ∫ conj(ĝ) φ̂ dξ over ξ ∈ [−Ξ, Ξ] (Ξ the
  /// largest η) plus the x-side remainder above Ξ is circular; this is
  /// the low part alone, for the check that the split adds up.
  public var lowRate: [StageValue]
  /// ∫ (∂_t u)² ρ dx.
  public var velocityNorm2: StageValue
  /// The kinks the x-integrals were split at.
  public var kinkCount: Int
  /// x nodes and ξ nodes of the final rules, and the refinements used.
  public var xNodes: Int
  public var xiNodes: Int
  public var refinementsUsed: Int
  /// Working precision in bits (53 for Double).
  public var precisionBits: Int
  /// `computeKinkExpansion` only: the relative mismatch of the kink expansion against
  /// the direct Fourier sums on the last direct ξ panel.
  public var expansionMismatch: Double? = nil
}

/// The initial stage of 1906.09235 in the suite's reconstruction.
public enum InitialStage {
  /// The quantities in `T` at its working precision (set it with
  /// `MPFloat.withPrecision` for an MPFR run). Throws `StageError` for bad input
  /// (η ≤ 0, wrong shapes, a non-integrable target) and for integrals that do not
  /// converge to 10^(−digits) within `options.refinements`.
  public static func compute<T: StageScalar>(
    _ type: T.Type, network: Network<Double>, target: StageTarget, density: SampleDensity, etas: [Double],
    options: InitialStageOptions
  ) throws(StageError) -> InitialStageResult {
    guard !etas.isEmpty else { throw StageError("eta: at least one cut-off η is needed") }
    for e in etas where !(e > 0 && e.isFinite) {
      throw StageError("eta: every cut-off must be a finite number > 0 (got \(e))")
    }
    var o = options
    var lastError = ""
    for attempt in 0...options.refinements {
      let r = try computeOnce(T.self, network: network, target: target, density: density, etas: etas, options: o)
      if let problem = r.problem {
        lastError = problem
        o.pieceLength /= 2
        o.xiPanelWidth /= 2
        continue
      }
      var result = r.result
      result.refinementsUsed = attempt
      return result
    }
    throw StageError(
      "Fourier integral did not converge to 1e-\(options.digits) after \(options.refinements) refinements: \(lastError)"
    )
  }

  /// `compute` in MPFR at `digits` + 12 decimal digits.
  public static func computeMP(
    network: Network<Double>, target: StageTarget, density: SampleDensity, etas: [Double], options: InitialStageOptions
  ) throws(StageError) -> InitialStageResult {
    let bits = MPFloat.bits(forDigits: options.digits + 12)
    let r: Result<InitialStageResult, StageError> = MPFloat.withPrecision(bits) {
      do {
        return .success(
          try compute(MPFloat.self, network: network, target: target, density: density, etas: etas, options: options))
      } catch let e as StageError { return .failure(e) } catch { return .failure(StageError("\(error)")) }
    }
    return try r.get()
  }

  static func computeOnce<T: StageScalar>(
    _ type: T.Type, network dnet: Network<Double>, target: StageTarget, density: SampleDensity, etas: [Double],
    options: InitialStageOptions
  ) throws(StageError) -> (result: InitialStageResult, problem: String?) {
    let network = dnet.converted(to: T.self)
    let s = try ResidualSamples(
      network: network, target: target, density: density, digits: options.digits + 2,
      pieceLength: options.pieceLength, intervals: options.xIntervals)
    let n = s.nodes.count
    // x side.
    let x = XSideIntegrals(s)
    let (L, dLdt, V, g2, g2c, gRel) = (x.L, x.dLdt, x.V, x.g2, x.g2c, x.gRel)

    // ξ side: nested rules on [0, η_max], panel ends at every η.
    let (below, xiNodes) = xiSideBelow(s, etas: etas, options: options)

    // Assemble: the integrals over |ξ| ≤ η are twice those over [0, η] (g and φ real).
    let eps = T.ulpOfOne * T(Double(64 + n))
    func value(_ f: T, _ c: T, floor: T) -> StageValue {
      StageValue(value: f.mpFloat, error: (abs(f - c) + floor).mpFloat)
    }
    let tol = T(1.0) / T.pow(T(10), T(Double(options.digits)))
    var R: [StageValue] = [], Bv: [StageValue] = [], Lp: [StageValue] = [], dLp: [StageValue] = []
    var low: [StageValue] = []
    var problem: String? = nil
    let gradNorm2 = StageValue(value: g2.mpFloat, error: (abs(g2 - g2c) + eps * g2).mpFloat)
    let lossValue = value(L.fine, L.coarse, floor: eps * abs(L.fine))
    let rateErrorFromGradient = abs(dLdt.fine) * gRel
    let dLdtValue = StageValue(
      value: dLdt.fine.mpFloat,
      error: (abs(dLdt.fine - dLdt.coarse) + rateErrorFromGradient + eps * abs(dLdt.fine)).mpFloat)
    let vValue = StageValue(
      value: V.fine.mpFloat, error: (abs(V.fine - V.coarse) + 2 * V.fine * gRel + eps * V.fine).mpFloat)
    for eta in etas {
      let (bf, bc) = below[String(eta)]!
      let lpF = L.fine - 2 * bf[0], lpC = L.coarse - 2 * bc[0]
      let rateF = dLdt.fine - 4 * bf[1], rateC = dLdt.coarse - 4 * bc[1]
      let vpF = V.fine - 2 * bf[2], vpC = V.coarse - 2 * bc[2]
      let floorL = eps * L.fine, floorRate = eps * abs(dLdt.fine), floorV = eps * V.fine
      let eL = abs(lpF - lpC) + floorL
      let eRate = abs(rateF - rateC) + floorRate + abs(rateF) * gRel
      let eV = abs(vpF - vpC) + floorV + 2 * abs(vpF) * gRel
      Lp.append(StageValue(value: lpF.mpFloat, error: eL.mpFloat))
      dLp.append(StageValue(value: rateF.mpFloat, error: eRate.mpFloat))
      low.append(StageValue(value: (4 * bf[1]).mpFloat, error: (4 * abs(bf[1] - bc[1]) + floorRate).mpFloat))
      if eL > tol * L.fine + T(1e-6) * abs(lpF) {
        problem = "L⁺ at η = \(eta): error \(eL.decimalString(digits: 3)) with L = \(L.fine.decimalString(digits: 6))"
      }
      if eRate > tol * abs(dLdt.fine) + T(1e-6) * abs(rateF) {
        problem = "dL⁺/dt at η = \(eta): error \(eRate.decimalString(digits: 3))"
      }
      // R = |dL⁺/dt| / |dL/dt| and its error (first order).
      let absRate = abs(dLdt.fine)
      let r = abs(rateF) / absRate
      let eR = eRate / absRate + r * dLdtValue.error.doubleValueAsT(T.self) / absRate
      R.append(StageValue(value: r.mpFloat, error: eR.mpFloat))
      // B = 2 √(L⁺ V⁺) / |∇L|²; below resolution L⁺ or V⁺ may round negative: use 0 ± error.
      let lp = max(lpF, .zero), vp = max(vpF, .zero)
      let b = 2 * T.sqrt(lp * vp) / g2
      // Error: √ is not Lipschitz at 0, so bound by the value at the upper ends.
      let bUpper = 2 * T.sqrt((lp + eL) * (vp + eV)) / g2 * (1 + gRel)
      Bv.append(StageValue(value: b.mpFloat, error: (bUpper - b).mpFloat))
    }
    let result = InitialStageResult(
      eta: etas, R: R, B: Bv, lossAbove: Lp, lossAboveRate: dLp, loss: lossValue, dLdt: dLdtValue,
      gradientNorm2: gradNorm2, lowRate: low, velocityNorm2: vValue, kinkCount: s.kinks.count, xNodes: n,
      xiNodes: xiNodes, refinementsUsed: 0, precisionBits: T.workingPrecisionBits)
    return (result, problem)
  }

  /// The ξ side of `computeOnce`: cumulative ∫_0^η of |ĝ|², Re(conj ĝ φ̂), |φ̂|² (fine and coarse
  /// rules, keyed by η's text) by nested rules on [0, η_max] with panel ends at every η, and the
  /// number of ξ nodes.
  static func xiSideBelow<T: StageScalar>(
    _ s: ResidualSamples<T>, etas: [Double], options: InitialStageOptions
  ) -> (below: [String: (fine: [T], coarse: [T])], xiNodes: Int) {
    let cuts = Array(Set(etas)).sorted()
    let g: [T] = zip(s.u, s.sqrtRho).map { $0 * $1 }
    let phi: [T] = zip(s.velocity, s.sqrtRho).map { $0 * $1 }
    let fineG: [T] = zip(s.fine, g).map { $0 * $1 }
    let coarseG: [T] = zip(s.coarse, g).map { $0 * $1 }
    let finePhi: [T] = zip(s.fine, phi).map { $0 * $1 }
    let coarsePhi: [T] = zip(s.coarse, phi).map { $0 * $1 }
    let rows: [[T]] = [fineG, coarseG, finePhi, coarsePhi]
    let fourier: FourierPanelSums<T> =
      options.directFourierSums
      ? .direct(nodes: s.nodes, pieceCentres: s.pieceCentres, nodesPerPiece: s.nodesPerPiece, values: rows)
      : T.fourierPanelSums(
        nodes: s.nodes, pieceCentres: s.pieceCentres, nodesPerPiece: s.nodesPerPiece, values: rows,
        maxOffset: options.xiPanelWidth / 2)
    let xiRule = ClenshawCurtisRule<T>.rule(intervals: options.xiIntervals)
    // Cumulative ∫_0^η of |ĝ|², Re(conj ĝ φ̂), |φ̂|², fine and coarse.
    var accF = [T](repeating: .zero, count: 3), accC = [T](repeating: .zero, count: 3)
    var below: [String: (fine: [T], coarse: [T])] = [:]
    var previous = 0.0
    var xiNodes = 0
    for cut in cuts {
      let panels = max(1, Int(((cut - previous) / options.xiPanelWidth).rounded(.up)))
      let lo = T(previous), hi = T(cut)
      let step = (hi - lo) / T(Double(panels))
      for p in 0..<panels {
        let pa = lo + T(Double(p)) * step
        let pb = p == panels - 1 ? hi : lo + T(Double(p + 1)) * step
        let mid = (pa + pb) / 2, half = (pb - pa) / 2
        // Offsets ±δ exactly symmetric (the rule is symmetric up to rounding), so that the
        // moment sums evaluate them in pairs (`MPFRPanelMoments`).
        var offsets = xiRule.nodes.map { half * $0 }
        for k in offsets.indices where 2 * k > offsets.count - 1 {
          let m = offsets.count - 1 - k
          if abs(offsets[k] + offsets[m]) <= 16 * T.ulpOfOne * half { offsets[k] = -offsets[m] }
        }
        // Rows 1 and 3 (the coarse x rule) enter only where the coarse ξ rule has weight.
        let needed = xiRule.coarseWeights.map { w in [true, w != 0, true, w != 0] }
        let panel = fourier.evaluate(centre: mid, offsets: offsets, needed: needed)
        for k in xiRule.nodes.indices {
          let sums = panel[k]
          xiNodes += 1
          // ĝ = C − iS; fine x rule (rows 0, 2) with the fine ξ weights, coarse with coarse.
          let c0: T = sums[0].cos, s0: T = sums[0].sin, c1: T = sums[1].cos, s1: T = sums[1].sin
          let c2: T = sums[2].cos, s2: T = sums[2].sin, c3: T = sums[3].cos, s3: T = sums[3].sin
          let wf = half * xiRule.weights[k], wc = half * xiRule.coarseWeights[k]
          accF[0] += wf * (c0 * c0 + s0 * s0)
          accF[1] += wf * (c0 * c2 + s0 * s2)
          accF[2] += wf * (c2 * c2 + s2 * s2)
          if wc != 0 {
            accC[0] += wc * (c1 * c1 + s1 * s1)
            accC[1] += wc * (c1 * c3 + s1 * s3)
            accC[2] += wc * (c3 * c3 + s3 * s3)
          }
        }
      }
      below[String(cut)] = (accF, accC)
      previous = cut
    }
    return (below, xiNodes)
  }
}

extension MPFloat {
  func doubleValueAsT<T: RealScalar>(_: T.Type) -> T { T(self) }
}
