/// A theorem or conjecture as written in a `Theorems/*.toml` file: what is
/// claimed, where it comes from, the sweep of parameters it is checked on and
/// the quantities the claim is written in.
public struct TheoremSpec: Sendable {
  /// What the file states.
  /// - `theorem`: a proved mathematical statement; it must hold, a `fail` is a bug
  ///   of the suite or a counterexample to the paper.
  /// - `observation`: a paper's empirical statement, run in the paper's setting and
  ///   kept as stated whatever our runs show (the index counts how many replicate).
  /// - `conjecture`: a user's or our own statement; it may fail.
  /// - `control`: a deliberately violated twin or negative control of the claim
  ///   named by `control_of`; it is expected to come out `fail`.
  public enum Kind: String, Sendable, Codable, CaseIterable { case theorem, observation, conjecture, control }

  /// `role`: what a verdict is evidence for (required for theorems and controls,
  /// absent for observations and conjectures).
  ///
  /// A theorem's role:
  /// - `identity`: true for any input by a stated argument (Cauchy–Schwarz,
  ///   Plancherel, a closed form); it checks the computation, not the theory;
  /// - `lemma`: a mathematical fact the theory uses (a Fourier transform, the
  ///   decay of an activation's spectrum, a critical exponent);
  /// - `prediction`: could be false if the theory were wrong about networks (a
  ///   rate, an order, a limit measured on networks). Every prediction needs a
  ///   `removes` control in the same run.
  ///
  /// A control's effect:
  /// - `removes`: the same check with one hypothesis of the theory taken away
  ///   (named by `hypothesis`: density regularity, activation regularity, loss
  ///   class, NTK regime, …); it fails *because of* that hypothesis;
  /// - `sharpens`: a tightened bound or threshold (shows the bound is not vacuous);
  /// - `wrongFormula` (`wrong_formula`): a swapped, perturbed or reversed formula
  ///   (shows the check can tell the right formula from a wrong one).
  public enum Role: String, Sendable, Codable, CaseIterable {
    case identity, lemma, prediction
    case removes, sharpens
    case wrongFormula = "wrong_formula"

    /// The roles a file of this kind may declare (empty: the kind takes no role).
    public static func allowed(for kind: Kind) -> [Role] {
      switch kind {
      case .theorem: [.identity, .lemma, .prediction]
      case .control: [.removes, .sharpens, .wrongFormula]
      case .observation, .conjecture: []
      }
    }
  }

  /// What the claim is about: one of the three stages of training of the general
  /// theory (initial, intermediate, final; only for the stage theorems), a `lemma`
  /// (a mathematical fact the theory uses, e.g. the decay of an activation's
  /// Fourier transform), or `empirical` (measured behaviour of trained networks).
  public enum Stage: String, Sendable, Codable, CaseIterable { case initial, intermediate, final, lemma, empirical }

  /// Where the claim is stated.
  public struct Source: Sendable, Codable, Equatable {
    public var paper: String
    public var section: String
    public var equation: String
    public init(paper: String, section: String, equation: String) {
      self.paper = paper; self.section = section; self.equation = equation
    }
  }

  /// `[quantities.NAME]`: a named value computed by a provider at each sweep point.
  public struct QuantitySpec: Sendable {
    public var name: String
    public var provider: String
    public var arguments: ProviderArguments
    public init(name: String, provider: String, arguments: ProviderArguments) {
      self.name = name; self.provider = provider; self.arguments = arguments
    }
  }

  /// `[[figures]]`: a plot the report draws from the sweep.
  public struct FigureSpec: Sendable, Codable, Equatable {
    public typealias Kind = FigureKind
    public var kind: Kind
    /// The sweep axis on the horizontal axis; for `versus`, the predicted term (in the
    /// claim's language, e.g. `-2*p` or `predicted`), evaluated once per claim group.
    public var x: String
    /// The quantity plotted (line plots) or the second sweep axis (heatmaps); for
    /// `versus`, the measured term (e.g. `slope(eta, B)`), once per claim group.
    public var y: String
    /// Heatmaps: the quantity shown as colour.
    public var value: String?
    public var title: String?
    /// Draw the least-squares power law (log-log plots made for a claim's `slope`).
    public var fit: Bool?
    /// `versus`: the sweep axis whose value names a point's series (its colour).
    public var series: String?
    public init(
      kind: Kind, x: String, y: String, value: String? = nil, title: String? = nil, fit: Bool? = nil,
      series: String? = nil
    ) {
      self.kind = kind; self.x = x; self.y = y; self.value = value; self.title = title; self.fit = fit
      self.series = series
    }
  }

  /// The compiled terms of a `versus` figure (`x` predicted, `y` measured).
  public struct FigureTerms: Sendable {
    public var x: Term
    public var y: Term
  }

  public var id: String
  public var title: String
  public var source: Source
  public var stage: Stage
  public var kind: Kind
  /// The hypotheses as written (activation, loss, density, depth, width, …), for the report.
  public var hypotheses: [(key: String, value: String)]
  public var sweep: Sweep
  /// The `[quick]` sub-sweep used by `--quick` and `swift test` (the full sweep when absent).
  public var quickSweep: Sweep?
  public var quantities: [QuantitySpec]
  public var dependsOn: [String]
  /// The claim's source text in the shared expression language.
  public var claimText: String
  /// The claim, parsed and checked against the sweep axes and quantity names.
  public var claim: Claim
  /// Working precision in bits for the first attempt.
  public var precision: Int
  /// Largest precision an `inconclusive` result is retried at (precision doubles each retry).
  public var maxPrecision: Int
  /// Absolute tolerance of `==` comparisons: `a == b` holds when |a − b| ≤ tolerance.
  public var tolerance: String
  /// `pass` needs margin > safetyFactor × numerical error.
  public var safetyFactor: Double
  /// Seed for every random choice of the providers (also a sweep axis `seed` when swept).
  public var seed: UInt64
  public var figures: [FigureSpec]
  /// The terms of the `versus` figures, by index in `figures`.
  public var figureTerms: [Int: FigureTerms] = [:]
  /// `control_of`: the id of the claim this file is a negative control or a
  /// deliberately violated twin of (required when `kind = "control"`).
  public var controlOf: String? = nil
  /// `role`: a theorem's role or a control's effect (nil for observations and conjectures).
  public var role: Role? = nil
  /// `hypothesis`: the hypothesis of the theory a `removes` control takes away.
  public var removedHypothesis: String? = nil
  /// `ensemble`: the sweep axis (usually `seed`) whose points are pooled into one
  /// measurement: the quantities of points that differ only in this axis become
  /// one `Quantity(ensemble:)` (mean ± standard error over the seeds) before the
  /// claim is checked. The claim may not name the axis.
  public var ensemble: String? = nil
  /// The smallest ensemble a full sweep may declare (`minimum_seeds`, default 5).
  public var minimumSeeds: Int = TheoremSpec.defaultMinimumSeeds
  /// Seeds a measured quantity is pooled over unless a file asks for more.
  public static let defaultMinimumSeeds = 5
  /// The file the spec was read from (as given to the loader).
  public var file: String

  /// The sweep to run: the quick one when asked for and present.
  public func sweep(quick: Bool) -> Sweep { quick ? (quickSweep ?? sweep) : sweep }
}
