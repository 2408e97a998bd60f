import MultiPrecision
import RealModule

/// The outcome of a numerical integration: never a bare number.
///
/// `value` approximates the integral I; `errorEstimate` is an estimate of
/// |I − value| that the rules here make deliberately pessimistic (the
/// difference between the last two refinement levels, which for the
/// geometrically or double-exponentially convergent rules used here bounds
/// the error of the *previous*, coarser level; twice that is reported), a
/// rounding floor `ε·∫|f|·(8 + 2√N)` and, on finite endpoints, the effect of abscissae that could
/// not be represented exactly near an endpoint.
public struct QuadratureResult<T: RealScalar>: Sendable, CustomStringConvertible {
  /// The approximation of the integral (NaN when `status` is `.nonFinite`).
  public var value: T
  /// Estimated absolute error |I − value| (∞ when `status` is `.nonFinite`).
  public var errorEstimate: T
  /// Number of integrand evaluations.
  public var evaluations: Int
  /// Whether the requested tolerance was met.
  public var status: QuadratureStatus<T>

  public init(value: T, errorEstimate: T, evaluations: Int, status: QuadratureStatus<T>) {
    self.value = value
    self.errorEstimate = errorEstimate
    self.evaluations = evaluations
    self.status = status
  }

  /// True when the estimate met the requested tolerance.
  public var isConverged: Bool { if case .converged = status { return true } else { return false } }

  public var description: String {
    "\(value.decimalString(digits: 20)) ± \(errorEstimate.decimalString(digits: 3)) "
      + "(\(evaluations) evaluations, \(status))"
  }

  /// A failed result at a point where the integrand was not finite.
  static func nonFinite(at x: T, evaluations: Int) -> QuadratureResult {
    QuadratureResult(
      value: T.nan, errorEstimate: T.infinity, evaluations: evaluations,
      status: .nonFinite(at: x))
  }
}

/// How an integration ended.
public enum QuadratureStatus<T: RealScalar>: Sendable, Equatable, CustomStringConvertible {
  /// The error estimate met the requested tolerance (or the rounding floor).
  case converged
  /// The finest refinement level was reached without meeting the tolerance;
  /// `value` and `errorEstimate` are those of the finest level.
  case maxLevelReached
  /// The integrand returned NaN or ±∞ at the abscissa `at`.
  case nonFinite(at: T)
  /// The rule converged to its rounding floor, but |value| is below
  /// errorEstimate/tolerance: the absolute error estimate holds, the requested
  /// relative accuracy is not met (e.g. ∫₋₁₀¹⁰ sin x + e^(−200−x²) dx = 2.45·10⁻⁸⁷ at
  /// 100 digits, where the sines cancel to the rounding level of their own size).
  case belowAbsoluteError

  /// A short name: `converged`, `maxLevelReached`, `nonFinite`, `belowAbsoluteError`.
  public var name: String {
    switch self {
    case .converged: return "converged"
    case .maxLevelReached: return "maxLevelReached"
    case .nonFinite: return "nonFinite"
    case .belowAbsoluteError: return "belowAbsoluteError"
    }
  }

  public var description: String {
    switch self {
    case .nonFinite(let x): return "nonFinite(at: \(x.decimalString(digits: 17)))"
    default: return name
    }
  }

  /// The worse of two statuses (nonFinite > maxLevelReached > converged; a
  /// piece below its absolute error counts as converged here: the sum is
  /// classified again).
  func combined(with other: QuadratureStatus) -> QuadratureStatus {
    switch (self, other) {
    case (.nonFinite, _): return self
    case (_, .nonFinite): return other
    case (.maxLevelReached, _), (_, .maxLevelReached): return .maxLevelReached
    default: return .converged
    }
  }
}

/// The kernel of a Fourier integral ∫₀^∞ f(x)·sin(ωx) dx or ·cos(ωx) dx.
public enum FourierKernel: String, Sendable, CaseIterable {
  case sin, cos
}

/// Errors for calls that cannot be integrated as asked.
public enum QuadratureError: Error, Equatable, CustomStringConvertible {
  case invalidInterval(String)
  case methodNotApplicable(method: String, interval: String)

  public var description: String {
    switch self {
    case .invalidInterval(let s): return "invalid interval: \(s)"
    case .methodNotApplicable(let m, let i): return "method \(m) cannot integrate over \(i)"
    }
  }
}
