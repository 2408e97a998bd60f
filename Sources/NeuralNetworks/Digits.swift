import Foundation

/// The UCI optical-recognition handwritten digits as shipped by scikit-learn
/// (`Resources/digits/digits.csv`, BSD-3-Clause, see `SOURCE.md` there): 1797
/// images of 8 × 8 pixel counts 0…16, classes 0…9.
public enum Digits {
  public static let sampleCount = 1797
  public static let featureCount = 64
  public static let classCount = 10

  /// The vendored CSV file.
  public static var resourceURL: URL? {
    Bundle.module.url(forResource: "digits", withExtension: "csv", subdirectory: "digits")
  }

  /// Images (n × 64 row-major, pixel counts divided by `scale`, default 16 so the
  /// features lie in [0, 1]) and labels.
  public static func load(scale: Double = 16) throws -> (features: [Double], labels: [Int]) {
    guard let url = resourceURL else {
      throw DataFileError(file: "digits.csv", line: nil, field: nil, message: "resource not found in the bundle")
    }
    let text = try String(contentsOf: url, encoding: .utf8)
    var features: [Double] = []
    var labels: [Int] = []
    features.reserveCapacity(sampleCount * featureCount)
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      lineNumber += 1
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == featureCount + 1 else {
        throw DataFileError(
          file: url.path, line: lineNumber, field: nil,
          message: "expected \(featureCount + 1) comma-separated integers, found \(fields.count)")
      }
      for (j, f) in fields.enumerated() {
        guard let v = Int(f.trimmingCharacters(in: .whitespaces)) else {
          throw DataFileError(
            file: url.path, line: lineNumber, field: "column \(j + 1)", message: "expected an integer, found '\(f)'")
        }
        if j < featureCount { features.append(Double(v) / scale) } else { labels.append(v) }
      }
    }
    return (features, labels)
  }

  /// The digits as a `Dataset` with one-hot targets (k = 10), for softmax cross-entropy.
  public static func dataset(scale: Double = 16) throws -> Dataset {
    let (x, labels) = try load(scale: scale)
    return Dataset(
      inputs: x, targets: Dataset.oneHot(labels, classes: classCount), inputDimension: featureCount,
      outputDimension: classCount)
  }
}
