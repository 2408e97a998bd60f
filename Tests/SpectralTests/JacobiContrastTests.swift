import Foundation
import MultiPrecision
import RealModule
import Testing

@testable import Spectral

@Suite struct JacobiContrastTests {
  /// c_k(t) = μ_k^t c_k(0) with μ_k = 1 − ω(1 − cos kπh), for ω = 2/3 and 1.
  /// f = A u* is rounded, so the iteration's fixed point differs from u* by
  /// ~ε·cond(A)·|u*| ≈ 1e−13: the tolerance.
  @Test(arguments: [2.0 / 3.0, 1.0])
  func perModeDecayIsGeometric(omega: Double) {
    var g = SplitMix64(seed: 12)
    let solver = JacobiPoisson<Double>(interiorPoints: 31, omega: omega)
    let uStar = (0..<31).map { _ in g.uniform(-1, 1) }
    let u0 = (0..<31).map { _ in g.uniform(-1, 1) }
    let history = solver.errorModes(initial: u0, solution: uStar, iterations: 60)
    let scale = history[0].map(\.magnitude).max()!
    var worst = 0.0
    for t in [1, 2, 10, 60] {
      for k in 1...31 {
        let predicted = Foundation.pow(solver.amplification(k), Double(t)) * history[0][k - 1]
        worst = max(worst, abs(history[t][k - 1] - predicted))
      }
    }
    #expect(worst < 1e-12 * scale, "worst \(worst)")
  }

  /// In 256-bit MPFR with f = 0 (u* = 0 exactly) the decay is μ_k^t to ~1e−70.
  @Test func perModeDecayInMPFR() {
    MPFloat.withPrecision(256) {
      var g = SplitMix64(seed: 13)
      let n = 15
      let solver = JacobiPoisson<MPFloat>(interiorPoints: n, omega: MPFloat(2) / MPFloat(3))
      let u0 = (0..<n).map { _ in MPFloat(g.uniform(-1, 1)) }
      let zero = [MPFloat](repeating: MPFloat(0), count: n)
      let history = solver.errorModes(initial: u0, solution: zero, iterations: 12)
      var worst = MPFloat(0)
      for k in 1...n {
        let predicted = MPFloat.pow(solver.amplification(k), 12) * history[0][k - 1]
        worst = Swift.max(worst, (history[12][k - 1] - predicted).magnitude)
      }
      #expect(worst < MPFloat("1e-70")!, "worst \(worst.formatted(digits: 4))")
    }
  }

  /// ω = 2/3, k = 1, 2, 4, 8 on n = 31: the measured convergence iterations
  /// equal the analytic ⌊log ε/log|μ_k|⌋ + 1 and DEcrease with frequency; the
  /// network claim (increasing) is reported false.
  @Test func jacobiOrderingIsReversed() {
    let solver = JacobiPoisson<Double>(interiorPoints: 31, omega: 2.0 / 3.0)
    let uStar = [Double](repeating: 0, count: 31)
    let u0 = (1...31).map { j in [1, 2, 4, 8].reduce(0.0) { $0 + sin(Double($1 * j) * .pi / 32) } }
    let eps = 0.01
    let history = solver.errorModes(initial: u0, solution: uStar, iterations: 1500)
    let ks = [1, 2, 4, 8]
    let measured = ks.map { JacobiPoisson<Double>.convergenceIteration(history: history, mode: $0, threshold: eps) }
    let analytic = ks.map { solver.analyticConvergenceIteration(mode: $0, threshold: eps) }
    #expect(measured == analytic)
    let order = FrequencyOrdering(frequencies: ks.map(Double.init), convergenceEpochs: measured)
    #expect(order.strictlyDecreasing)
    #expect(!order.strictlyIncreasing && !order.nonDecreasing)
    #expect(order.kendallTau == -1)
  }

  /// ω = 1: |μ_n| = |μ_1| — the highest mode is as slow as the lowest.
  @Test func plainJacobiHighestModeIsSlow() {
    let solver = JacobiPoisson<Double>(interiorPoints: 31, omega: 1)
    #expect(abs(solver.amplification(31) + solver.amplification(1)) < 1e-15)
    #expect(
      solver.analyticConvergenceIteration(mode: 31, threshold: 0.01)
        == solver.analyticConvergenceIteration(mode: 1, threshold: 0.01))
  }
}
