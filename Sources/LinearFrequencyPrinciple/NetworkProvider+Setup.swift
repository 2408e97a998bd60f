import Foundation
import MultiPrecision
import Verification

extension LFPNetworkProvider {
  /// The arguments of one sweep point resolved (a setting's defaults filled in, laws parsed, the
  /// test grid, γ², the time t), and the curves the gaps compare: the network (a seed), the LFP
  /// solution, the exact NTK flow, the splines. Every kernel flow goes through `flows`.
  struct Setup {
    let setting: Setting?
    let activation: Activation
    let dataset: LFPDataset
    let wText: String, bText: String, aText: String
    let wLaw: ParameterDistribution, bLaw: ParameterDistribution, aLaw: ParameterDistribution
    let data: LFPData<Double>
    /// Points per axis of the test grid (the dataset's default for `grid` = 0: 201 in 1-D, 30 × 30 for XOR).
    let axisCount: Int
    let grid: [[Double]]
    let act: LinearisedTwoLayer.Activation
    let gamma: LFPGamma
    /// `time` as given, and t: ∞ for `end`, else τ/λ_min of the LFP flow.
    let timeText: String
    private(set) var t = Double.infinity
    var d: Int { data.dimension }
    var atEnd: Bool { t == .infinity }

    init(_ p: ExperimentParameters) throws {
      setting = p.has("setting") ? try p.choice("setting", Setting.self) : nil
      activation = try p.choice("activation", default: setting?.activation ?? .relu)
      dataset = try p.choice("data", default: setting?.data ?? .authors5)
      wText = try p.string("w", default: setting?.laws.w)
      bText = try p.string("b", default: setting?.laws.b)
      aText = try p.string("a", default: setting?.laws.a)
      wLaw = try law(p, "w", default: wText)
      bLaw = try law(p, "b", default: bText)
      aLaw = try law(p, "a", default: aText)
      data = dataset.data
      axisCount = try dataset.axisCount(p, default1D: 201)
      grid = dataset.grid(axisCount)
      act = activation == .relu ? .relu : .tanh
      let (act, d, wLaw, aLaw) = (act, data.dimension, wLaw, aLaw)
      gamma = try asProviderError { try LFPGamma(activation: act.spectral, dimension: d, w: wLaw, a: aLaw) }
      timeText = try p.string("time", default: "end")
      if timeText != "end" {
        guard let tau = Double(timeText), tau > 0, tau.isFinite else {
          throw ProviderError(argument: "time", message: "`\(timeText)` is not `end` or a number τ > 0")
        }
        t = tau / (try lfpFlow().slowestRate)
      }
    }

    func key(_ kind: FlowKey.Kind) -> FlowKey {
      FlowKey(kind: kind, activation: activation, data: dataset, w: wText, b: bText, a: aText, gridCount: grid.count)
    }

    /// The LFP evolution in the network's time (snapshots): ReLU, d = 1, uniform b on [−β, β].
    func lfpFlow() throws -> KernelFlow {
      try LFPNetworkProvider.flows.value(for: key(.lfpGrid)) { () throws -> KernelFlow in
        guard act == .relu, d == 1, case .uniform(let lo, let hi) = bLaw, lo == -hi else {
          throw ProviderError(
            argument: "time",
            message: "snapshot times need the LFP time scale: ReLU, d = 1, b uniform on a symmetric interval")
        }
        return try asProviderError {
          try FrequencyGridLFP.networkTimeGrid(gamma: gamma, data: data, biasDensity: 1 / (2 * hi))
            .flow(at: grid.map { $0[0] })
        }
      }
    }

    /// The LFP solution on the grid at t (end, ReLU: the closed-form kernel limit; end, tanh: the
    /// Fourier scheme; a snapshot: the frequency-grid evolution).
    func lfpSolution() throws -> [Double] {
      if !atEnd { return try asProviderError { try lfpFlow().values(at: t) } }
      return try asProviderError {
        if act == .relu {
          let (A, B): (Double, Double) = try gamma.reluMoments()
          let h = try ReLULFPLimit(data: data, A: A, B: B)
          return grid.map { h($0) }
        }
        return try FrequencyGridLFP.authorsGrid(gamma: gamma, data: data).limit(at: grid.map { $0[0] })
      }
    }

    /// The exact infinite-width NTK flow at t (ReLU).
    func ntkSolution() throws -> [Double] {
      guard act == .relu else {
        throw ProviderError(argument: "quantity", message: "the exact NTK is for ReLU")
      }
      let flow = try LFPNetworkProvider.flows.value(for: key(.ntk)) { () throws -> KernelFlow in
        try asProviderError {
          try ExactReLUNTK(w: wLaw, b: bLaw, a: aLaw, dimension: d).flow(data: data, at: grid)
        }
      }
      return try asProviderError { try flow.values(at: t) }
    }

    /// The natural cubic spline (B = 0) or the linear spline (A = 0): ReLU, d = 1, t = ∞.
    func spline(cubic: Bool) throws -> [Double] {
      guard act == .relu, d == 1, atEnd else {
        throw ProviderError(argument: "quantity", message: "splines are limits for ReLU in d = 1 (time = end)")
      }
      let (A, B): (Double, Double) = try asProviderError { try gamma.reluMoments() }
      let h = try asProviderError { try ReLULFPLimit(data: data, A: cubic ? A : 0, B: cubic ? 0 : B) }
      return grid.map { h($0) }
    }

    /// The linearised network of width m and seed s, by its exact gradient flow, on the grid at t.
    func network(width: Int, seed: Int) throws -> [Double] {
      let flow = try LFPNetworkProvider.flows.value(for: key(.network(width: width, seed: seed))) {
        () throws -> KernelFlow in
        let net = try asProviderError {
          try LinearisedTwoLayer(
            activation: act, width: width, dimension: d,
            w: wLaw, b: bLaw, a: aLaw, seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(width))
        }
        return try asProviderError { try net.flow(data: data, at: grid) }
      }
      return try asProviderError { try flow.values(at: t) }
    }

    /// Curves for the report (1-D): network (seed 0) against the LFP limit and the splines.
    func curveFigure(width: Int) throws -> AttachedFigure {
      let xs = grid.map { $0[0] }
      var series = [
        AttachedFigure.Series(label: "network (seed 0)", x: xs, y: try network(width: width, seed: 0)),
        AttachedFigure.Series(label: "LFP limit", x: xs, y: try lfpSolution()),
      ]
      if act == .relu {
        series.append(AttachedFigure.Series(label: "natural cubic spline", x: xs, y: try spline(cubic: true)))
        series.append(AttachedFigure.Series(label: "linear spline", x: xs, y: try spline(cubic: false)))
      }
      series.append(
        AttachedFigure.Series(label: "training points", x: data.x.map { $0[0] }, y: data.y, pointsOnly: true))
      let title =
        "\(setting?.rawValue ?? activation.rawValue): network (width \(width)) vs LFP limit"
        + (act == .relu ? " vs splines" : "")
      return .line(title: title, xLabel: "x", yLabel: "h(x)", series: series)
    }

    /// Heatmaps for the report (2-D): network (seed 0), LFP limit and their difference on the test grid.
    func heatmapFigures(width: Int) throws -> [AttachedFigure] {
      let axis = (0..<axisCount).map { -1 + 2 * Double($0) / Double(axisCount - 1) }
      let labels = axis.map { String(format: "%.2f", $0) }
      // grid is x₁-major: entry i·count + j is (axis[i], axis[j]); rows are x₂, columns x₁.
      func rows(_ v: [Double]) -> [[Double]] {
        (0..<axisCount).map { j in (0..<axisCount).map { i in v[i * axisCount + j] } }
      }
      let net = try network(width: width, seed: 0)
      let lfp = try lfpSolution()
      let name = setting?.rawValue ?? "2-D"
      return [
        .heatmap(
          title: "\(name): network h(x) (width \(width), seed 0)", xLabel: "x₁", yLabel: "x₂", xValues: labels,
          yValues: labels, values: rows(net), valueLabel: "h"),
        .heatmap(
          title: "\(name): LFP limit h(x)", xLabel: "x₁", yLabel: "x₂", xValues: labels, yValues: labels,
          values: rows(lfp), valueLabel: "h"),
        .heatmap(
          title: "\(name): network − LFP limit (width \(width), seed 0)", xLabel: "x₁", yLabel: "x₂",
          xValues: labels, yValues: labels, values: rows(zip(net, lfp).map { $0 - $1 }), valueLabel: "difference"),
      ]
    }
  }
}
