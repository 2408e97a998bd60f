import Expressions
import MultiPrecision
import NeuralNetworks
import Quadrature

/// The population loss of a 1-D network and its gradient by quadrature split at
/// the kinks, the training objective of the intermediate and final stages:
///
///     L(θ) = ∫ ℓ(h(x; θ) − f(x)) ρ(x) dx,   ∇L(θ) = ∫ ℓ′(h − f) ∇_θh ρ dx,
///
/// with Gauss–Legendre rules of `order` nodes on the pieces of the truncation
/// interval of ρ between the kinks of the network at θ (the zeros of the hidden
/// pre-activations: −b_j/w_j for one hidden layer, a scan otherwise) and the
/// jumps of ρ, each piece at most `pieceLength` long. Each piece's integrand is
/// smooth, so the rule converges geometrically in `order`, and since the pieces
/// follow the kinks as θ moves, ∇L is a smooth function of θ to the rule's
/// accuracy. (A fixed grid of samples makes ∇L jump by O(Δx) whenever a kink of a
/// ReLU network crosses a sample, and an adaptive ODE solver then rejects most
/// of its steps.)
struct PopulationQuadrature {
  let network: Network<Double>
  let density: SampleDensity
  let target: CompiledExpression<Double>
  let targetText: String
  let lower: Double
  let upper: Double
  let pieceLength: Double
  let rule: GaussNodes<Double>
  /// The fixed cells and, per cell, its uncut rule (nodes, weights·ρ, f).
  let cells: [(Double, Double)]
  private(set) var cache: [(x: [Double], w: [Double], f: [Double])] = []
  /// Per cell, f at the Chebyshev points (nil: f is evaluated directly at every node).
  private(set) var chebyshev: [[Double]]? = nil
  static let chebyshevPoints = 33

  /// - Parameter digits: the interval leaves out |u|√ρ below about 10^(−digits) (u of linear growth or
  ///   p^depth for ReLU^p), so the loss integrand ρu² is below 10^(−2·digits) outside.
  init(
    network: Network<Double>, target: StageTarget, density: SampleDensity, order: Int = 12,
    pieceLength: Double = 1, digits: Int = 10
  ) throws(StageError) {
    guard network.inputDimension == 1, network.outputDimension == 1 else {
      throw StageError("network: the 1-D stage quantities need widths [1, …, 1], found \(network.widths)")
    }
    guard order >= 2, pieceLength > 0 else { throw StageError("quadrature: order ≥ 2 and piece length > 0 needed") }
    self.network = network
    self.density = density
    self.target = try target.compiled(Double.self)
    targetText = target.text
    (lower, upper) = density.support(digits: digits, growth: outputGrowth(network))
    self.pieceLength = pieceLength
    rule = GaussRule.legendre.nodes(order, as: Double.self)
    cells = Self.cells(lower: lower, upper: upper, jumps: density.jumps, pieceLength: pieceLength)
    cache = cells.map { rule(on: $0.0, $0.1, cutAt: []) }
    chebyshev = Self.interpolationTable(cells: cells, target: self.target)
  }

  /// f at the Chebyshev points x_j = cos(jπ/(m − 1)) of every cell, when the barycentric
  /// interpolant reproduces f to 1e-14·(1 + max|f|) at the m − 1 points halfway (in angle)
  /// between them in every cell; nil otherwise (a target that is not smooth on some cell).
  static func interpolationTable(cells: [(Double, Double)], target: CompiledExpression<Double>) -> [[Double]]? {
    let m = chebyshevPoints
    var table: [[Double]] = []
    for (lo, hi) in cells {
      func at(_ t: Double) -> Double {
        (try? target.evaluate([(lo + hi) / 2 + (hi - lo) / 2 * t, (lo + hi) / 2 + (hi - lo) / 2 * t])) ?? .nan
      }
      let values = chebyshevNodes.x.map(at)
      let scale = 1 + (values.map { abs($0) }.max() ?? .nan)
      guard scale.isFinite else { return nil }
      for j in 0..<(m - 1) {
        let t = Double.cos((Double(j) + 0.5) * Double.pi / Double(m - 1))
        let exact = at(t)
        guard abs(barycentric(values, t) - exact) <= 1e-14 * scale else { return nil }
      }
      table.append(values)
    }
    return table
  }

  /// The Chebyshev points cos(jπ/(m − 1)) and their barycentric weights (−1)^j, halved at the ends.
  static let chebyshevNodes: (x: [Double], w: [Double]) = {
    let m = chebyshevPoints
    let x = (0..<m).map { Double.cos(Double($0) * Double.pi / Double(m - 1)) }
    let w = (0..<m).map { j -> Double in (j % 2 == 0 ? 1 : -1) * (j == 0 || j == m - 1 ? 0.5 : 1) }
    return (x, w)
  }()

  /// The barycentric interpolant (second kind) through `values` at the Chebyshev points, at t ∈ [−1, 1].
  static func barycentric(_ values: [Double], _ t: Double) -> Double {
    let (x, w) = chebyshevNodes
    var num = 0.0, den = 0.0
    for j in values.indices {
      let d = t - x[j]
      if d == 0 { return values[j] }
      let c = w[j] / d
      num += c * values[j]
      den += c
    }
    return num / den
  }

  /// The zeros in (lower, upper) of the hidden pre-activations of the network at θ.
  func kinks(_ theta: [Double]) -> [Double] {
    guard activationHasKink(network.activation) else { return [] }
    var net = network
    net.parameters = theta
    if net.layerCount == 2 {
      // One hidden layer: z_j(x) = c·w_j·x + b_j vanishes at x = −b_j/(c·w_j).
      let c = net.weightMultiplier(0)
      return (0..<net.widths[1]).compactMap { j in
        let w = c * theta[net.weightOffset(0) + j]
        guard w != 0 else { return nil }
        let x = -theta[net.biasOffset(0) + j] / w
        return x > lower && x < upper ? x : nil
      }.sorted()
    }
    return networkKinks(net, from: lower, to: upper, scanPoints: 2048)
  }

  /// The fixed cells: [lower, upper] cut at the jumps of ρ and into pieces ≤ `pieceLength`.
  static func cells(lower: Double, upper: Double, jumps: [Double], pieceLength: Double) -> [(Double, Double)] {
    let breaks = [lower] + jumps.filter { $0 > lower && $0 < upper }.sorted() + [upper]
    var cells: [(Double, Double)] = []
    for i in 0..<(breaks.count - 1) where breaks[i + 1] > breaks[i] {
      let lo = breaks[i], hi = breaks[i + 1]
      let count = max(1, Int(((hi - lo) / pieceLength).rounded(.up)))
      for p in 0..<count {
        cells.append(
          (
            lo + (hi - lo) * Double(p) / Double(count),
            p == count - 1 ? hi : lo + (hi - lo) * Double(p + 1) / Double(count)
          ))
      }
    }
    return cells
  }

  /// Nodes x, weights (times ρ) and f(x) of the rule on [lo, hi] cut at `inner` (sorted, inside).
  func rule(
    on lo: Double, _ hi: Double, cutAt inner: [Double], cell: Int? = nil
  ) -> (x: [Double], w: [Double], f: [Double]) {
    var x: [Double] = [], w: [Double] = []
    let breaks = [lo] + inner + [hi]
    for i in 0..<(breaks.count - 1) where breaks[i + 1] > breaks[i] {
      let half = (breaks[i + 1] - breaks[i]) / 2, mid = (breaks[i + 1] + breaks[i]) / 2
      for k in rule.nodes.indices {
        let xk = mid + half * rule.nodes[k]
        x.append(xk)
        w.append(half * rule.weights[k] * density.value(xk))
      }
    }
    if let cell, let table = chebyshev?[cell] {
      return (x, w, x.map { Self.barycentric(table, (2 * $0 - lo - hi) / (hi - lo)) })
    }
    return (x, w, x.map { (try? target.evaluate([$0, $0])) ?? .nan })
  }

  /// Nodes, weights (times ρ) and target values of the piecewise rule for the network at θ:
  /// the fixed cells, each cut at the kinks inside it (cells without kinks come from the cache).
  func nodes(_ theta: [Double]) -> (x: [Double], weights: [Double], f: [Double]) {
    let ks = kinks(theta)
    var x: [Double] = [], w: [Double] = [], f: [Double] = []
    var k = 0
    for (c, cell) in cells.enumerated() {
      var inner: [Double] = []
      while k < ks.count && ks[k] < cell.1 {
        if ks[k] > cell.0 { inner.append(ks[k]) }
        k += 1
      }
      let r = inner.isEmpty ? cache[c] : rule(on: cell.0, cell.1, cutAt: inner, cell: c)
      x += r.x; w += r.w; f += r.f
    }
    return (x, w, f)
  }

  /// (L(θ), ∇L(θ)) for the training loss `loss`.
  func lossAndGradient(_ theta: [Double], loss: any Loss) -> (loss: Double, gradient: [Double]) {
    let (x, w, f) = nodes(theta)
    return network.lossAndGradient(inputs: x, targets: f, weights: w, loss: loss, parameters: theta)
  }

  /// Checks that f is finite on the rule's nodes at θ and that u√ρ has died out at the ends.
  func check(_ theta: [Double]) throws(StageError) {
    for xi in nodes(theta).x {
      let y: Double
      do { y = try target.evaluate([xi, xi]) } catch {
        throw StageError("target `\(targetText)` cannot be evaluated at x = \(xi): \(error.message)")
      }
      guard y.isFinite else { throw StageError("target `\(targetText)` is not finite at x = \(xi)") }
    }
  }
}
