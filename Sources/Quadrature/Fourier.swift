import MultiPrecision
import RealModule

/// How `Integration.integrateFourier` evaluates ∫₀^∞ f(x)·K(ωx) dx.
public enum FourierMethod: String, Sendable, CaseIterable {
  /// Ooura–Mori double-exponential formula (default).
  case ooura
  /// Integrate between the zeros of K(ωx) and extrapolate the partial sums
  /// with Wynn's ε-algorithm (an independent check of `ooura`).
  case zerosExtrapolation = "zeros"
}

extension Integration {
  /// I = ∫₀^∞ f(x)·sin(ωx) dx or ∫₀^∞ f(x)·cos(ωx) dx for f decaying (possibly
  /// slowly, like 1/x) at ∞ and integrable at 0.
  ///
  /// **Ooura–Mori (1999).** With x = M·φ(t)/ω,
  ///   φ(t) = t / (1 − exp(−2t − α(1 − e^(−t)) − β(e^t − 1))), β = ¼,
  ///   α = β/√(1 + M·log(1 + M)/(4π)),
  /// and the trapezoid rule of step h with M·h = π,
  ///   I ≈ (π/ω) Σ_k f(Mφ(t_k)/ω)·K(Mφ(t_k))·φ′(t_k),
  /// with t_k = k·h for sin and (k − ½)·h for cos. For large t the nodes
  /// approach the zeros kπ/ω (sin) or (k − ½)π/ω (cos) of the kernel double
  /// exponentially, so the slowly decaying tail is cancelled rather than
  /// summed. K(Mφ(t_k)) = (−1)^k sin(M(φ(t_k) − t_k)) is evaluated from
  /// φ − t = t·e^(−g)/(1 − e^(−g)) without cancellation. Levels halve h (and
  /// double M); the nodes are not nested, the error estimate is the difference
  /// of successive levels plus the rounding floor.
  ///
  /// **Zeros + extrapolation.** The integrals between successive zeros of
  /// K(ωx) form an alternating series; its partial sums are accelerated by
  /// Wynn's ε-algorithm. The estimate is the difference of the last two
  /// extrapolants plus the sum of the pieces' error estimates.
  ///
  /// ω < 0 uses sin(−ωx) = −sin(ωx), cos(−ωx) = cos(ωx); ω = 0 gives 0 (sin)
  /// or ∫₀^∞ f (cos).
  public static func integrateFourier<T: RealScalar>(
    _ f: (T) -> T, omega: T, kernel: FourierKernel, tolerance: T? = nil,
    method: FourierMethod = .ooura, maxLevel: Int? = nil
  ) -> QuadratureResult<T> {
    let maxLevel = maxLevel ?? defaultMaxLevel(T.self)
    let tol = tolerance ?? defaultTolerance(T.self)
    if omega.isZero {
      if kernel == .sin {
        return QuadratureResult(value: T.zero, errorEstimate: T.zero, evaluations: 0, status: .converged)
      }
      return integrate(f, from: T.zero, to: T.infinity, tolerance: tol)
    }
    if omega < 0 {
      var r = integrateFourier(f, omega: -omega, kernel: kernel, tolerance: tol, method: method, maxLevel: maxLevel)
      if kernel == .sin { r.value = -r.value }
      return r
    }
    switch method {
    case .ooura: return oouraMori(f, omega: omega, kernel: kernel, tolerance: tol, maxLevel: maxLevel)
    case .zerosExtrapolation: return fourierByZeros(f, omega: omega, kernel: kernel, tolerance: tol)
    }
  }

  /// Node data of one Ooura–Mori level: Mφ(t_k), K(Mφ(t_k)), φ′(t_k).
  struct OouraLevel<T: RealScalar>: Sendable {
    var theta: [T] = [], kernel: [T] = [], dphi: [T] = []
    /// Index of k = 0 (t = 0 for sin, t = −h/2 for cos).
    var origin = 0

    static func make(_ kernelKind: FourierKernel, level m: Int) -> OouraLevel {
      NodeCache.shared.value(
        rule: "ooura-" + kernelKind.rawValue, index: m,
        precision: T.workingPrecisionBits, type: T.self
      ) {
        compute(kernelKind, level: m)
      }
    }

    static func compute(_ kind: FourierKernel, level m: Int) -> OouraLevel {
      var r = OouraLevel()
      let h = T(1) / T(1 << m)  // h₀ = 1
      let M = T.pi / h
      let beta = T(1) / 4
      let alpha = beta / T.sqrt(1 + M * T.log(onePlus: M) / (4 * T.pi))
      let p = Double(T.workingPrecisionBits)
      // Cut the t range where the node data are far below 2^(−2p): on the
      // right β·e^t ≳ 2p·log 2 + log M, on the left α·e^(−t) ≳ the same.
      let lnTarget = 2 * p * 0.6931471805599453 + Double.log(M.doubleValue) + 10
      let tRight = Double.log(lnTarget / 0.25) + 1
      let tLeft = -Double.log(lnTarget / alpha.doubleValue) - 1
      let shift = kind == .sin ? 0.0 : 0.5
      let kMin = Int((tLeft / h.doubleValue + shift).rounded(.down))
      let kMax = Int((tRight / h.doubleValue + shift).rounded(.up))
      let g1 = 2 + alpha + beta
      let g2 = beta - alpha
      r.origin = -kMin
      for k in kMin...kMax {
        // sin: t = k h; cos: t = (k − ½) h.
        let t = kind == .sin ? T(k) * h : (T(2 * k - 1) * h) / 2
        var phi: T, dphi: T, phiMinusT: T
        if t.isZero {
          phi = 1 / g1
          dphi = (g1 * g1 - g2) / (2 * g1 * g1)
          phiMinusT = phi
        } else {
          let et = T.exp(t)
          let g = 2 * t + alpha * (1 - 1 / et) + beta * (et - 1)
          let gp = 2 + alpha / et + beta * et
          if g > 0 {
            let q = T.exp(-g)
            let D = -T.expMinusOne(-g)  // 1 − e^(−g)
            phi = t / D
            phiMinusT = t * q / D
            dphi = 1 / D - t * gp * q / (D * D)
          } else {
            let E = T.exp(g)
            let D = T.expMinusOne(g)  // e^g − 1 < 0
            phi = t * E / D
            phiMinusT = t / D
            dphi = E / D - t * gp * E / (D * D)
          }
        }
        let theta = M * phi
        // K(Mφ) = (−1)^k sin(M(φ − t)) since M t = kπ (sin) or (k − ½)π (cos).
        let K: T
        if t > 0 {
          let s = T.sin(M * phiMinusT)
          K = k % 2 == 0 ? s : -s
        } else {
          K = kind == .sin ? T.sin(theta) : T.cos(theta)
        }
        r.theta.append(theta); r.kernel.append(K); r.dphi.append(dphi)
      }
      return r
    }
  }

  static func oouraMori<T: RealScalar>(
    _ f: (T) -> T, omega: T, kernel: FourierKernel, tolerance tol: T, maxLevel: Int
  ) -> QuadratureResult<T> {
    let eps = T.ulpOfOne
    let negligible = eps / 16
    var evaluations = 0
    var previous: T? = nil
    let scale = T.pi / omega
    var result = QuadratureResult(value: T.zero, errorEstimate: T.infinity, evaluations: 0, status: .maxLevelReached)
    for m in 0...maxLevel {
      let level = OouraLevel<T>.make(kernel, level: m)
      // Sum from t ≈ 0 outwards in both directions.
      let count = level.theta.count
      let i0 = level.origin
      var s = T.zero, sAbs = T.zero
      var failed: T? = nil
      func walk(_ indices: StrideThrough<Int>) {
        var smallRun = 0
        for i in indices {
          if failed != nil { return }
          let x = level.theta[i] / omega
          let fx = f(x)
          evaluations += 1
          let term = fx * level.kernel[i] * level.dphi[i]
          // A non-finite term ends the sum only where the node itself has
          // degenerated (x = 0 or x = ∞ in floating point) after negligible
          // terms; anywhere else it is a failure of the integrand, reported.
          if !term.isFinite {
            if smallRun > 0 && (x.isZero || !x.isFinite) { return }
            failed = x; return
          }
          s += term; sAbs += term.magnitude
          // Negligible relative to what was summed: a run of exact zeros before any
          // non-zero term (an integrand that underflows to 0 at the first, large,
          // nodes of a fine level, e.g. tanh x − 1) is not a converged tail.
          if sAbs > 0 && term.magnitude <= negligible * sAbs {
            smallRun += 1
            if smallRun >= 3 { return }
          } else {
            smallRun = 0
          }
        }
      }
      walk(stride(from: i0, through: count - 1, by: 1))
      if i0 > 0 { walk(stride(from: i0 - 1, through: 0, by: -1)) }
      if let x = failed { return .nonFinite(at: x, evaluations: evaluations) }
      let value = scale * s
      let floor = roundingFloor(scale * sAbs, evaluations: evaluations)
      if let prev = previous {
        let diff = (value - prev).magnitude
        let err = Swift.max(2 * diff, floor)
        result = QuadratureResult(value: value, errorEstimate: err, evaluations: evaluations, status: .maxLevelReached)
        if m >= 2 && err <= Swift.max(tol * value.magnitude, 2 * floor) {
          result.status = .converged
          return result
        }
      } else {
        result = QuadratureResult(
          value: value, errorEstimate: T.infinity, evaluations: evaluations, status: .maxLevelReached)
      }
      previous = value
    }
    return result
  }

  /// Between-zeros integration with Wynn-ε extrapolation (see `integrateFourier`).
  static func fourierByZeros<T: RealScalar>(
    _ f: (T) -> T, omega: T, kernel: FourierKernel, tolerance tol: T, maxPieces: Int = 400
  ) -> QuadratureResult<T> {
    let period = T.pi / omega
    func zero(_ k: Int) -> T {
      if k == 0 { return T.zero }
      return kernel == .sin ? T(k) * period : (T(2 * k - 1) * period) / 2
    }
    let g: (T) -> T = kernel == .sin ? { x in f(x) * T.sin(omega * x) } : { x in f(x) * T.cos(omega * x) }
    var partial = T.zero
    var pieceErrors = T.zero
    var evaluations = 0
    var prevDiagonal: [T] = []
    var lastEstimate: T? = nil
    var lastDiffs: [T] = []
    var smallPieces = 0
    var result = QuadratureResult(value: T.zero, errorEstimate: T.infinity, evaluations: 0, status: .maxLevelReached)
    let pieceTol = tol / 16
    for k in 0..<maxPieces {
      let piece = integrate(g, from: zero(k), to: zero(k + 1), tolerance: pieceTol)
      evaluations += piece.evaluations
      if case .nonFinite = piece.status {
        var r = piece; r.evaluations = evaluations; return r
      }
      partial += piece.value
      pieceErrors += piece.errorEstimate
      // A fast-decaying f needs no extrapolation: once two successive pieces
      // are below the tolerance the partial sum has converged (the tail of a
      // decreasing alternating series is below its first term).
      if piece.value.magnitude <= tol * partial.magnitude / 4 { smallPieces += 1 } else { smallPieces = 0 }
      if smallPieces >= 2 {
        return QuadratureResult(
          value: partial, errorEstimate: 2 * piece.value.magnitude + pieceErrors,
          evaluations: evaluations, status: .converged)
      }
      // Wynn's ε-algorithm, one antidiagonal at a time:
      // ε_{k}^{(n)} = ε_{k−2}^{(n+1)} + 1/(ε_{k−1}^{(n+1)} − ε_{k−1}^{(n)}).
      var diagonal: [T] = [partial]
      for j in stride(from: 1, through: prevDiagonal.count, by: 1) {
        let denom = diagonal[j - 1] - prevDiagonal[j - 1]
        if denom.isZero || !denom.isFinite { break }
        diagonal.append((j >= 2 ? prevDiagonal[j - 2] : T.zero) + 1 / denom)
      }
      prevDiagonal = diagonal
      let best = diagonal[(diagonal.count - 1) / 2 * 2]
      if let last = lastEstimate {
        let diff = (best - last).magnitude
        lastDiffs.append(diff)
        // Require the last two differences to be small (one can vanish by chance).
        let recent = lastDiffs.suffix(2).max()!
        let err = recent + pieceErrors + 16 * T.ulpOfOne * best.magnitude
        result = QuadratureResult(value: best, errorEstimate: err, evaluations: evaluations, status: .maxLevelReached)
        if lastDiffs.count >= 3 && err <= tol * best.magnitude {
          result.status = .converged
          return result
        }
      }
      lastEstimate = best
    }
    return result
  }
}
