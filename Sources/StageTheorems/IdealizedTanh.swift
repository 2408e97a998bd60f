import ComplexModule
import Foundation
import MultiPrecision
import RealModule

/// The idealized two-layer tanh setting of the initial-stage theorem of arXiv 1901.06523 (as restated by
/// Xu, lecture notes "理解深度学习", ch. 1, eqs. (1.1)–(1.21)): the network
///
///     h(x) = Σ_j a_j tanh(w_j x + b_j),   j = 1 … m,
///
/// its Fourier transform in closed form (convention F[φ](k) = ∫ φ(x) e^{−ikx} dx, Lemma A0)
///
///     ĥ(k) = Σ_j a_j N_j(k),   N_j(k) = (2πi/|w_j|) e^{i b_j k/w_j} / (e^{−πk/(2w_j)} − e^{πk/(2w_j)})
///                                     = −i (π/|w_j|) csch(s_j) e^{iθ_j},   s_j = πk/(2w_j),  θ_j = b_j k/w_j,
///
/// the per-frequency loss L(k) = ½|D(k)|², D(k) = ĥ(k) − f̂(k) = A(k) e^{iφ(k)}, and its gradient in the
/// parameters θ_{1j} = a_j, θ_{2j} = w_j, θ_{3j} = b_j:
///
///     ∂L(k)/∂θ = Re(conj(D(k)) ∂ĥ(k)/∂θ),   ∂ĥ/∂a_j = N_j,   ∂ĥ/∂b_j = a_j N_j · ik/w_j,
///     ∂ĥ/∂w_j = a_j N_j · M_j,   M_j = ∂ log N_j/∂w_j = −1/w_j − i b_j k/w_j² + (πk/(2w_j²)) coth(s_j).
///
/// Hence |∂L(k)/∂θ_{lj}| = A(k) |c_l| |N_j(k)| |M_l| |sin(θ_j + arg M_l − φ(k))| with c_1 = 1, c_2 = c_3 = a_j,
/// M_1 = 1, M_2 = M_j, M_3 = ik/w_j (for l = 1 this is the notes' eq. (1.10)). `logGradients` evaluates
/// the logarithm of each factor directly (|N_j| ~ e^{−π|k|/(2|w_j|)} underflows `Double` for |w_j| ≲ 2e-3),
/// with a bound on its rounding error.
///
/// The target is a sum of Gaussians (`GaussianSumTarget`), whose transform is closed-form too.
public struct IdealizedTanh: Sendable {
  /// Output weights a_j (fixed, nonzero).
  public var a: [Double]
  /// Biases b_j (fixed, > 0: the theorem's hypothesis).
  public var b: [Double]
  /// The target f.
  public var target: GaussianSumTarget

  /// Throws unless a and b have the same positive length, every a_j ≠ 0 and every b_j > 0.
  public init(a: [Double], b: [Double], target: GaussianSumTarget) throws(StageError) {
    guard !a.isEmpty, a.count == b.count else {
      throw StageError(
        "the idealized network needs as many output weights a as biases b (≥ 1), got \(a.count) and \(b.count)")
    }
    guard a.allSatisfy({ $0 != 0 && $0.isFinite }) else {
      throw StageError("every output weight a_j must be finite and nonzero (a_j = 0 makes ∂L/∂w_j = ∂L/∂b_j = 0)")
    }
    guard b.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw StageError("every bias b_j must be finite and > 0 (the theorem's hypothesis)")
    }
    self.a = a; self.b = b; self.target = target
  }

  /// m, the number of hidden neurons.
  public var width: Int { a.count }

  /// The parameters θ_{lj} in the notes' order: l = 1 (a_j), 2 (w_j), 3 (b_j).
  public enum Parameter: Int, CaseIterable, Sendable { case a = 0, w, b }

  /// h(x) = Σ_j a_j tanh(w_j x + b_j).
  public func value<T: RealScalar>(_ x: T, w: [Double]) -> T {
    var h = T.zero
    for j in 0..<width { h += T(a[j]) * T.tanh(T(w[j]) * x + T(b[j])) }
    return h
  }

  /// log|sinh s| = |s| − log 2 + log(1 − e^{−2|s|}), without overflow.
  static func logAbsSinh<T: RealScalar>(_ s: T) -> T {
    let t = abs(s)
    return t - T.log(T(2)) + T.log(-T.expMinusOne(-2 * t))
  }

  /// N_j(k) = (2πi/|w|) e^{ibk/w} / (e^{−πk/(2w)} − e^{πk/(2w)}) for w ≠ 0, k ≠ 0 (Lemma A0), as
  /// exp(log|N|) · e^{i arg N} with arg N = θ − π/2 (s > 0) or θ + π/2 (s < 0).
  public static func neuronTransform<T: RealScalar>(k: T, w: T, b: T) -> Complex<T> {
    let s = T.pi * k / (2 * w)
    let logAbs = T.log(T.pi / abs(w)) - logAbsSinh(s)
    let phase = b * k / w + (s > 0 ? -T.pi / 2 : T.pi / 2)
    let r = T.exp(logAbs)
    return Complex(r * T.cos(phase), r * T.sin(phase))
  }

  /// ĥ(k) = Σ_j a_j N_j(k) at the first-layer weights w.
  public func networkTransform<T: RealScalar>(k: T, w: [Double]) -> Complex<T> {
    var h = Complex<T>.zero
    for j in 0..<width { h += Complex(T(a[j])) * Self.neuronTransform(k: k, w: T(w[j]), b: T(b[j])) }
    return h
  }

  /// L(k) = ½|ĥ(k) − f̂(k)|².
  public func loss<T: RealScalar>(k: T, w: [Double]) -> T {
    let d = networkTransform(k: k, w: w) - target.transform(k)
    return (d.real * d.real + d.imaginary * d.imaginary) / 2
  }

  /// ∂L(k)/∂θ_{lj} = Re(conj(D) ∂ĥ/∂θ_{lj}) by the direct complex formulas, `[l][j]` (l: `Parameter`).
  public func gradient<T: RealScalar>(k: T, w: [Double]) -> [[T]] {
    let d = networkTransform(k: k, w: w) - target.transform(k)
    var g = [[T]](repeating: [T](repeating: .zero, count: width), count: 3)
    for j in 0..<width {
      let wj = T(w[j]), bj = T(b[j]), aj = T(a[j])
      let n = Self.neuronTransform(k: k, w: wj, b: bj)
      let s = T.pi * k / (2 * wj)
      let mw = Complex(-1 / wj + T.pi * k / (2 * wj * wj) / T.tanh(s), -bj * k / (wj * wj))
      let mb = Complex(T.zero, k / wj)
      for (l, dh) in [n, Complex(aj) * n * mw, Complex(aj) * n * mb].enumerated() {
        g[l][j] = d.real * dh.real + d.imaginary * dh.imaginary
      }
    }
    return g
  }
}

/// f(x) = Σ_i A_i exp(−(x − μ_i)²/(2σ_i²)), with f̂(k) = Σ_i A_i σ_i √(2π) e^{−σ_i²k²/2} e^{−ikμ_i}.
/// Text form: `gauss:A,MU,SD+gauss:A,MU,SD+…`.
public struct GaussianSumTarget: Sendable, Equatable, CustomStringConvertible {
  public struct Term: Sendable, Equatable {
    public var amplitude: Double
    public var centre: Double
    public var width: Double
  }
  public var terms: [Term]

  public init(_ terms: [Term]) { self.terms = terms }

  /// Parses `gauss:A,MU,SD+…` (SD > 0, at least one term).
  public init(parsing text: String) throws(StageError) {
    var terms: [Term] = []
    for part in text.split(separator: "+", omittingEmptySubsequences: false) {
      let p = part.trimmingCharacters(in: .whitespaces)
      guard p.hasPrefix("gauss:") else {
        throw StageError("target `\(text)`: each term is `gauss:A,MU,SD` (amplitude, centre, width), got `\(p)`")
      }
      let numbers = p.dropFirst(6).split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard numbers.count == 3, let amp = numbers[0], let mu = numbers[1], let sd = numbers[2],
        amp.isFinite, mu.isFinite, sd.isFinite, sd > 0
      else { throw StageError("target `\(text)`: `\(p)` needs three finite numbers A,MU,SD with SD > 0") }
      terms.append(Term(amplitude: amp, centre: mu, width: sd))
    }
    guard !terms.isEmpty else { throw StageError("target `\(text)`: no term") }
    self.terms = terms
  }

  public var description: String {
    terms.map { "gauss:\($0.amplitude),\($0.centre),\($0.width)" }.joined(separator: "+")
  }

  /// f(x).
  public func value<T: RealScalar>(_ x: T) -> T {
    terms.reduce(T.zero) { s, t in
      let z = (x - T(t.centre)) / T(t.width)
      return s + T(t.amplitude) * T.exp(-z * z / 2)
    }
  }

  /// f̂(k) = ∫ f(x) e^{−ikx} dx.
  public func transform<T: RealScalar>(_ k: T) -> Complex<T> {
    var f = Complex<T>.zero
    for t in terms {
      let sd = T(t.width)
      let r = T(t.amplitude) * sd * T.sqrt(2 * T.pi) * T.exp(-sd * sd * k * k / 2)
      let phase = -k * T(t.centre)
      f += Complex(r * T.cos(phase), r * T.sin(phase))
    }
    return f
  }

  /// Σ_i |A_i| σ_i √(2π) e^{−σ_i²k²/2} (1 + |kμ_i|): the scale of the rounding error of `transform`.
  func transformErrorScale(_ k: Double) -> Double {
    terms.reduce(0) { s, t in
      s + abs(t.amplitude) * t.width * (2 * Double.pi).squareRoot() * Double.exp(-t.width * t.width * k * k / 2)
        * (1 + abs(k * t.centre))
    }
  }
}
