/// A figure a provider attaches to a quantity it computed: data the sweep
/// axes cannot carry (a training curve, an epoch × frequency map), drawn by the
/// report writer (module `Reports`) after the theorem's `[[figures]]`.
///
/// Figures with the same `title` are drawn once per report (several sweep
/// points may share one computation, e.g. one training run measured at several
/// frequencies), so the title should name what the figure depends on.
public struct AttachedFigure: Sendable, Codable, Equatable {
  public typealias Kind = FigureKind

  /// One curve of a line figure.
  public struct Series: Sendable, Codable, Equatable {
    public var label: String
    public var x: [Double]
    public var y: [Double]
    /// Drawn as points without a line (data, e.g. the training points); absent: a curve.
    public var pointsOnly: Bool?
    /// Points with a non-finite coordinate are left out (JSON has no NaN or ∞).
    public init(label: String, x: [Double], y: [Double], pointsOnly: Bool? = nil) {
      precondition(x.count == y.count, "AttachedFigure.Series: \(x.count) x values for \(y.count) y values")
      let kept = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
      self.label = label; self.x = kept.map(\.0); self.y = kept.map(\.1); self.pointsOnly = pointsOnly
    }
    /// The points (x, y), in order.
    public var points: [(x: Double, y: Double)] { zip(x, y).map { (x: $0, y: $1) } }

    enum CodingKeys: String, CodingKey { case label, x, y, pointsOnly }
    /// Reads a series, refusing x and y of different lengths (a shard or report JSON
    /// from elsewhere: the invariant `init` enforces).
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      label = try c.decode(String.self, forKey: .label)
      x = try c.decode([Double].self, forKey: .x)
      y = try c.decode([Double].self, forKey: .y)
      pointsOnly = try c.decodeIfPresent(Bool.self, forKey: .pointsOnly)
      guard x.count == y.count else {
        throw DecodingError.dataCorruptedError(
          forKey: .y, in: c, debugDescription: "series '\(label)': \(x.count) x values for \(y.count) y values")
      }
    }
  }

  public var kind: Kind
  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// Line figures: logarithmic axes.
  public var logX: Bool
  public var logY: Bool
  /// Line figures: the curves.
  public var series: [Series]
  /// Heatmaps: column labels (x), row labels (y, bottom to top), `values[row][column]`
  /// (nil: no value, drawn grey) and the colour-bar label.
  public var xValues: [String]
  public var yValues: [String]
  public var values: [[Double?]]
  public var valueLabel: String

  /// A line figure.
  public static func line(
    title: String, xLabel: String, yLabel: String, series: [Series],
    logX: Bool = false, logY: Bool = false
  ) -> AttachedFigure {
    AttachedFigure(
      kind: .line, title: title, xLabel: xLabel, yLabel: yLabel, logX: logX, logY: logY,
      series: series, xValues: [], yValues: [], values: [], valueLabel: "")
  }

  /// A heatmap of `values[row][column]`; non-finite entries are stored as nil.
  public static func heatmap(
    title: String, xLabel: String, yLabel: String, xValues: [String], yValues: [String],
    values: [[Double]], valueLabel: String
  ) -> AttachedFigure {
    precondition(
      values.count == yValues.count && values.allSatisfy { $0.count == xValues.count },
      "AttachedFigure.heatmap: values must be \(yValues.count) rows × \(xValues.count) columns")
    return AttachedFigure(
      kind: .heatmap, title: title, xLabel: xLabel, yLabel: yLabel, logX: false, logY: false,
      series: [], xValues: xValues, yValues: yValues,
      values: values.map { $0.map { $0.isFinite ? $0 : nil } }, valueLabel: valueLabel)
  }

}

/// The kinds of figure, for a theorem file's `[[figures]]` and a provider's
/// `AttachedFigure`: a line plot (`loglog`: with logarithmic axes and, for a
/// file's figure, the fitted power law), a heatmap with its colour bar, or
/// `versus`: one point per claim group, a measured term against a predicted one
/// (e.g. the fitted exponent `slope(eta, B)` against `-2*p`) with its error bar and
/// the line y = x (a theorem file's figure only).
public enum FigureKind: String, Sendable, Codable, CaseIterable { case loglog, line, heatmap, versus }

extension AttachedFigure {
  enum CodingKeys: String, CodingKey {
    case kind, title, xLabel, yLabel, logX, logY, series, xValues, yValues, values, valueLabel
  }

  /// Reads a figure, refusing a heatmap whose values are not `yValues` rows of
  /// `xValues` columns (the invariant `heatmap(...)` enforces; the drawing indexes by it).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    kind = try c.decode(Kind.self, forKey: .kind)
    title = try c.decode(String.self, forKey: .title)
    xLabel = try c.decode(String.self, forKey: .xLabel)
    yLabel = try c.decode(String.self, forKey: .yLabel)
    logX = try c.decode(Bool.self, forKey: .logX)
    logY = try c.decode(Bool.self, forKey: .logY)
    series = try c.decode([Series].self, forKey: .series)
    xValues = try c.decode([String].self, forKey: .xValues)
    yValues = try c.decode([String].self, forKey: .yValues)
    values = try c.decode([[Double?]].self, forKey: .values)
    valueLabel = try c.decode(String.self, forKey: .valueLabel)
    guard values.count == yValues.count, values.allSatisfy({ $0.count == xValues.count }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .values, in: c,
        debugDescription: "figure '\(title)': values must be \(yValues.count) rows × \(xValues.count) columns, "
          + "found \(values.count) rows of \(values.map(\.count))")
    }
  }
}
