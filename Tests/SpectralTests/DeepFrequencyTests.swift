import Foundation
import MultiPrecision
import RealModule
import Testing

@testable import Spectral

/// Modified Bessel I_k(x) by its power series Σ_s (x/2)^{2s+k} / (s!(s+k)!).
func besselI(_ k: Int, _ x: Double) -> Double {
  var term = pow(x / 2, Double(k)) / (1...max(k, 1)).reduce(1.0) { $0 * Double($1) }
  if k == 0 { term = 1 }
  var sum = term
  for s in 1..<200 {
    term *= (x / 2) * (x / 2) / (Double(s) * Double(s + k))
    sum += term
    if term < 1e-17 * sum { break }
  }
  return sum
}

@Suite struct DeepFrequencyTests {
  /// Representation: N points uniform on a circle of radius R in ℝ², target
  /// sin(kθ). The weights are circulant, so sin(kθ) is an eigenvector and for
  /// N ≫ √κ the eigenvalue is the continuous one,
  /// ∫e^{κcos φ}cos(kφ)dφ / ∫e^{κcos φ}dφ = I_k(κ)/I_0(κ), κ = R²/δ
  /// (|S(θ)−S(θ')|² = 2R²(1 − cos(θ−θ'))). Hence LFR_δ = (I_k(κ)/I_0(κ))².
  @Test(arguments: [1, 3, 6])
  func circleRepresentationMatchesBesselRatio(k: Int) {
    let n = 200, r = 1.0, delta = 0.1
    let theta = (0..<n).map { 2 * Double.pi * Double($0) / Double(n) }
    let s = PointSet(coordinates: theta.flatMap { [r * cos($0), r * sin($0)] }, dimension: 2)
    let lfr = DeepFrequency.lowFrequencyRatio(
      representations: s, targets: theta.map { sin(Double(k) * $0) }, delta: delta)
    let kappa = r * r / delta
    let expected = pow(besselI(k, kappa) / besselI(0, kappa), 2)
    #expect(abs(lfr - expected) < 1e-13, "LFR \(lfr) vs \(expected)")
  }

  /// Higher frequency along the representation gives a lower ratio, and a
  /// constant target is all low frequency (ratio exactly 1).
  @Test func ratioOrderingAndConstant() {
    let n = 120
    let theta = (0..<n).map { 2 * Double.pi * Double($0) / Double(n) }
    let s = PointSet(coordinates: theta.flatMap { [cos($0), sin($0)] }, dimension: 2)
    let ratios = [1, 2, 4, 8].map { k in
      DeepFrequency.lowFrequencyRatio(representations: s, targets: theta.map { sin(Double(k) * $0) }, delta: 0.05)
    }
    #expect(zip(ratios, ratios.dropFirst()).allSatisfy { $0 > $1 })
    let one = DeepFrequency.lowFrequencyRatio(
      representations: s, targets: [Double](repeating: 2, count: n), delta: 0.05)
    #expect(abs(one - 1) < 1e-14)
  }

  /// Normalising by max |S_l| makes the ratio invariant under rescaling the
  /// layer; without it, rescaling changes the ratio.
  @Test func normalisationRemovesScale() {
    var g = SplitMix64(seed: 4)
    let n = 80, d = 5
    let coords = (0..<(n * d)).map { _ in g.uniform(-1, 1) }
    let y = (0..<n).map { _ in g.uniform(-1, 1) }
    func lfr(_ scale: Double, _ norm: DeepFrequency.Normalization) -> Double {
      DeepFrequency.lowFrequencyRatio(
        representations: PointSet(coordinates: coords.map { scale * $0 }, dimension: d),
        targets: y, delta: 0.2, normalization: norm)
    }
    #expect(abs(lfr(1, .maxAbsolute) - lfr(7, .maxAbsolute)) < 1e-13)
    #expect(abs(lfr(1, .standardize) - lfr(7, .standardize)) < 1e-13)
    #expect(abs(lfr(1, .none) - lfr(7, .none)) > 1e-3)
  }
}

/// e_low / e_high over snapshots with an analytic answer. On N points of the
/// unit circle the filter is circulant, so sin(kθ) is an eigenvector with
/// eigenvalue λ_k = I_k(κ)/I_0(κ) (κ = 1/δ). Target y = sin θ + sin 8θ, output
/// h_s = y − a^s sin θ − b^s sin 8θ: the modes are orthogonal with equal norms, so
/// e_low(s)² = (a^{2s}λ₁² + b^{2s}λ₈²)/(λ₁² + λ₈²), e_high likewise with 1 − λ_k.
@Suite struct FilteredErrorHistoryTests {
  static let n = 200, delta = 0.1
  static let theta = (0..<n).map { 2 * Double.pi * Double($0) / Double(n) }
  static let filter = GaussianFilter(
    points: PointSet(coordinates: theta.flatMap { [cos($0), sin($0)] }, dimension: 2), delta: delta)

  static func history(a: Double, b: Double, snapshots: Int) -> FilteredErrorHistory<Double> {
    let y = theta.map { sin($0) + sin(8 * $0) }
    let outputs = (0..<snapshots).map { s in
      theta.map { sin($0) + sin(8 * $0) - pow(a, Double(s)) * sin($0) - pow(b, Double(s)) * sin(8 * $0) }
    }
    return FilteredErrorHistory(filter: filter, target: y, snapshots: outputs)
  }

  @Test func matchesAnalyticErrorsAndLowConvergesFirst() {
    let a = 0.5, b = 0.9
    let h = Self.history(a: a, b: b, snapshots: 60)
    let l1 = besselI(1, 1 / Self.delta) / besselI(0, 1 / Self.delta)
    let l8 = besselI(8, 1 / Self.delta) / besselI(0, 1 / Self.delta)
    for s in [0, 5, 30] {
      let p = pow(a, Double(2 * s)), q = pow(b, Double(2 * s))
      let low = ((p * l1 * l1 + q * l8 * l8) / (l1 * l1 + l8 * l8)).squareRoot()
      let high = ((p * (1 - l1) * (1 - l1) + q * (1 - l8) * (1 - l8)) / ((1 - l1) * (1 - l1) + (1 - l8) * (1 - l8)))
        .squareRoot()
      #expect(abs(h.errors[s].low - low) < 1e-12 && abs(h.errors[s].high - high) < 1e-12)
    }
    #expect(h.lowConvergesFirst(threshold: 0.1) == true)
  }

  /// The reversed dynamics (high mode first): the claim is reported false.
  @Test func reversedDynamicsFailTheClaim() {
    let h = Self.history(a: 0.9, b: 0.5, snapshots: 60)
    #expect(h.lowConvergesFirst(threshold: 0.1) == false)
  }
}
