import Foundation
import MultiPrecision
import NeuralNetworks
import Spectral
import Testing

@testable import Experiments
@testable import Verification

/// `projection_hd`: it measures `filtering_hd`'s runs (one cache), its peaks and
/// Δ_F are `Spectral.ProjectionSpectrum`'s on the run, and its errors name what is wrong.
@Suite struct ProjectionProviderTests {
  func point(_ c: [String: SweepValue]) -> SweepPoint { SweepPoint(index: 0, coordinates: c, seed: 0) }

  static let base: [(key: String, value: ArgumentValue)] = [
    ("widths", .list([.number("8")])), ("samples", .number("60")), ("points", .number("60")),
    ("steps", .number("40")), ("interval", .number("10")), ("seed", .number("3")), ("figures", .bool(false)),
  ]

  /// The projection provider trains nothing of its own: after it measured a
  /// configuration, filtering_hd finds the run in the shared cache.
  @Test func sharesFilteringRuns() throws {
    ExperimentEnvironment.prepare()
    let args = ProviderArguments(Self.base + [("quantity", .string("peak_count"))])
    let count = try ProjectionProvider().compute(args, at: point([:]), precision: 64)
    #expect(count.value.doubleValue >= 1)
    let c = try FilteringProvider.Configuration(ExperimentParameters(args, point: point([:])))
    var trainedAgain = false
    let run = try FilteringProvider.runs.value(for: c) {
      trainedAgain = true
      return try FilteringProvider.run(c)
    }
    #expect(!trainedAgain)
    // Δ_F at the peaks of the last snapshot is ProjectionSpectrum's on that run.
    let points = PointSet(coordinates: run.inputs, dimension: run.dimension)
    let p1 = try PrincipalComponents(points: points).directions[0]
    let spectrum = ProjectionSpectrum(
      points: points, targets: run.targets, channels: run.channels, direction: p1,
      frequencies: (0..<201).map { 4 * Double($0) / 200 })
    #expect(Double(spectrum.peaks.count) == count.value.doubleValue)
    let last = spectrum.relativeErrors(of: run.snapshots.last!)
    for (q, expected) in last.enumerated() {
      let e = try ProjectionProvider().compute(
        ProviderArguments(Self.base + [("quantity", .string("final_error"))]),
        at: point(["peak": .number(String(q + 1))]), precision: 64)
      #expect(e.value.doubleValue == expected)
    }
  }

  /// Shuffled labels: the same images and label counts, another assignment.
  @Test func shuffledLabelsPermuteTheDigitsLabels() throws {
    func data(_ kind: String) throws -> Dataset {
      let args = ProviderArguments([("data", .string(kind)), ("samples", .number("200"))])
      return try ExperimentData(ExperimentParameters(args, point: point([:])), defaultKind: .digits).dataset()
    }
    let (digits, shuffled) = (try data("digits"), try data("shuffled_labels"))
    #expect(digits.inputs == shuffled.inputs)
    #expect(digits.targets != shuffled.targets)
    func counts(_ d: Dataset) -> [Double] {
      (0..<d.outputDimension).map { c in (0..<d.count).reduce(0) { $0 + d.targets[$1 * d.outputDimension + c] } }
    }
    #expect(counts(digits) == counts(shuffled))
  }

  @Test func errorsNameTheKey() throws {
    ExperimentEnvironment.prepare()
    let provider = ProjectionProvider()
    // A peak the target does not have.
    do {
      _ = try provider.compute(ProviderArguments(Self.base), at: point(["peak": .number("99")]), precision: 64)
      Issue.record("expected an error")
    } catch let e as ProviderError {
      #expect(e.argument == "peak" && e.message.contains("peaks along p"), "\(e)")
    }
    // A control direction needs room: the digits have 64 input dimensions.
    do {
      _ = try provider.compute(
        ProviderArguments(Self.base + [("direction", .string("orthogonal")), ("orthogonal_to", .number("64"))]),
        at: point(["peak": .number("1")]), precision: 64)
      Issue.record("expected an error")
    } catch let e as ProviderError {
      #expect(e.argument == "orthogonal_to", "\(e)")
    }
    #expect(throws: ProviderError.self) {
      try provider.validate(ProviderArguments(Self.base + [("max_frequency", .number("0"))]), sweepAxes: [])
    }
  }
}
