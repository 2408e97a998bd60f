import MultiPrecision

/// A quadrature rule for one piece of an integral: the one place a new rule is added.
///
/// `Integration.integrate` splits [a, b] at the break points, hands each piece to
/// the rule, bisects finite pieces the rule reports as `maxLevelReached`, and
/// sums values, error estimates, evaluations and statuses. To add a rule, conform
/// a type to this protocol and append an instance to `Integration.rules` (its
/// `name` is then accepted by `fprinciple integrate --method` and by the
/// `integral` provider's `method` argument).
public protocol QuadratureRule: Sendable {
  /// The rule's name on the command line and in theorem files ("tanh-sinh").
  var name: String { get }
  /// ∫_a^b f(x, δ) dx on one piece, a < b; a may be −∞ and b +∞. With
  /// `usesDistance`, f also receives δ, the signed distance from x to the nearer
  /// finite end (δ = x − a near a, δ = x − b ≤ 0 near b), computed without
  /// cancellation; otherwise δ = x. The result says by its status whether the
  /// relative `tolerance` was met (`converged`) and never hides a non-finite f.
  func integratePiece<T: RealScalar>(
    _ f: (_ x: T, _ delta: T) -> T, from a: T, to b: T, tolerance: T, usesDistance: Bool
  ) -> QuadratureResult<T>
}

/// The default: Gauss-Legendre on finite pieces while it converges geometrically,
/// tanh-sinh when the convergence is algebraic, bisection for a nearby complex
/// pole; on half-lines the exp-decay rule then exp-sinh, on ℝ the sinh-decay rule
/// then sinh-sinh (see the module README).
public struct AutomaticRule: QuadratureRule {
  public init() {}
  public var name: String { "auto" }
  public func integratePiece<T: RealScalar>(
    _ f: (T, T) -> T, from a: T, to b: T, tolerance: T, usesDistance: Bool
  ) -> QuadratureResult<T> {
    let maxLevel = Integration.defaultMaxLevel(T.self)
    switch (a.isFinite, b.isFinite) {
    case (true, true): return Integration.autoFinite(f, a, b, tolerance, usesDistance, depth: 0)
    case (true, false):
      return Integration.autoHalfLine(
        f, endpoint: a, direction: 1, tolerance: tolerance, maxLevel: maxLevel, usesDistance: usesDistance)
    case (false, true):
      return Integration.autoHalfLine(
        f, endpoint: b, direction: -1, tolerance: tolerance, maxLevel: maxLevel, usesDistance: usesDistance)
    case (false, false): return Integration.autoRealLine({ f($0, $0) }, tolerance: tolerance, maxLevel: maxLevel)
    }
  }
}

/// Gauss-Legendre with n = 8, 16, then sizes predicted from the observed geometric
/// rate, up to `Integration.maxGaussLegendrePoints` (finite pieces; on infinite
/// ones the double-exponential rule of the interval).
public struct GaussLegendreRule: QuadratureRule {
  public init() {}
  public var name: String { "gauss-legendre" }
  public func integratePiece<T: RealScalar>(
    _ f: (T, T) -> T, from a: T, to b: T, tolerance: T, usesDistance: Bool
  ) -> QuadratureResult<T> {
    guard a.isFinite, b.isFinite else {
      return Integration.doubleExponential(f, from: a, to: b, tolerance: tolerance, usesDistance: usesDistance)
    }
    // δ = x − a only for integrands that read it (one subtraction and
    // allocation per point saved otherwise).
    return Integration.gaussLegendre(
      usesDistance ? { f($0, $0 - a) } : { f($0, $0) }, from: a, to: b, tolerance: tolerance,
      maxPoints: Integration.maxGaussLegendrePoints, abandonIfSlow: false
    ).result
  }
}

/// The double-exponential rules: tanh-sinh x = tanh(π/2·sinh t) on finite pieces,
/// exp-sinh x = a + exp(π/2·sinh t) on half-lines, sinh-sinh x = sinh(π/2·sinh t)
/// on ℝ. The range decides which transformation runs, so the three are one rule
/// under three names (`tanh-sinh`, `exp-sinh`, `sinh-sinh`): a file or `--method`
/// names the one that fits the range it expects.
public struct DoubleExponentialRule: QuadratureRule {
  public let name: String
  /// Named after the finite-interval transformation.
  public static let tanhSinh = DoubleExponentialRule(name: "tanh-sinh")
  /// Named after the half-line transformation.
  public static let expSinh = DoubleExponentialRule(name: "exp-sinh")
  /// Named after the whole-line transformation.
  public static let sinhSinh = DoubleExponentialRule(name: "sinh-sinh")
  init(name: String) { self.name = name }
  public func integratePiece<T: RealScalar>(
    _ f: (T, T) -> T, from a: T, to b: T, tolerance: T, usesDistance: Bool
  ) -> QuadratureResult<T> {
    Integration.doubleExponential(f, from: a, to: b, tolerance: tolerance, usesDistance: usesDistance)
  }
}

extension Integration {
  /// The rules by name: the built-in ones, in the order `--method` lists them.
  public static let rules: [any QuadratureRule] = [
    AutomaticRule(), GaussLegendreRule(), DoubleExponentialRule.tanhSinh, DoubleExponentialRule.expSinh,
    DoubleExponentialRule.sinhSinh,
  ]

  /// The rule called `name` in `rules`, or nil.
  public static func rule(named name: String) -> (any QuadratureRule)? {
    rules.first { $0.name == name }
  }

  /// The double-exponential rule of the interval: tanh-sinh on [a, b], exp-sinh on
  /// a half-line, sinh-sinh on ℝ, at the finest level `defaultMaxLevel`.
  static func doubleExponential<T: RealScalar>(
    _ f: (T, T) -> T, from a: T, to b: T, tolerance: T, usesDistance: Bool
  ) -> QuadratureResult<T> {
    let maxLevel = defaultMaxLevel(T.self)
    switch (a.isFinite, b.isFinite) {
    case (true, true):
      return tanhSinh(f, from: a, to: b, tolerance: tolerance, maxLevel: maxLevel, usesDistance: usesDistance)
    case (true, false):
      return expSinh(
        f, endpoint: a, direction: 1, tolerance: tolerance, maxLevel: maxLevel, usesDistance: usesDistance)
    case (false, true):
      return expSinh(
        f, endpoint: b, direction: -1, tolerance: tolerance, maxLevel: maxLevel, usesDistance: usesDistance)
    case (false, false): return sinhSinh({ f($0, $0) }, tolerance: tolerance, maxLevel: maxLevel)
    }
  }
}
