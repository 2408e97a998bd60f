import Verification

extension AttachedFigure {
  /// The SVG drawing (`SVGPlot`): a line plot of the series or a heatmap with its colour bar.
  public var svg: String {
    switch kind {
    case .line, .loglog, .versus:
      return SVGPlot.linePlot(
        title: title, xLabel: xLabel, yLabel: yLabel, series: series,
        logX: logX || kind == .loglog, logY: logY || kind == .loglog)
    case .heatmap:
      return SVGPlot.heatmap(
        title: title, xLabel: xLabel, yLabel: yLabel, xValues: xValues, yValues: yValues,
        values: values.map { $0.map { $0 ?? .nan } }, valueLabel: valueLabel)
    }
  }
}
