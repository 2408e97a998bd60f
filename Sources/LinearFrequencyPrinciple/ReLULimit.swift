import GradientFlow
import LinearAlgebra
import MultiPrecision
import RealModule

/// The long-time limit of the ReLU LFP dynamics with h_ini = 0 (antisymmetric
/// initialisation): the interpolant of minimum FP-norm
///
///     min ∫ γ(ξ)^{−2} |F[h](ξ)|² dξ   subject to h(x_i) = y_i
///
/// (arXiv 1905.10264, the FP-norm; 2010.08153, its implicit minimisation). With
/// γ² = A/(16π⁴‖ξ‖^{d+3}) + B/(4π²‖ξ‖^{d+1}), A = E r³, B = E[a² r], it is the
/// kernel interpolant (the standard representer theorem for a conditionally
/// positive definite kernel, Wendland, *Scattered Data Approximation*, Thm 8.21)
///
///     h(x) = Σ_i c_i G(x − x_i) + p(x),  p affine,  Σ_i c_i = 0,  Σ_i c_i x_i = 0,
///
/// with G = F⁻¹[γ²] modulo affine functions. From F[‖x‖^λ] =
/// π^{−λ−d/2} Γ((λ+d)/2)/Γ(−λ/2) ‖ξ‖^{−λ−d} (Gel'fand–Shilov, Vol. 1, Ch. II §3):
///
///     G(x) = π^{(d−1)/2} [ A‖x‖³ / (12 Γ((d+3)/2)) − B‖x‖ / (2 Γ((d+1)/2)) ],
///
/// so in d = 1, G = A|x|³/12 − B|x|/2: B = 0 gives the natural cubic spline,
/// A = 0 the piecewise-linear interpolant (then p is a constant, and Σ c_i x_i
/// is not imposed, since only constants have finite norm).
public struct ReLULFPLimit<T: RealScalar & DenseScalar>: Sendable {
  public let data: LFPData<T>
  public let A: T
  public let B: T
  /// Kernel coefficients c_i.
  public let coefficients: [T]
  /// Polynomial coefficients: constant first, then the d linear ones (absent when A = 0).
  public let polynomial: [T]

  public init(data: LFPData<T>, A: T, B: T) throws(LFPError) {
    guard A >= 0, B >= 0, A + B > 0 else {
      throw LFPError("ReLU LFP limit needs A = E r³ ≥ 0, B = E[a² r] ≥ 0, not both 0")
    }
    self.data = data
    self.A = A
    self.B = B
    let n = data.count
    let d = data.dimension
    let q = A > 0 ? d + 1 : 1
    var m = Matrix<T>(rows: n + q, columns: n + q)
    for i in 0..<n {
      for j in 0..<n { m[i, j] = Self.kernel(data.x[i], data.x[j], A: A, B: B) }
      m[i, n] = 1
      m[n, i] = 1
      if q > 1 {
        for k in 0..<d {
          m[i, n + 1 + k] = data.x[i][k]
          m[n + 1 + k, i] = data.x[i][k]
        }
      }
    }
    let rhs = data.y + [T](repeating: .zero, count: q)
    let s: [T]
    do { s = try m.solve(rhs) } catch {
      throw LFPError(
        "the interpolation system is singular: the points do not determine an affine function "
          + "(need \(d + 1) affinely independent points in d = \(d))")
    }
    coefficients = Array(s[0..<n])
    polynomial = Array(s[n...])
  }

  /// G(x − x′) of the doc comment.
  public static func kernel(_ x: [T], _ xp: [T], A: T, B: T) -> T {
    var s = T.zero
    for k in 0..<x.count {
      let t = x[k] - xp[k]
      s += t * t
    }
    let r = T.sqrt(s)
    let d = T(x.count)
    let c = T.pow(T.pi, (d - 1) / 2)
    return c * (A * r * r * r / (12 * T.gamma((d + 3) / 2)) - B * r / (2 * T.gamma((d + 1) / 2)))
  }

  public func callAsFunction(_ x: [T]) -> T {
    var h = polynomial[0]
    for k in 1..<polynomial.count { h += polynomial[k] * x[k - 1] }
    for (c, xi) in zip(coefficients, data.x) { h += c * Self.kernel(x, xi, A: A, B: B) }
    return h
  }

  public func callAsFunction(_ x: T) -> T { self([x]) }
}
