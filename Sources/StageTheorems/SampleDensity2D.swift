import MultiPrecision

/// The population density ρ of the data on ℝ² (the two-dimensional initial stage).
///
/// Written
/// - `normal2:MU1,MU2,SD` (isotropic N(μ, σ²I)) or `normal2:MU1,MU2,SD1,SD2` (the product
///   N(μ₁, σ₁²) ⊗ N(μ₂, σ₂²)),
/// - `mixture2:W1*normal2:…+W2*normal2:…` (weights positive, summing to 1),
/// - `uniform2:A,B`: uniform on the square [A, B]², whose edges are jumps of ρ: the negative
///   control of the regularity hypothesis on ρ (|ĝ| then decays like |ξ|^{−1} across the edges).
public enum SampleDensity2D: Sendable, Equatable, CustomStringConvertible {
  /// N(μ₁, σ₁²) ⊗ N(μ₂, σ₂²).
  case normal(Component)
  /// Uniform on [a, b]².
  case uniformSquare(lower: Double, upper: Double)
  /// Σ wᵢ N(μᵢ, diag(σᵢ₁², σᵢ₂²)).
  case mixture([Component])

  /// One Gaussian product component (weight 1 for `normal`).
  public struct Component: Sendable, Equatable {
    public var weight: Double
    public var mean: (Double, Double)
    public var sd: (Double, Double)
    public init(weight: Double, mean: (Double, Double), sd: (Double, Double)) {
      self.weight = weight; self.mean = mean; self.sd = sd
    }
    public static func == (a: Component, b: Component) -> Bool {
      a.weight == b.weight && a.mean == b.mean && a.sd == b.sd
    }
    var text: String {
      "normal2:\(mean.0),\(mean.1),\(sd.0)" + (sd.1 == sd.0 ? "" : ",\(sd.1)")
    }
  }

  public var description: String {
    switch self {
    case .normal(let c): return c.text
    case .uniformSquare(let a, let b): return "uniform2:\(a),\(b)"
    case .mixture(let cs): return "mixture2:" + cs.map { "\($0.weight)*\($0.text)" }.joined(separator: "+")
    }
  }

  /// Whether the text names a 2-D density (`normal2`, `mixture2`, `uniform2`).
  public static func isTwoDimensional(_ text: String) -> Bool {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    return ["normal2:", "mixture2:", "uniform2:"].contains { t.hasPrefix($0) }
  }

  /// Parses the text form; throws a `StageError` naming what is wrong (an unknown kind, a
  /// non-positive σ, an empty square, weights that do not sum to 1).
  public static func parse(_ text: String) throws(StageError) -> SampleDensity2D {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard let colon = t.firstIndex(of: ":") else {
      throw StageError("density `\(text)`: expected normal2:MU1,MU2,SD, uniform2:A,B or mixture2:W*normal2:…+…")
    }
    let kind = t[..<colon].lowercased(), rest = String(t[t.index(after: colon)...])
    func numbers(_ s: String) -> [Double]? {
      let parts = s.split(separator: ",", omittingEmptySubsequences: false).map {
        Double($0.trimmingCharacters(in: .whitespaces))
      }
      guard parts.allSatisfy({ $0?.isFinite == true }) else { return nil }
      return parts.map { $0! }
    }
    switch kind {
    case "normal2":
      guard let v = numbers(rest), v.count == 3 || v.count == 4 else {
        throw StageError("density `\(text)`: normal2 needs MU1,MU2,SD or MU1,MU2,SD1,SD2 (finite numbers)")
      }
      let sd = (v[2], v.count == 4 ? v[3] : v[2])
      guard sd.0 > 0, sd.1 > 0 else {
        throw StageError("density `\(text)`: the standard deviations must be > 0 (got \(sd.0), \(sd.1))")
      }
      return .normal(Component(weight: 1, mean: (v[0], v[1]), sd: sd))
    case "uniform2":
      guard let v = numbers(rest), v.count == 2 else {
        throw StageError("density `\(text)`: uniform2:A,B needs two finite numbers")
      }
      guard v[1] > v[0] else { throw StageError("density `\(text)`: uniform2:A,B needs A < B (got \(v[0]), \(v[1]))") }
      return .uniformSquare(lower: v[0], upper: v[1])
    case "mixture2":
      var components: [Component] = []
      for term in rest.split(separator: "+") {
        let parts = term.split(separator: "*", maxSplits: 1)
        guard parts.count == 2, let w = Double(parts[0].trimmingCharacters(in: .whitespaces)), w.isFinite else {
          throw StageError("density `\(text)`: mixture2 term `\(term)` is not W*normal2:MU1,MU2,SD")
        }
        guard w > 0 else { throw StageError("density `\(text)`: mixture2 weight \(w) must be > 0") }
        guard case .normal(var c) = try parse(String(parts[1])) else {
          throw StageError("density `\(text)`: mixture2 components must be normal2:… (found `\(parts[1])`)")
        }
        c.weight = w
        components.append(c)
      }
      guard !components.isEmpty else { throw StageError("density `\(text)`: empty mixture") }
      let total = components.reduce(0) { $0 + $1.weight }
      guard abs(total - 1) <= 1e-12 else {
        throw StageError("density `\(text)`: mixture2 weights sum to \(total), not 1 (not a probability density)")
      }
      return .mixture(components)
    default:
      throw StageError("density `\(text)`: unknown 2-D kind `\(kind)` (expected normal2, uniform2 or mixture2)")
    }
  }

  var components: [Component] {
    switch self {
    case .normal(let c): return [c]
    case .uniformSquare: return []
    case .mixture(let cs): return cs
    }
  }

  /// Whether ρ is smooth (C^∞ with Gaussian tails); false for the uniform square.
  public var isSmooth: Bool { if case .uniformSquare = self { return false } else { return true } }

  /// ρ(x₁, x₂).
  public func value<T: RealScalar>(_ x1: T, _ x2: T) -> T {
    switch self {
    case .uniformSquare(let a, let b):
      let inside = x1 >= T(a) && x1 <= T(b) && x2 >= T(a) && x2 <= T(b)
      return inside ? 1 / T((b - a) * (b - a)) : .zero
    default:
      var s = T.zero
      for c in components {
        let z1 = (x1 - T(c.mean.0)) / T(c.sd.0), z2 = (x2 - T(c.mean.1)) / T(c.sd.1)
        s += T(c.weight) * T.exp(-(z1 * z1 + z2 * z2) / 2) / (2 * T.pi * T(c.sd.0 * c.sd.1))
      }
      return s
    }
  }

  /// The truncation box of the x-integrals, per axis: ρ vanishes outside it (uniform square)
  /// or √ρ·(1 + |x|)^`growth` < 10^(−`digits`) there (each axis as the 1-D
  /// `SampleDensity.support` of the marginal component, whose other factor is ≤ its peak).
  public func support(digits: Int, growth: Double = 3) -> (x1: (Double, Double), x2: (Double, Double)) {
    switch self {
    case .uniformSquare(let a, let b): return ((a, b), (a, b))
    default:
      var lo = (Double.infinity, Double.infinity), hi = (-Double.infinity, -Double.infinity)
      for c in components {
        let s1 = SampleDensity.normal(mean: c.mean.0, sd: c.sd.0).support(digits: digits, growth: growth)
        let s2 = SampleDensity.normal(mean: c.mean.1, sd: c.sd.1).support(digits: digits, growth: growth)
        lo = (min(lo.0, s1.lower), min(lo.1, s2.lower))
        hi = (max(hi.0, s1.upper), max(hi.1, s2.upper))
      }
      return ((lo.0, hi.0), (lo.1, hi.1))
    }
  }
}
