import Foundation
import MultiPrecision
import NeuralNetworks
import Verification

/// The data sets of the high-dimensional experiments, read from the parameters:
///
/// - `data` (default: the provider's): `digits` (UCI 8×8 digits, pixels/16 ∈ [0, 1],
///   one-hot labels), `synthetic` (a d-D sum of sines), `parity` (Πᵢ xᵢ on {−1, 1}ᵈ),
///   `random_labels` (the digits' images with uniformly random labels), `shuffled_labels` (the
///   digits' images with their own labels permuted across the images by a seeded permutation:
///   the same label marginals, no relation to the inputs), `noise` (the synthetic
///   inputs with i.i.d. N(0, 1) labels: a target with no frequency structure, for negative controls);
/// - `samples` (500): digits: how many images (a seeded random subset);
/// - `dimension`, `points` (5, 500): synthetic/parity: d and n (parity: all 2ᵈ vertices when
///   `points` is not given);
/// - `wave_numbers`, `amplitudes` ([1, 4], [1, 1]): synthetic: y = Σⱼ Aⱼ sin(kⱼ uⱼ·x), x uniform in
///   [−1, 1]ᵈ, uⱼ seeded random unit vectors;
/// - `data_seed` (0): the seed of the subset, the points, the directions, the labels.
struct ExperimentData: Sendable, Hashable {
  /// The data sets (`data`).
  enum Kind: String, ProviderChoice {
    case digits, synthetic, parity, randomLabels = "random_labels", shuffledLabels = "shuffled_labels", noise
  }

  var kind: Kind
  var samples: Int
  var dimension: Int
  var points: Int?
  var waveNumbers: [Double]
  var amplitudes: [Double]
  var dataSeed: UInt64

  /// The data arguments with a provider's defaults.
  static func arguments(defaultKind: Kind, defaultWaveNumbers: [Double] = [1, 4]) -> [ProviderParameter] {
    [
      .init("data", .choice(of: Kind.self), default: defaultKind.rawValue, "the data set"),
      .init("samples", .integer(atLeast: 10), default: "500", "digits: how many images"),
      .init("dimension", .integer(atLeast: 1), default: "5", "synthetic, parity: d"),
      .init("points", .integer(atLeast: 4), default: "500 (parity: all 2ᵈ)", "synthetic, parity: n"),
      .init("wave_numbers", .numbers, default: "\(defaultWaveNumbers)", "synthetic: the wave numbers"),
      .init("amplitudes", .numbers, default: "1 each", "synthetic: the amplitudes"),
      .init("data_seed", .integer(atLeast: 0), default: "0", "the seed of the subset, points, directions, labels"),
    ]
  }

  init(_ p: ExperimentParameters, defaultKind: Kind, defaultWaveNumbers: [Double] = [1, 4]) throws(ProviderError) {
    kind = try p.choice("data", default: defaultKind)
    samples = try p.int("samples", default: 500, min: 10)
    guard samples <= Digits.sampleCount else {
      throw ProviderError(argument: "samples", message: "the digits have \(Digits.sampleCount) images")
    }
    dimension = try p.int("dimension", default: 5, min: 1)
    points = p.has("points") ? try p.int("points", min: 4) : nil
    waveNumbers = try p.doubles("wave_numbers", default: defaultWaveNumbers)
    amplitudes = try p.doubles("amplitudes", default: Array(repeating: 1, count: waveNumbers.count))
    guard amplitudes.count == waveNumbers.count else {
      throw ProviderError(argument: "amplitudes", message: "needs one amplitude per wave number")
    }
    dataSeed = UInt64(try p.int("data_seed", default: 0, min: 0))
  }

  /// Whether the targets are class labels (one-hot rows; errors are misclassification rates).
  var isClassification: Bool { kind == .digits || kind == .randomLabels || kind == .shuffledLabels }

  /// The full data set (before any train/test split).
  func dataset() throws -> Dataset {
    switch kind {
    case .digits, .randomLabels, .shuffledLabels:
      let all = try Digits.dataset()
      var rng = SplitMix64(seed: dataSeed)
      var order = Array(0..<all.count)
      rng.shuffle(&order)
      let subset = all.subset(Array(order.prefix(samples)))
      if kind == .digits { return subset }
      if kind == .shuffledLabels {
        let m = subset.outputDimension
        var perm = Array(0..<subset.count)
        var labelRng = SplitMix64(seed: dataSeed &+ 2)
        labelRng.shuffle(&perm)
        let y = perm.flatMap { subset.targets[($0 * m)..<($0 * m + m)] }
        return Dataset(inputs: subset.inputs, targets: y, inputDimension: subset.inputDimension, outputDimension: m)
      }
      return SyntheticData.randomLabels(
        inputs: subset.inputs, dimension: subset.inputDimension,
        classes: Digits.classCount, seed: dataSeed &+ 1)
    case .noise:
      let n = points ?? 500
      let x = SyntheticData.uniformPoints(count: n, dimension: dimension, seed: dataSeed)
      var rng = SplitMix64(seed: dataSeed &+ 0x401_5E)
      let y = (0..<n).map { _ in rng.nextGaussian() }
      return Dataset(inputs: x, targets: y, inputDimension: dimension, outputDimension: 1)
    case .parity:
      return SyntheticData.parity(dimension: dimension, count: points, seed: dataSeed)
    default:
      let n = points ?? 500
      let x = SyntheticData.uniformPoints(count: n, dimension: dimension, seed: dataSeed)
      var rng = SplitMix64(seed: dataSeed &+ 0x5EED)
      var waves: [Double] = []
      for k in waveNumbers {
        var u = (0..<dimension).map { _ in rng.nextGaussian() }
        let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        u = u.map { k * $0 / norm }
        waves += u
      }
      return SyntheticData.sumOfSines(inputs: x, dimension: dimension, waveVectors: waves, amplitudes: amplitudes)
    }
  }
}
