import ComplexModule
import Foundation
import RealModule
import Testing

@testable import Spectral

@Suite struct FrequencyErrorTests {
  static let grid = UniformGrid<Double>(from: 0, to: 1, count: 64)

  static func sines(_ amplitudes: [Int: Double]) -> [Double] {
    grid.sample { x in amplitudes.reduce(0.0) { $0 + $1.value * .sin(2 * .pi * Double($1.key) * x) } }
  }

  /// The least s with r^s < ε: ⌊log ε / log r⌋ + 1.
  static func firstBelow(_ r: Double, _ eps: Double) -> Int { Int((log(eps) / log(r)).rounded(.down)) + 1 }

  @Test func peakDetectionWithThreshold() {
    let y = Self.sines([3: 1, 7: 0.01])
    let spectrum = Fourier.transform(real: y)
    #expect(SpectralPeaks.detect(spectrum: spectrum, relativeThreshold: 0.05) == [3])
    #expect(SpectralPeaks.detect(spectrum: spectrum, relativeThreshold: 0.001) == [3, 7])
  }

  /// Snapshot s outputs Σ_k (1 − r_k^s) sin(2πkx) for the target Σ_k sin(2πkx),
  /// so Δ_F(k) = r_k^s exactly and the convergence epoch is ⌊log ε/log r_k⌋ + 1
  /// snapshots (epoch = 10 × snapshot).
  static func history(rates: [Int: Double], snapshots: Int) -> FrequencyErrorHistory<Double> {
    let target = sines(rates.mapValues { _ in 1.0 })
    let outputs = (0..<snapshots).map { s in sines(rates.mapValues { 1 - Foundation.pow($0, Double(s)) }) }
    return FrequencyErrorHistory(
      target: target, snapshots: outputs,
      epochs: (0..<snapshots).map { 10 * $0 }, peakThreshold: 0.1)
  }

  @Test func synthetichistoryOrderedByFrequency() {
    let rates = [2: 0.5, 5: 0.7, 9: 0.9]
    let h = Self.history(rates: rates, snapshots: 40)
    #expect(h.peaks == [2, 5, 9])
    for s in [0, 3, 17, 39] {
      for (p, k) in h.peaks.enumerated() {
        #expect(abs(h.errors[s][p] - Foundation.pow(rates[k]!, Double(s))) < 1e-12)
      }
    }
    let eps = 0.05
    let epochs = h.convergenceEpochs(threshold: eps)
    #expect(epochs == h.peaks.map { 10 * Self.firstBelow(rates[$0]!, eps) })
    let order = h.ordering(threshold: eps)
    #expect(order.strictlyIncreasing && order.nonDecreasing && !order.strictlyDecreasing)
    #expect(order.kendallTau == 1 && abs(order.spearmanRho - 1) < 1e-15)
  }

  /// The deliberately reversed sequence (high frequencies first): the ordered
  /// check must report NOT ordered.
  @Test func reversedHistoryIsNotOrdered() {
    let h = Self.history(rates: [2: 0.9, 5: 0.7, 9: 0.5], snapshots: 40)
    let order = h.ordering(threshold: 0.05)
    #expect(!order.strictlyIncreasing)
    #expect(!order.nonDecreasing)
    #expect(order.strictlyDecreasing)
    #expect(order.kendallTau == -1 && abs(order.spearmanRho + 1) < 1e-15)
  }

  /// A dip below ε that is undone later does not count; a peak that ends
  /// above ε has no convergence epoch and ranks last.
  @Test func convergenceEpochDefinition() {
    let errors: [[Double]] = [
      [0.9, 0.9, 0.9],
      [0.04, 0.5, 0.9],
      [0.2, 0.04, 0.9],
      [0.03, 0.04, 0.9],
      [0.01, 0.2, 0.04],
      [0.01, 0.01, 0.06],
    ]
    let h = FrequencyErrorHistory(peaks: [1, 2, 3], epochs: [0, 5, 10, 15, 20, 25], errors: errors)
    #expect(h.convergenceEpochs(threshold: 0.05) == [15, 25, nil])
    let order = h.ordering(threshold: 0.05)
    #expect(!order.strictlyIncreasing)  // one peak never converged
    #expect(order.nonDecreasing)
    #expect(order.kendallTau == 1)
  }

  /// y = 3 + 4i (|y| = 5), h = 3 + 3i: |h − y| = 1; ||h| − |y|| = 5 − √18.
  /// A pure phase error h = 5i is invisible to the magnitude measure.
  @Test func relativeErrorMeasures() {
    let y = Complex(3.0, 4.0), h = Complex(3.0, 3.0)
    #expect(SpectralPeaks.relativeError(target: y, output: h) == 0.2)
    #expect(SpectralPeaks.relativeError(target: y, output: h, denominatorFloor: 5) == 0.1)
    let m = SpectralPeaks.relativeError(target: y, output: h, measure: .magnitudeDifference)
    #expect(abs(m - (5 - 18.0.squareRoot()) / 5) < 1e-15)
    let phase = Complex(0.0, 5.0)
    #expect(SpectralPeaks.relativeError(target: y, output: phase, measure: .magnitudeDifference) == 0)
    #expect(SpectralPeaks.relativeError(target: y, output: phase) > 0.6)
  }

  /// Endpoints: |ŷ_0| of a constant-plus-sine is a peak only with includeEndpoints.
  @Test func peakEndpoints() {
    let y = Self.grid.sample { 2 + .sin(2 * .pi * 4 * $0) }
    let spectrum = Fourier.transform(real: y)
    #expect(SpectralPeaks.detect(spectrum: spectrum, relativeThreshold: 0.1) == [4])
    #expect(SpectralPeaks.detect(spectrum: spectrum, relativeThreshold: 0.1, includeEndpoints: true) == [0, 4])
  }

  /// Hand-computed: x = (1,2,3), y = (1,3,2): C = 2, D = 1, τ = 1/3; ρ = 1 − 6·2/(3·8) = 1/2.
  /// With a tie, y = (1,1,2,3): τ_b = 5/√(6·5); ρ = 4.5/√(5·4.5).
  @Test func rankCorrelations() {
    #expect(abs(RankCorrelation.kendallTau([1, 2, 3], [1, 3, 2]) - 1.0 / 3) < 1e-15)
    #expect(abs(RankCorrelation.spearmanRho([1, 2, 3], [1, 3, 2]) - 0.5) < 1e-15)
    #expect(abs(RankCorrelation.kendallTau([1, 2, 3, 4], [1, 1, 2, 3]) - 5 / 30.0.squareRoot()) < 1e-15)
    #expect(abs(RankCorrelation.spearmanRho([1, 2, 3, 4], [1, 1, 2, 3]) - 4.5 / 22.5.squareRoot()) < 1e-15)
    #expect(RankCorrelation.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
  }
}
