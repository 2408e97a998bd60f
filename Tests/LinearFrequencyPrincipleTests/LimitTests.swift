import Foundation
import GradientFlow
import LinearFrequencyPrinciple
import MultiPrecision
import TestSupport
import Testing

/// The 5-point data of the authors' 1-D experiments (1905.10264, Fig. 1 code).
let authorsX: [Double] = [-0.8, -0.6, -0.3, -0.06, 0.1]
let authorsY: [Double] = [0.25, -0.25, -0.07, 0.15, -0.05]

/// Natural cubic spline (second derivative 0 at the ends, linear outside), an
/// independent textbook implementation (tridiagonal system for the moments).
func naturalSpline(_ x: [Double], _ y: [Double], at t: Double) -> Double {
  let n = x.count
  var m = [Double](repeating: 0, count: n)
  let h = (0..<n - 1).map { x[$0 + 1] - x[$0] }
  var a = [Double](repeating: 0, count: n)
  var b = a
  var c = a
  var r = a
  b[0] = 1
  b[n - 1] = 1
  for i in 1..<n - 1 {
    a[i] = h[i - 1]
    b[i] = 2 * (h[i - 1] + h[i])
    c[i] = h[i]
    r[i] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1])
  }
  for i in 1..<n {
    let w = a[i] / b[i - 1]
    b[i] -= w * c[i - 1]
    r[i] -= w * r[i - 1]
  }
  m[n - 1] = r[n - 1] / b[n - 1]
  for i in stride(from: n - 2, through: 0, by: -1) { m[i] = (r[i] - c[i] * m[i + 1]) / b[i] }
  if t <= x[0] { return y[0] + (t - x[0]) * ((y[1] - y[0]) / h[0] - h[0] * (2 * m[0] + m[1]) / 6) }
  if t >= x[n - 1] {
    let k = n - 2
    return y[n - 1] + (t - x[n - 1]) * ((y[n - 1] - y[k]) / h[k] + h[k] * (m[k] + 2 * m[n - 1]) / 6)
  }
  let i = (0..<n - 1).first { t <= x[$0 + 1] }!
  let u = (t - x[i]) / h[i]
  return (1 - u) * y[i] + u * y[i + 1] + h[i] * h[i] / 6
    * (((1 - u) * (1 - u) * (1 - u) - (1 - u)) * m[i] + (u * u * u - u) * m[i + 1])
}

func linearInterpolant(_ x: [Double], _ y: [Double], at t: Double) -> Double {
  if t <= x[0] { return y[0] }
  if t >= x.last! { return y.last! }
  let i = (0..<x.count - 1).first { t <= x[$0 + 1] }!
  let u = (t - x[i]) / (x[i + 1] - x[i])
  return (1 - u) * y[i] + u * y[i + 1]
}

@Suite struct LimitTests {
  let grid = stride(from: -1.2, through: 0.5, by: 0.01).map { $0 }

  @Test func interpolatesTheData() throws {
    let data = try LFPData(x1: authorsX, y: authorsY)
    let h = try ReLULFPLimit(data: data, A: 6.75, B: 0.005)
    for (x, y) in zip(authorsX, authorsY) { #expect(abs(h(x) - y) < 1e-13) }
  }

  /// B = 0: the natural cubic spline (not scipy's default not-a-knot one); A = 0: the linear spline.
  @Test func splineLimits() throws {
    let data = try LFPData(x1: authorsX, y: authorsY)
    let cubic = try ReLULFPLimit(data: data, A: 1, B: 0)
    let linear = try ReLULFPLimit(data: data, A: 0, B: 1)
    for t in grid {
      #expect(abs(cubic(t) - naturalSpline(authorsX, authorsY, at: t)) < 1e-12, "cubic at \(t)")
      #expect(abs(linear(t) - linearInterpolant(authorsX, authorsY, at: t)) < 1e-12, "linear at \(t)")
    }
  }

  /// In MPFR, the closed-form kernel reproduces the natural spline to 60 digits.
  @Test func naturalSplineInMPFR() throws {
    try MPFloat.withPrecision(256) {
      let x = [MPFloat(0), MPFloat(1), MPFloat(3)]
      let y = [MPFloat(1), MPFloat(2), MPFloat(0)]
      let h = try ReLULFPLimit(data: LFPData(x1: x, y: y), A: MPFloat(1), B: MPFloat(0))
      // Natural spline through (0,1),(1,2),(3,0): the moment equation h₀M₀ + 2(h₀ + h₁)M₁ + h₁M₂ =
      // 6((y₂ − y₁)/h₁ − (y₁ − y₀)/h₀) with M₀ = M₂ = 0 gives 6M₁ = −12, M₁ = −2; on [1, 3]
      // s(t) = (1−u)·2 + u·0 + (h₁²/6)((1−u)³ − (1−u))·M₁, u = (t − 1)/2.
      let m1 = MPFloat(-2)
      let u = MPFloat(1) / 2
      let expected = (1 - u) * 2 + MPFloat(4) / 6 * ((1 - u) * (1 - u) * (1 - u) - (1 - u)) * m1
      #expect(abs(h(MPFloat(2)) - expected) < MPFloat("1e-70")!)
    }
  }

  /// The authors' regularised Fourier least-squares scheme against the closed form:
  /// the discretisation error is O(Δf)-small in the cubic case and smaller in the linear one.
  @Test(arguments: [("uniform:-3,3", "uniform:-0.1,0.1", 2e-2), ("uniform:-0.2,0.2", "uniform:-1,1", 2e-3)])
  func fourierSchemeMatchesClosedForm(w: String, a: String, tolerance: Double) throws {
    let g = try LFPGamma(activation: .relu, w: ParameterDistribution(parsing: w), a: ParameterDistribution(parsing: a))
    let (A, B): (Double, Double) = try g.reluMoments()
    let data = try LFPData(x1: authorsX, y: authorsY)
    let closed = try ReLULFPLimit(data: data, A: A, B: B)
    let scheme = try FrequencyGridLFP.authorsGrid(gamma: g, data: data)
    let inside = stride(from: -0.8, through: 0.1, by: 0.01).map { $0 }
    let ridge = try scheme.limit(at: inside)
    let gap = zip(inside, ridge).map { abs(closed($0) - $1) }.max()!
    print("Fourier scheme vs closed form (\(w), \(a)): max gap \(gap)")
    #expect(gap < tolerance)
  }

  @Test func evolutionRoutesAgreeAndApproachTheLimit() throws {
    let g = try LFPGamma(activation: .relu, w: .uniform(-3, 3), a: .uniform(-0.1, 0.1))
    let data = try LFPData(x1: authorsX, y: authorsY)
    let scheme = try FrequencyGridLFP.authorsGrid(gamma: g, data: data)
    let pts = stride(from: -0.8, through: 0.1, by: 0.05).map { $0 }
    // The flow is stiff (eigenvalues over many decades): DOP853 on the early times only.
    let e = try scheme.evolve(times: [1e-4, 1e-3, 1e-2], at: pts)
    #expect(e.relativeDiscrepancy < 1e-7, "exact vs DOP853: \(e.relativeDiscrepancy)")
    let limit = try scheme.limit(at: pts, epsilon: 0)
    let long = try scheme.exactEvolution(times: [1e-4, 1e8], at: pts)
    let late = zip(long.last!, limit).map { abs($0 - $1) }.max()!
    let early = zip(long.first!, limit).map { abs($0 - $1) }.max()!
    #expect(late < 1e-6 * early, "late \(late) early \(early)")
  }

  @Test func badDataIsRejected() {
    #expect(throws: LFPError.self) { try LFPData(x1: [0.5], y: [1.0]) }
    #expect(throws: LFPError.self) { try LFPData(x1: [0.5, 0.5], y: [1.0, 2.0]) }
    #expect(throws: LFPError.self) { try LFPData(x1: [0.5, 0.5], y: [1.0, 1.0]) }  // one distinct point
    #expect(throws: LFPError.self) { try LFPData(x1: [0.5, .nan], y: [1.0, 1.0]) }
    #expect(throws: LFPError.self) {
      // Three collinear points in 2-D do not determine an affine function.
      try ReLULFPLimit(data: LFPData(x: [[0, 0], [1, 1], [2, 2]], y: [0, 1, 0]), A: 1.0, B: 1.0)
    }
  }
}

/// The closed-form limit in MPFR against an independent mpmath solve at 50 digits
/// (Fixtures/make_limit_fixtures.py → limit.csv), with the moments from the laws.
@Suite struct LimitFixtureTests {
  @Test func matchesMpmath() throws {
    let url = PackagePaths.url("Tests/LinearFrequencyPrincipleTests/Fixtures/limit.csv")
    let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").map(String.init)
    }
    #expect(rows.count == 12)
    try MPFloat.withPrecision(192) {
      let x = ["-0.8", "-0.6", "-0.3", "-0.06", "0.1"].map { MPFloat($0)! }
      let y = ["0.25", "-0.25", "-0.07", "0.15", "-0.05"].map { MPFloat($0)! }
      let data = try LFPData(x1: x, y: y)
      for row in rows {
        let (w, a) = row[0] == "cubic" ? ("uniform:-3,3", "uniform:-0.1,0.1") : ("uniform:-0.2,0.2", "uniform:-1,1")
        let g = try LFPGamma(
          activation: .relu, w: ParameterDistribution(parsing: w), a: ParameterDistribution(parsing: a))
        let (A, B): (MPFloat, MPFloat) = try g.reluMoments()
        #expect(abs(A / MPFloat(row[1])! - 1) < MPFloat("1e-40")!)
        #expect(abs(B / MPFloat(row[2])! - 1) < MPFloat("1e-40")!)
        let h = try ReLULFPLimit(data: data, A: A, B: B)
        let v = h(MPFloat(row[3])!)
        #expect(abs(v - MPFloat(row[4])!) < MPFloat("1e-40")!, "\(row[0]) x=\(row[3]): \(v) vs \(row[4])")
      }
    }
  }
}
