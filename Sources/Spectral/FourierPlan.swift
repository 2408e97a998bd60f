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
  /// Stage twiddles of the radix-2 length (see `Fourier.radix2Twiddles`).
  let twiddles: (re: [T], im: [T])
  /// Bluestein chirp c_j (empty for powers of two).
  let chirp: [Complex<T>]
  /// Radix-2 transform of the Bluestein kernel b_j = conj(c_{|j|}) (empty for powers of two).
  let kernelSpectrum: (re: [T], im: [T])

  @_specialize(where T == Double)
  public init(count n: Int) {
    precondition(n >= 0, "FourierPlan: negative length \(n)")
    count = n
    if n <= 1 || n & (n - 1) == 0 {
      radix2Length = n
      twiddles = n <= 1 ? ([], []) : Fourier.radix2Twiddles(n, as: T.self)
      chirp = []
      kernelSpectrum = ([], [])
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
    var br = [T](repeating: .zero, count: m), bi = [T](repeating: .zero, count: m)
    for j in 0..<n {
      br[j] = c[j].real; bi[j] = -c[j].imaginary
      if j > 0 { br[m - j] = c[j].real; bi[m - j] = -c[j].imaginary }
    }
    Fourier.radix2InPlace(re: &br, im: &bi, twiddles: w)
    kernelSpectrum = (br, bi)
  }

  /// ŷ_k = Σ_j y_j e^{−2πi jk/n}.
  @_specialize(where T == Double)
  public func forward(_ y: [Complex<T>]) -> [Complex<T>] {
    precondition(y.count == count, "FourierPlan.forward: \(y.count) values for a plan of length \(count)")
    if count <= 1 { return y }
    if chirp.isEmpty {
      var re = [T](repeating: .zero, count: count), im = [T](repeating: .zero, count: count)
      for j in 0..<count { re[j] = y[j].real; im[j] = y[j].imaginary }
      Fourier.radix2InPlace(re: &re, im: &im, twiddles: twiddles)
      return (0..<count).map { Complex(re[$0], im[$0]) }
    }
    let m = radix2Length
    var re = [T](repeating: .zero, count: m), im = [T](repeating: .zero, count: m)
    for j in 0..<count {
      let a = y[j] * chirp[j]
      re[j] = a.real; im[j] = a.imaginary
    }
    Fourier.radix2InPlace(re: &re, im: &im, twiddles: twiddles)
    // Inverse transform of the product, through conjugation: conj(FFT(conj(A·B))).
    let (kr, ki) = kernelSpectrum
    for k in 0..<m {
      let pr = re[k] * kr[k] - im[k] * ki[k]
      let pi = re[k] * ki[k] + im[k] * kr[k]
      re[k] = pr; im[k] = -pi
    }
    Fourier.radix2InPlace(re: &re, im: &im, twiddles: twiddles)
    let scale = T(1) / T(m)
    return (0..<count).map { k in Complex(re[k] * scale, -im[k] * scale) * chirp[k] }
  }

  /// y_j = (1/n) Σ_k ŷ_k e^{+2πi jk/n}.
  @_specialize(where T == Double)
  public func inverse(_ spectrum: [Complex<T>]) -> [Complex<T>] {
    if count == 0 { return [] }
    let scale = T(1) / T(count)
    return forward(spectrum.map { $0.conjugate }).map { Complex($0.real * scale, -$0.imaginary * scale) }
  }
}
