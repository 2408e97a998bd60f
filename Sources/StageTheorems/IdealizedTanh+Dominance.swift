import ComplexModule
import MultiPrecision
import RealModule

extension IdealizedTanh {
  /// log|∂L(k)/∂θ_{lj}| with a bound on its rounding error (+∞ when the sine factor is not resolved).
  public struct LogGradient<T: RealScalar>: Sendable {
    public var log: T
    public var error: T
  }

  /// log|∂L(k)/∂θ_{lj}| = log A(k) + log|c_l| + log|N_j(k)| + log|M_l| + log|sin(θ_j + arg M_l − φ(k))|
  /// (see the type's documentation), `[l][j]`, each with a first-order bound on its rounding error at the
  /// working precision ε of `T`:
  /// θ_j = b_j k/w_j carries 4ε(|θ_j| + 1); log|N_j| = log(π/|w_j|) − log|sinh s_j| carries
  /// 4ε(|s_j| + |log|w_j|| + 4); D = ĥ − f̂ carries Σ_j |a_j N_j| (that of log|N_j| + that of θ_j + 8ε) plus
  /// 16ε(Σ_i |A_i|σ_i√(2π)e^{−σ_i²k²/2}(1 + |kμ_i|) + |D|), which bounds those of log A and φ after division
  /// by A; the angle ψ sums its parts' errors; log|sin ψ| carries err(ψ)/|sin ψ| (+∞ when |sin ψ| ≤ 2 err(ψ)).
  public func logGradients<T: RealScalar>(k: T, w: [Double]) -> [[LogGradient<T>]] {
    let flat = logGradients(Frequency(k, target: target), w: w)
    return (0..<3).map { l in Array(flat[(l * width)..<((l + 1) * width)]) }
  }

  /// A frequency k with what every sample at k shares: f̂(k) and the scale of its rounding error, log|k|.
  struct Frequency<T: RealScalar> {
    var k: T
    var fHat: Complex<T>
    var errorScale: T
    var logK: T
    init(_ k: T, target: GaussianSumTarget) {
      self.k = k
      fHat = target.transform(k)
      errorScale = T(target.transformErrorScale(k.doubleValue))
      logK = T.log(abs(k))
    }
  }

  /// `logGradients` flat, index l·m + j (one allocation per call; the Monte Carlo's inner loop).
  func logGradients<T: RealScalar>(_ f: Frequency<T>, w: [Double]) -> [LogGradient<T>] {
    let u = T.ulpOfOne, k = f.k
    let two = T(2), four = T(4), eight = T(8)
    // coth s = ±1 to the working precision beyond |s| = −log(ε)/2 + 1 (coth s ∓ 1 ≈ 2e^{−2|s|}).
    let cothCut = -T.log(u) / two + 1
    var h = Complex<T>.zero
    var errorD = T.zero
    // Per neuron: log|N_j|, θ_j, s_j, log|w_j| and the errors of log|N_j| and θ_j.
    var neurons = [(logN: T, theta: T, s: T, logW: T, errorLogN: T, errorTheta: T)]()
    neurons.reserveCapacity(width)
    for j in 0..<width {
      let wj = T(w[j]), bj = T(b[j])
      let sj = T.pi * k / (two * wj)
      let t = bj * k / wj
      let logW = T.log(abs(wj))
      let ln = T.log(T.pi) - logW - Self.logAbsSinh(sj)
      let eln = four * u * (abs(sj) + abs(logW) + four)
      let et = four * u * (abs(t) + 1)
      let phase = t + (sj > 0 ? -T.pi / two : T.pi / two)
      let r = T(a[j]) * T.exp(ln)
      h += Complex(r * T.cos(phase), r * T.sin(phase))
      errorD += abs(r) * (eln + et + eight * u)
      neurons.append((ln, t, sj, logW, eln, et))
    }
    let d = h - f.fHat
    let amplitude = d.length
    errorD += 16 * u * (f.errorScale + amplitude)
    let logA = T.log(amplitude), phi = d.phase
    let errorA = errorD / amplitude
    var out = [LogGradient<T>]()
    out.reserveCapacity(3 * width)
    for l in Parameter.allCases {
      for j in 0..<width {
        let n = neurons[j]
        let wj = T(w[j]), bj = T(b[j])
        let logW = n.logW
        var logC = T.zero, logM = T.zero, argM = T.zero, errorM = T.zero
        switch l {
        case .a: break
        case .w:
          // M_j = (1/w_j²)((πk/2) coth s_j − w_j − i b_j k)
          let coth: T = abs(n.s) > cothCut ? (n.s > 0 ? 1 : -1) : 1 / T.tanh(n.s)
          let re = T.pi * k / two * coth - wj, im = -bj * k
          let length = T.sqrt(re * re + im * im)
          logC = T.log(abs(T(a[j])))
          logM = T.log(length) - two * logW
          argM = T.atan2(y: im, x: re)
          let parts: T = abs(re) + abs(im) + abs(wj)
          let logPart: T = four * u * (abs(logW) + 1)
          errorM = eight * u * parts / length + logPart
        case .b:
          // M = ik/w_j: |M| = |k|/|w_j|, arg M = ±π/2 (only |sin ψ| matters: ψ is taken mod π)
          logC = T.log(abs(T(a[j])))
          logM = f.logK - logW
          argM = T.pi / two
          errorM = four * u * (abs(f.logK) + abs(logW) + 2)
        }
        let psi = n.theta + argM - phi
        let sine = abs(T.sin(psi))
        let psiRounding: T = four * u * (abs(psi) + four)
        let errorPsi: T = n.errorTheta + errorM + errorA + psiRounding
        let logSine = T.log(sine)
        let g = logA + logC + n.logN + logM + logSine
        let sizes: T = abs(logA) + abs(logC) + abs(n.logN) + abs(logM) + abs(logSine)
        let parts: T = errorA + n.errorLogN + errorM
        var e: T = parts + errorPsi / sine + four * u + eight * u * sizes
        if !(sine > two * errorPsi) || !g.isFinite || !e.isFinite || !(amplitude > 0) { e = .infinity }
        out.append(LogGradient(log: g, error: e))
      }
    }
    return out
  }

  /// Whether the lower frequency dominates every gradient component: |∂L(k₁)/∂θ_{lj}| > |∂L(k₂)/∂θ_{lj}|
  /// for all l, j (the event of the theorem), decided in `T` from `logGradients` with the rounding-error
  /// bounds times `safety`; `.undecided` when a comparison lies within its error and none is decidedly
  /// violated. A weight w_j = 0 (measure zero) is `.violated`: N_j and all of neuron j's gradients vanish.
  public enum Dominance: Sendable, Equatable { case holds, violated, undecided }

  public func dominance<T: RealScalar>(k1: T, k2: T, w: [Double], safety: T = 2) -> Dominance {
    dominance(Frequency(k1, target: target), Frequency(k2, target: target), w: w, safety: safety)
  }

  func dominance<T: RealScalar>(_ k1: Frequency<T>, _ k2: Frequency<T>, w: [Double], safety: T = 2) -> Dominance {
    if w.contains(0) { return .violated }
    let g1 = logGradients(k1, w: w), g2 = logGradients(k2, w: w)
    var undecided = false
    for i in g1.indices {
      let e = safety * (g1[i].error + g2[i].error)
      let margin = g1[i].log - g2[i].log
      guard e.isFinite, !margin.isNaN else { undecided = true; continue }
      if margin < -e { return .violated }
      if !(margin > e) { undecided = true }
    }
    return undecided ? .undecided : .holds
  }

  /// The precisions at which `decide` evaluates: `Double`, then MPFR.
  public static let fallbackPrecisions = [256, 1024]

  /// The event at w, decided in `Double` and, where that is within its rounding error, in MPFR at 256 and
  /// then 1024 bits. `level` is 0 for `Double`, 1, 2 for the MPFR precisions and 3 when even 1024 bits did
  /// not decide (then `holds` is false: an unresolved point counts as a violation, against the theorem).
  public func decide(k1: Double, k2: Double, w: [Double]) -> (holds: Bool, level: Int) {
    decide(Frequency(k1, target: target), Frequency(k2, target: target), w: w)
  }

  func decide(_ k1: Frequency<Double>, _ k2: Frequency<Double>, w: [Double]) -> (holds: Bool, level: Int) {
    switch dominance(k1, k2, w: w) {
    case .holds: return (true, 0)
    case .violated: return (false, 0)
    case .undecided: break
    }
    for (i, bits) in Self.fallbackPrecisions.enumerated() {
      let r = MPFloat.withPrecision(bits) {
        dominance(k1: MPFloat(k1.k, precision: bits), k2: MPFloat(k2.k, precision: bits), w: w)
      }
      switch r {
      case .holds: return (true, i + 1)
      case .violated: return (false, i + 1)
      case .undecided: continue
      }
    }
    return (false, Self.fallbackPrecisions.count + 1)
  }
}
