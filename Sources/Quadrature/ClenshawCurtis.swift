import MultiPrecision

/// The Clenshaw–Curtis rule ∫_{−1}^{1} f ≈ Σ_{k=0}^{n} w_k f(t_k) on the Chebyshev
/// extreme points t_k = cos(kπ/n), exact for polynomials of degree ≤ n, with the
/// weights (n even)
///
///     w_k = (c_k / n) · [1 − Σ_{j=1}^{n/2} b_j cos(2jkπ/n) / (4j² − 1)],
///     c_0 = c_n = 1, c_k = 2 otherwise;  b_{n/2} = 1, b_j = 2 otherwise.
///
/// The rules are **nested**: the nodes of `n/2` are the even-indexed nodes of `n`,
/// so one set of function values gives two estimates, and their difference an
/// error estimate, for free (`coarseWeights`). This is what callers that reuse
/// expensive function values across many integrals want (the stage quantities
/// evaluate a network once per node and integrate it against many kernels).
/// Cached per (n, precision) like the Gauss rules.
public struct ClenshawCurtisRule<T: RealScalar>: Sendable {
  /// n (even, ≥ 2): the rule has n + 1 nodes.
  public let intervals: Int
  /// t_k = cos(kπ/n), k = 0 … n (descending from 1 to −1).
  public let nodes: [T]
  /// Weights of the n-interval rule.
  public let weights: [T]
  /// Weights of the nested n/2-interval rule on the same nodes (0 at odd k).
  public let coarseWeights: [T]

  /// The rule with `intervals` = n (even, ≥ 4) at the working precision of `T` (cached).
  public static func rule(intervals n: Int) -> ClenshawCurtisRule<T> {
    precondition(n >= 4 && n % 2 == 0, "a nested Clenshaw–Curtis rule needs an even n ≥ 4 (got \(n))")
    return NodeCache.shared.value(
      rule: "clenshaw-curtis", index: n, precision: T.workingPrecisionBits,
      type: T.self
    ) {
      let nodes = (0...n).map { k -> T in
        // cos(kπ/n) with exact symmetry: t_{n−k} = −t_k, t_{n/2} = 0.
        if 2 * k == n { return T.zero }
        if 2 * k > n { return -T.cos(T(Double(n - k)) * T.pi / T(Double(n))) }
        return T.cos(T(Double(k)) * T.pi / T(Double(n)))
      }
      let fine = weights(n)
      let half = weights(n / 2)
      var coarse = [T](repeating: .zero, count: n + 1)
      for k in 0...(n / 2) { coarse[2 * k] = half[k] }
      return ClenshawCurtisRule(intervals: n, nodes: nodes, weights: fine, coarseWeights: coarse)
    }
  }

  /// The weights formula above (n even).
  static func weights(_ n: Int) -> [T] {
    let nT = T(Double(n))
    return (0...n).map { k -> T in
      var s = T.zero
      for j in 1...(n / 2) {
        let b: T = (2 * j == n) ? 1 : 2
        // cos(2jkπ/n) with the argument reduced mod 2n exactly (integers).
        let m = (2 * j * k) % (2 * n)
        let c = T.cos(T(Double(m)) * T.pi / nT)
        s += b * c / T(Double(4 * j * j - 1))
      }
      let ck: T = (k == 0 || k == n) ? 1 : 2
      return ck / nT * (1 - s)
    }
  }
}
