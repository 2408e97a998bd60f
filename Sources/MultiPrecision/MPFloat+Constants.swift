import CMPFR

/// Mathematical constants that MPFR computes to any precision.
public enum MathConstant: String, CaseIterable, Sendable {
  /// π = 3.14159…
  case pi
  /// e = exp(1)
  case e
  /// log 2
  case log2
  /// Euler's constant γ = 0.57721…
  case euler
  /// Catalan's constant G = Σ (−1)^k/(2k+1)² = 0.91596…
  case catalan

  /// The spelling used in expressions (`pi`, `e`, `log2` is also a function,
  /// so the expression language spells this constant `ln2`, `euler`, `catalan`).
  public var name: String { self == .log2 ? "ln2" : rawValue }

  public init?(name: String) {
    switch name {
    case "pi", "π": self = .pi
    case "e": self = .e
    case "ln2": self = .log2
    case "euler", "gamma_e", "eulergamma": self = .euler
    case "catalan": self = .catalan
    default: return nil
    }
  }

  /// The constant correctly rounded to `precision` bits (default: working).
  public func value(precision: Int? = nil, rounding: MPFloat.RoundingMode = .toNearest) -> MPFloat {
    let r = MPFloat(precision: precision ?? MPFloat.workingPrecision)
    let p = r.storage.pointer
    switch self {
    case .pi: mpfr_const_pi(p, rounding.mpfr)
    case .e:
      let one = MPFloat(1, precision: r.precision)
      withExtendedLifetime(one.storage) { _ = mpfr_exp(p, one.storage.pointer, rounding.mpfr) }
    case .log2: mpfr_const_log2(p, rounding.mpfr)
    case .euler: mpfr_const_euler(p, rounding.mpfr)
    case .catalan: mpfr_const_catalan(p, rounding.mpfr)
    }
    withExtendedLifetime(r.storage) {}
    return r
  }
}

extension MPFloat {
  /// π at the working precision.
  public static var pi: MPFloat { MathConstant.pi.value() }
  /// e at the working precision.
  public static var e: MPFloat { MathConstant.e.value() }
  /// log 2 at the working precision.
  public static var ln2: MPFloat { MathConstant.log2.value() }
  /// Euler's γ at the working precision.
  public static var euler: MPFloat { MathConstant.euler.value() }
  /// Catalan's G at the working precision.
  public static var catalan: MPFloat { MathConstant.catalan.value() }

  /// Frees MPFR's caches of constants for the calling thread. MPFR is built
  /// thread-local here: call this before a long-lived worker thread exits.
  public static func freeThreadCaches() { mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE) }
}
