import Foundation
import GradientFlow
import LinearAlgebra
import MultiPrecision
import TestSupport

/// Least-squares slope of log(err) against log(h).
func logLogSlope(_ h: [Double], _ err: [Double]) -> Double {
  let x = h.map { Foundation.log($0) }
  let y = err.map { Foundation.log($0) }
  let mx = x.reduce(0, +) / Double(x.count)
  let my = y.reduce(0, +) / Double(y.count)
  var sxy = 0.0
  var sxx = 0.0
  for i in 0..<x.count {
    sxy += (x[i] - mx) * (y[i] - my)
    sxx += (x[i] - mx) * (x[i] - mx)
  }
  return sxy / sxx
}

/// The closed-form test problems (Anchors §1.3 G), generic in the scalar.
struct ClosedForm<T: DenseScalar> {
  let name: String
  let t0: T
  let u0: [T]
  let f: ODERightHandSide<T>
  let exact: (T) -> [T]

  static var all: [ClosedForm] { [exponential, harmonic, rational, simple1d, logistic, linear2] }

  /// y′ = y → eᵗ.
  static var exponential: ClosedForm {
    ClosedForm(name: "y'=y", t0: 0, u0: [1], f: { _, u, du in du[0] = u[0] }, exact: { [T.exp($0)] })
  }
  /// (x, v)′ = (v, −x), (1, 0) → (cos t, −sin t).
  static var harmonic: ClosedForm {
    ClosedForm(
      name: "harmonic", t0: 0, u0: [1, 0],
      f: { _, u, du in
        du[0] = u[1]
        du[1] = -u[0]
      }, exact: { [T.cos($0), -T.sin($0)] })
  }
  /// y′ = −2t y², y(0) = 1 → 1/(1 + t²).
  static var rational: ClosedForm {
    ClosedForm(
      name: "y'=-2ty^2", t0: 0, u0: [1], f: { t, u, du in du[0] = -2 * t * u[0] * u[0] }, exact: { [1 / (1 + $0 * $0)] }
    )
  }
  /// Boost.Odeint simple1d: x′ = 3/(2t²) + x/(2t), x(1) = 0 → √t − 1/t.
  static var simple1d: ClosedForm {
    ClosedForm(
      name: "simple1d", t0: 1, u0: [0], f: { t, u, du in du[0] = 3 / (2 * t * t) + u[0] / (2 * t) },
      exact: { [T.sqrt($0) - 1 / $0] })
  }
  /// Logistic y′ = y(1 − y), y(0) = 1/10 → 1/(1 + 9e^{−t}).
  static var logistic: ClosedForm {
    ClosedForm(
      name: "logistic", t0: 0, u0: [T(1) / 10], f: { _, u, du in du[0] = u[0] * (1 - u[0]) },
      exact: { [1 / (1 + 9 * T.exp(-$0))] })
  }
  /// u′ = −Au, A = [[2, 1], [1, 2]] (eigenvalues 1, 3), u(0) = (1, 0) →
  /// u = ½(e^{−t} + e^{−3t}, e^{−3t} − e^{−t}) (eigenvectors (1, −1) for 1, (1, 1) for 3).
  static var linear2: ClosedForm {
    ClosedForm(
      name: "linear2x2", t0: 0, u0: [1, 0],
      f: { _, u, du in
        du[0] = -(2 * u[0] + u[1])
        du[1] = -(u[0] + 2 * u[1])
      },
      exact: { t in
        let a = T.exp(-t)
        let b = T.exp(-3 * t)
        return [(a + b) / 2, (b - a) / 2]
      })
  }
}

func maxError<T: DenseScalar>(_ sol: ODESolution<T>, _ p: ClosedForm<T>) -> T {
  var e = T.zero
  for (t, u) in zip(sol.times, sol.states) {
    let x = p.exact(t)
    for i in 0..<u.count { e = max(e, abs(u[i] - x[i]) / max(1, abs(x[i]))) }
  }
  return e
}

func fixtureURL(_ name: String) -> URL {
  PackagePaths.fixture("GradientFlow/\(name)")
}
