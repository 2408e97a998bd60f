import CArb
import Foundation

/// Gauss-Legendre nodes and weights as real balls: each ball contains the exact
/// root xₖ of the Legendre polynomial Pₙ and its weight wₖ = 2/((1 − xₖ²)Pₙ′(xₖ)²)
/// (Arb's `arb_hypgeom_legendre_p_ui_root`, which certifies the root by interval
/// Newton), so Σ wₖ f(xₖ) evaluated in ball arithmetic encloses the n-point
/// Gauss-Legendre sum of f exactly.
///
/// Only the nonnegative half is stored: x₀ > x₁ > … ≥ 0 (the others are −xₖ with
/// the same weight); `count` = ⌈n/2⌉, and for odd n the last node is 0.
/// Rules are cached per (n, precision) for the life of the process.
public final class BallGaussLegendre: @unchecked Sendable {
  public let n: Int
  public let precision: Int
  /// ⌈n/2⌉ nodes xₖ ≥ 0, then ⌈n/2⌉ weights.
  public let nodes: arb_ptr
  public let weights: arb_ptr
  public var count: Int { (n + 1) / 2 }

  init(n: Int, precision: Int) {
    self.n = n
    self.precision = precision
    let m = (n + 1) / 2
    nodes = _arb_vec_init(m)
    weights = _arb_vec_init(m)
    for k in 0..<m {
      arb_hypgeom_legendre_p_ui_root(nodes + k, weights + k, UInt(n), UInt(k), precision)
    }
  }

  deinit {
    _arb_vec_clear(nodes, count)
    _arb_vec_clear(weights, count)
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var cache: [Int: BallGaussLegendre] = [:]

  /// The n-point rule at `precision` bits (cached).
  public static func rule(_ n: Int, precision: Int) -> BallGaussLegendre {
    let key = n &* 1_000_003 &+ precision
    lock.lock()
    if let r = cache[key] { lock.unlock(); return r }
    lock.unlock()
    let r = BallGaussLegendre(n: n, precision: precision)
    lock.lock()
    cache[key] = r
    lock.unlock()
    return r
  }
}
