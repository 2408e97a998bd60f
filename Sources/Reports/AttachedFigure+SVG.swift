import Verification

extension AttachedFigure {
  /// The SVG drawing (`SVGPlot`): a line plot of the series or a heatmap with its colour bar.
  public var svg: String {
    switch kind {
    case .line:
      let s = series.map { se in
        SVGPlot.Series(label: se.label, points: zip(se.x, se.y).filter { $0.0.isFinite && $0.1.isFinite }
          .map { (x: $0.0, y: $0.1) })
      }
      return SVGPlot.linePlot(title: title, xLabel: xLabel, yLabel: yLabel, series: s, logX: logX, logY: logY)
    case .heatmap:
      return SVGPlot.heatmap(title: title, xLabel: xLabel, yLabel: yLabel, xValues: xValues, yValues: yValues,
                             values: values.map { $0.map { $0 ?? .nan } }, valueLabel: valueLabel)
    }
  }
}
