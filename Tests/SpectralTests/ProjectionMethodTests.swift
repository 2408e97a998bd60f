import ComplexModule
import Foundation
import MultiPrecision
import TestSupport
import Testing

@testable import Spectral

/// The projection method (`PrincipalComponents`, `ProjectionSpectrum`) against
/// numpy: `Tests/Fixtures/Spectral/projection_method.json`, written by
/// `make_projection_fixture.py` there (numpy.linalg.eigh, a direct
/// complex-exponential sum).
@Suite struct ProjectionMethodTests {
  struct Fixture: Decodable {
    var n: Int
    var d: Int
    var m: Int
    var inputs: [Double]
    var targets: [Double]
    var outputs: [Double]
    var variances: [Double]
    var directions: [[Double]]
    var frequencies: [Double]
    var magnitudes: [Double]
    var transform_real: [Double]
    var transform_imag: [Double]
    var peaks: [Int]
    var relative_errors: [Double]
  }

  static func fixture() throws -> Fixture {
    let url = PackagePaths.fixture("Spectral/projection_method.json")
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  @Test func principalComponentsMatchNumpy() throws {
    let f = try Self.fixture()
    let pca = try PrincipalComponents(points: PointSet(coordinates: f.inputs, dimension: f.d))
    for (a, b) in zip(pca.variances, f.variances) { #expect(abs(a - b) <= 1e-12 * f.variances[0]) }
    for (p, q) in zip(pca.directions, f.directions) {
      for (a, b) in zip(p, q) { #expect(abs(a - b) <= 1e-10, "\(p) vs \(q)") }
    }
  }

  @Test func spectrumPeaksAndErrorsMatchNumpy() throws {
    let f = try Self.fixture()
    let points = PointSet(coordinates: f.inputs, dimension: f.d)
    let s = ProjectionSpectrum(
      points: points, targets: f.targets, channels: f.m, direction: f.directions[0], frequencies: f.frequencies,
      peakThreshold: 0.1)
    let top = f.magnitudes.max()!
    for (a, b) in zip(s.targetMagnitudes, f.magnitudes) { #expect(abs(a - b) <= 1e-12 * top) }
    #expect(s.peaks == f.peaks)
    // The peak transforms, channel by channel.
    for (q, i) in s.peaks.enumerated() {
      for c in 0..<f.m {
        let z = s.peakTransforms[q][c]
        #expect(abs(z.real - f.transform_real[i * f.m + c]) <= 1e-12 * top)
        #expect(abs(z.imaginary - f.transform_imag[i * f.m + c]) <= 1e-12 * top)
      }
    }
    let errors = s.relativeErrors(of: f.outputs)
    #expect(errors.count == f.relative_errors.count)
    for (a, b) in zip(errors, f.relative_errors) { #expect(abs(a - b) <= 1e-10 * b) }
    // The target itself has Δ_F = 0 at every peak; the whole-grid magnitudes of it are its own.
    #expect(s.relativeErrors(of: f.targets).allSatisfy { $0 <= 1e-13 })
    for (a, b) in zip(s.magnitudes(of: f.targets), s.targetMagnitudes) { #expect(abs(a - b) <= 1e-13 * top) }
  }

  /// The control direction is a unit vector orthogonal to the leading components,
  /// a function of its seed.
  @Test func orthogonalDirection() throws {
    let f = try Self.fixture()
    let pca = try PrincipalComponents(points: PointSet(coordinates: f.inputs, dimension: f.d))
    for count in 0..<f.d {
      let p = pca.orthogonalDirection(toLeading: count, seed: 5)
      #expect(abs(p.reduce(0) { $0 + $1 * $1 } - 1) <= 1e-14)
      for q in pca.directions.prefix(count) { #expect(abs(zip(p, q).reduce(0) { $0 + $1.0 * $1.1 }) <= 1e-13) }
      #expect(p == pca.orthogonalDirection(toLeading: count, seed: 5))
    }
    #expect(pca.orthogonalDirection(toLeading: 1, seed: 5) != pca.orthogonalDirection(toLeading: 1, seed: 6))
  }

  /// Deliberately violated twin: a wrong direction (the second component) gives
  /// another spectrum, so the comparison above can fail.
  @Test func wrongDirectionDisagrees() throws {
    let f = try Self.fixture()
    let s = ProjectionSpectrum(
      points: PointSet(coordinates: f.inputs, dimension: f.d), targets: f.targets, channels: f.m,
      direction: f.directions[1], frequencies: f.frequencies)
    let gap = zip(s.targetMagnitudes, f.magnitudes).map { abs($0 - $1) }.max()!
    #expect(gap > 0.01)
  }
}
