import ComplexModule
import MultiPrecision
import RealModule

/// The 1-D measurement of 1807.01251 / 1901.06523: the relative error of the
/// network output's DFT at the target's spectral peaks, over training.
public enum SpectralPeaks {
  /// Indices k of the strict local maxima of |ŷ_k| on the non-negative half
  /// spectrum k = 0 … ⌊n/2⌋ (|ŷ_k| > |ŷ_{k−1}| and |ŷ_k| > |ŷ_{k+1}|, as the
  /// authors' `SelectPeakIndex`), keeping those of magnitude ≥
  /// `relativeThreshold` × the largest there. With `includeEndpoints` the
  /// ends count when they exceed their one neighbour (the script's
  /// `endpoint=True`); by default they do not (its `endpoint=False`, used for
  /// the Δ_F plots). Ascending order.
  public static func detect<T: RealScalar>(
    spectrum: [Complex<T>], relativeThreshold: T = .zero, includeEndpoints: Bool = false
  ) -> [Int] {
    let n = spectrum.count
    if n < 2 { return [] }
    let top = n / 2
    let mag = (0...top).map { spectrum[$0].length }
    guard let largest = mag.max(), largest > 0 else { return [] }
    let floor = relativeThreshold * largest
    var peaks: [Int] = []
    for k in 0...top where mag[k] >= floor {
      if k == 0 || k == top {
        guard includeEndpoints, top >= 1 else { continue }
        if mag[k] > mag[k == 0 ? 1 : top - 1] { peaks.append(k) }
      } else if mag[k] > mag[k - 1] && mag[k] > mag[k + 1] {
        peaks.append(k)
      }
    }
    return peaks
  }

  /// Δ_F(k) = |ĥ_k − ŷ_k| / (|ŷ_k| + floor) (`.complexDifference`, the
  /// papers' definition), or ||ĥ_k| − |ŷ_k|| / (|ŷ_k| + floor)
  /// (`.magnitudeDifference`, what the authors' scripts compute: their
  /// `my_fft` returns magnitudes, floor 1e−5). `floor` = 0 is the papers'.
  public static func relativeError<T: RealScalar>(
    target: Complex<T>, output: Complex<T>, denominatorFloor: T = .zero,
    measure: FrequencyErrorMeasure = .complexDifference
  ) -> T {
    let numerator: T
    switch measure {
    case .complexDifference: numerator = (output - target).length
    case .magnitudeDifference: numerator = (output.length - target.length).magnitude
    }
    return numerator / (target.length + denominatorFloor)
  }
}

/// Which difference of DFT coefficients Δ_F measures (see
/// `SpectralPeaks.relativeError`).
public enum FrequencyErrorMeasure: Sendable, Equatable {
  /// |ĥ_k − ŷ_k|: amplitude and phase (1807.01251, 1901.06523).
  case complexDifference
  /// ||ĥ_k| − |ŷ_k||: amplitude only (the authors' scripts).
  case magnitudeDifference
}

/// Δ_F(k) at the target's peaks for a sequence of output snapshots (epochs):
/// `errors[s][p]` is Δ_F(peaks[p]) at snapshot s.
public struct FrequencyErrorHistory<T: RealScalar>: Sendable {
  /// DFT indices k of the tracked peaks (ascending).
  public var peaks: [Int]
  /// The epoch (training step) of each snapshot, ascending.
  public var epochs: [Int]
  /// errors[s][p] = Δ_F(peaks[p]) at snapshot s.
  public var errors: [[T]]

  public init(peaks: [Int], epochs: [Int], errors: [[T]]) {
    precondition(
      epochs.count == errors.count,
      "FrequencyErrorHistory: \(epochs.count) epochs for \(errors.count) snapshots")
    for (s, row) in errors.enumerated() where row.count != peaks.count {
      preconditionFailure("FrequencyErrorHistory: snapshot \(s) has \(row.count) errors for \(peaks.count) peaks")
    }
    self.peaks = peaks
    self.epochs = epochs
    self.errors = errors
  }

  /// Builds the history from the target samples and the output samples of each
  /// snapshot, all on the same uniform grid: the peaks are detected on the
  /// target's DFT (`SpectralPeaks.detect`), and Δ_F is evaluated there.
  /// `epochs` defaults to 0, 1, 2, ….
  public init(
    target: [T], snapshots: [[T]], epochs: [Int]? = nil,
    peakThreshold: T = .zero, denominatorFloor: T = .zero,
    measure: FrequencyErrorMeasure = .complexDifference
  ) {
    let plan = FourierPlan<T>(count: target.count)
    let yHat = plan.forward(target.map { Complex($0, T.zero) })
    let peaks = SpectralPeaks.detect(spectrum: yHat, relativeThreshold: peakThreshold)
    let errors = snapshots.enumerated().map { (s, h) -> [T] in
      precondition(
        h.count == target.count,
        "FrequencyErrorHistory: snapshot \(s) has \(h.count) samples, target has \(target.count)")
      let hHat = plan.forward(h.map { Complex($0, T.zero) })
      return peaks.map {
        SpectralPeaks.relativeError(
          target: yHat[$0], output: hHat[$0],
          denominatorFloor: denominatorFloor, measure: measure)
      }
    }
    self.init(peaks: peaks, epochs: epochs ?? Array(0..<snapshots.count), errors: errors)
  }

  /// The convergence epoch of each peak for threshold ε: the epoch of the
  /// first snapshot s such that Δ_F < ε at s AND at every later snapshot
  /// (so a dip below ε that is later undone does not count). nil when Δ_F is
  /// ≥ ε at the last snapshot (not converged within the record).
  public func convergenceEpochs(threshold epsilon: T) -> [Int?] {
    (0..<peaks.count).map { p in errors.firstIndexStayingBelow(epsilon) { $0[p] }.map { epochs[$0] } }
  }

  /// Whether the convergence epochs increase with frequency (the F-Principle
  /// ordering); peaks that never converge count as converging after the record.
  public func ordering(threshold epsilon: T) -> FrequencyOrdering {
    FrequencyOrdering(
      frequencies: peaks.map(Double.init),
      convergenceEpochs: convergenceEpochs(threshold: epsilon))
  }
}

/// How convergence epochs (or iterations) are ordered by frequency.
public struct FrequencyOrdering: Sendable, Equatable {
  /// The frequencies (any increasing-is-higher scale).
  public var frequencies: [Double]
  /// The convergence epoch of each frequency; nil = not converged (ranked last).
  public var convergenceEpochs: [Int?]
  /// Kendall's τ_b between frequency and convergence epoch (ties handled).
  public var kendallTau: Double
  /// Spearman's ρ (Pearson correlation of average ranks).
  public var spearmanRho: Double
  /// Every higher frequency converges strictly later (all converged).
  public var strictlyIncreasing: Bool
  /// Every higher frequency converges no earlier (non-converged ranked last).
  public var nonDecreasing: Bool
  /// Every higher frequency converges strictly earlier (the Jacobi ordering).
  public var strictlyDecreasing: Bool

  public init(frequencies: [Double], convergenceEpochs: [Int?]) {
    precondition(
      frequencies.count == convergenceEpochs.count,
      "FrequencyOrdering: \(frequencies.count) frequencies, \(convergenceEpochs.count) epochs")
    self.frequencies = frequencies
    self.convergenceEpochs = convergenceEpochs
    let order = frequencies.indices.sorted { frequencies[$0] < frequencies[$1] }
    let never = Double((convergenceEpochs.compactMap { $0 }.max() ?? 0) + 1)
    let t = order.map { convergenceEpochs[$0].map(Double.init) ?? never }
    let f = order.map { frequencies[$0] }
    kendallTau = RankCorrelation.kendallTau(f, t)
    spearmanRho = RankCorrelation.spearmanRho(f, t)
    let all = !convergenceEpochs.contains(nil)
    let pairs = zip(t, t.dropFirst())
    strictlyIncreasing = all && pairs.allSatisfy { $0 < $1 }
    nonDecreasing = pairs.allSatisfy { $0 <= $1 }
    strictlyDecreasing = all && pairs.allSatisfy { $0 > $1 }
  }
}

/// Rank correlations between two samples of equal length.
public enum RankCorrelation {
  /// Kendall's τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂)), n₀ = n(n−1)/2, n₁ / n₂ the
  /// tied pairs in x / y. NaN when either sample is constant.
  public static func kendallTau(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "kendallTau: samples of length \(x.count) and \(y.count)")
    var concordant = 0, discordant = 0, tiesX = 0, tiesY = 0
    let n = x.count
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) {
        let dx = x[i] - x[j], dy = y[i] - y[j]
        if dx == 0 { tiesX += 1 }
        if dy == 0 { tiesY += 1 }
        if dx == 0 || dy == 0 { continue }
        if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
      }
    }
    let n0 = n * (n - 1) / 2
    let denominator = (Double(n0 - tiesX) * Double(n0 - tiesY)).squareRoot()
    return denominator == 0 ? .nan : Double(concordant - discordant) / denominator
  }

  /// Spearman's ρ: the Pearson correlation of the average ranks (ties share
  /// the mean of their ranks). NaN when either sample is constant.
  public static func spearmanRho(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "spearmanRho: samples of length \(x.count) and \(y.count)")
    return pearson(ranks(x), ranks(y))
  }

  /// Average ranks, 1-based.
  public static func ranks(_ x: [Double]) -> [Double] {
    let order = x.indices.sorted { x[$0] < x[$1] }
    var r = [Double](repeating: 0, count: x.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
      let mean = Double(i + j) / 2 + 1
      for m in i...j { r[order[m]] = mean }
      i = j + 1
    }
    return r
  }

  static func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for (u, v) in zip(a, b) {
      sab += (u - ma) * (v - mb); saa += (u - ma) * (u - ma); sbb += (v - mb) * (v - mb)
    }
    let d = (saa * sbb).squareRoot()
    return d == 0 ? .nan : sab / d
  }
}
