import Foundation
import MultiPrecision
import Verification

extension LFPGDProvider {
  /// The arguments of one sweep point resolved (the setting's network and laws, or the condensed
  /// initialisation s = m^(−γ/2); the GD configuration; the test grid), the runs per seed (cached in
  /// `runs`), and each quantity measured on one run.
  struct Setup {
    let setting: Setting
    let width: Int
    let seeds: Int
    let untilLoss: Double
    let lrFactor: Double
    var configuration: GDTrainedNetwork.Configuration
    let activationText: String, datasetText: String, wText: String, bText: String, aText: String
    let data: LFPData<Double>
    let grid: [[Double]]
    let wLaw: ParameterDistribution, bLaw: ParameterDistribution, aLaw: ParameterDistribution

    init(_ p: ExperimentParameters) throws {
      setting = try p.choice("setting", default: .cubic)
      width = try p.int("width", min: 2)
      seeds = try p.int("seeds", default: 5, min: 1)
      untilLoss = try p.double("until_loss", default: 1e-8)
      lrFactor = try p.double("lr_factor", default: 0.9)
      configuration = GDTrainedNetwork.Configuration(learningRateFactor: lrFactor, untilLoss: untilLoss)
      if let s = setting.network {
        (activationText, datasetText, wText, bText, aText) = (
          s.activation.rawValue, s.data.rawValue, s.laws.w, s.laws.b, s.laws.a
        )
      } else {
        let gamma = try p.double("gamma", default: 1.5)
        let s = pow(Double(width), -gamma / 2)
        let u = "uniform:\(-s),\(s)"
        (activationText, datasetText, wText, bText, aText) = ("relu", "authors5", u, u, u)
        let eta = try p.double("learning_rate", default: gamma > 1 ? 0.2 : 0)
        guard eta >= 0, eta.isFinite else {
          throw ProviderError(argument: "learning_rate", message: "must be 0 (the c/λ_max rule) or a step > 0")
        }
        configuration.fixedLearningRate = eta > 0 ? eta : nil
      }
      let dataset = LFPDataset(rawValue: datasetText)!
      data = dataset.data
      grid = dataset.grid(try dataset.axisCount(p, default1D: 101))
      wLaw = try law(p, "w", default: wText)
      bLaw = try law(p, "b", default: bText)
      aLaw = try law(p, "a", default: aText)
    }

    /// The GD run of one seed, beside the LFP limit and the NTK interpolants (cached).
    func run(_ seed: Int) throws -> GDTrainingRun {
      let key = RunKey(
        activation: activationText, data: datasetText, w: wText, b: bText, a: aText, gridCount: grid.count,
        width: width, lrFactor: lrFactor, untilLoss: untilLoss, fixedRate: configuration.fixedLearningRate ?? 0,
        seed: seed)
      let activation: LinearisedTwoLayer.Activation = activationText == "relu" ? .relu : .tanh
      return try LFPGDProvider.runs.value(for: key) { () throws -> GDTrainingRun in
        try asProviderError {
          try GDTrainingRun(
            activation: activation, data: data, width: width, w: wLaw, b: bLaw, a: aLaw,
            seed: LFPGDProvider.initialisationSeed(seed, width: width), grid: grid, configuration: configuration)
        }
      }
    }

    /// The exact NTK interpolant of a run (settings that have one).
    func ntk(_ r: GDTrainingRun) throws -> [Double] {
      guard let v = r.ntkInfinity else {
        throw ProviderError(argument: "quantity", message: "no exact NTK for setting \(setting.rawValue)")
      }
      return v
    }

    /// The natural cubic spline (B = 0) or the linear spline (A = 0) of the ReLU LFP limit.
    func spline(cubic: Bool) throws -> [Double] {
      let gamma = try asProviderError { try LFPGamma(activation: .relu, dimension: 1, w: wLaw, a: aLaw) }
      let (A, B): (Double, Double) = try asProviderError { try gamma.reluMoments() }
      let h = try asProviderError { try ReLULFPLimit(data: data, A: cubic ? A : 0, B: cubic ? 0 : B) }
      return grid.map { h($0) }
    }

    /// `quantity` measured on one run.
    func sample(_ quantity: QuantityName, _ r: GDTrainingRun) throws -> Double {
      switch quantity {
      case .gapLFP: return relativeL2(r.h, r.lfp)
      case .gapLFPLinearised: return relativeL2(r.ntk0, r.lfp)
      case .gapLFPStopped:
        guard let h = r.stoppedH else {
          throw ProviderError(argument: "until_loss", message: "the run stopped before L < 8e−5")
        }
        return relativeL2(h, r.lfp)
      case .gapNTK: return relativeL2(r.h, try ntk(r))
      case .gapNTKLinearised: return relativeL2(r.ntk0, try ntk(r))
      case .laziness: return relativeL2(r.h, r.ntk0)
      case .parameterChange: return r.network.relativeParameterChange
      case .patternFlips: return Double(r.network.patternFlips) / Double(width * data.count)
      case .steps: return Double(r.network.steps)
      case .floor: return relativeL2(try ntk(r), r.lfp)
      case .gapExpectedSpline, .gapOtherSpline:
        guard setting == .cubic || setting == .linear else {
          throw ProviderError(argument: "setting", message: "\(quantity.rawValue) needs setting cubic or linear")
        }
        return relativeL2(r.h, try spline(cubic: (setting == .cubic) == (quantity == .gapExpectedSpline)))
      }
    }

    /// The curves of seed 0 for the report: GD-trained, linearised, LFP limit, exact NTK.
    func curveFigure() throws -> AttachedFigure {
      let r = try run(0)
      let xs = grid.map { $0[0] }
      var series = [
        AttachedFigure.Series(label: "GD-trained network (seed 0)", x: xs, y: r.h),
        AttachedFigure.Series(label: "linearised network (seed 0, t = ∞)", x: xs, y: r.ntk0),
        AttachedFigure.Series(label: "LFP limit", x: xs, y: r.lfp),
      ]
      if let n = r.ntkInfinity { series.append(AttachedFigure.Series(label: "exact NTK interpolant", x: xs, y: n)) }
      return .line(
        title: "\(setting.rawValue): GD-trained network (width \(width)) vs linearised vs LFP vs NTK", xLabel: "x",
        yLabel: "h(x)", series: series)
    }
  }
}
