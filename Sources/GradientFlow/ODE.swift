import MultiPrecision
import RealModule

/// The right-hand side F of u′ = F(t, u), written in place: `du = F(t, u)`.
/// `du` arrives with the length of `u`; the function must overwrite every entry.
public typealias ODERightHandSide<T> = (_ t: T, _ u: [T], _ du: inout [T]) -> Void

/// How an integration ended. Anything but `.success` means the snapshots stop
/// at `ODESolution.finalTime`, and `ODESolution.reason` says why.
public enum ODEStatus: String, Sendable, Equatable {
  /// Reached the last observation time.
  case success
  /// `ODEOptions.maxSteps` attempted steps were used up.
  case maxStepsReached
  /// The step size fell below 16 ulps of t (singularity or extreme stiffness).
  case stepSizeUnderflow
  /// A state or error estimate became NaN or infinite.
  case nonFinite
  /// ‖u‖∞ exceeded `ODEOptions.blowUpNorm`.
  case blowUp
  /// Hairer's test: h·ρ (ρ a Lipschitz estimate from two stages at t + h) sat
  /// above the method's stability boundary for 15 accepted steps.
  case stiffnessDetected
  /// The arguments were invalid (see `reason`).
  case invalidInput
}

/// Work counters of one integration.
public struct ODEStatistics: Sendable, Equatable {
  public var acceptedSteps = 0
  public var rejectedSteps = 0
  /// Calls of the right-hand side F.
  public var evaluations = 0
  public init() {}
}

/// Snapshots u(tᵢ) at the requested observation times, plus how it ended.
public struct ODESolution<T: RealScalar> {
  /// The observation times reached (a prefix of those requested).
  public var times: [T] = []
  /// `states[i]` ≈ u(`times[i]`).
  public var states: [[T]] = []
  public var status: ODEStatus = .success
  /// A sentence saying why the integration stopped ("" on success).
  public var reason: String = ""
  public var statistics = ODEStatistics()
  /// Where the integrator stood when it stopped.
  public var finalTime: T
  public var finalState: [T]

  public var succeeded: Bool { status == .success }
  /// The last snapshot (u at the last observation time on success).
  public var last: [T]? { states.last }
}

/// Error control and safeguards shared by the adaptive integrators.
public struct ODEOptions<T: RealScalar> {
  /// Relative and absolute tolerance: each step keeps
  /// ‖err / (atol + rtol·|u|)‖_rms ≤ 1.
  public var rtol: T
  public var atol: T
  /// First step; nil → Hairer's starting-step heuristic.
  public var initialStep: T?
  /// Largest step; nil → unbounded.
  public var maxStep: T?
  /// If set, no error control: steps of exactly this size (the last one
  /// shortened to land on each observation time). For convergence studies.
  public var fixedStep: T?
  /// Attempted-step budget.
  public var maxSteps: Int = 1_000_000
  /// Stop with `.stiffnessDetected` when the problem looks stiff.
  public var detectStiffness = false
  /// Stop with `.blowUp` when ‖u‖∞ exceeds this.
  public var blowUpNorm: T?
  /// Step-size controller h_new = h·min(maxFactor, max(minFactor, safety·err^(−1/(q+1)))).
  public var safety: T = T(decimal: "0.9")!
  public var minFactor: T = T(decimal: "0.2")!
  public var maxFactor: T = T(10)

  public init(rtol: T, atol: T) {
    self.rtol = rtol
    self.atol = atol
  }

  /// Fixed-step mode with step h.
  public static func fixed(step h: T) -> ODEOptions {
    var o = ODEOptions(rtol: T(1), atol: T(1))
    o.fixedStep = h
    return o
  }
}

/// Checks observation times: finite, strictly increasing, after t0.
/// Why an integration cannot start (times not increasing from a finite t0,
/// a non-finite initial state), or nil.
func validateInput<T: RealScalar>(_ t0: T, _ u0: [T], _ times: [T]) -> String? {
  if let msg = validateTimes(t0, times) { return msg }
  if let i = u0.firstIndex(where: { !$0.isFinite }) { return "initial state has a non-finite entry (#\(i))" }
  return nil
}

extension ODESolution {
  /// A run that did not start: status `.invalidInput` with the reason.
  static func rejected(t0: T, u0: [T], _ reason: String) -> ODESolution {
    var sol = ODESolution(finalTime: t0, finalState: u0)
    sol.status = .invalidInput
    sol.reason = reason
    return sol
  }
}

func validateTimes<T: RealScalar>(_ t0: T, _ times: [T]) -> String? {
  guard t0.isFinite else { return "initial time \(t0) is not finite" }
  guard !times.isEmpty else { return "no observation times given" }
  var prev = t0
  for (i, t) in times.enumerated() {
    guard t.isFinite else { return "observation time #\(i) (\(t)) is not finite" }
    if i == 0 ? t < t0 : t <= prev {
      return
        "observation times must increase from t0: #\(i) = \(t.decimalString(digits: 17)) after \(prev.decimalString(digits: 17))"
    }
    prev = t
  }
  return nil
}

func isFiniteVector<T: RealScalar>(_ x: [T]) -> Bool {
  for v in x where !v.isFinite { return false }
  return true
}
