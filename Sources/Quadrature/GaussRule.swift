import MultiPrecision
import RealModule

/// Gaussian quadrature rules ∫ f(x)·W(x) dx ≈ Σᵢ wᵢ f(xᵢ), exact for
/// polynomials of degree ≤ 2n − 1.
///
/// | rule | interval | weight W(x) | Σ wᵢ |
/// |---|---|---|---|
/// | `legendre` | [−1, 1] | 1 | 2 |
/// | `hermite` (physicists') | ℝ | e^(−x²) | √π |
/// | `hermiteProbabilists` | ℝ | e^(−x²/2) | √(2π) |
/// | `laguerre` | [0, ∞) | e^(−x) | 1 |
///
/// Nodes are the zeros of the orthogonal polynomial p_n, found by Newton's
/// method on the three-term recurrence, started from double-precision
/// approximations (the Tricomi-type guess cos(π(i − ¼)/(n + ½)) for Legendre,
/// a sign-change scan of p_n for Hermite and Laguerre) and iterated at the
/// working precision until the step is below ε|x|. Weights are the Christoffel
/// numbers wᵢ = 1 / Σ_{k<n} p̂_k(xᵢ)² with the orthonormal p̂_k (Legendre:
/// wᵢ = 2 / ((1 − xᵢ²) P_n′(xᵢ)²)). Rules are cached per (rule, n, precision).
public enum GaussRule: String, Sendable, CaseIterable {
  case legendre
  case hermite
  case hermiteProbabilists
  case laguerre

  /// The n-point rule at the working precision of `T` (cached).
  public func nodes<T: RealScalar>(_ n: Int, as type: T.Type = T.self) -> GaussNodes<T> {
    precondition(n >= 1, "a Gauss rule needs at least one point (got n = \(n))")
    return NodeCache.shared.value(
      rule: "gauss-" + rawValue, index: n, precision: T.workingPrecisionBits,
      type: T.self
    ) {
      switch self {
      case .legendre: return GaussNodes<T>.legendre(n)
      case .hermite: return GaussNodes<T>.hermite(n)
      case .hermiteProbabilists:
        let r = GaussNodes<T>.hermite(n)
        let s = T.sqrt(T(2))
        return GaussNodes(nodes: r.nodes.map { $0 * s }, weights: r.weights.map { $0 * s })
      case .laguerre: return GaussNodes<T>.laguerre(n)
      }
    }
  }

  /// Σᵢ wᵢ f(xᵢ) with the n-point rule (no error estimate; see
  /// `Integration.gaussHermiteExpectation` and `Integration.integrate` for
  /// estimated results).
  public func apply<T: RealScalar>(_ n: Int, _ f: (T) -> T) -> T {
    let r = nodes(n, as: T.self)
    var s = T.zero
    for i in 0..<n { s += r.weights[i] * f(r.nodes[i]) }
    return s
  }
}

/// Nodes (ascending) and weights of a Gauss rule.
public struct GaussNodes<T: RealScalar>: Sendable {
  public var nodes: [T]
  public var weights: [T]
}

// MARK: - Construction

extension GaussNodes {
  /// Legendre: P_{k+1} = ((2k+1) x P_k − k P_{k−1})/(k+1),
  /// P_n′ = n (x P_n − P_{n−1})/(x² − 1).
  static func legendrePair(_ n: Int, _ x: T) -> (p: T, dp: T) {
    var p0 = T(1), p1 = x
    if n == 0 { return (p0, T.zero) }
    for k in 1..<n {
      let p2 = (T(2 * k + 1) * x * p1 - T(k) * p0) / T(k + 1)
      p0 = p1; p1 = p2
    }
    return (p1, T(n) * (x * p1 - p0) / (x * x - 1))
  }

  static func legendre(_ n: Int) -> GaussNodes {
    var nodes = [T](repeating: T.zero, count: n)
    var weights = nodes
    let m = (n + 1) / 2
    let tol = T.ulpOfOne * 4
    for i in 0..<m {
      var x: T
      if n % 2 == 1 && i == m - 1 {
        x = T.zero
      } else {
        var xd = Foundation_cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
        for _ in 0..<8 {
          let (p, dp) = GaussNodes<Double>.legendrePair(n, xd)
          let dx = p / dp
          xd -= dx
          if abs(dx) < 1e-15 { break }
        }
        x = T(xd)
        for _ in 0..<40 {
          let (p, dp) = legendrePair(n, x)
          let dx = p / dp
          x -= dx
          if dx.magnitude <= tol * x.magnitude { break }
        }
      }
      let (_, dp) = legendrePair(n, x)
      let w = T(2) / ((1 - x * x) * dp * dp)
      nodes[n - 1 - i] = x; weights[n - 1 - i] = w
      nodes[i] = -x; weights[i] = w
    }
    return GaussNodes(nodes: nodes, weights: weights)
  }

  /// Orthonormal polynomials p̂_0 … p̂_n at x for the monic recurrence
  /// p_{k+1} = (x − α_k) p_k − β_k p_{k−1}: returns p̂_n, p̂_n′ and Σ_{k<n} p̂_k².
  static func orthonormal(_ n: Int, _ x: T, alpha: [T], sqrtBeta: [T], p0: T) -> (p: T, dp: T, christoffel: T) {
    var pm = T.zero, p = p0, dpm = T.zero, dp = T.zero
    var sum = T.zero
    for k in 0..<n {
      sum += p * p
      let xa = x - alpha[k]
      let pn = (xa * p - sqrtBeta[k] * pm) / sqrtBeta[k + 1]
      let dpn = (p + xa * dp - sqrtBeta[k] * dpm) / sqrtBeta[k + 1]
      pm = p; p = pn; dpm = dp; dp = dpn
    }
    return (p, dp, sum)
  }

  /// Refines double-precision zeros of p̂_n by Newton's method at the working
  /// precision and returns the Gauss rule.
  static func refine(_ guesses: [Double], n: Int, alpha: [T], sqrtBeta: [T], p0: T) -> GaussNodes {
    let tol = T.ulpOfOne * 4
    var nodes: [T] = [], weights: [T] = []
    for g in guesses {
      var x = T(g)
      for _ in 0..<40 {
        let r = orthonormal(n, x, alpha: alpha, sqrtBeta: sqrtBeta, p0: p0)
        let dx = r.p / r.dp
        x -= dx
        if dx.magnitude <= tol * Swift.max(x.magnitude, T.ulpOfOne) { break }
      }
      let r = orthonormal(n, x, alpha: alpha, sqrtBeta: sqrtBeta, p0: p0)
      nodes.append(x); weights.append(1 / r.christoffel)
    }
    return GaussNodes(nodes: nodes, weights: weights)
  }

  /// Zeros of `f` on (lo, hi] found by a sign-change scan on `steps` cells and bisection.
  static func scanZeros(lo: Double, hi: Double, steps: Int, _ f: (Double) -> Double) -> [Double] {
    var zeros: [Double] = []
    var x0 = lo, f0 = f(lo)
    for s in 1...steps {
      let x1 = lo + (hi - lo) * Double(s) / Double(steps)
      let f1 = f(x1)
      if f0 == 0 {
        zeros.append(x0)
      } else if f0 * f1 < 0 {
        var a = x0, b = x1, fa = f0
        for _ in 0..<200 {
          let m = 0.5 * (a + b)
          if m <= a || m >= b { break }
          let fm = f(m)
          if fa * fm <= 0 { b = m } else { a = m; fa = fm }
        }
        zeros.append(0.5 * (a + b))
      }
      x0 = x1; f0 = f1
    }
    return zeros
  }

  /// Physicists' Hermite: α_k = 0, β_k = k/2, μ₀ = √π.
  static func hermite(_ n: Int) -> GaussNodes {
    precondition(n <= 1000, "Gauss-Hermite is limited to n ≤ 1000 (got \(n))")
    let alphaD = [Double](repeating: 0, count: n + 1)
    let sbD = (0...n).map { (Double($0) / 2).squareRoot() }
    let p0D = 1 / Double.pi.squareRoot().squareRoot()
    let half = n / 2
    var positive: [Double] = []
    var steps = 40 * n + 40
    let hi = (2 * Double(n) + 1).squareRoot() + 1
    while true {
      positive = scanZeros(lo: 1e-300, hi: hi, steps: steps) {
        GaussNodes<Double>.orthonormal(n, $0, alpha: alphaD, sqrtBeta: sbD, p0: p0D).p
      }
      if positive.count == half || steps > 1 << 22 { break }
      steps *= 4
    }
    precondition(positive.count == half, "Gauss-Hermite: found \(positive.count) of \(half) positive zeros")
    let alpha = [T](repeating: T.zero, count: n + 1)
    let sb = (0...n).map { T.sqrt(T($0) / 2) }
    let p0 = 1 / T.sqrt(T.sqrt(T.pi))
    let pos = refine(positive, n: n, alpha: alpha, sqrtBeta: sb, p0: p0)
    var nodes = pos.nodes.reversed().map { -$0 }
    var weights = Array(pos.weights.reversed())
    if n % 2 == 1 {
      let r = orthonormal(n, T.zero, alpha: alpha, sqrtBeta: sb, p0: p0)
      nodes.append(T.zero); weights.append(1 / r.christoffel)
    }
    nodes += pos.nodes; weights += pos.weights
    return GaussNodes(nodes: nodes, weights: weights)
  }

  /// Laguerre: α_k = 2k + 1, β_k = k², μ₀ = 1.
  static func laguerre(_ n: Int) -> GaussNodes {
    precondition(n <= 300, "Gauss-Laguerre is limited to n ≤ 300 (got \(n))")
    let alphaD = (0...n).map { Double(2 * $0 + 1) }
    let sbD = (0...n).map { Double($0) }
    var zeros: [Double] = []
    var steps = 40 * n + 40
    let hi = (4 * Double(n) + 2).squareRoot() + 1
    while true {
      // Scan in s = √x, where the zeros are roughly evenly spaced.
      zeros = scanZeros(lo: 1e-300, hi: hi, steps: steps) { s in
        GaussNodes<Double>.orthonormal(n, s * s, alpha: alphaD, sqrtBeta: sbD, p0: 1).p
      }.map { $0 * $0 }
      if zeros.count == n || steps > 1 << 22 { break }
      steps *= 4
    }
    precondition(zeros.count == n, "Gauss-Laguerre: found \(zeros.count) of \(n) zeros")
    let alpha = (0...n).map { T(2 * $0 + 1) }
    let sb = (0...n).map { T($0) }
    return refine(zeros, n: n, alpha: alpha, sqrtBeta: sb, p0: T(1))
  }
}

@inline(__always)
func Foundation_cos(_ x: Double) -> Double { Double.cos(x) }
