import ComplexModule
import LinearAlgebra
import MultiPrecision
import RealModule

/// The principal components of a point set: the eigenvectors of its covariance
/// C = (1/n) Σ_j (x_j − x̄)(x_j − x̄)ᵀ (population normalisation 1/n; the
/// directions do not depend on it), by decreasing variance.
///
/// Sign convention: each direction's component of largest magnitude is positive
/// (the first such when two tie), so a direction is a function of the points
/// (the projection method's Δ_F does not depend on the sign: for real targets
/// ŷ_{−p,k} is the complex conjugate of ŷ_{p,k}).
public struct PrincipalComponents: Sendable {
  /// x̄ (d).
  public var mean: [Double]
  /// The variances λ₁ ≥ λ₂ ≥ … ≥ λ_d (eigenvalues of C).
  public var variances: [Double]
  /// The unit directions p₁, p₂, …, in the order of `variances`.
  public var directions: [[Double]]

  /// The components of `points` (cyclic Jacobi on the d × d covariance,
  /// `LinearAlgebra.SymmetricEigen`; d is the input dimension: 64 for the digits).
  public init(points: PointSet<Double>) throws {
    let d = points.dimension, n = points.count
    precondition(n >= 2, "PrincipalComponents: needs at least two points, got \(n)")
    var mean = [Double](repeating: 0, count: d)
    for j in 0..<n { for c in 0..<d { mean[c] += points.coordinates[j * d + c] } }
    mean = mean.map { $0 / Double(n) }
    var cov = Matrix<Double>(rows: d, columns: d)
    for j in 0..<n {
      for a in 0..<d {
        let xa = points.coordinates[j * d + a] - mean[a]
        if xa == 0 { continue }
        for b in a..<d { cov[a, b] += xa * (points.coordinates[j * d + b] - mean[b]) }
      }
    }
    for a in 0..<d {
      for b in a..<d {
        cov[a, b] /= Double(n)
        cov[b, a] = cov[a, b]
      }
    }
    let eigen = try SymmetricEigen<Double>.jacobi(cov)
    // `values` ascending: the components are read from the end.
    let order = Array(eigen.values.indices.reversed())
    self.mean = mean
    variances = order.map { max(eigen.values[$0], 0) }
    directions = order.map { j in
      var v = (0..<d).map { eigen.vectors[$0, j] }
      var big = 0
      for c in 1..<d where abs(v[c]) > abs(v[big]) + 1e-12 { big = c }
      if v[big] < 0 { v = v.map { -$0 } }
      return v
    }
  }

  /// A unit direction orthogonal to the leading `count` components: a seeded
  /// standard Gaussian vector g (`SplitMix64(seed)`), minus its projection on
  /// p₁ … p_count (modified Gram–Schmidt, twice), normalised. The control
  /// direction of the projection method: along it the inputs vary least.
  public func orthogonalDirection(toLeading count: Int, seed: UInt64) -> [Double] {
    let d = mean.count
    precondition(count >= 0 && count < d, "orthogonalDirection: \(count) components leave no direction in d = \(d)")
    var rng = SplitMix64(seed: seed)
    var g = (0..<d).map { _ in rng.nextGaussian() }
    for _ in 0..<2 {
      for p in directions.prefix(count) {
        let dot = zip(g, p).reduce(0) { $0 + $1.0 * $1.1 }
        for c in 0..<d { g[c] -= dot * p[c] }
      }
    }
    let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
    precondition(norm > 0, "orthogonalDirection: the random vector lies in the leading components")
    return g.map { $0 / norm }
  }
}

/// The projection method of 1901.06523 (Sec. "F-Principle in high-dimensional
/// data", the projection method beside the filtering method): the frequency
/// content of a high-dimensional target is examined along one direction p.
///
/// What the paper does:
/// - **Direction.** p = p₁, the first principal component of the training
///   inputs (a unit vector); x_{p,j} = p·x_j are the projected inputs.
/// - **Spectrum.** The non-uniform DFT of the training targets along p,
///   ŷ_{p,k} = (1/n) Σ_j y_j exp(−2πi k p·x_j) (`Fourier.nonUniformTransform`),
///   and the same for the network's outputs h_j on the training inputs, ĥ_{p,k},
///   at each recorded training step; k in cycles per unit length of p·x.
/// - **Peaks.** The frequencies examined are the peaks of |ŷ_{p,k}| (the paper
///   marks them on the amplitude plot; the authors' 1-D code selects strict
///   local maxima, `SpectralPeaks.detect`).
/// - **Error.** Δ_F(k) = |ĥ_{p,k} − ŷ_{p,k}| / |ŷ_{p,k}| at each peak over
///   training, drawn as an epoch × frequency heatmap.
/// - **Claim.** The low-frequency peaks converge (Δ_F small) before the
///   high-frequency ones.
///
/// The frequency grid, the peak threshold, the convergence ε and the reduction
/// of a label vector to one amplitude are our choices (below), fixed before the
/// runs; the theorem files state them.
///
/// Our conventions, where the paper leaves a choice:
/// - Targets with m > 1 channels (one-hot labels): ŷ_{p,k} ∈ ℂᵐ, |·| is the
///   Euclidean norm over the channels, Δ_F(k) = ‖ĥ_{p,k} − ŷ_{p,k}‖ / ‖ŷ_{p,k}‖.
/// - The frequency grid is k_i = i · k_max / (N − 1), i = 0 … N − 1; the peaks
///   are the strict interior local maxima of ‖ŷ_{p,k}‖ on it with ‖ŷ_{p,k}‖ ≥
///   `peakThreshold` × max_i ‖ŷ_{p,k_i}‖ (the grid's ends, k = 0 the mean among
///   them, are never peaks: the authors' `endpoint=False`). Ascending.
/// - The convergence step of a peak is the "stays below ε" rule of the 1-D
///   experiment (`Array.firstIndexStayingBelow`), applied by the caller.
public struct ProjectionSpectrum: Sendable {
  /// p (unit).
  public var direction: [Double]
  /// p·x_j.
  public var projections: [Double]
  /// The grid k_0 … k_{N−1}.
  public var frequencies: [Double]
  /// m.
  public var channels: Int
  /// ‖ŷ_{p,k_i}‖ on the grid.
  public var targetMagnitudes: [Double]
  /// Grid indices of the peaks (ascending frequency).
  public var peaks: [Int]
  /// ŷ_{p,k} at the peaks: `peakTransforms[q][c]`.
  public var peakTransforms: [[Complex<Double>]]
  /// exp(−2πi k_q p·x_j) at the peaks: `kernel[q][j]`.
  private var kernel: [[Complex<Double>]]

  /// The target's spectrum along `direction` on `frequencies` and its peaks.
  /// `targets` is n × m row-major (m = `channels`).
  public init(
    points: PointSet<Double>, targets: [Double], channels m: Int, direction p: [Double],
    frequencies: [Double], peakThreshold: Double = 0.1
  ) {
    precondition(targets.count == points.count * m, "ProjectionSpectrum: targets must be n × m")
    precondition(frequencies.count >= 3, "ProjectionSpectrum: at least 3 grid frequencies")
    let t = points.projections(onto: p)
    direction = p
    projections = t
    self.frequencies = frequencies
    channels = m
    let n = points.count
    let perChannel = (0..<m).map { c in
      Fourier.nonUniformTransform(
        points: PointSet(t), values: (0..<n).map { targets[$0 * m + c] }, direction: [1.0],
        frequencies: frequencies)
    }
    let mag = frequencies.indices.map { i in
      perChannel.reduce(0) { $0 + $1[i].lengthSquared }.squareRoot()
    }
    targetMagnitudes = mag
    let floor = peakThreshold * (mag.max() ?? 0)
    peaks = (1..<(frequencies.count - 1)).filter { i in
      mag[i] >= floor && mag[i] > mag[i - 1] && mag[i] > mag[i + 1]
    }
    peakTransforms = peaks.map { i in perChannel.map { $0[i] } }
    let ps = peaks
    kernel = ps.map { i in
      t.map { tj in Complex(length: 1, phase: -2 * Double.pi * frequencies[i] * tj) }
    }
  }

  /// ĥ_{p,k} at the peaks for outputs `h` (n × m): `[q][c]`.
  public func peakTransforms(of h: [Double]) -> [[Complex<Double>]] {
    let n = projections.count, m = channels
    precondition(h.count == n * m, "ProjectionSpectrum: outputs must be n × m")
    return kernel.map { row in
      var re = [Double](repeating: 0, count: m), im = re
      for j in 0..<n {
        let (a, b) = (row[j].real, row[j].imaginary)
        for c in 0..<m {
          re[c] += a * h[j * m + c]
          im[c] += b * h[j * m + c]
        }
      }
      return (0..<m).map { Complex(re[$0] / Double(n), im[$0] / Double(n)) }
    }
  }

  /// Δ_F(k_q) = ‖ĥ_{p,k_q} − ŷ_{p,k_q}‖ / ‖ŷ_{p,k_q}‖ at each peak, for outputs `h`.
  public func relativeErrors(of h: [Double]) -> [Double] {
    zip(peakTransforms(of: h), peakTransforms).map { hk, yk in
      let num = zip(hk, yk).reduce(0) { $0 + ($1.0 - $1.1).lengthSquared }.squareRoot()
      let den = yk.reduce(0) { $0 + $1.lengthSquared }.squareRoot()
      return num / den
    }
  }

  /// ‖ĥ_{p,k_i}‖ on the whole grid (for figures).
  public func magnitudes(of h: [Double]) -> [Double] {
    let n = projections.count, m = channels
    let perChannel = (0..<m).map { c in
      Fourier.nonUniformTransform(
        points: PointSet(projections), values: (0..<n).map { h[$0 * m + c] }, direction: [1.0],
        frequencies: frequencies)
    }
    return frequencies.indices.map { i in perChannel.reduce(0) { $0 + $1[i].lengthSquared }.squareRoot() }
  }
}
