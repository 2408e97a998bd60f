import ComplexModule
import MultiPrecision
import RealModule

/// The precomputed tables of a DFT of one length n (twiddles, and for n not a
/// power of two Bluestein's chirp and the transform of its convolution
/// kernel), so that many vectors of that length are transformed at the cost
/// of the butterflies alone (numpy's pocketfft caches its plans likewise).
///
/// Bluestein: jk = (j² + k² − (k−j)²)/2, so ŷ_k = c_k Σ_j (y_j c_j) conj(c_{k−j})
/// with the chirp c_j = e^{−πi j²/n} (j² reduced modulo 2n exactly); the sum is
/// a linear convolution done by radix-2 FFTs of length m ≥ 2n − 1.
public struct FourierPlan<T: RealScalar>: Sendable {
  /// n.
  public let count: Int
  /// Radix-2 length: n, or m for Bluestein.
  let radix2Length: Int
  /// e^{−2πi k/radix2Length}, k < radix2Length/2.
  let twiddles: [Complex<T>]
  /// Bluestein chirp c_j (empty for powers of two).
  let chirp: [Complex<T>]
  /// Radix-2 transform of the Bluestein kernel b (empty for powers of two).
  let kernelSpectrum: [Complex<T>]

  @_specialize(where T == Double)
  public init(count n: Int) {
    precondition(n >= 0, "FourierPlan: negative length \(n)")
    count = n
    if n <= 1 || n & (n - 1) == 0 {
      radix2Length = n
      twiddles = n <= 1 ? [] : Fourier.radix2Twiddles(n, as: T.self)
      chirp = []
      kernelSpectrum = []
      return
    }
    var m = 1
    while m < 2 * n - 1 { m <<= 1 }
    radix2Length = m
    let w = Fourier.radix2Twiddles(m, as: T.self)
    twiddles = w
    let c = (0..<n).map { j -> Complex<T> in
      Fourier.unitRoot(numerator: -((j * j) % (2 * n)), denominator: 2 * n, as: T.self)
    }
    chirp = c
    var b = [Complex<T>](repeating: .zero, count: m)
    for j in 0..<n {
      b[j] = c[j].conjugate
      if j > 0 { b[m - j] = c[j].conjugate }
    }
    Fourier.radix2InPlace(&b, twiddles: w)
    kernelSpectrum = b
  }

  /// ŷ_k = Σ_j y_j e^{−2πi jk/n}.
  @_specialize(where T == Double)
  public func forward(_ y: [Complex<T>]) -> [Complex<T>] {
    precondition(y.count == count, "FourierPlan.forward: \(y.count) values for a plan of length \(count)")
    if count <= 1 { return y }
    if chirp.isEmpty {
      var data = y
      Fourier.radix2InPlace(&data, twiddles: twiddles)
      return data
    }
    let m = radix2Length
    var a = [Complex<T>](repeating: .zero, count: m)
    for j in 0..<count { a[j] = y[j] * chirp[j] }
    Fourier.radix2InPlace(&a, twiddles: twiddles)
    // Inverse transform of the product, through conjugation.
    for k in 0..<m { a[k] = (a[k] * kernelSpectrum[k]).conjugate }
    Fourier.radix2InPlace(&a, twiddles: twiddles)
    let scale = T(1) / T(m)
    return (0..<count).map { k in Complex(a[k].real * scale, -a[k].imaginary * scale) * chirp[k] }
  }

  /// y_j = (1/n) Σ_k ŷ_k e^{+2πi jk/n}.
  @_specialize(where T == Double)
  public func inverse(_ spectrum: [Complex<T>]) -> [Complex<T>] {
    if count == 0 { return [] }
    let scale = T(1) / T(count)
    return forward(spectrum.map { $0.conjugate }).map { Complex($0.real * scale, -$0.imaginary * scale) }
  }
}
