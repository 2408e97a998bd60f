import Expressions
import MultiPrecision
import NeuralNetworks
import Quadrature

/// A target function f(x) given as an expression of the shared language in `x`
/// (or `x1`), compiled once for repeated evaluation in `T`.
public struct StageTarget: Sendable {
  /// The source text.
  public let text: String
  let expression: Expression

  /// Parses and checks `text` (variables x or x1 only).
  public init(_ text: String) throws(StageError) {
    self.text = text
    self.expression = try Self.parse(text, variables: ["x", "x1"])
  }

  /// Parses `text` as a numeric expression in `variables` (the one reader of stage targets, any
  /// dimension); a parse, name or kind error is a `StageError` naming the target and the column.
  static func parse(_ text: String, variables: Set<String>) throws(StageError) -> Expression {
    do {
      let e = try Expression.parse(text)
      let kind = try e.validate(variables: variables)
      guard kind == .number else { throw StageError("target `\(text)`: expected a number, found a truth value") }
      return e
    } catch let error as ExpressionError {
      throw StageError("target `\(text)`: \(error.message)" + (error.column.map { " (column \($0))" } ?? ""))
    } catch let error as StageError {
      throw error
    } catch {
      throw StageError("target `\(text)`: \(error)")
    }
  }

  func compiled<T: StageScalar>(_: T.Type) throws(StageError) -> CompiledExpression<T> {
    do {
      return try CompiledExpression<T>(expression, variables: ["x", "x1"], precision: T.workingPrecisionBits)
    } catch {
      throw StageError("target `\(text)`: \(error.message)")
    }
  }
}

/// The polynomial growth order of |h(x)| as |x| → ∞: p^depth for ReLU^p
/// (the composition of depth layers), 1 for the others (bounded or linear).
func outputGrowth<T>(_ network: Network<T>) -> Double {
  guard let p = reluPower(network.activation) else { return 1 }
  return Double.pow(Double(p), Double(network.layerCount - 1))
}

/// The residual of a 1-D network sampled at the nodes of a nested piecewise
/// Clenshaw–Curtis rule on the truncation interval of ρ, split at the kinks of
/// the network and the jumps of ρ (each piece smooth):
///
///     u = h − f,  g = u√ρ,  L = ∫ u²ρ dx,  ∇L = 2 ∫ u ∇_θh ρ dx,
///     ∂_t u = −∇_θh·∇L  (gradient flow θ̇ = −∇L),  φ = (∂_t u)√ρ,
///
/// (the suite's definitions of the framework of 1906.09235, MSE loss). `fine`
/// and `coarse` are the nested rules' weights (the coarse rule uses every other
/// node), so every integral comes with a second estimate.
struct ResidualSamples<T: StageScalar> {
  var nodes: [T] = []
  var fine: [T] = []
  var coarse: [T] = []
  var rho: [T] = []
  var sqrtRho: [T] = []
  var u: [T] = []
  var velocity: [T] = []
  /// ∇L with the fine and the coarse rule.
  var gradient: [T] = []
  var gradientCoarse: [T] = []
  var kinks: [T] = []
  /// The centre of every piece of the x rule; piece p holds nodes p·nodesPerPiece ..< (p + 1)·nodesPerPiece.
  var pieceCentres: [T] = []
  var nodesPerPiece = 0

  /// Samples h − f at the nodes and computes ∇L and ∂_t u.
  ///
  /// - Parameters:
  ///   - pieceLength: the longest piece of the x rule.
  ///   - intervals: Clenshaw–Curtis intervals per piece (even; the coarse rule has half).
  ///   - digits: the truncation interval leaves out √ρ below 10^(−digits).
  init(
    network: Network<T>, target: StageTarget, density: SampleDensity, digits: Int,
    pieceLength: Double, intervals: Int
  ) throws(StageError) {
    guard network.inputDimension == 1, network.outputDimension == 1 else {
      throw StageError("network: the 1-D stage quantities need widths [1, …, 1], found \(network.widths)")
    }
    let f = try target.compiled(T.self)
    let (a, b) = density.support(digits: digits, growth: outputGrowth(network))
    var breaks = [T(a)]
    let kinked = activationHasKink(network.activation)
    var inner: [T] = density.jumps.filter { $0 > a && $0 < b }.map { T($0) }
    if kinked {
      kinks = networkKinks(network, from: a, to: b)
      inner += kinks
    }
    inner.sort()
    breaks += inner
    breaks.append(T(b))
    placeNodes(network: network, breaks: breaks, kinked: kinked, pieceLength: pieceLength, intervals: intervals)
    let outputs = network.outputs(nodes)
    let maxG = try sampleResidual(outputs: outputs, target: target, f: f, density: density)
    if density.isSmooth { try checkSquareIntegrable(target: target, density: density, maxG: maxG) }
    computeGradients(network: network, outputs: outputs)
  }

  /// The nodes and weights of the nested rule: `intervals` Clenshaw–Curtis intervals on every piece of
  /// at most `pieceLength` between consecutive `breaks`.
  private mutating func placeNodes(
    network: Network<T>, breaks: [T], kinked: Bool, pieceLength: Double, intervals: Int
  ) {
    let rule = ClenshawCurtisRule<T>.rule(intervals: intervals)
    // The end node ±1 of a piece on [mid − half, mid + half], moved a few hundred
    // ulps inside, so that at a kink (where ∂_θh jumps) it takes the limit from its
    // own piece. A kink is only known to the rounding of the pre-activation that
    // vanishes there, |δz|/|z′| (a deep neuron with a flat crossing: 1e-14 in Double),
    // which can exceed those ulps; a node on the wrong side would put the other
    // piece's value of ∂_θh into this piece's rule, an O(half·jump/intervals²) error
    // that the nested rules see and refinement only halves. So for a ReLU-type
    // network the node moves further in (doubling the distance, up to 10⁻⁶ of the
    // piece) until every hidden neuron is on the piece's branch; the move changes
    // the integral by O(distance·max|integrand′|·weight), far below the tolerance.
    // "On the branch" needs a margin: the values at the nodes come from the batched
    // evaluation (`outputs`, `gradients`: matrix products whose BLAS kernels round
    // differently from the one-point evaluation here), so a pre-activation within its
    // rounding of 0 may have the other sign there; every neuron must have the piece's
    // sign with |z| ≥ 1024ε(1 + |z(centre)|) (Double: 2e-13·(1 + |z(centre)|); a depth-2
    // ReLU network whose kinks moved by one ulp put an end node inside that band and
    // its dL⁺/dt stopped converging). No such point that close (a kink the search did
    // not split at): the node stays 256 ulps inside, and the nested rules report the kink.
    func endNode(_ t: T, mid: T, half: T, centre: [T]) -> T {
      let first = t * (1 - T.ulpOfOne * 256)
      guard !centre.isEmpty else { return first }
      var inward = T.ulpOfOne * 256
      while inward <= T(1e-6) {
        let s = t * (1 - inward)
        let z = network.hiddenPreactivations(at: [mid + half * s])
        let onBranch = z.indices.allSatisfy { i in
          (z[i] > 0) == (centre[i] > 0) && abs(z[i]) >= T.ulpOfOne * 1024 * (1 + abs(centre[i]))
        }
        if onBranch { return s }
        inward *= 2
      }
      return first
    }
    for i in 0..<(breaks.count - 1) {
      let lo = breaks[i], hi = breaks[i + 1]
      guard hi > lo else { continue }
      let count = max(1, Int(((hi - lo).doubleValue / pieceLength).rounded(.up)))
      let step = (hi - lo) / T(Double(count))
      for p in 0..<count {
        let pa = lo + T(Double(p)) * step
        let pb = p == count - 1 ? hi : lo + T(Double(p + 1)) * step
        let mid = (pa + pb) / 2, half = (pb - pa) / 2
        // The branch of every hidden ReLU-type neuron on this piece (the sign of its
        // pre-activation at the centre).
        let centre = kinked ? network.hiddenPreactivations(at: [mid]) : []
        pieceCentres.append(mid)
        for k in rule.nodes.indices {
          var t = rule.nodes[k]
          if k == 0 || k == rule.nodes.count - 1 {
            t = endNode(t, mid: mid, half: half, centre: centre)
          }
          nodes.append(mid + half * t)
          fine.append(half * rule.weights[k])
          coarse.append(half * rule.coarseWeights[k])
        }
      }
    }
    nodesPerPiece = rule.nodes.count
  }

  /// u = h − f, ρ and √ρ at the nodes; the largest |u√ρ|.
  private mutating func sampleResidual(
    outputs: [T], target: StageTarget, f: CompiledExpression<T>, density: SampleDensity
  ) throws(StageError) -> T {
    var maxG = T.zero
    for k in nodes.indices {
      let x = nodes[k]
      let fx: T
      do { fx = try f.evaluate([x, x]) } catch {
        throw StageError(
          "target `\(target.text)` cannot be evaluated at x = \(x.decimalString(digits: 8)): \(error.message)")
      }
      guard fx.isFinite else {
        throw StageError("target `\(target.text)` is not finite at x = \(x.decimalString(digits: 8))")
      }
      let r = density.value(x)
      rho.append(r)
      sqrtRho.append(T.sqrt(r))
      u.append(outputs[k] - fx)
      guard u[k].isFinite else {
        throw StageError("network output is not finite at x = \(x.decimalString(digits: 8))")
      }
      maxG = max(maxG, abs(u[k] * sqrtRho[k]))
    }
    return maxG
  }

  /// Square-integrability of u against ρ: g = u√ρ must have died out at the ends of the truncation
  /// interval (not needed for a density with compact support).
  private func checkSquareIntegrable(target: StageTarget, density: SampleDensity, maxG: T) throws(StageError) {
    let tol = maxG * T(1e-6)
    let ends = [nodes.indices.min { nodes[$0] < nodes[$1] }!, nodes.indices.max { nodes[$0] < nodes[$1] }!]
    for k in ends where abs(u[k] * sqrtRho[k]) > tol || !(u[k] * sqrtRho[k]).isFinite {
      throw StageError(
        "target `\(target.text)`: u = h − f is not square-integrable against ρ = \(density) "
          + "(|u√ρ| = \(abs(u[k] * sqrtRho[k]).decimalString(digits: 4)) at x = \(nodes[k].decimalString(digits: 6)), "
          + "max \(maxG.decimalString(digits: 4)))")
    }
  }

  /// ∇L with the fine and the coarse rule, and ∂_t u = −∇_θh·∇L at the nodes.
  private mutating func computeGradients(network: Network<T>, outputs: [T]) {
    let targets = zip(outputs, u).map { $0 - $1 }
    let loss = MeanSquaredError()
    gradient =
      network.lossAndGradient(
        inputs: nodes, targets: targets, weights: zip(fine, rho).map { $0 * $1 }, loss: loss
      ).gradient
    gradientCoarse =
      network.lossAndGradient(
        inputs: nodes, targets: targets, weights: zip(coarse, rho).map { $0 * $1 }, loss: loss
      ).gradient
    let direction = gradient.map { -$0 }
    velocity = nodes.map { network.valueAndTangent(at: [$0], direction: direction).tangent }
  }

  /// Σ w_k a_k with the fine and coarse weights.
  func integrate(_ values: [T]) -> (fine: T, coarse: T) {
    var s = T.zero, c = T.zero
    for k in values.indices {
      s += fine[k] * values[k]
      c += coarse[k] * values[k]
    }
    return (s, c)
  }
}

/// The x-side integrals of the initial stage, fine and coarse rule: L = ∫u²ρ, dL/dt = 2∫u ∂_t u ρ,
/// V = ∫(∂_t u)²ρ, and |∇L|² (fine, coarse) with the relative error of ∇L (fine against coarse),
/// which enters ∂_t u linearly.
struct XSideIntegrals<T: StageScalar> {
  var L: (fine: T, coarse: T)
  var dLdt: (fine: T, coarse: T)
  var V: (fine: T, coarse: T)
  var g2 = T.zero, g2c = T.zero
  var gRel: T

  init(_ s: ResidualSamples<T>) {
    let two = T(2)
    let uRho: [T] = zip(s.u, s.rho).map { $0 * $1 }
    let vRho: [T] = zip(s.velocity, s.rho).map { $0 * $1 }
    L = s.integrate(zip(uRho, s.u).map { $0 * $1 })
    dLdt = s.integrate(zip(uRho, s.velocity).map { two * $0 * $1 })
    V = s.integrate(zip(vRho, s.velocity).map { $0 * $1 })
    var dg2 = T.zero
    for j in s.gradient.indices {
      g2 += s.gradient[j] * s.gradient[j]
      g2c += s.gradientCoarse[j] * s.gradientCoarse[j]
      dg2 += (s.gradient[j] - s.gradientCoarse[j]) * (s.gradient[j] - s.gradientCoarse[j])
    }
    gRel = g2 > 0 ? T.sqrt(dg2 / g2) : T.zero
  }
}
