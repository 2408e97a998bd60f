import MultiPrecision
import RealModule

extension Integration {
  /// E[g(Z)] for Z ~ N(μ, σ²): (1/√(2π)) Σᵢ wᵢ g(μ + σ xᵢ) with the
  /// probabilists' Gauss-Hermite rule, n = 8, 16, … up to `maxPoints`;
  /// error = difference of the last two sizes. Exact for polynomials of
  /// degree ≤ 2n − 1; for kinked g (ReLU) prefer `integrate` with break points.
  public static func gaussianExpectation<T: RealScalar>(
    _ g: (T) -> T, mean: T = T.zero, standardDeviation sigma: T = T(1),
    tolerance: T? = nil, maxPoints: Int = 256
  ) -> QuadratureResult<T> {
    let tol = tolerance ?? defaultTolerance(T.self)
    let norm = 1 / T.sqrt(2 * T.pi)
    return doubling(tolerance: tol, maxPoints: maxPoints) { n in
      let r = GaussRule.hermiteProbabilists.nodes(n, as: T.self)
      var s = T.zero, sAbs = T.zero
      for i in 0..<n {
        let x = mean + sigma * r.nodes[i]
        let v = g(x)
        if !v.isFinite { return .failure(x) }
        let t = r.weights[i] * v
        s += t; sAbs += t.magnitude
      }
      return .sum(s * norm, sAbs * norm, n)
    }
  }

  /// ∫ over the box Π [lowerᵢ, upperᵢ] of f(x₁, …, x_d) by the tensor-product
  /// Gauss-Legendre rule with n points per axis, n = 4, 8, 16, … while
  /// n^d ≤ `maxEvaluations`; error = difference of the last two sizes.
  public static func integrateBox<T: RealScalar>(
    _ f: ([T]) -> T, lower: [T], upper: [T], tolerance: T? = nil, maxEvaluations: Int = 1 << 20
  ) -> QuadratureResult<T> {
    precondition(
      lower.count == upper.count && !lower.isEmpty,
      "integrateBox: lower and upper must have the same nonzero dimension")
    let d = lower.count
    let tol = tolerance ?? defaultTolerance(T.self)
    let half = zip(lower, upper).map { ($1 - $0) / 2 }
    let mid = zip(lower, half).map { $0 + $1 }
    var volumeFactor = T(1)
    for h in half { volumeFactor *= h }
    var maxN = 4
    while power(maxN * 2, d) <= maxEvaluations { maxN *= 2 }
    return doubling(tolerance: tol, start: 4, maxPoints: maxN) { n in
      let r = GaussRule.legendre.nodes(n, as: T.self)
      var s = T.zero, sAbs = T.zero
      var index = [Int](repeating: 0, count: d)
      var x = mid
      while true {
        var w = T(1)
        for k in 0..<d {
          x[k] = mid[k] + half[k] * r.nodes[index[k]]
          w *= r.weights[index[k]]
        }
        let v = f(x)
        if !v.isFinite { return .failure(x[0]) }
        s += w * v; sAbs += (w * v).magnitude
        var k = 0
        while k < d {
          index[k] += 1
          if index[k] < n { break }
          index[k] = 0; k += 1
        }
        if k == d { break }
      }
      return .sum(s * volumeFactor, sAbs * volumeFactor.magnitude, power(n, d))
    }
  }

  /// The area of the unit sphere S^(d−1) ⊂ ℝ^d: 2π^(d/2)/Γ(d/2).
  public static func unitSphereArea<T: RealScalar>(dimension d: Int, as type: T.Type = T.self) -> T {
    precondition(d >= 1, "dimension must be ≥ 1 (got \(d))")
    let halfD = T(d) / 2
    return 2 * T.pow(T.pi, halfD) / T.gamma(halfD)
  }

  /// ∫_{|x| < R} f(|x|) dx over ℝ^d (R = ∞ allowed) for a radial function:
  /// S_{d−1} ∫₀^R f(r) r^(d−1) dr with S_{d−1} = 2π^(d/2)/Γ(d/2).
  public static func integrateRadial<T: RealScalar>(
    _ f: (T) -> T, dimension d: Int, radius: T = T.infinity, tolerance: T? = nil,
    breakPoints: [T] = []
  ) -> QuadratureResult<T> {
    let area = unitSphereArea(dimension: d, as: T.self)
    var r = integrate(
      { (x: T) -> T in f(x) * T.pow(x, d - 1) }, from: T.zero, to: radius,
      tolerance: tolerance, breakPoints: breakPoints)
    r.value *= area
    r.errorEstimate *= area
    return r
  }

  enum RuleOutcome<T> { case sum(T, T, Int), failure(T) }

  /// Runs `rule(n)` for n = start, 2·start, … ≤ maxPoints until two
  /// successive sums agree to the tolerance (relative, or the rounding floor).
  static func doubling<T: RealScalar>(
    tolerance tol: T, start: Int = 8, maxPoints: Int, _ rule: (Int) -> RuleOutcome<T>
  ) -> QuadratureResult<T> {
    var evaluations = 0
    var previous: T? = nil
    var result = QuadratureResult(value: T.zero, errorEstimate: T.infinity, evaluations: 0, status: .maxLevelReached)
    var n = start
    while n <= maxPoints {
      switch rule(n) {
      case .failure(let x):
        return .nonFinite(at: x, evaluations: evaluations + 1)
      case .sum(let value, let l1, let count):
        evaluations += count
        let floor = roundingFloor(l1, evaluations: count)
        if let prev = previous {
          let err = Swift.max(2 * (value - prev).magnitude, floor)
          result = QuadratureResult(
            value: value, errorEstimate: err, evaluations: evaluations, status: .maxLevelReached)
          if err <= Swift.max(tol * value.magnitude, 2 * floor) { result.status = .converged; return result }
        } else {
          result = QuadratureResult(
            value: value, errorEstimate: T.infinity, evaluations: evaluations, status: .maxLevelReached)
        }
        previous = value
      }
      n *= 2
    }
    return result
  }

  static func power(_ b: Int, _ e: Int) -> Int {
    var r = 1
    for _ in 0..<e { r = r.multipliedReportingOverflow(by: b).overflow ? Int.max : r * b }
    return r
  }
}
