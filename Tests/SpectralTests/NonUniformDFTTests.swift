import ComplexModule
import MultiPrecision
import RealModule
import Testing

@testable import Spectral

@Suite struct NonUniformDFTTests {
  /// On x_j = j/n with p = e₁ and integer k, ŷ_{p,k} = ŷ_k / n, also when the
  /// points carry further coordinates orthogonal to p.
  @Test(arguments: [1, 3])
  func uniformGridEqualsDFT(dimension d: Int) {
    let n = 48
    var g = SplitMix64(seed: 3)
    let y = (0..<n).map { _ in g.uniform(-1, 1) }
    var coords: [Double] = []
    for j in 0..<n {
      coords.append(Double(j) / Double(n))
      for _ in 1..<d { coords.append(g.uniform(-5, 5)) }
    }
    let p = [1.0] + [Double](repeating: 0, count: d - 1)
    let nudft = Fourier.nonUniformTransform(
      points: PointSet(coordinates: coords, dimension: d), values: y, direction: p,
      frequencies: (0..<n).map(Double.init))
    let dft = Fourier.transform(real: y).map { Complex($0.real / Double(n), $0.imaginary / Double(n)) }
    #expect(relativeMaxError(nudft, dft) < 1e-13)
  }

  /// Scattered 3-D points along a unit direction: Double against 256-bit MPFR.
  @Test func scatteredPointsDoubleAgreesWithMPFR() {
    var g = SplitMix64(seed: 17)
    let n = 40, d = 3
    let coords = (0..<(n * d)).map { _ in g.uniform(-1, 1) }
    let y = (0..<n).map { _ in g.uniform(-1, 1) }
    let p = [0.48, 0.6, 0.64]  // |p| = 1
    let ks = [0.0, 0.5, 1, 2.5, 7]
    let double = Fourier.nonUniformTransform(
      points: PointSet(coordinates: coords, dimension: d), values: y, direction: p, frequencies: ks)
    let mp = MPFloat.withPrecision(256) {
      Fourier.nonUniformTransform(
        points: PointSet(coordinates: coords.map { MPFloat($0) }, dimension: d),
        values: y.map { MPFloat($0) }, direction: p.map { MPFloat($0) }, frequencies: ks.map { MPFloat($0) })
    }
    let asDouble = mp.map { Complex($0.real.doubleValue, $0.imaginary.doubleValue) }
    #expect(relativeMaxError(double, asDouble) < 1e-13)
  }
}
