import ComplexModule
import MultiPrecision
import RealModule

/// Discrete Fourier transforms on uniform grids, generic over `RealScalar`
/// (so the same code runs in `Double` and in MPFR precision).
///
/// Convention (the one of the F-Principle papers, and numpy's):
///
///     ŷ_k = Σ_{j=0}^{n−1} y_j e^{−2πi jk/n},      y_j = (1/n) Σ_k ŷ_k e^{+2πi jk/n}.
///
/// For samples y_j = u(a + j h) of a function on a uniform grid of range L = n h,
/// index k stands for the frequency ξ_k = k/L cycles per unit length (k taken in
/// −n/2 … n/2, see `frequencies(count:range:)`), and h e^{−2πi ξ_k a} ŷ_k
/// approximates the continuous transform F[u](ξ_k) = ∫ u(x) e^{−2πi ξ_k x} dx.
public enum Fourier {}

extension Fourier {
  /// The forward DFT ŷ_k = Σ_j y_j e^{−2πi jk/n} of any length n: iterative
  /// radix-2 when n is a power of two, Bluestein's chirp-z convolution (through
  /// radix-2 transforms of length ≥ 2n − 1) otherwise. O(n log n). Builds a
  /// `FourierPlan` each call; keep one to transform many vectors of one length.
  @_specialize(where T == Double)
  public static func transform<T: RealScalar>(_ y: [Complex<T>]) -> [Complex<T>] {
    FourierPlan<T>(count: y.count).forward(y)
  }

  /// The inverse DFT y_j = (1/n) Σ_k ŷ_k e^{+2πi jk/n}.
  @_specialize(where T == Double)
  public static func inverseTransform<T: RealScalar>(_ spectrum: [Complex<T>]) -> [Complex<T>] {
    let n = spectrum.count
    if n == 0 { return [] }
    let scale = T(1) / T(n)
    return transform(spectrum.map { $0.conjugate }).map { Complex($0.real * scale, -$0.imaginary * scale) }
  }

  /// The DFT of real samples (all n coefficients; ŷ_{n−k} = conj(ŷ_k)).
  @_specialize(where T == Double)
  public static func transform<T: RealScalar>(real y: [T]) -> [Complex<T>] {
    transform(y.map { Complex($0, T.zero) })
  }

  /// The DFT by its definition, Σ_j y_j w^{(jk mod n)}, with the n twiddles
  /// w^m = e^{−2πi m/n} each evaluated directly: O(n²), the reference the
  /// fast transform is checked against (in `Double` and in MPFR precision).
  @_specialize(where T == Double)
  public static func naiveTransform<T: RealScalar>(_ y: [Complex<T>]) -> [Complex<T>] {
    let n = y.count
    if n == 0 { return [] }
    let w = (0..<n).map { unitRoot(numerator: -$0, denominator: n, as: T.self) }
    return (0..<n).map { k in
      var re = T.zero, im = T.zero
      for j in 0..<n {
        let t = w[(j * k) % n]
        re += y[j].real * t.real - y[j].imaginary * t.imaginary
        im += y[j].real * t.imaginary + y[j].imaginary * t.real
      }
      return Complex(re, im)
    }
  }

  /// The frequencies ξ_k = k/L (cycles per unit length) of the n DFT
  /// coefficients of samples on a uniform grid of range L = n h, in DFT order:
  /// k = 0, 1, …, ⌈n/2⌉ − 1, then −⌊n/2⌋, …, −1 (numpy's `fftfreq(n, d: L/n)`).
  public static func frequencies<T: RealScalar>(count n: Int, range: T) -> [T] {
    precondition(n > 0, "Fourier.frequencies: count must be positive, got \(n)")
    precondition(range > 0, "Fourier.frequencies: range must be positive, got \(range)")
    return (0..<n).map { k in T(signedIndex(k, count: n)) / range }
  }

  /// The signed index of DFT coefficient k: k for k < ⌈n/2⌉, k − n after.
  @inlinable
  public static func signedIndex(_ k: Int, count n: Int) -> Int {
    k < (n + 1) / 2 ? k : k - n
  }

  /// e^{2πi p/q}, with p reduced modulo q first so the angle is in (−π, π].
  static func unitRoot<T: RealScalar>(numerator p: Int, denominator q: Int, as: T.Type) -> Complex<T> {
    var r = p % q
    if 2 * r > q { r -= q }
    if 2 * r <= -q { r += q }
    if r == 0 { return Complex(T(1), T.zero) }
    if 2 * r == q { return Complex(T(-1), T.zero) }
    if 4 * r == q { return Complex(T.zero, T(1)) }
    if 4 * r == -q { return Complex(T.zero, T(-1)) }
    let angle = T(2) * T.pi * T(r) / T(q)
    return Complex(T.cos(angle), T.sin(angle))
  }

  /// The radix-2 twiddles of length n, stage by stage, split into real and
  /// imaginary parts: for the stage of half-length h (h = 1, 2, 4, …, n/2) the
  /// h factors e^{−2πi m/(2h)}, m < h, stored contiguously from offset h − 1
  /// (n − 1 in all; each evaluated once as e^{−2πi (m n/2h)/n}).
  static func radix2Twiddles<T: RealScalar>(_ n: Int, as: T.Type) -> (re: [T], im: [T]) {
    let base = (0..<(n / 2)).map { unitRoot(numerator: -$0, denominator: n, as: T.self) }
    var re: [T] = [], im: [T] = []
    re.reserveCapacity(max(n - 1, 0))
    im.reserveCapacity(max(n - 1, 0))
    var half = 1
    while half < n {
      let stride = n / (2 * half)
      for m in 0..<half {
        re.append(base[m * stride].real)
        im.append(base[m * stride].imaginary)
      }
      half *= 2
    }
    return (re, im)
  }

  /// In-place iterative radix-2 DIT FFT on split real/imaginary arrays (bit
  /// reversal, then log₂ n stages); twiddles from `radix2Twiddles(n)`.
  static func radix2InPlace<T: RealScalar>(
    re: inout [T], im: inout [T], twiddles: (re: [T], im: [T])
  ) {
    let n = re.count
    if n <= 1 { return }
    re.withUnsafeMutableBufferPointer { xr in
      im.withUnsafeMutableBufferPointer { xi in
        var j = 0
        for i in 1..<n {
          var bit = n >> 1
          while j & bit != 0 { j ^= bit; bit >>= 1 }
          j |= bit
          if i < j { xr.swapAt(i, j); xi.swapAt(i, j) }
        }
        twiddles.re.withUnsafeBufferPointer { wr in
          twiddles.im.withUnsafeBufferPointer { wi in
            var half = 1
            while half < n {
              let offset = half - 1
              var start = 0
              while start < n {
                for m in 0..<half {
                  let tr = wr[offset + m], ti = wi[offset + m]
                  let a = start + m, b = a + half
                  let vr = xr[b] * tr - xi[b] * ti
                  let vi = xr[b] * ti + xi[b] * tr
                  let ur = xr[a], ui = xi[a]
                  xr[a] = ur + vr; xi[a] = ui + vi
                  xr[b] = ur - vr; xi[b] = ui - vi
                }
                start += 2 * half
              }
              half *= 2
            }
          }
        }
      }
    }
  }
}
