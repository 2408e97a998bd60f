import Foundation
import MultiPrecision
import Quadrature
import RealModule

/// The law of one initial parameter of the two-layer network
/// h(x) = Σ_j a_j σ(w_j·x + b_j) (arXiv 1905.10264, Sec. 2): every component of
/// w_j, and a_j and b_j, is drawn independently from such a law.
///
/// Text forms (the CLI and theorem files): `uniform:A,B` (A < B), `normal:MU,SD`
/// (SD > 0), `const:C`, and `cauchy:X0,G` (G > 0), which has no finite moment
/// of order ≥ 1 and is accepted only so that the formulas can reject it by name.
public enum ParameterDistribution: Sendable, Equatable, CustomStringConvertible {
  case uniform(Double, Double)
  case normal(mean: Double, sd: Double)
  case constant(Double)
  case cauchy(location: Double, scale: Double)

  public var description: String {
    switch self {
    case .uniform(let a, let b): return "uniform:\(a.shortText),\(b.shortText)"
    case .normal(let m, let s): return "normal:\(m.shortText),\(s.shortText)"
    case .constant(let c): return "const:\(c.shortText)"
    case .cauchy(let x0, let g): return "cauchy:\(x0.shortText),\(g.shortText)"
    }
  }

  /// Parses `uniform:A,B`, `normal:MU,SD`, `const:C`, `cauchy:X0,G`.
  public init(parsing text: String) throws(LFPError) {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2 else {
      throw LFPError("distribution `\(text)`: expected KIND:PARAMETERS (uniform:A,B, normal:MU,SD, const:C)")
    }
    let numbers = parts[1].split(separator: ",", omittingEmptySubsequences: false).map {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
    guard numbers.allSatisfy({ $0 != nil && $0!.isFinite }) else {
      throw LFPError("distribution `\(text)`: parameters must be finite numbers")
    }
    let p = numbers.map { $0! }
    func need(_ n: Int) throws(LFPError) {
      guard p.count == n else { throw LFPError("distribution `\(text)`: \(parts[0]) takes \(n) parameter(s), found \(p.count)") }
    }
    switch parts[0] {
    case "uniform":
      try need(2)
      guard p[0] < p[1] else { throw LFPError("distribution `\(text)`: uniform:A,B needs A < B") }
      self = .uniform(p[0], p[1])
    case "normal":
      try need(2)
      guard p[1] > 0 else { throw LFPError("distribution `\(text)`: normal:MU,SD needs SD > 0") }
      self = .normal(mean: p[0], sd: p[1])
    case "const":
      try need(1)
      self = .constant(p[0])
    case "cauchy":
      try need(2)
      guard p[1] > 0 else { throw LFPError("distribution `\(text)`: cauchy:X0,G needs G > 0") }
      self = .cauchy(location: p[0], scale: p[1])
    default:
      throw LFPError("distribution `\(text)`: unknown kind `\(parts[0])` (uniform, normal, const, cauchy)")
    }
  }

  /// Throws unless E|X|^p is finite (every law here but Cauchy).
  public func requireMoment(_ p: Int, of what: String) throws(LFPError) {
    if case .cauchy = self, p >= 1 {
      throw LFPError("\(what) = \(self) has no finite moment of order \(p) (the formula needs E|·|^\(p))")
    }
  }

  /// E[X²] in closed form.
  public func secondMoment<T: RealScalar>(_: T.Type = T.self) throws(LFPError) -> T {
    try requireMoment(2, of: "the law")
    switch self {
    case .uniform(let a, let b):
      let (ta, tb) = (T(a), T(b))
      return (ta * ta + ta * tb + tb * tb) / 3
    case .normal(let m, let s): return T(m) * T(m) + T(s) * T(s)
    case .constant(let c): return T(c) * T(c)
    case .cauchy: fatalError("unreachable")
    }
  }

  /// E‖w‖^p for w ∈ ℝ^d with independent components of this law, p = 1 or 3
  /// (the moments E r, E r³ of γ² in 1905.10264), in closed form:
  /// - const:C: (|C|√d)^p;
  /// - normal:0,SD: the χ_d moment SD^p 2^{p/2} Γ((d+p)/2)/Γ(d/2);
  /// - d = 1, normal:MU,SD: the folded-normal moments, with z = MU/SD, φ, Φ
  ///   the standard normal density and distribution,
  ///   E|X| = 2(MU Φ(z) + SD φ(z)) − MU,
  ///   E|X|³ = 2((MU³ + 3 MU SD²) Φ(z) + SD (MU² + 2 SD²) φ(z)) − (MU³ + 3 MU SD²);
  /// - d = 1, uniform:A,B: (sgn(B)|B|^{p+1} − sgn(A)|A|^{p+1}) / ((p + 1)(B − A)).
  /// Other cases (uniform or non-centred normal components in d > 1) throw.
  public func normMoment<T: RealScalar>(_ p: Int, dimension d: Int, _: T.Type = T.self) throws(LFPError) -> T {
    try requireMoment(p, of: "the w law")
    precondition(p == 1 || p == 3, "only E r and E r³ are needed")
    switch self {
    case .constant(let c):
      let r = T(abs(c)) * T.sqrt(T(d))
      return T.pow(r, p)
    case .normal(let m, let s) where m == 0:
      let tp = T(p), td = T(d)
      return T.pow(T(s), p) * T.pow(T(2), tp / 2) * T.exp(T.logGamma((td + tp) / 2) - T.logGamma(td / 2))
    case .normal(let m, let s) where d == 1:
      let (tm, ts) = (T(m), T(s))
      let z = tm / ts
      let phi = T.exp(-z * z / 2) / T.sqrt(2 * T.pi)
      let cdf = T.erfc(-z / T.sqrt(T(2))) / 2
      if p == 1 { return 2 * (tm * cdf + ts * phi) - tm }
      let c3 = tm * tm * tm + 3 * tm * ts * ts
      return 2 * (c3 * cdf + ts * (tm * tm + 2 * ts * ts) * phi) - c3
    case .uniform(let a, let b) where d == 1:
      func signedPower(_ x: Double) -> T {
        let t = T(abs(x))
        let v = T.pow(t, p + 1)
        return x < 0 ? -v : v
      }
      return (signedPower(b) - signedPower(a)) / (T(p + 1) * (T(b) - T(a)))
    default:
      throw LFPError("E‖w‖^\(p) in d = \(d) has no closed form here for w components \(self) "
        + "(supported in d > 1: normal:0,SD and const:C)")
    }
  }

  /// E[g(X)] by MPFR (or Double) quadrature over the density, split at the
  /// points where g is not smooth (`breakPoints`, e.g. 0 for g(|x|)).
  /// Returns the value and the quadrature's error estimate; throws when the
  /// quadrature did not converge.
  public func expectation<T: RealScalar>(
    _ g: (T) -> T, breakPoints: [T] = [], tolerance: T? = nil
  ) throws(LFPError) -> (value: T, error: T) {
    switch self {
    case .constant(let c): return (g(T(c)), .zero)
    case .cauchy: throw LFPError("\(self) has no finite moments: its expectations are not defined")
    case .uniform(let a, let b):
      let (ta, tb) = (T(a), T(b))
      let inside = breakPoints.filter { $0 > ta && $0 < tb }
      let r = Quadrature.integrate(g, from: ta, to: tb, tolerance: tolerance, breakPoints: inside)
      guard r.isConverged else { throw LFPError("quadrature over \(self) did not converge: \(r)") }
      let width = tb - ta
      return (r.value / width, r.errorEstimate / width)
    case .normal(let m, let s):
      let (tm, ts) = (T(m), T(s))
      let norm = 1 / (ts * T.sqrt(2 * T.pi))
      let density: (T) -> T = { x in let z = (x - tm) / ts; return g(x) * T.exp(-z * z / 2) * norm }
      // Split at the break points and at the mean: each piece is a half-line
      // or a finite interval, on which the Gaussian tail is integrated exactly.
      var cuts = (breakPoints + [tm]).sorted()
      cuts = cuts.reduce(into: [T]()) { if $0.last != $1 { $0.append($1) } }
      var total = T.zero, error = T.zero
      let pieces = [(-T.infinity, cuts.first!)] + zip(cuts, cuts.dropFirst()).map { ($0, $1) }
        + [(cuts.last!, T.infinity)]
      for (lo, hi) in pieces {
        let r = Quadrature.integrate(density, from: lo, to: hi, tolerance: tolerance)
        guard r.isConverged else { throw LFPError("quadrature over \(self) did not converge: \(r)") }
        total += r.value; error += r.errorEstimate
      }
      return (total, error)
    }
  }
}

extension Double {
  /// The shortest text that reads back to this value.
  var shortText: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
