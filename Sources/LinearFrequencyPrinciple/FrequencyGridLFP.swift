import GradientFlow
import LinearAlgebra
import MultiPrecision
import RealModule

/// The LFP model discretised on a frequency grid in d = 1, the authors' scheme
/// (arXiv 1905.10264, numerical solution of the LFP model): the function is
/// h(x) = Σ_n [α_n cos(2πf_n x) + β_n sin(2πf_n x)] and the LFP dynamics
/// ∂_t F[h](f_n) = −W_n F[u_ρ](f_n), ρ = (1/n_data) Σ_i δ_{x_i}, becomes, in the
/// coefficients, α′ = −W Eᵀ u / n_data. On the data the residual u = h(X) − y
/// then follows the linear flow
///
///     u′ = −K (u − …),   K = k(X, X) / n_data,   k(x, x′) = Σ_n W_n cos(2πf_n (x − x′)),
///
/// i.e. `GradientFlow.LinearFlow` on h(X) with target y, and off the data
/// h(x, t) = k(x, X) k(X, X)⁻¹ h(X, t) (h_ini = 0: the coefficients stay in the
/// range of W Eᵀ). The long-time limit with the authors' ridge ε,
///
///     min_β |Eβ − y|² + ε Σ W_n⁻¹ (α_n² + β_n²)   ⇒   h = k(·, X) (k(X, X) + εI)⁻¹ y,
///
/// is the dual form of their normal equations (EᵀE + εW⁻¹)β = Eᵀy, solved as an
/// n_data × n_data system instead of a 2N × 2N one (the same minimiser).
public struct FrequencyGridLFP: Sendable {
  public let frequencies: [Double]
  public let weights: [Double]
  public let data: LFPData<Double>

  public init(frequencies: [Double], weights: [Double], data: LFPData<Double>) throws(LFPError) {
    guard data.dimension == 1 else {
      throw LFPError("the frequency-grid scheme is 1-D (data have d = \(data.dimension))")
    }
    guard frequencies.count == weights.count, !frequencies.isEmpty else {
      throw LFPError("frequency grid: empty or mismatched")
    }
    guard weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw LFPError("frequency grid: weights must be finite and ≥ 0")
    }
    self.frequencies = frequencies
    self.weights = weights
    self.data = data
  }

  /// The authors' grid for data spanning length L: f_j = j/L′, L′ = 10 L,
  /// j = 1 … 10K with K = 200 (“far more than the data”), and weights
  /// W_j = 16π⁴ γ(f_j)² / max(E r³, E[a² r]) (scale-free; f = 0, where γ² is
  /// infinite, is left out: the low frequencies' large weights supply the
  /// constant and linear parts). ε = 1e−6 is the authors' ridge.
  public static func authorsGrid(
    gamma: LFPGamma, data: LFPData<Double>, K: Int = 200,
    periodFactor: Double = 10
  ) throws(LFPError) -> FrequencyGridLFP {
    let xs = data.x.map { $0[0] }
    let L = xs.max()! - xs.min()!
    let df = 1 / (periodFactor * L)
    let count = Int(periodFactor) * K
    var f: [Double] = []
    var w: [Double] = []
    for j in 1...count {
      let fj = Double(j) * df
      let v: Double = try gamma.value(norm: fj)
      // Smooth activations: γ² decays exponentially; frequencies whose weight is
      // below 1e−30 of the largest add nothing at double precision: stop there.
      if !gamma.activation.isReLU, let top = w.max(), v < 1e-30 * top { break }
      f.append(fj)
      w.append(v)
    }
    let scale: Double
    if gamma.activation.isReLU {
      let (A, B): (Double, Double) = try gamma.reluMoments()
      scale = 16 * Double.pow(Double.pi, 4) / max(A, B)
    } else {
      scale = 1 / w.max()!
    }
    w = w.map { $0 * scale }
    return try FrequencyGridLFP(frequencies: f, weights: w, data: data)
  }

  /// k(x, x′) = Σ_n W_n cos(2π f_n (x − x′)).
  public func kernel(_ x: Double, _ xp: Double) -> Double {
    let t = 2 * Double.pi * (x - xp)
    var s = 0.0
    for (f, w) in zip(frequencies, weights) { s += w * Double.cos(t * f) }
    return s
  }

  var gram: Matrix<Double> {
    let xs = data.x.map { $0[0] }
    return Matrix<Double>(symmetric: xs.count) { i, j in kernel(xs[i], xs[j]) }
  }

  /// The ridge limit h(x) = k(x, X)(k(X, X) + εI)⁻¹ y at the points `at`.
  public func limit(at points: [Double], epsilon: Double = 1e-6) throws(LFPError) -> [Double] {
    var g = gram
    for i in 0..<g.rows { g[i, i] += epsilon }
    let c: [Double]
    do { c = try g.solve(data.y) } catch { throw LFPError("frequency-grid ridge system is singular: \(error)") }
    return points.map { x in zip(c, data.x).reduce(0) { $0 + $1.0 * kernel(x, $1.1[0]) } }
  }

  /// The evolution from h_ini = 0 at `times`, at the points `at`, by both
  /// routes of `LinearFlow` (eigen-decomposition, and DOP853 with tolerance
  /// `rtol`): the two snapshot lists and their largest difference relative to
  /// max |y|.
  public func evolve(
    times: [Double], at points: [Double], rtol: Double = 1e-10
  )
    throws(LFPError) -> (exact: [[Double]], integrated: [[Double]], relativeDiscrepancy: Double)
  {
    let g = gram
    let n = Double(data.count)
    let k = (1 / n) * g
    let flow: LinearFlow<Double>
    do { flow = try LinearFlow(k: k, y: data.y) } catch { throw LFPError("LFP kernel matrix: \(error)") }
    var options = ODEOptions<Double>(rtol: rtol, atol: rtol * Vector.normInf(data.y))
    options.maxSteps = 5_000_000
    let check = flow.crossCheck(
      u0: [Double](repeating: 0, count: data.count), times: times, using: RungeKuttaPair<Double>.dop853(),
      options: options)
    guard check.solution.status == .success else {
      throw LFPError("DOP853 on the LFP flow stopped: \(check.solution.reason)")
    }
    // Off the data: h(x, t) = k(x, X) k(X, X)⁻¹ h(X, t).
    let cross = points.map { x in data.x.map { kernel(x, $0[0]) } }
    func extend(_ hX: [Double]) throws(LFPError) -> [Double] {
      let c: [Double]
      do { c = try g.solve(hX) } catch { throw LFPError("frequency-grid Gram matrix is singular: \(error)") }
      return cross.map { row in zip(row, c).reduce(0) { $0 + $1.0 * $1.1 } }
    }
    var ex: [[Double]] = []
    var ig: [[Double]] = []
    var diff = 0.0
    for (a, b) in zip(check.exact, check.solution.states) {
      let ea = try extend(a)
      let eb = try extend(b)
      ex.append(ea)
      ig.append(eb)
      diff = max(diff, Vector.maxDifference(ea, eb))
    }
    return (ex, ig, diff / max(Vector.normInf(data.y), .leastNormalMagnitude))
  }
}

extension FrequencyGridLFP {
  /// The authors' frequencies (`authorsGrid`) with the physical weights of the LFP
  /// operator in the network's time: W_j = n·p_b·2Δf·γ(f_j)², so that the flow
  /// matrix (1/n)k(X, X) is p_b times the Riemann sum of G(x − x′) = ∫γ(ξ)²e^{2πiξ(x−x′)}dξ
  /// over ±f_j (the affine part, where γ² is infinite at 0, is carried by the
  /// large low-frequency weights). p_b is the bias density with which G enters the
  /// network's kernel (`ExactReLUNTK.biasDensity`, 1/(2β) for b ~ U(−β, β)) and
  /// n the number of data: the LFP residual equation ∂_t F[u] = −γ²F[u_ρ] with
  /// ρ = (1/n)Σδ runs at n·p_b times the speed of the linearised network on the
  /// sum loss in units of 1/m, and this grid absorbs that factor, so that its
  /// evolution is compared with the network at equal t.
  public static func networkTimeGrid(
    gamma: LFPGamma, data: LFPData<Double>, biasDensity: Double, K: Int = 200, periodFactor: Double = 10
  ) throws(LFPError) -> FrequencyGridLFP {
    guard biasDensity > 0, biasDensity.isFinite else {
      throw LFPError("frequency grid: the bias density must be finite and > 0, found \(biasDensity)")
    }
    let base = try authorsGrid(gamma: gamma, data: data, K: K, periodFactor: periodFactor)
    let df = base.frequencies[0]
    let scale = Double(data.count) * biasDensity * 2 * df
    let weights = try base.frequencies.map { (f: Double) throws(LFPError) -> Double in
      scale * (try gamma.value(norm: f))
    }
    return try FrequencyGridLFP(frequencies: base.frequencies, weights: weights, data: data)
  }

  /// The evolution as a `KernelFlow` (matrix (1/n)k(X, X), the LFP equation on the
  /// data) evaluated at `points`: `values(at: t)` equals `exactEvolution`.
  public func flow(at points: [Double]) throws(LFPError) -> KernelFlow {
    let n = Double(data.count)
    let cross = points.map { x in data.x.map { kernel(x, $0[0]) / n } }
    return try KernelFlow(gram: (1 / n) * gram, cross: cross, y: data.y)
  }

  /// The evolution from h_ini = 0 by the eigen route only (any times; the
  /// flow is stiff, so long times are for this route).
  public func exactEvolution(times: [Double], at points: [Double]) throws(LFPError) -> [[Double]] {
    let g = gram
    let flow: LinearFlow<Double>
    do { flow = try LinearFlow(k: (1 / Double(data.count)) * g, y: data.y) } catch {
      throw LFPError("LFP kernel matrix: \(error)")
    }
    let cross = points.map { x in data.x.map { kernel(x, $0[0]) } }
    return try times.map { (t: Double) throws(LFPError) -> [Double] in
      let hX = flow.exact(u0: [Double](repeating: 0, count: data.count), at: t)
      let c: [Double]
      do { c = try g.solve(hX) } catch { throw LFPError("frequency-grid Gram matrix is singular: \(error)") }
      return cross.map { row in zip(row, c).reduce(0) { $0 + $1.0 * $1.1 } }
    }
  }
}
