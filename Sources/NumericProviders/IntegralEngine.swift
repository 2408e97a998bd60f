import BallArithmetic
import Expressions
import MultiPrecision
import Quadrature

/// The certified engine shared by the `integral` provider and `fprinciple integrate`:
/// an integrand compiled on Arb's complex balls, composed with a path when there is
/// one, integrated by `Integration.certifiedIntegral` (Gauss–Legendre with Petras
/// bounds on Bernstein ellipses, bisection where the integrand reports itself not
/// holomorphic: kinks and jumps of abs, max, min, floor, frac, sign, heaviside, relu are
/// found by the integrator without break points).
public enum IntegralEngine {
  /// Functions whose meaning under the `analytic` flag (holomorphic on the ball, else
  /// indeterminate) is their principal complex branch: a complex integrand or a path
  /// integrand made of these (and arithmetic) may be certified. The others (abs, max,
  /// floor, cbrt, re, im, arg, …) are holomorphic extensions of *real* functions under the
  /// flag, right for a real integrand on the real line but not for f(z) at complex z.
  public static let holomorphicFunctions: Set<String> = [
    "exp", "expm1", "exp2", "exp10", "log", "ln", "log1p", "log2", "log10", "sqrt", "sin", "cos", "tan", "sec",
    "csc", "cot", "sinh", "cosh", "tanh", "coth", "sech", "csch", "asin", "acos", "atan", "asinh", "acosh",
    "atanh", "erf", "erfc", "gamma", "lgamma", "loggamma", "lngamma", "digamma", "psi", "zeta", "ai", "airyai",
    "pow", "besselj", "bessely", "besseli", "besselk", "beta",
  ]

  /// Whether a complex or path integrand may take the certified engine.
  public static func certifiable(_ integrand: Expressions.Expression) -> Bool {
    integrand.functionNames.isSubset(of: holomorphicFunctions)
  }

  /// t ↦ f(P(t))·P′(t) on balls (t ↦ f(t) without a path), with the other slots
  /// fixed. A real integrand (`realValued`) must be real at real balls: a value with a
  /// non-zero imaginary part there (a function left its real domain and took its
  /// principal complex branch) is indeterminate. Evaluation errors give an
  /// indeterminate ball.
  public static func ballIntegrand(
    _ f: CompiledExpression<AcbBall>, path: CompiledExpression<AcbBall>? = nil,
    derivative: CompiledExpression<AcbBall>? = nil, rest: [AcbBall] = [], precision: Int, realValued: Bool
  ) -> (AcbBall) -> AcbBall {
    { t in
      let v: AcbBall?
      if let path, let derivative {
        if let z = try? path.evaluate([t] + rest), let dz = try? derivative.evaluate([t] + rest),
          let fz = try? f.evaluate([z] + rest)
        {
          v = fz * dz
        } else {
          v = nil
        }
      } else {
        v = try? f.evaluate([t] + rest)
      }
      guard let v, !(realValued && t.isReal && !v.isReal) else {
        return AcbBall.indeterminate(precision: precision, analytic: t.analytic)
      }
      return v
    }
  }

  /// Functions that are piecewise analytic on the real line (kinks and jumps they report
  /// under `analytic`): an integrand with one of them takes `certified` with Arb's budget
  /// even when an end is a jump (floor at an integer end), as `acb_calc_integrate` would.
  public static let piecewiseFunctions: Set<String> = [
    "abs", "fabs", "max", "min", "floor", "ceil", "trunc", "round", "frac", "sign", "heaviside", "step", "relu",
  ]

  /// Whether the integrand uses a piecewise function (see `piecewiseFunctions`).
  public static func isPiecewise(_ integrand: Expressions.Expression) -> Bool {
    !integrand.functionNames.isDisjoint(with: piecewiseFunctions)
  }

  /// The certified integral of `g` over the finite [a, b] (with optional break points),
  /// nil when no rigorous enclosure was found (not finite on some piece, or the evaluation
  /// budget was spent without one). An end where g is not holomorphic is handled by the
  /// bisection (as in Arb's `acb_calc_integrate`), not rejected. `evaluationLimit` nil is
  /// Arb's budget (1000p + p² evaluations, depth 2p).
  public static func certified(
    _ g: (AcbBall) -> AcbBall, from a: MPFloat, to b: MPFloat, tolerance: MPFloat?, breakPoints: [MPFloat] = [],
    precision: Int, evaluationLimit: Int? = nil
  ) -> CertifiedQuadratureResult? {
    guard a.isFinite, b.isFinite, a != b else { return nil }
    let c = MPFloat.withPrecision(precision) {
      Integration.certifiedIntegral(
        g, from: a, to: b, tolerance: tolerance, precision: precision, breakPoints: breakPoints,
        evaluationLimit: evaluationLimit)
    }
    return c.isRigorous ? c : nil
  }
}
