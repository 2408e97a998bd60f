import ComplexModule
import MultiPrecision
import RealModule
import Testing

@testable import Spectral

@Suite struct FourierTests {
  static let sizes = [1, 2, 3, 5, 8, 12, 16, 17, 30, 64, 100, 127, 128, 243, 1000, 1024]

  @Test(arguments: sizes)
  func fftMatchesNaiveDFTInDouble(n: Int) {
    let y = randomComplex(n, seed: UInt64(n))
    let fast = Fourier.transform(y)
    let slow = Fourier.naiveTransform(y)
    #expect(relativeMaxError(fast, slow) < 1e-13)
  }

  /// One plan, several vectors: each matches the DFT by definition, and the
  /// plan's inverse undoes its forward.
  @Test(arguments: [64, 90])
  func planReuse(n: Int) {
    let plan = FourierPlan<Double>(count: n)
    for seed in 1...3 {
      let y = randomComplex(n, seed: UInt64(1000 * seed + n))
      let yHat = plan.forward(y)
      #expect(relativeMaxError(yHat, Fourier.naiveTransform(y)) < 1e-13)
      #expect(relativeMaxError(plan.inverse(yHat), y) < 1e-14)
    }
  }

  @Test(arguments: [7, 64, 100, 1000])
  func inverseUndoesForward(n: Int) {
    let y = randomComplex(n, seed: 99 + UInt64(n))
    let back = Fourier.inverseTransform(Fourier.transform(y))
    #expect(relativeMaxError(back, y) < 1e-14)
  }

  /// Double FFT against the DFT by definition at 320 bits.
  @Test(arguments: [12, 16, 30])
  func doubleFFTMatchesMPFRDFT(n: Int) {
    let y = randomComplex(n, seed: 7 * UInt64(n))
    let fast = Fourier.transform(y)
    let exact = MPFloat.withPrecision(320) {
      Fourier.naiveTransform(y.map { Complex(MPFloat($0.real), MPFloat($0.imaginary)) })
    }
    let asDouble = exact.map { Complex($0.real.doubleValue, $0.imaginary.doubleValue) }
    #expect(relativeMaxError(fast, asDouble) < 1e-13)
  }

  /// 256-bit FFT (radix-2 and Bluestein) against the 320-bit DFT by definition.
  @Test(arguments: [12, 16, 30])
  func mpfrFFTAt256BitsMatches320BitDFT(n: Int) {
    let y = randomComplex(n, seed: 11 * UInt64(n))
    let fast = MPFloat.withPrecision(256) {
      Fourier.transform(y.map { Complex(MPFloat($0.real), MPFloat($0.imaginary)) })
    }
    let reference = MPFloat.withPrecision(320) {
      Fourier.naiveTransform(y.map { Complex(MPFloat($0.real), MPFloat($0.imaginary)) })
    }
    #expect(fast[1].real.precisionBits == 256)
    let err = relativeMaxError(fast, reference)
    #expect(err < MPFloat("1e-70")!, "relative error \(err.formatted(digits: 5))")
  }

  /// cos and sin of integer frequency on a periodic grid: exact closed forms.
  /// y = 3 cos(2π·5x) + 2 sin(2π·9x) on x_j = j/n gives ŷ_5 = ŷ_{n−5} = 3n/2,
  /// ŷ_9 = −i n, ŷ_{n−9} = +i n, all others 0.
  @Test(arguments: [60, 64, 75])
  func sampledSinesAndCosines(n: Int) {
    let grid = UniformGrid<Double>(from: 0, to: 1, count: n)
    let y = grid.sample { 3 * .cos(2 * .pi * 5 * $0) + 2 * .sin(2 * .pi * 9 * $0) }
    let yHat = Fourier.transform(real: y)
    let N = Double(n)
    for k in 0..<n {
      var expected = Complex<Double>.zero
      if k == 5 || k == n - 5 { expected = Complex(3 * N / 2, 0) }
      if k == 9 { expected = Complex(0, -N) }
      if k == n - 9 { expected = Complex(0, N) }
      #expect((yHat[k] - expected).length < 1e-12 * N, "k = \(k): \(yHat[k]) vs \(expected)")
    }
    #expect(grid.frequencies[5] == 5 && grid.frequencies[n - 9] == -9)
  }

  /// F[e^{−π(x−c)²}](ξ) = e^{−2πiξc} e^{−πξ²}: the sampled transform on [−8, 8)
  /// (h = 1/16, ξ_k = k/16 … ±8) matches to rounding (truncation e^{−π·64}).
  @Test(arguments: [0.0, 0.3])
  func gaussianMatchesAnalyticTransform(c: Double) {
    let grid = UniformGrid<Double>(from: -8, to: 8, count: 256)
    let approx = grid.continuousTransform(samples: grid.sample { .exp(-.pi * ($0 - c) * ($0 - c)) })
    var worst = 0.0
    for (k, xi) in grid.frequencies.enumerated() {
      let magnitude = Double.exp(-.pi * xi * xi)
      let exact = Complex(magnitude * .cos(-2 * .pi * xi * c), magnitude * .sin(-2 * .pi * xi * c))
      worst = max(worst, (approx[k] - exact).length)
    }
    #expect(worst < 1e-14, "worst error \(worst)")
  }

  @Test(arguments: [100, 128])
  func parseval(n: Int) {
    let y = randomComplex(n, seed: 5 + UInt64(n))
    let yHat = Fourier.transform(y)
    let time = y.reduce(0.0) { $0 + $1.lengthSquared }
    let freq = yHat.reduce(0.0) { $0 + $1.lengthSquared } / Double(n)
    #expect(abs(time - freq) / time < 1e-14)
  }

  /// numpy.fft.fftfreq(8, d=0.25) = [0, .5, 1, 1.5, −2, −1.5, −1, −.5];
  /// fftfreq(7, d=0.5) = [0, 1, 2, 3, −3, −2, −1] / 3.5.
  @Test func frequencyAxis() {
    #expect(Fourier.frequencies(count: 8, range: 2.0) == [0, 0.5, 1, 1.5, -2, -1.5, -1, -0.5])
    let odd = Fourier.frequencies(count: 7, range: 3.5)
    let expected = [0.0, 1, 2, 3, -3, -2, -1].map { $0 / 3.5 }
    #expect(zip(odd, expected).allSatisfy { $0 == $1 })
  }
}
