import Foundation
import MultiPrecision

/// A quantity as recorded in results: its value, error bound and provenance.
public struct QuantityRecord: Sendable, Codable, Equatable {
  public var name: String
  /// Midpoint of the enclosure, 20 significant digits.
  public var value: String
  /// Half-width of the enclosure (the error bound), 3 digits.
  public var error: String
  public var rigorous: Bool
  public var metadata: [String: String]
  /// Figures the provider attached (absent from the JSON when there are none).
  public var figures: [AttachedFigure]?
  /// Per-seed values of a measured quantity (`never` for a run that did not
  /// converge within its budget); absent for computed quantities.
  public var samples: [String]?
  /// The imaginary part's midpoint of a complex quantity, 20 significant digits
  /// (absent for a real one); `error` then bounds both parts.
  public var imag: String?

  init(name: String, _ q: Quantity) {
    self.name = name
    value = q.value.formatted(digits: 20)
    error = q.radius.formatted(digits: 3)
    rigorous = q.rigorous
    metadata = q.metadata
    figures = q.figures.isEmpty ? nil : q.figures
    samples = q.ensemble?.map { $0.isInfinite ? "never" : ReportNumber.text($0) }
    if let im = q.imaginary {
      // Midpoint and radius of [lower, upper] (the radius rounded up).
      let mid = (im.lower + im.upper) / 2
      let rad = MPFloat.difference(im.upper, im.lower, rounding: .up) / 2
      imag = mid.formatted(digits: 20)
      error = Swift.max(q.radius, rad).formatted(digits: 3)
    }
  }
}

/// One sweep point with its quantities.
public struct PointRecord: Sendable, Codable, Equatable {
  public var index: Int
  public var coordinates: [String: String]
  public var quantities: [QuantityRecord]
  /// Why a quantity could not be computed here, if so.
  public var error: String?
}

/// The verdict of one group of sweep points (one point for a pointwise claim).
public struct GroupResult: Sendable, Codable, Equatable {
  /// Position of the group in the theorem's sweep order.
  public var index: Int
  /// The coordinates the group's points share (its non-aggregated axes).
  public var coordinates: [String: String]
  public var points: [PointRecord]
  public var outcome: Outcome
  /// Precision (bits) of the final attempt.
  public var precision: Int
  /// Number of attempts (1 + retries at doubled precision).
  public var attempts: Int
  /// The group's points of the theorem's `versus` figures (absent when it has none).
  public var figurePoints: [FigurePoint]? = nil
}

/// One point of a `versus` figure: the predicted term `x` and the measured term `y`
/// evaluated on one claim group (midpoints and half-widths of their enclosures), or
/// why they could not be.
public struct FigurePoint: Sendable, Codable, Equatable {
  /// Index of the figure among the theorem's `[[figures]]`.
  public var figure: Int
  public var x: Double?
  public var y: Double?
  public var xError: Double?
  public var yError: Double?
  public var error: String?

  public init(figure: Int, x: Double, y: Double, xError: Double, yError: Double) {
    self.figure = figure; self.x = x; self.y = y; self.xError = xError; self.yError = yError
  }
  public init(figure: Int, error: String) { self.figure = figure; self.error = error }
}

/// Everything known about one theorem after a run (or a shard of one).
public struct TheoremResult: Sendable, Codable, Equatable {
  public var id: String
  public var title: String
  public var file: String
  public var source: TheoremSpec.Source
  public var kind: TheoremSpec.Kind
  public var stage: TheoremSpec.Stage
  /// For a `control`: the id of the claim it is the negative control of.
  public var controlOf: String?
  /// The sweep axis pooled into seed ensembles, if any.
  public var ensemble: String?
  public var claim: String
  public var hypotheses: [[String]]
  public var dependsOn: [String]
  public var axes: [SweepAxis]
  public var sweepMode: Sweep.Mode
  public var aggregatedAxes: [String]
  public var quantityProviders: [[String]]
  public var figures: [TheoremSpec.FigureSpec]
  public var precision: Int
  public var maxPrecision: Int
  public var tolerance: String
  public var safetyFactor: Double
  public var seed: UInt64
  /// Number of groups in the whole sweep (a shard holds some of them).
  public var groupCount: Int
  public var groups: [GroupResult]
  /// The theorem's own verdict (worst over its groups).
  public var verdict: Verdict
  /// Ids of dependencies that failed, errored or were tainted.
  public var taintedBy: [String]
  /// Wall-clock seconds spent (summed over shards).
  public var seconds: Double
  /// For a `control`: the kind of the claim it controls (`nil` when that claim
  /// is not among the loaded files).
  public var controlsKind: TheoremSpec.Kind? = nil
  /// A theorem's role or a control's effect (`role` in the file; nil for
  /// observations and conjectures, and in results written before roles).
  public var role: TheoremSpec.Role? = nil
  /// For a `removes` control: the hypothesis of the theory it takes away.
  public var removedHypothesis: String? = nil
  /// The falsification search `verify` ran for a conjecture with a `[falsify]` table.
  public var falsification: FalsificationResult? = nil

  /// The verdict shown: `tainted` when a dependency failed, else the own verdict.
  public var shownVerdict: Verdict { taintedBy.isEmpty ? verdict : .tainted }

  /// Whether this result is a problem of the suite (what makes `verify` exit 1):
  /// a `theorem` that does not hold (fail, error, tainted or inconclusive), or a
  /// theorem's `control` that does not fail (a deliberately violated twin that
  /// cannot fail shows that the theorem's check cannot either). Observations and
  /// conjectures report; a control of an observation or a conjecture that does not
  /// fail reports too, and takes away the evidence of the claim it controls
  /// (`RunResult.undiscriminating`), but the suite itself is not at fault.
  public var isProblem: Bool {
    switch kind {
    case .theorem: return !shownVerdict.holds
    case .control: return shownVerdict != .fail && controlsKind != .observation && controlsKind != .conjecture
    case .observation, .conjecture: return false
    }
  }

  /// A theorem that tests the theory (a `prediction`), as opposed to one that
  /// checks the computation or the mathematics (`identity`, `lemma`).
  public var isPrediction: Bool { kind == .theorem && role == .prediction }

  /// Number of groups per verdict.
  public var counts: [Verdict: Int] {
    groups.reduce(into: [:]) { $0[$1.outcome.verdict, default: 0] += 1 }
  }
}

/// Versions of the suite and of what it is built with.
public struct VersionInfo: Sendable, Codable, Equatable {
  public var package: String
  public var swift: String
  public var mpfr: String
  /// The OpenBLAS build and the kernel family it chose at run time
  /// (`openblas_get_config()`, `openblas_get_corename()`); nil in shards
  /// written before it was recorded.
  public var blas: String?
  public init(package: String, swift: String, mpfr: String, blas: String? = nil) {
    self.package = package; self.swift = swift; self.mpfr = mpfr; self.blas = blas
  }
}

/// The result of `fprinciple verify` (or of one shard).
public struct RunResult: Sendable, Codable, Equatable {
  public var versions: VersionInfo
  public var quick: Bool
  /// `full` for a run of the paper-scale profile; nil otherwise (quick and
  /// default runs are told apart by `quick`, so their JSON is as before profiles).
  public var profile: Profile? = nil
  /// `i/n` when this is a shard, nil for a whole run (or a merged one).
  public var shard: String?
  /// ISO 8601 time the run finished (the only non-deterministic field besides `seconds`).
  public var generated: String
  public var theorems: [TheoremResult]
}

extension RunResult {
  /// The profile the run used.
  public var runProfile: Profile { profile ?? (quick ? .quick : .default) }
}

public struct MergeError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

extension RunResult {
  /// The controls in this run of the claim `id` that do not fail. A claim whose
  /// check also holds on its negative control does not discriminate: its `pass`
  /// is no evidence for the claim, and the index says so.
  public func controlsNotFailing(_ id: String) -> [String] {
    theorems.filter { $0.kind == .control && $0.controlOf == id && $0.shownVerdict != .fail }.map(\.id)
  }

  /// The controls in this run of the claim `id` that remove a hypothesis of the theory.
  public func removingControls(of id: String) -> [TheoremResult] {
    theorems.filter { $0.kind == .control && $0.controlOf == id && $0.role == .removes }
  }

  /// Recomputes every theorem's verdict from its groups, and `tainted` from `depends_on`
  /// (theorems are in dependency order).
  public mutating func finalize() {
    var bad = Set<String>()
    for i in theorems.indices {
      theorems[i].groups.sort { $0.index < $1.index }
      theorems[i].verdict =
        theorems[i].groups.isEmpty ? .error : Verdict.combined(theorems[i].groups.map(\.outcome.verdict))
      theorems[i].taintedBy = theorems[i].dependsOn.filter { bad.contains($0) }
      let v = theorems[i].shownVerdict
      if v == .fail || v == .error || v == .tainted { bad.insert(theorems[i].id) }
    }
  }

  /// Reads one shard file of `fprinciple report --merge` (the JSON `verify --shard i/n`
  /// writes); `file` names it in the error.
  public static func readShard(_ data: Data, file: String) throws(MergeError) -> RunResult {
    do { return try JSONDecoder().decode(RunResult.self, from: data) } catch {
      throw MergeError(description: "\(file) is not a shard file: \(error)")
    }
  }

  /// Combines shard results into the result of the whole run. Every group of
  /// every theorem must be present exactly once.
  public static func merge(_ shards: [RunResult]) throws(MergeError) -> RunResult {
    guard var merged = shards.first else { throw MergeError(description: "no shard files") }
    let n = shards.compactMap { $0.shard?.split(separator: "/").last.flatMap { Int($0) } }.first
    if let n, shards.count != n {
      throw MergeError(description: "expected \(n) shards, got \(shards.count)")
    }
    for s in shards.dropFirst() {
      guard s.runProfile == merged.runProfile else {
        throw MergeError(
          description: "shards mix profiles (\(merged.runProfile.rawValue) and \(s.runProfile.rawValue))")
      }
      guard s.theorems.map(\.id) == merged.theorems.map(\.id) else {
        throw MergeError(description: "shards ran different theorems (\(s.shard ?? "?"))")
      }
      for (i, t) in s.theorems.enumerated() {
        merged.theorems[i].groups += t.groups
        merged.theorems[i].seconds += t.seconds
        merged.theorems[i].falsification = merged.theorems[i].falsification ?? t.falsification
      }
      merged.generated = max(merged.generated, s.generated)
    }
    for t in merged.theorems {
      let indices = t.groups.map(\.index)
      guard Set(indices).count == indices.count else {
        throw MergeError(description: "\(t.id): a group appears in two shards")
      }
      guard indices.count == t.groupCount else {
        throw MergeError(description: "\(t.id): \(indices.count) of \(t.groupCount) groups present; a shard is missing")
      }
    }
    merged.shard = nil
    merged.finalize()
    return merged
  }
}
