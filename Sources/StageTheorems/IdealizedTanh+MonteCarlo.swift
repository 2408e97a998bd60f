import Foundation
import MultiPrecision

/// The Monte Carlo estimate of 1 − p(δ) at one radius: W uniform in the ball B_δ ⊂ ℝ^m.
public struct IdealizedViolation: Sendable, Equatable {
  /// The radius δ of the ball.
  public var delta: Double
  /// Samples drawn.
  public var samples: Int
  /// Samples where the event fails (some |∂L(k₁)/∂θ_{lj}| ≤ |∂L(k₂)/∂θ_{lj}|): 1 − p̂ = violations / samples.
  public var violations: Int
  /// Samples decided in MPFR (256 bits) because `Double` was within its rounding error, and in 1024 bits.
  public var decidedAt256Bits: Int
  public var decidedAt1024Bits: Int
  /// Samples that 1024 bits did not decide (counted as violations).
  public var unresolved: Int

  /// The estimate 1 − p̂.
  public var fraction: Double { Double(violations) / Double(samples) }
}

extension IdealizedTanh {
  /// Draws `samples` points W uniform in the ball of radius δ about 0 in ℝ^m (direction: m standard normal
  /// deviates normalised; radius δ·U^{1/m}, U uniform in (0, 1]) from `SplitMix64(seed:)` and counts where
  /// the event fails (`decide`). Reproducible bit for bit for a given seed.
  public func violation(k1: Double, k2: Double, delta: Double, samples: Int, seed: UInt64) -> IdealizedViolation {
    var rng = SplitMix64(seed: seed)
    var result = IdealizedViolation(
      delta: delta, samples: samples, violations: 0, decidedAt256Bits: 0, decidedAt1024Bits: 0, unresolved: 0)
    var w = [Double](repeating: 0, count: width)
    let m = Double(width)
    let f1 = Frequency(k1, target: target), f2 = Frequency(k2, target: target)
    for _ in 0..<samples {
      var norm2 = 0.0
      for j in 0..<width {
        w[j] = rng.nextGaussian()
        norm2 += w[j] * w[j]
      }
      let radius = delta * Double.pow(1 - rng.nextUniform(), 1 / m)
      let scale = radius / norm2.squareRoot()
      for j in 0..<width { w[j] *= scale }
      let (holds, level) = decide(f1, f2, w: w)
      if !holds { result.violations += 1 }
      switch level {
      case 1: result.decidedAt256Bits += 1
      case 2: result.decidedAt1024Bits += 1
      case 3: result.unresolved += 1
      default: break
      }
    }
    return result
  }
}

/// Binomial confidence intervals for a proportion p from k successes in n trials.
public enum BinomialInterval {
  /// The Wilson score interval at z standard normal deviations:
  /// (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), p̂ = k/n.
  public static func wilson(successes k: Int, trials n: Int, z: Double) -> (lower: Double, upper: Double) {
    precondition(n > 0 && k >= 0 && k <= n)
    let nn = Double(n), p = Double(k) / nn, z2 = z * z
    let centre = p + z2 / (2 * nn)
    let half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()
    let d = 1 + z2 / nn
    return (k == 0 ? 0 : max(0, (centre - half) / d), k == n ? 1 : min(1, (centre + half) / d))
  }

  /// The Clopper–Pearson (exact) upper limit for k = 0: 1 − (α/2)^{1/n}, the two-sided level 1 − α matching
  /// z (α = erfc(z/√2)); for α = 0.05 about 3.7/n (the "rule of three", 3/n, is the one-sided 95% limit).
  public static func clopperPearsonUpperForZero(trials n: Int, z: Double) -> Double {
    let alpha = erfc(z / 2.0.squareRoot())
    return -Double.expMinusOne(Double.log(alpha / 2) / Double(n))
  }
}

/// The least-squares fit of ln(1 − p̂) = c₀ + slope/δ over the radii with at least one violation, weighted
/// by 1/σᵢ², σᵢ = (ln U − ln L)/(2z) from the Wilson interval [L, U]; `error` = z·σ_slope·max(1, √(χ²/(n−2)))
/// (the Birge ratio widens it when the points scatter more than their binomial errors, e.g. about the
/// staircase of the violation set, which grows by whole intervals of w as δ passes their centres).
public struct IdealizedRateFit: Sendable, Equatable {
  public var slope: Double
  public var intercept: Double
  public var error: Double
  public var birgeRatio: Double
  /// The radii fitted (those with violations) and those left out (none seen: their Clopper–Pearson limits).
  public var fitted: [Double]
  public var zeroCount: [(delta: Double, upper: Double)]

  public static func == (x: IdealizedRateFit, y: IdealizedRateFit) -> Bool {
    x.slope == y.slope && x.intercept == y.intercept && x.error == y.error && x.fitted == y.fitted
      && x.zeroCount.map(\.delta) == y.zeroCount.map(\.delta)
  }

  public init(_ points: [IdealizedViolation], z: Double) throws(StageError) {
    var x = [Double](), y = [Double](), weight = [Double]()
    zeroCount = []
    for p in points {
      if p.violations == 0 {
        zeroCount.append((p.delta, BinomialInterval.clopperPearsonUpperForZero(trials: p.samples, z: z)))
        continue
      }
      let (l, u) = BinomialInterval.wilson(successes: p.violations, trials: p.samples, z: z)
      let sigma = (Double.log(u) - Double.log(l)) / (2 * z)
      x.append(1 / p.delta); y.append(Double.log(p.fraction)); weight.append(1 / (sigma * sigma))
    }
    guard x.count >= 3 else {
      throw StageError(
        "the fit of ln(1 − p) against 1/δ needs at least 3 radii with a violation, got \(x.count) "
          + "(raise `samples` or the radii)")
    }
    var s = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
    for i in x.indices {
      s += weight[i]; sx += weight[i] * x[i]; sy += weight[i] * y[i]
      sxx += weight[i] * x[i] * x[i]; sxy += weight[i] * x[i] * y[i]
    }
    let det = s * sxx - sx * sx
    slope = (s * sxy - sx * sy) / det
    intercept = (sxx * sy - sx * sxy) / det
    var chi2 = 0.0
    for i in x.indices {
      let r = y[i] - intercept - slope * x[i]
      chi2 += weight[i] * r * r
    }
    birgeRatio = x.count > 2 ? max(1, (chi2 / Double(x.count - 2)).squareRoot()) : 1
    error = z * (s / det).squareRoot() * birgeRatio
    fitted = x.map { 1 / $0 }
  }
}
