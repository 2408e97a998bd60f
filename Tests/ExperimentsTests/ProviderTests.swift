import Foundation
import MultiPrecision
import NeuralNetworks
import Testing

@testable import Experiments
@testable import Verification

@Suite struct ProviderTests {
  func point(_ c: [String: SweepValue]) -> SweepPoint { SweepPoint(index: 0, coordinates: c, seed: 0) }

  @Test func parametersPreferTheSweepAxisAndRejectDuplicates() throws {
    let args = ProviderArguments([("lr", .number("0.5")), ("widths", .list([.number("3"), .number("4")]))])
    let p = ExperimentParameters(args, point: point(["activation": .text("relu"), "seed": .number("7")]))
    #expect(try p.string("activation", default: "tanh") == "relu")
    #expect(try p.int("seed", default: 0) == 7)
    #expect(try p.double("lr") == 0.5)
    #expect(try p.ints("widths") == [3, 4])
    #expect(
      try ExperimentParameters(ProviderArguments(), point: point(["widths": .text("200-100")])).ints("widths") == [
        200, 100,
      ])
    #expect(throws: ProviderError.self) {
      try ExperimentParameters.validate(args, sweepAxes: ["lr"], allowed: ["lr", "widths"])
    }
    #expect(throws: ProviderError.self) {
      try ExperimentParameters.validate(args, sweepAxes: [], allowed: ["lr"])
    }
  }

  @Test func unknownArgumentNamesFileLineAndKey() throws {
    let text = """
      id = "t"
      title = "t"
      kind = "theorem"
      role = "identity"
      stage = "empirical"
      claim = "e > 0"

      [source]
      paper = "p"
      section = "s"

      [quantities.e]
      provider = "fprinciple_1d"
      args = { stpes = 10 }
      """
    do {
      _ = try spec(text)
      Issue.record("expected an error")
    } catch let error as TheoremFileError {
      let message = "\(error)"
      #expect(message.contains("test.toml:14"), "\(message)")
      #expect(message.contains("stpes"), "\(message)")
    }
  }

  /// A run's convergence step is one seed's measurement: the midpoint of the
  /// snapshot interval with its half-width as the resolution, never a zero-width
  /// value (audit finding 1); `nil` is `never` within the budget.
  @Test func convergenceStepIsASingleRunWithItsResolution() {
    let q = Quantity.convergenceStep(120, interval: 10, steps: 300)
    #expect(q.ensemble == [115.5] && q.resolution == 4.5 && q.budget == 300 && !q.rigorous)
    #expect(q.radius.isInfinite)  // one run: no error bar
    let pooled = Quantity.pooled([q, .convergenceStep(130, interval: 10, steps: 300)])!
    #expect(pooled.value.doubleValue == 120.5)
    #expect(abs(pooled.radius.doubleValue - (5 + 4.5)) < 1e-12)  // standard error 5 + resolution 4.5
    let z = Quantity.convergenceStep(0, interval: 10, steps: 300)
    #expect(z.ensemble == [0] && z.resolution == 0)
    let never = Quantity.convergenceStep(nil, interval: 10, steps: 300, lastValue: 0.123456789)
    #expect(never.ensemble == [.infinity])
    #expect(never.metadata["last_error"] == "0.123457")
    #expect(Quantity.convergenceStep(120, interval: 10, steps: 300, lastValue: 0.01).metadata["last_error"] == nil)
  }

  /// A tiny 1-D run end to end: the peaks of sin x + 2 sin 3x + 3 sin 5x on 101
  /// points of [−5, 5] are the DFT indices nearest 10.1·k/(2π); peak 1 carries
  /// the figures; a peak that does not converge is `never` with its last Δ_F.
  @Test func oneDimensionalProviderSmallRun() throws {
    ExperimentEnvironment.prepare()
    let provider = FPrinciple1DProvider()
    let args = ProviderArguments([
      ("widths", .list([.number("20")])), ("steps", .number("60")), ("interval", .number("20")),
      ("threshold", .number("0.99")),
    ])
    let count = try provider.compute(
      ProviderArguments(args.entries + [("quantity", .string("peak_count"))]), at: point([:]), precision: 64)
    #expect(count.value.doubleValue == 3)
    for (peak, k) in [(1, 2), (2, 5), (3, 8)] {
      let f = try provider.compute(
        ProviderArguments(args.entries + [("quantity", .string("frequency"))]),
        at: point(["peak": .number(String(peak))]), precision: 64)
      #expect(abs(f.value.doubleValue - Double(k) / 10.1) < 1e-12)
      #expect(f.figures.count == (peak == 1 ? 2 : 0))
    }
    // A peak that does not converge is `never` (+∞) with its last Δ_F, not an error (audit finding 3).
    let strict = ProviderArguments(args.entries.filter { $0.key != "threshold" } + [("threshold", .number("1e-9"))])
    let never = try provider.compute(strict, at: point(["peak": .number("3")]), precision: 64)
    #expect(never.ensemble == [.infinity])
    #expect(never.metadata["last_error"] != nil)
  }

  @Test func jacobiIterationsMatchTheAnalyticCount() throws {
    let provider = JacobiProvider()
    for k in [1, 3, 8] {
      let args = ProviderArguments([
        ("points", .number("15")), ("modes", .list([.number("1"), .number("3"), .number("8")])),
      ])
      let measured = try provider.compute(args, at: point(["k": .number(String(k))]), precision: 64)
      let analytic = try provider.compute(
        ProviderArguments(args.entries + [("quantity", .string("analytic_iteration"))]),
        at: point(["k": .number(String(k))]), precision: 64)
      #expect(measured.value == analytic.value)
    }
  }

  /// Generalisation errors: relative L2 for regression, sign errors for parity,
  /// argmax errors for labels.
  @Test func errorMeasures() {
    #expect(GeneralisationProvider.error([1, 2], [1, 2], channels: 1, kind: .synthetic) == 0)
    #expect(abs(GeneralisationProvider.error([0, 0], [3, 4], channels: 1, kind: .synthetic) - 1) < 1e-15)
    #expect(GeneralisationProvider.error([0.5, -0.1, 2, -3], [1, 1, 1, -1], channels: 1, kind: .parity) == 0.25)
    #expect(GeneralisationProvider.error([0.9, 0.1, 0.2, 0.8], [1, 0, 1, 0], channels: 2, kind: .digits) == 0.5)
  }

  /// The skeleton: `quantity` takes exactly the declared measurement names (the
  /// first is the default), the allowed keys are the union of the declared ones,
  /// and a bad value is a load error naming its key.
  @Test func skeletonDeclaresQuantitiesAndKeysOnce() throws {
    let provider = DeepFrequencyProvider()
    #expect(provider.quantities == ["lfr", "steps_to_loss", "final_loss"])
    #expect(
      provider.parameters.map(\.name)
        == ["quantity"]
        + (DeepFrequencyProvider.measurementArguments + DeepFrequencyProvider.Configuration.arguments)
        .map(\.name))
    #expect(JacobiProvider().quantities.first == "iteration")
    do {
      try provider.validate(ProviderArguments([("quantity", .string("lfrr"))]), sweepAxes: [])
      Issue.record("expected an error")
    } catch {
      #expect(error.argument == "quantity")
      #expect(error.message.contains("lfr, steps_to_loss, final_loss"), "\(error)")
    }
    // A bad value of a key that is a sweep axis is found at compute time, not at load.
    try provider.validate(ProviderArguments([("normalize", .string("none"))]), sweepAxes: ["steps"])
    #expect(throws: ProviderError.self) {
      try provider.validate(ProviderArguments([("normalize", .string("unit"))]), sweepAxes: [])
    }
    #expect(throws: ProviderError.self) {
      try FilteringProvider().validate(ProviderArguments([("delta", .number("-1"))]), sweepAxes: [])
    }
    // ω ≤ 0 is a load error (the iteration needs ω > 0), not a crash.
    do {
      try JacobiProvider().validate(ProviderArguments([("omega", .number("0"))]), sweepAxes: ["k"])
      Issue.record("expected an error")
    } catch {
      #expect(error.argument == "omega")
    }
  }

  /// `steps = 0` measures the initial network: the representations at the end
  /// are those at the start, the loss is the initial loss; negative steps are an error.
  @Test func zeroStepsMeasureTheInitialNetwork() throws {
    ExperimentEnvironment.prepare()
    let provider = DeepFrequencyProvider()
    let base: [(key: String, value: ArgumentValue)] = [
      ("widths", .list([.number("8"), .number("8")])), ("points", .number("40")), ("delta", .number("0.1")),
    ]
    func lfr(steps: Int, layer: Int, at: String) throws -> Double {
      let args = ProviderArguments(base + [("steps", .number(String(steps))), ("at", .string(at))])
      return try provider.compute(args, at: point(["layer": .number(String(layer))]), precision: 64).value.doubleValue
    }
    for layer in 0...2 {
      #expect(try lfr(steps: 0, layer: layer, at: "end") == lfr(steps: 0, layer: layer, at: "start"))
      #expect(try lfr(steps: 0, layer: layer, at: "start") == lfr(steps: 50, layer: layer, at: "start"))
    }
    // The twin: training moves the last hidden layer's representation.
    #expect(try lfr(steps: 50, layer: 2, at: "end") != lfr(steps: 50, layer: 2, at: "start"))
    let initial = ProviderArguments(base + [("steps", .number("0")), ("quantity", .string("final_loss"))])
    let loss0 = try provider.compute(initial, at: point([:]), precision: 64)
    #expect(loss0.value.doubleValue > 0 && loss0.value.doubleValue.isFinite)
    #expect(throws: ProviderError.self) {
      try provider.validate(ProviderArguments(base + [("steps", .number("-1"))]), sweepAxes: [])
    }
  }

  /// A diverged training run is an error of every measurement made on it.
  @Test func divergedRunIsAnError() throws {
    let provider = DeepFrequencyProvider()
    let args = ProviderArguments([
      ("widths", .list([.number("8")])), ("points", .number("40")),
      ("optimizer", .string("gd")), ("lr", .number("1e6")), ("steps", .number("20")),
    ])
    for quantity in ["final_loss", "steps_to_loss"] {
      do {
        _ = try provider.compute(
          ProviderArguments(
            args.entries + [
              ("quantity", .string(quantity)),
              ("loss_threshold", .number("1")),
            ]),
          at: point([:]), precision: 64)
        Issue.record("expected an error")
      } catch let error as ProviderError {
        #expect(error.message.hasPrefix("training diverged"), "\(error)")
      }
    }
  }
}
