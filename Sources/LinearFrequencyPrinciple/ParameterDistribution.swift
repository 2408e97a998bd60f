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
      guard p.count == n else {
        throw LFPError("distribution `\(text)`: \(parts[0]) takes \(n) parameter(s), found \(p.count)")
      }
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
      let (ta, tb): (T, T) = (real(a), real(b))
      return (ta * ta + ta * tb + tb * tb) / 3
    case .normal(let m, let s): return real(m) * (real(m) as T) + real(s) * (real(s) as T)
    case .constant(let c): return real(c) * (real(c) as T)
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
      let r: T = real(abs(c)) * T.sqrt(T(d))
      return T.pow(r, p)
    case .normal(let m, let s) where m == 0:
      let tp = T(p)
      let td = T(d)
      return T.pow(real(s) as T, p) * T.pow(T(2), tp / 2) * T.exp(T.logGamma((td + tp) / 2) - T.logGamma(td / 2))
    case .normal(let m, let s) where d == 1:
      let (tm, ts): (T, T) = (real(m), real(s))
      let z = tm / ts
      let phi = T.exp(-z * z / 2) / T.sqrt(2 * T.pi)
      let cdf = T.erfc(-z / T.sqrt(T(2))) / 2
      if p == 1 { return 2 * (tm * cdf + ts * phi) - tm }
      let c3 = tm * tm * tm + 3 * tm * ts * ts
      return 2 * (c3 * cdf + ts * (tm * tm + 2 * ts * ts) * phi) - c3
    case .uniform(let a, let b) where d == 1:
      func signedPower(_ x: Double) -> T {
        let t: T = real(abs(x))
        let v = T.pow(t, p + 1)
        return x < 0 ? -v : v
      }
      return (signedPower(b) - signedPower(a)) / (T(p + 1) * ((real(b) as T) - real(a)))
    default:
      throw LFPError(
        "E‖w‖^\(p) in d = \(d) has no closed form here for w components \(self) "
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
    case .constant(let c): return (g(real(c)), .zero)
    case .cauchy: throw LFPError("\(self) has no finite moments: its expectations are not defined")
    case .uniform(let a, let b):
      let (ta, tb): (T, T) = (real(a), real(b))
      let cuts = [ta] + breakPoints.filter { $0 > ta && $0 < tb }.sorted() + [tb]
      let r = try Self.integratePieces(g, cuts: cuts, tolerance: tolerance, law: self)
      let width = tb - ta
      return (r.value / width, r.error / width)
    case .normal(let m, let s):
      let (tm, ts): (T, T) = (real(m), real(s))
      let norm = 1 / (ts * T.sqrt(2 * T.pi))
      let density: (T) -> T = { x in
        let z = (x - tm) / ts
        return g(x) * T.exp(-z * z / 2) * norm
      }
      // Integrate over μ ± k·SD with k = 1.5·√(2(p log 2 + 10)): beyond it the
      // Gaussian weight is below 2^{−2p}, far under the working precision for
      // integrands of polynomial growth. Split at the break points and at
      // μ ± SD·{0, 4, 12}.
      let bits = Double(T.workingPrecisionBits)
      let k = T((2 * (bits * 0.6931471805599453 + 10)).squareRoot() * 1.5)
      let (lo, hi) = (tm - k * ts, tm + k * ts)
      var cuts = breakPoints.filter { $0 > lo && $0 < hi }
      for c in [0, 4, 12] as [T] where c < k { cuts += [tm - c * ts, tm + c * ts] }
      cuts = ([lo, hi] + cuts).sorted()
      cuts = cuts.reduce(into: [T]()) { if $0.last != $1 { $0.append($1) } }
      return try Self.integratePieces(density, cuts: cuts, tolerance: tolerance, law: self)
    }
  }

  /// Σ of ∫ f over consecutive cuts. A piece whose own relative tolerance is
  /// not met is accepted when the summed error estimate still meets the
  /// tolerance relative to the sum (pieces where f is negligibly small, such
  /// as e^{−c/|w|} near w = 0, cannot reach a relative tolerance of their own).
  static func integratePieces<T: RealScalar>(
    _ f: (T) -> T, cuts: [T], tolerance: T?,
    law: ParameterDistribution
  ) throws(LFPError) -> (value: T, error: T) {
    let tol = tolerance ?? 64 * T.ulpOfOne
    var total = T.zero
    var error = T.zero
    for (p, q) in zip(cuts, cuts.dropFirst()) where q > p {
      let r = Integration.integrate(f, from: p, to: q, tolerance: tol)
      if case .nonFinite = r.status { throw LFPError("quadrature over \(law): non-finite integrand: \(r)") }
      total += r.value
      error += r.errorEstimate
    }
    guard error <= tol * abs(total) || total == 0 && error == 0 else {
      throw LFPError(
        "quadrature over \(law) did not converge: \(total.decimalString(digits: 10)) "
          + "± \(error.decimalString(digits: 3))")
    }
    return (total, error)
  }
}

/// A parameter given as decimal text (stored as the nearest Double) at the working
/// precision of T: the shortest decimal that reads back to the Double, read
/// once by MPFR, so `0.2` means 2/10 and not its binary neighbour.
@inlinable
func real<T: RealScalar>(_ x: Double) -> T { T(decimal: String(x)) ?? T(x) }

extension Double {
  /// The shortest text that reads back to this value.
  var shortText: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
