import Foundation
import MultiPrecision
import RealModule
import Testing

@testable import Spectral

/// Analytic oracle. For grid points x_j = jh (all integers j) and a test point
/// x_i = j_i h, Poisson summation of Σ_j G^δ(x_i − jh) e^{2πik jh} with
/// Ĝ^δ(ξ) = √(2πδ) e^{−2π²δξ²} gives
///
///     low[sin(2πk·)](x_i) = sin(2πk x_i) · Σ_m e^{−2π²δ(k − m/h)²} / Σ_m e^{−2π²δ(m/h)²},
///
/// i.e. the continuous factor e^{−2π²δk²} times an aliasing correction (the
/// m ≠ 0 terms), exactly; the same factor for cos. A finite grid that extends
/// a margin D beyond the test points adds an error ≲ e^{−D²/(2δ)}.
func filterFactor(k: Double, delta: Double, h: Double) -> Double {
  var num = 0.0, den = 0.0
  for m in -20...20 {
    let a = k - Double(m) / h, b = Double(m) / h
    num += exp(-2 * .pi * .pi * delta * a * a)
    den += exp(-2 * .pi * .pi * delta * b * b)
  }
  return num / den
}

@Suite struct GaussianFilterTests {
  /// Fine grid: the factor is e^{−2π²δk²} to double precision.
  @Test func sineOnFineGridIsDampedByGaussianFactor() {
    let h = 1.0 / 200, delta = 0.01, k = 3.0
    let js = Array(-200..<400)  // x ∈ [−1, 2), margin 1 → e^{−50}
    let x = js.map { Double($0) * h }
    let filter = GaussianFilter(points: PointSet(x), delta: delta)
    let low = filter.lowPass(x.map { sin(2 * .pi * k * $0) })
    let factor = exp(-2 * .pi * .pi * delta * k * k)
    #expect(abs(filterFactor(k: k, delta: delta, h: h) - factor) < 1e-15)
    var worst = 0.0
    for (i, j) in js.enumerated() where (0..<200).contains(j) {
      worst = max(worst, abs(low[i] - factor * sin(2 * .pi * k * x[i])))
    }
    #expect(worst < 1e-12, "worst \(worst)")
  }

  /// Coarse grid: the aliasing correction is visible (≈ 2e−3) and the exact
  /// factor matches; the uncorrected e^{−2π²δk²} does not.
  @Test func sineOnCoarseGridNeedsAliasingCorrection() {
    let h = 0.1, delta = 0.005, k = 2.0
    let js = Array(-10..<20)
    let x = js.map { Double($0) * h }
    let low = GaussianFilter(points: PointSet(x), delta: delta).lowPass(x.map { sin(2 * .pi * k * $0) })
    let exact = filterFactor(k: k, delta: delta, h: h)
    let continuous = exp(-2 * .pi * .pi * delta * k * k)
    var worstExact = 0.0, worstContinuous = 0.0
    for (i, j) in js.enumerated() where (0..<10).contains(j) {
      let s = sin(2 * .pi * k * x[i])
      worstExact = max(worstExact, abs(low[i] - exact * s))
      worstContinuous = max(worstContinuous, abs(low[i] - continuous * s))
    }
    #expect(worstExact < 1e-13, "worst \(worstExact)")
    #expect(worstContinuous > 1e-4)
  }

  /// 2-D tensor grid: G^δ is separable, so cos(2πk₁x)cos(2πk₂y) is damped by
  /// the product of the 1-D factors.
  @Test func cosineProductOn2DGrid() {
    let h = 0.0625, delta = 0.004, k1 = 1.0, k2 = 3.0
    let js = Array(-8..<24)  // [−0.5, 1.5), margin 0.5 → e^{−31}
    var coords: [Double] = [], inside: [Bool] = []
    for a in js {
      for b in js {
        coords += [Double(a) * h, Double(b) * h]
        inside.append((0..<16).contains(a) && (0..<16).contains(b))
      }
    }
    let points = PointSet(coordinates: coords, dimension: 2)
    let values = (0..<points.count).map { cos(2 * .pi * k1 * coords[2 * $0]) * cos(2 * .pi * k2 * coords[2 * $0 + 1]) }
    let low = GaussianFilter(points: points, delta: delta).lowPass(values)
    let factor = filterFactor(k: k1, delta: delta, h: h) * filterFactor(k: k2, delta: delta, h: h)
    var worst = 0.0
    for i in 0..<points.count where inside[i] { worst = max(worst, abs(low[i] - factor * values[i])) }
    #expect(worst < 1e-12, "worst \(worst)")
  }

  /// The blocked upper-triangle loop against the direct formula (n crosses tiles).
  @Test func blockedWeightsMatchDirectFormula() {
    var g = SplitMix64(seed: 21)
    let n = 150, d = 4, delta = 0.3
    let coords = (0..<(n * d)).map { _ in g.uniform(-1, 1) }
    let filter = GaussianFilter(points: PointSet(coordinates: coords, dimension: d), delta: delta)
    var worst = 0.0
    for i in 0..<n {
      var row = (0..<n).map { j -> Double in
        var r2 = 0.0
        for c in 0..<d { let t = coords[i * d + c] - coords[j * d + c]; r2 += t * t }
        return exp(-r2 / (2 * delta))
      }
      let s = row.reduce(0, +)
      row = row.map { $0 / s }
      for j in 0..<n { worst = max(worst, abs(filter.weights[i * n + j] - row[j])) }
    }
    #expect(worst < 1e-15)
  }

  /// Linear invariants: h = a·y gives e_low = e_high = |1 − a|; h = y + c (a
  /// constant is all low frequency) gives e_high = 0 and e_low = |c|√(n·m)/‖y_low‖.
  @Test(arguments: [1, 3])
  func relativeErrorsKnownCases(channels m: Int) {
    var g = SplitMix64(seed: 33)
    let n = 200, d = 3
    let points = PointSet(coordinates: (0..<(n * d)).map { _ in g.uniform(-1, 1) }, dimension: d)
    let y = (0..<(n * m)).map { _ in g.uniform(-1, 1) }
    let filter = GaussianFilter(points: points, delta: 0.05)
    let scaled = filter.relativeErrors(target: y, output: y.map { 0.7 * $0 }, channels: m)
    #expect(abs(scaled.low - 0.3) < 1e-13 && abs(scaled.high - 0.3) < 1e-13)
    let c = 0.25
    let shifted = filter.relativeErrors(target: y, output: y.map { $0 + c }, channels: m)
    let yLowNorm = filter.lowPass(y, channels: m).reduce(0.0) { $0 + $1 * $1 }.squareRoot()
    #expect(shifted.high < 1e-13)
    #expect(abs(shifted.low - c * Double(n * m).squareRoot() / yLowNorm) < 1e-12)
  }

  /// The batched low pass (and the snapshot errors built on it) equal the one-set path bit for bit,
  /// across more columns than one pass of `lowPass(batch:)` takes; its twin: one value of one set
  /// changed by an ulp changes that set's result (the comparison can see a last-bit difference).
  /// Even and odd point counts (the batched pass takes rows in pairs, the last one alone).
  @Test(arguments: [(1, 150), (3, 150), (3, 151)])
  func batchedLowPassIsBitIdentical(channels m: Int, points n: Int) {
    var g = SplitMix64(seed: 41)
    let d = 4, count = 140
    let points = PointSet(coordinates: (0..<(n * d)).map { _ in g.uniform(-1, 1) }, dimension: d)
    let filter = GaussianFilter(points: points, delta: 0.2)
    let sets = (0..<count).map { _ in (0..<(n * m)).map { _ in g.uniform(-1, 1) } }
    #expect(count * m > GaussianFilter<Double>.batchColumns)
    let batched = filter.lowPass(batch: sets, channels: m)
    #expect(batched == sets.map { filter.lowPass($0, channels: m) })
    let y = (0..<(n * m)).map { _ in g.uniform(-1, 1) }
    #expect(
      filter.relativeErrors(target: y, snapshots: sets, channels: m)
        == sets.map { filter.relativeErrors(target: y, output: $0, channels: m) })
    var nudged = sets
    nudged[7][5] = nudged[7][5].nextUp
    #expect(filter.lowPass(batch: nudged, channels: m)[7] != batched[7])
    #expect(filter.lowPass(batch: [], channels: m).isEmpty)
  }

  /// The same filter in Double and in 256-bit MPFR.
  @Test func doubleAgreesWithMPFR() {
    var g = SplitMix64(seed: 8)
    let n = 30, d = 2
    let coords = (0..<(n * d)).map { _ in g.uniform(-1, 1) }
    let y = (0..<n).map { _ in g.uniform(-1, 1) }
    let low = GaussianFilter(points: PointSet(coordinates: coords, dimension: d), delta: 0.1).lowPass(y)
    let mp = MPFloat.withPrecision(256) {
      GaussianFilter(
        points: PointSet(coordinates: coords.map { MPFloat($0) }, dimension: d),
        delta: MPFloat(0.1)
      ).lowPass(y.map { MPFloat($0) })
    }
    let worst = zip(low, mp).map { abs($0 - $1.doubleValue) }.max()!
    #expect(worst < 1e-14)
  }

  @Test func stayingBelowIndex() {
    #expect([0.9, 0.01, 0.2, 0.04, 0.03].firstIndexStayingBelow(0.05) { $0 } == 3)
    #expect([0.9, 0.01, 0.2].firstIndexStayingBelow(0.05) { $0 } == nil)
    #expect([0.01, 0.02].firstIndexStayingBelow(0.05) { $0 } == 0)
  }
}
