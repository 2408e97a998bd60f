import MultiPrecision
import Quadrature
import RealModule
import Testing

/// Gaussian expectations: Gauss-Hermite for smooth functions, and the
/// arc-cosine kernels of ReLU and step units (Cho & Saul, "Kernel methods for deep learning", NeurIPS 2009) by
/// polar coordinates with break points at the kinks.
@Suite("Gaussian expectations")
struct GaussianTests {
  static let ladder = [15, 50, 100]

  func check(_ digits: Int, _ exact: () -> M, _ run: (M) -> QuadratureResult<M>, _ name: String) {
    let e = MPFloat.withPrecision(MPFloat.bits(forDigits: digits + 40)) { exact() }
    MPFloat.withPrecision(MPFloat.bits(forDigits: digits + 6)) {
      let tol = M("1e-\(digits)")!
      let r = run(tol)
      let err = (r.value.rounded(toPrecision: e.precision) - e).magnitude
      #expect(r.isConverged, "\(name) at \(digits): \(r)")
      #expect(err <= r.errorEstimate, "\(name) at \(digits): true error \(err.decimalString(digits: 3)), \(r)")
      #expect(err <= tol * e.magnitude, "\(name) at \(digits): true error \(err.decimalString(digits: 3))")
    }
  }

  @Test(arguments: ladder)
  func hermiteMoments(_ digits: Int) {
    check(digits, { M(3) }, { Integration.gaussianExpectation({ x in M.pow(x, 4) }, tolerance: $0) }, "E Z^4")
    check(digits, { M.exp(M(1) / 2) }, { Integration.gaussianExpectation({ x in M.exp(x) }, tolerance: $0) }, "E e^Z")
    check(
      digits, { M.exp(M(-1) / 2) }, { Integration.gaussianExpectation({ x in M.cos(x) }, tolerance: $0) }, "E cos Z")
    check(
      digits, { M.exp(M(2)) },
      {
        Integration.gaussianExpectation(
          { x in M.exp(x) }, mean: M(1), standardDeviation: M(2).squareRoot(), tolerance: $0)
      }, "E e^X, X~N(1,2)")
  }

  /// E[relu(Z)] = 1/√(2π) with the kink at 0 as a break point.
  @Test(arguments: ladder)
  func reluMean(_ digits: Int) {
    check(
      digits, { 1 / M.sqrt(2 * M.pi) },
      { tol in
        let norm = 1 / M.sqrt(2 * M.pi)
        return Integration.integrate(
          { x in x > 0 ? x * M.exp(-x * x / 2) * norm : M(0) },
          from: -.infinity, to: .infinity, tolerance: tol, breakPoints: [M(0)])
      }, "E relu(Z)")
  }

  /// Angular integral over (−π, π] of g(cos φ, cos(φ − θ)) with the kinks at
  /// φ = ±π/2 and θ ± π/2 − 2π k as break points.
  func angular(_ g: @escaping (M, M) -> M, theta: M, tolerance: M) -> QuadratureResult<M> {
    let halfPi = M.pi / 2
    var kinks = [-halfPi, halfPi, theta - halfPi, theta + halfPi]
    kinks = kinks.map { $0 > M.pi ? $0 - 2 * M.pi : $0 }
    return Integration.integrate(
      { phi in g(M.cos(phi), M.cos(phi - theta)) },
      from: -M.pi, to: M.pi, tolerance: tolerance, breakPoints: kinks)
  }

  /// E[relu(w·x) relu(w·y)] = (sin θ + (π − θ) cos θ)/(2π) for unit x, y at
  /// angle θ, w ~ N(0, I). In polar coordinates w = r(cos φ, sin φ) the
  /// expectation factors into (1/2π)² · ∫_{ℝ²} r² e^(−r²/2) dw (by
  /// `integrateRadial`) · ∫ relu(cos φ) relu(cos(φ − θ)) dφ (by `angular`).
  @Test(arguments: ladder)
  func reluArcCosineKernel(_ digits: Int) {
    check(
      digits,
      {
        let t = M(1); return (M.sin(t) + (M.pi - t) * M.cos(t)) / (2 * M.pi)
      },
      { tol in
        let radial = Integration.integrateRadial({ r in r * r * M.exp(-r * r / 2) }, dimension: 2, tolerance: tol / 4)
        let ang = angular({ a, b in a > 0 && b > 0 ? a * b : M(0) }, theta: M(1), tolerance: tol / 4)
        // radial = 2π ∫ r³ e^(−r²/2) dr; E = radial/(2π)² · ∫ g dφ.
        let scale = 1 / (4 * M.pi * M.pi)
        let value = radial.value * ang.value * scale
        let err = (radial.errorEstimate * ang.value.magnitude + ang.errorEstimate * radial.value.magnitude) * scale
        return QuadratureResult(
          value: value, errorEstimate: err, evaluations: radial.evaluations + ang.evaluations,
          status: radial.isConverged && ang.isConverged ? .converged : .maxLevelReached)
      }, "relu arc-cosine kernel")
    // The closed form (sin θ + (π − θ) cos θ)/(2π) at θ = 1, to 19 digits.
    #expect(
      abs(
        MPFloat.withPrecision(80) { (M.sin(M(1)) + (M.pi - 1) * M.cos(M(1))) / (2 * M.pi) }.doubleValue
          - 0.3180836368917881478) < 1e-16)
  }

  /// E[1{w·x > 0} 1{w·y > 0}] = (π − θ)/(2π).
  @Test(arguments: ladder)
  func stepArcCosineKernel(_ digits: Int) {
    check(
      digits, { (M.pi - 1) / (2 * M.pi) },
      { tol in
        var r = angular({ a, b in a > 0 && b > 0 ? M(1) : M(0) }, theta: M(1), tolerance: tol)
        r.value /= 2 * M.pi; r.errorEstimate /= 2 * M.pi
        return r
      }, "step arc-cosine kernel")
  }
}
