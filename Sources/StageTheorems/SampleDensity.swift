import MultiPrecision

/// The population density ρ of the data on ℝ (1906.09235 allows general
/// densities; the regularity of ρ enters the decay rate in η).
///
/// Written `normal:MU,SD`, `uniform:A,B` or
/// `mixture:W1*normal:MU1,SD1+W2*normal:MU2,SD2` (weights positive, summing to 1).
/// The uniform density has jumps at A and B: it is the suite's negative control
/// for the regularity hypothesis on ρ.
public enum SampleDensity: Sendable, Equatable, CustomStringConvertible {
  /// N(μ, σ²).
  case normal(mean: Double, sd: Double)
  /// Uniform on [a, b].
  case uniform(lower: Double, upper: Double)
  /// Σ wᵢ N(μᵢ, σᵢ²).
  case mixture([Component])

  /// One Gaussian component of a mixture.
  public struct Component: Sendable, Equatable {
    public var weight: Double
    public var mean: Double
    public var sd: Double
    public init(weight: Double, mean: Double, sd: Double) {
      self.weight = weight; self.mean = mean; self.sd = sd
    }
  }

  public var description: String {
    switch self {
    case .normal(let m, let s): return "normal:\(m),\(s)"
    case .uniform(let a, let b): return "uniform:\(a),\(b)"
    case .mixture(let cs):
      return "mixture:" + cs.map { "\($0.weight)*normal:\($0.mean),\($0.sd)" }.joined(separator: "+")
    }
  }

  /// Parses the text form; throws a `StageError` naming what is wrong (an unknown
  /// kind, a non-positive σ, an empty interval, weights that do not sum to 1).
  public static func parse(_ text: String) throws(StageError) -> SampleDensity {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard let colon = t.firstIndex(of: ":") else {
      throw StageError("density `\(text)`: expected normal:MU,SD, uniform:A,B or mixture:W*normal:MU,SD+…")
    }
    let kind = t[..<colon].lowercased(), rest = String(t[t.index(after: colon)...])
    func pair(_ s: String, _ what: String) throws(StageError) -> (Double, Double) {
      let parts = s.split(separator: ",", omittingEmptySubsequences: false).map {
        Double($0.trimmingCharacters(in: .whitespaces))
      }
      guard parts.count == 2, let a = parts[0], let b = parts[1], a.isFinite, b.isFinite else {
        throw StageError("density `\(text)`: \(what) needs two finite numbers, found `\(s)`")
      }
      return (a, b)
    }
    switch kind {
    case "normal":
      let (m, s) = try pair(rest, "normal:MU,SD")
      guard s > 0 else { throw StageError("density `\(text)`: the standard deviation must be > 0 (got \(s))") }
      return .normal(mean: m, sd: s)
    case "uniform":
      let (a, b) = try pair(rest, "uniform:A,B")
      guard b > a else { throw StageError("density `\(text)`: uniform:A,B needs A < B (got \(a), \(b))") }
      return .uniform(lower: a, upper: b)
    case "mixture":
      var components: [Component] = []
      for term in rest.split(separator: "+") {
        let parts = term.split(separator: "*", maxSplits: 1)
        guard parts.count == 2, let w = Double(parts[0].trimmingCharacters(in: .whitespaces)), w.isFinite else {
          throw StageError("density `\(text)`: mixture term `\(term)` is not W*normal:MU,SD")
        }
        guard w > 0 else { throw StageError("density `\(text)`: mixture weight \(w) must be > 0") }
        guard case .normal(let m, let s) = try parse(String(parts[1])) else {
          throw StageError("density `\(text)`: mixture components must be normal:MU,SD (found `\(parts[1])`)")
        }
        components.append(Component(weight: w, mean: m, sd: s))
      }
      guard !components.isEmpty else { throw StageError("density `\(text)`: empty mixture") }
      let total = components.reduce(0) { $0 + $1.weight }
      guard abs(total - 1) <= 1e-12 else {
        throw StageError("density `\(text)`: mixture weights sum to \(total), not 1 (not a probability density)")
      }
      return .mixture(components)
    default:
      throw StageError("density `\(text)`: unknown kind `\(kind)` (expected normal, uniform or mixture)")
    }
  }

  /// The Gaussian components (a normal density is one; empty for uniform).
  var components: [Component] {
    switch self {
    case .normal(let m, let s): return [Component(weight: 1, mean: m, sd: s)]
    case .uniform: return []
    case .mixture(let cs): return cs
    }
  }

  /// Whether ρ is smooth (C^∞ with Gaussian tails); false for uniform.
  public var isSmooth: Bool { if case .uniform = self { return false } else { return true } }

  /// ρ(x).
  public func value<T: RealScalar>(_ x: T) -> T {
    switch self {
    case .uniform(let a, let b):
      return (x >= T(a) && x <= T(b)) ? 1 / T(b - a) : .zero
    default:
      var s = T.zero
      for c in components {
        let z = (x - T(c.mean)) / T(c.sd)
        s += T(c.weight) * T.exp(-z * z / 2) / (T(c.sd) * T.sqrt(2 * T.pi))
      }
      return s
    }
  }

  /// The truncation interval [A, B] of the x-integrals: ρ vanishes outside it
  /// (uniform) or √ρ·(1 + |x|)^`growth` < 10^(−`digits`) there (Gaussian tails
  /// √ρ ∝ e^{−z²/4}, z = (x − μ)/σ).
  public func support(digits: Int, growth: Double = 3) -> (lower: Double, upper: Double) {
    switch self {
    case .uniform(let a, let b): return (a, b)
    default:
      var lo = Double.infinity, hi = -Double.infinity
      for c in components {
        // e^{−Z²/4} ≤ 10^{−digits} · (1 + |μ| + Zσ)^{−growth}: iterate Z once.
        var z = 2 * (Double(digits) * 2.302585092994046).squareRoot()
        for _ in 0..<3 {
          let scale = 1 + abs(c.mean) + z * c.sd
          z = 2 * ((Double(digits) * 2.302585092994046 + growth * Double.log(scale)) + 2).squareRoot()
        }
        lo = min(lo, c.mean - z * c.sd)
        hi = max(hi, c.mean + z * c.sd)
      }
      return (lo, hi)
    }
  }

  /// Points where ρ jumps (the ends of a uniform density).
  public var jumps: [Double] {
    if case .uniform(let a, let b) = self { return [a, b] }
    return []
  }
}
