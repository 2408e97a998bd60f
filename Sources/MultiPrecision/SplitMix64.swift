import RealModule

/// A seeded 64-bit pseudo-random generator: SplitMix64 (Steele, Lea and Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014).
///
/// State update `s ← s + 0x9E3779B97F4A7C15`, output
/// `z = (s ⊕ s≫30)·0xBF58476D1CE4E5B9`, `z = (z ⊕ z≫27)·0x94D049BB133111EB`, `z ⊕ z≫31`.
/// Every random choice of the suite (initial weights, shuffles, synthetic data, sweep seeds, random test cases)
/// takes a seed and draws from this generator, so runs are reproducible bit for bit.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64
  /// A cached second Box–Muller deviate.
  private var spareGaussian: Double?

  public init(seed: UInt64) {
    state = seed
    spareGaussian = nil
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 output function (a bijective 64-bit mixer), also used to
  /// derive independent seeds: `mix(seed &+ k)`.
  public static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform deviate in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal deviate N(0, 1) by the Box–Muller transform:
  /// with u₁ ∈ (0, 1], u₂ ∈ [0, 1), r = √(−2 log u₁), the pair
  /// (r cos 2πu₂, r sin 2πu₂) is two independent N(0, 1) deviates; the second is
  /// cached for the next call.
  public mutating func nextGaussian() -> Double {
    if let g = spareGaussian {
      spareGaussian = nil
      return g
    }
    let u1 = 1 - nextUniform()
    let u2 = nextUniform()
    let r = (-2 * Double.log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    spareGaussian = r * Double.sin(angle)
    return r * Double.cos(angle)
  }

  /// A uniform integer in 0..<n (n > 0), by rejection (no modulo bias).
  public mutating func nextInt(below n: Int) -> Int {
    precondition(n > 0)
    return Int(next(upperBound: UInt64(n)))
  }

  /// Fisher–Yates shuffle of `array` in place.
  public mutating func shuffle<E>(_ array: inout [E]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = nextInt(below: i + 1)
      array.swapAt(i, j)
    }
  }
}
