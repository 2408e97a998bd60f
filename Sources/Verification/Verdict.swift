/// The outcome of checking a claim (see `Sources/Verification/README.md`, "Verdicts").
///
/// For a comparison the margin m is the amount by which it holds (rhs − lhs
/// for `<=`, tolerance − |lhs − rhs| for `==`), computed as an enclosure from
/// the quantities' error bounds; e is its half-width (the numerical error).
/// - `certified`: every input is rigorous and the whole enclosure of m satisfies the claim;
/// - `pass`: midpoint(m) > safety_factor × e;
/// - `inconclusive`: neither holds nor fails beyond the error (retried at higher precision);
/// - `fail`: violated by more than the error (upper end of m < 0);
/// - `error`: could not be evaluated (non-finite value, non-converged computation, …);
/// - `tainted`: the theorem depends on another claim that failed or errored.
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
  case certified, pass, inconclusive, fail, error, tainted

  /// Badness order: certified < pass < inconclusive < fail < error < tainted.
  public var severity: Int {
    switch self {
    case .certified: return 0
    case .pass: return 1
    case .inconclusive: return 2
    case .fail: return 3
    case .error: return 4
    case .tainted: return 5
    }
  }
  public static func < (a: Verdict, b: Verdict) -> Bool { a.severity < b.severity }

  /// Whether the claim holds (certified or pass).
  public var holds: Bool { self == .certified || self == .pass }
}

/// A verdict with the numbers that decided it.
public struct Outcome: Sendable, Codable, Equatable {
  public var verdict: Verdict
  /// Whether every quantity involved had a rigorous enclosure.
  public var rigorous: Bool
  /// The comparison that decided the verdict (the worst one of an `and`).
  public var comparison: String?
  public var lhs: String?
  public var rhs: String?
  /// Midpoint of the margin enclosure (positive: the claim holds by that much).
  public var margin: String?
  /// Half-width of the margin enclosure: the numerical error.
  public var error: String?
  /// Sweep coordinates where the deciding comparison was evaluated (the counterexample for `fail`).
  public var point: [String: String]?
  /// Why the claim could not be evaluated (`error`), or a note.
  public var reason: String?

  public init(
    verdict: Verdict, rigorous: Bool, comparison: String? = nil, lhs: String? = nil,
    rhs: String? = nil, margin: String? = nil, error: String? = nil,
    point: [String: String]? = nil, reason: String? = nil
  ) {
    self.verdict = verdict; self.rigorous = rigorous; self.comparison = comparison
    self.lhs = lhs; self.rhs = rhs; self.margin = margin; self.error = error
    self.point = point; self.reason = reason
  }

  static func failure(_ reason: String, comparison: String? = nil) -> Outcome {
    Outcome(verdict: .error, rigorous: false, comparison: comparison, reason: reason)
  }
}

extension Verdict {
  /// The verdict of a whole theorem from its groups' verdicts: the worst one.
  public static func combined(_ verdicts: [Verdict]) -> Verdict {
    verdicts.max() ?? .error
  }
}
