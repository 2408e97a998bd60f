import MultiPrecision
import NeuralNetworks
import Quadrature
import Testing

@testable import StageTheorems

/// The Taylor-moment Fourier sums of the MPFR path (`MPFRPanelMoments`) against the direct sums, and the
/// MPFR path on a tanh network whose R(η) falls below 1e-28, against the direct sums and the Double grid.
@Suite struct FourierPanelTests {
  /// Pieces of unequal length (as after a kink), rows of mixed sign, offsets across the panel: the
  /// moments reproduce the direct sums Σ v e^{−2πiξx} to a few ulps of Σ|v| at 200 bits.
  @Test func momentsAgreeWithDirectSums() {
    MPFloat.withPrecision(200) {
      let perPiece = 9
      let edges: [MPFloat] = [MPFloat(-3.1), MPFloat(-2.6), MPFloat(-2.55), MPFloat(-1.9), MPFloat(-1.4)]
      var nodes: [MPFloat] = [], centres: [MPFloat] = []
      for i in 0..<(edges.count - 1) {
        let mid = (edges[i] + edges[i + 1]) / 2, half = (edges[i + 1] - edges[i]) / 2
        centres.append(mid)
        for k in 0..<perPiece { nodes.append(mid + half * MPFloat.cos(MPFloat.pi * MPFloat(k) / MPFloat(8))) }
      }
      let values: [[MPFloat]] = [
        nodes.map { MPFloat.exp(-$0 * $0 / 4) }, nodes.map { MPFloat.sin(3 * $0) - MPFloat(0.25) },
      ]
      let maxOffset = 0.125
      let moments = MPFloat.fourierPanelSums(
        nodes: nodes, pieceCentres: centres, nodesPerPiece: perPiece, values: values, maxOffset: maxOffset)
      let direct = FourierPanelSums<MPFloat>.direct(
        nodes: nodes, pieceCentres: centres, nodesPerPiece: perPiece, values: values)
      let scale = values.map { $0.reduce(MPFloat(0)) { $0 + abs($1) } }
      for centre in [MPFloat(0.3), MPFloat(7.875), MPFloat(31.1)] {
        let offsets = [-0.125, -0.07, 0, 0.01, 0.125].map { MPFloat($0) }
        let a = moments.evaluate(centre: centre, offsets: offsets)
        let b = direct.evaluate(centre: centre, offsets: offsets)
        for j in offsets.indices {
          for r in values.indices {
            let d = max(abs(a[j][r].cos - b[j][r].cos), abs(a[j][r].sin - b[j][r].sin))
            #expect(d <= MPFloat("1e-57")! * scale[r], "ξ = \(centre) + \(offsets[j]), row \(r): \(d)")
          }
        }
      }
    }
  }

  /// A 1-5-1 tanh network (N(0, 1) weights, seed 3), ρ = N(0, 0.6²), 30 digits: R(η) falls below 1e-28
  /// by η = 4 (5.3e-28; 7.8e-35 at η = 5) and is resolved at η = 5 to better than 1e-3 of its value.
  /// Independent check at η = 5: the tail integrated directly, dL⁺_η/dt = 4 ∫_η^Ξ Re(conj ĝ φ̂) dξ
  /// (Ξ = 7, where the integrand is 1e-12 of its value at η), by the adaptive Gauss–Legendre integrator
  /// with ĝ, φ̂ from the direct sums (one sine per (ξ, x) pair), at 32 digits: no subtraction from
  /// dL/dt, another ξ rule, no moments. The Double grid agrees where R ≥ 1e-12; R decays monotonically.
  @Test func tanhRatioResolvedBelow1e28() throws {
    let net = Network<Double>(
      widths: [1, 5, 1], activation: builtInActivation(named: "tanh")!,
      initializer: Initializer(weights: .normal(std: 1), biases: .normal(std: 1)), seed: 3)
    let target = try StageTarget("sin(0.6*pi*x) + 0.5*sin(1.6*pi*x)")
    let density = SampleDensity.normal(mean: 0, sd: 0.6)
    let etas = [1.0, 2, 4, 5]
    let options = InitialStageOptions(digits: 30)
    let fast = try InitialStage.computeMP(network: net, target: target, density: density, etas: etas, options: options)
    let grid = try InitialStage.computeGrid(network: net, target: target, density: density, etas: etas, points: 4096)
    let last = fast.R[3]
    #expect(fast.R[2].double <= 1e-27 && last.double <= 1e-28 && last.double > 0, "R(4) = \(fast.R[2]), R(5) = \(last)")
    #expect(last.error.doubleValue <= 1e-3 * last.double, "R(5) = \(last)")
    try MPFloat.withPrecision(MPFloat.bits(forDigits: 32)) {
      let s = try ResidualSamples(
        network: net.converted(to: MPFloat.self), target: target, density: density, digits: options.digits + 2,
        pieceLength: options.pieceLength, intervals: options.xIntervals)
      let phases = s.nodes.map { 2 * MPFloat.pi * $0 }
      let rows = [
        (0..<s.nodes.count).map { s.fine[$0] * s.u[$0] * s.sqrtRho[$0] },
        (0..<s.nodes.count).map { s.fine[$0] * s.velocity[$0] * s.sqrtRho[$0] },
      ]
      var dLdt = MPFloat(0)
      for k in s.nodes.indices { dLdt += 2 * s.fine[k] * s.u[k] * s.velocity[k] * s.rho[k] }
      let tail = Integration.integrate(
        { (xi: MPFloat) -> MPFloat in
          let f = MPFloat.fourierSums(xi: xi, phases: phases, values: rows)
          return 4 * (f[0].cos * f[1].cos + f[0].sin * f[1].sin)
        }, from: MPFloat(5), to: MPFloat(7), tolerance: MPFloat("1e-10")!, rule: GaussLegendreRule())
      #expect(tail.status == .converged)
      let direct = abs(tail.value) / abs(dLdt)
      let d = abs(last.value - direct)
      #expect(d <= last.error + MPFloat("1e-8")! * direct, "moments \(last) vs direct tail \(direct)")
    }
    for i in etas.indices where grid.R[i].double >= 1e-12 {
      let tol = fast.R[i].error.doubleValue + grid.R[i].error.doubleValue + 1e-9 * fast.R[i].double
      #expect(abs(fast.R[i].double - grid.R[i].double) <= tol, "η = \(etas[i]): \(fast.R[i]) vs grid \(grid.R[i])")
    }
    for i in 1..<etas.count { #expect(fast.R[i].double < fast.R[i - 1].double) }
  }
}
