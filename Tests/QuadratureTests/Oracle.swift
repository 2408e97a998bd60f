import MultiPrecision
import Quadrature
import RealModule

/// A definite integral with a closed form, for the precision ladder.
/// `exact` is evaluated at 40 extra digits (or is a 100-digit reference string
/// computed by mpmath at 115 digits by two methods).
struct ClosedFormCase: CustomStringConvertible, Sendable {
  typealias T = MPFloat
  var name: String
  var a: String
  var b: String
  var breakPoints: [String] = []
  /// Absolute uncertainty of `exact` (for values given as decimal strings).
  var exactUncertainty = "0"
  var f: @Sendable (T, T) -> T
  /// Whether f uses its second argument (the distance to the nearer endpoint).
  var usesDistance = false
  var exact: @Sendable () -> T
  /// The exact value for the bounds as rounded to the working precision
  /// (for integrands singular at an endpoint that is not representable).
  var exactForBounds: (@Sendable (T, T) -> T)? = nil
  var description: String { name }

  init(
    _ name: String, _ a: String, _ b: String, breakPoints: [String] = [], exactUncertainty: String = "0",
    exact: @escaping @Sendable () -> T, _ f: @escaping @Sendable (T) -> T
  ) {
    self.name = name; self.a = a; self.b = b; self.breakPoints = breakPoints
    self.exactUncertainty = exactUncertainty
    self.exact = exact; self.f = { x, _ in f(x) }
  }

  /// An integrand in distance form: `f(x, δ)` with δ = x − (nearer endpoint).
  init(
    _ name: String, _ a: String, _ b: String, exact: @escaping @Sendable () -> T,
    distance f: @escaping @Sendable (T, T) -> T
  ) {
    self.name = name; self.a = a; self.b = b; self.exact = exact; self.f = f
    self.usesDistance = true
  }
}

func bound(_ s: String) -> MPFloat {
  switch s {
  case "inf": return .infinity
  case "-inf": return -.infinity
  default: return MPFloat(s)!
  }
}

/// Runs the case at `digits` digits and checks |I − value| ≤ errorEstimate and
/// ≤ 10^(−digits)·max(|I|, 1e-300) — the only acceptance the ladder uses.
struct LadderOutcome {
  var result: QuadratureResult<MPFloat>
  var trueError: MPFloat
  var tolerance: MPFloat
  var exact: MPFloat
  var uncertainty: MPFloat
  var honest: Bool { trueError <= result.errorEstimate + uncertainty }
  var withinTolerance: Bool { trueError <= tolerance * Swift.max(exact.magnitude, MPFloat("1e-300")!) + uncertainty }
}

extension ClosedFormCase {
  /// The reference value at `digits` + 40 digits; bounds that depend on the
  /// working precision are rounded at `working` bits first, as the integrator sees them.
  func exactValue(digits: Int, working: Int) -> MPFloat {
    MPFloat.withPrecision(MPFloat.bits(forDigits: digits + 40)) {
      if let g = exactForBounds {
        let (a, b) = MPFloat.withPrecision(working) { (bound(self.a), bound(self.b)) }
        return g(a, b)
      }
      return exact()
    }
  }
}

func runLadder(_ c: ClosedFormCase, digits: Int) -> LadderOutcome {
  let working = MPFloat.bits(forDigits: digits + 6)
  let exact = c.exactValue(digits: digits, working: working)
  return MPFloat.withPrecision(working) {
    let tol = MPFloat("1e-\(digits)")!
    let breaks = c.breakPoints.map { bound($0) }
    let r =
      c.usesDistance
      ? Integration.integrate(distanceForm: c.f, from: bound(c.a), to: bound(c.b), tolerance: tol, breakPoints: breaks)
      : Integration.integrate({ x in c.f(x, x) }, from: bound(c.a), to: bound(c.b), tolerance: tol, breakPoints: breaks)
    let err = (r.value.rounded(toPrecision: exact.precision) - exact).magnitude
    return LadderOutcome(
      result: r, trueError: err, tolerance: tol, exact: exact,
      uncertainty: MPFloat(c.exactUncertainty)!)
  }
}
