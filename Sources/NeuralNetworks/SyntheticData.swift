import MultiPrecision
import RealModule

/// Seeded synthetic targets for frequency-principle experiments.
public enum SyntheticData {
  /// n evenly spaced points on [a, b] (both ends included; n ≥ 2), as an n × 1 input matrix.
  public static func grid(_ a: Double, _ b: Double, count n: Int) -> [Double] {
    precondition(n >= 2)
    return (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
  }

  /// y = Σⱼ Aⱼ sin(kⱼ x) on the 1-D points `x`, e.g. the F-Principle reference target
  /// sin x + sin 4x on [−10, 10] with 61 points: `sumOfSines(x: grid(-10, 10, count: 61),
  /// frequencies: [1, 4])`.
  public static func sumOfSines(x: [Double], frequencies: [Double], amplitudes: [Double]? = nil) -> Dataset {
    let amp = amplitudes ?? [Double](repeating: 1, count: frequencies.count)
    precondition(amp.count == frequencies.count)
    let y = x.map { xi in zip(amp, frequencies).reduce(0) { $0 + $1.0 * Double.sin($1.1 * xi) } }
    return Dataset(inputs: x, targets: y, inputDimension: 1, outputDimension: 1)
  }

  /// n points uniform in [−1, 1]ᵈ drawn from SplitMix64(seed), n × d row-major.
  public static func uniformPoints(count n: Int, dimension d: Int, seed: UInt64) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<(n * d)).map { _ in 2 * rng.nextUniform() - 1 }
  }

  /// y = Σⱼ Aⱼ sin(kⱼ · x) on `inputs` (n × d) with wave vectors kⱼ ∈ ℝᵈ (`waveVectors`
  /// m × d row-major).
  public static func sumOfSines(
    inputs: [Double], dimension d: Int, waveVectors: [Double], amplitudes: [Double]
  ) -> Dataset {
    let m = amplitudes.count
    precondition(waveVectors.count == m * d && inputs.count % d == 0)
    let n = inputs.count / d
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
      for j in 0..<m {
        var dot = 0.0
        for c in 0..<d { dot += waveVectors[j * d + c] * inputs[i * d + c] }
        y[i] += amplitudes[j] * Double.sin(dot)
      }
    }
    return Dataset(inputs: inputs, targets: y, inputDimension: d, outputDimension: 1)
  }

  /// y = Σⱼ Aⱼ exp(−|x − cⱼ|²/(2sⱼ²)) on `inputs` (n × d), centres m × d row-major.
  public static func gaussians(
    inputs: [Double], dimension d: Int, centers: [Double], widths: [Double], amplitudes: [Double]
  ) -> Dataset {
    let m = amplitudes.count
    precondition(centers.count == m * d && widths.count == m && inputs.count % d == 0)
    let n = inputs.count / d
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
      for j in 0..<m {
        var r2 = 0.0
        for c in 0..<d {
          let t = inputs[i * d + c] - centers[j * d + c]
          r2 += t * t
        }
        y[i] += amplitudes[j] * Double.exp(-r2 / (2 * widths[j] * widths[j]))
      }
    }
    return Dataset(inputs: inputs, targets: y, inputDimension: d, outputDimension: 1)
  }

  /// The parity function y = Πᵢ xᵢ on {−1, 1}ᵈ: all 2ᵈ vertices (ordered as binary
  /// numbers, bit c of the index giving xᶜ = +1 when set) when `count` is nil, else
  /// `count` vertices drawn with replacement from SplitMix64(seed).
  public static func parity(dimension d: Int, count: Int? = nil, seed: UInt64 = 0) -> Dataset {
    precondition(d >= 1 && d <= 30)
    var rng = SplitMix64(seed: seed)
    let indices = count.map { c in (0..<c).map { _ in rng.nextInt(below: 1 << d) } } ?? Array(0..<(1 << d))
    var x: [Double] = [], y: [Double] = []
    for v in indices {
      var p = 1.0
      for c in 0..<d {
        let s: Double = (v >> c) & 1 == 1 ? 1 : -1
        x.append(s)
        p *= s
      }
      y.append(p)
    }
    return Dataset(inputs: x, targets: y, inputDimension: d, outputDimension: 1)
  }

  /// The same inputs with random labels: each target row replaced by an independent
  /// ±1 (classes = nil) or a one-hot row of a uniform class in 0..<classes, from
  /// SplitMix64(seed).
  public static func randomLabels(inputs: [Double], dimension d: Int, classes: Int? = nil, seed: UInt64) -> Dataset {
    var rng = SplitMix64(seed: seed)
    let n = inputs.count / d
    if let c = classes {
      let labels = (0..<n).map { _ in rng.nextInt(below: c) }
      return Dataset(inputs: inputs, targets: Dataset.oneHot(labels, classes: c), inputDimension: d, outputDimension: c)
    }
    let y = (0..<n).map { _ in rng.nextUniform() < 0.5 ? -1.0 : 1.0 }
    return Dataset(inputs: inputs, targets: y, inputDimension: d, outputDimension: 1)
  }
}
