import MultiPrecision
import RealModule

/// The three double-exponential (DE) transformations, all built from
/// u(t) = (π/2)·sinh t and sampled by the trapezoid rule with step h = 2^(−m)
/// (level m adds the odd multiples of h, so every level reuses the previous
/// ones):
///
/// - tanh-sinh, finite [a, b]: x = c + s·tanh u, w = s·(π/2) cosh t / cosh² u,
///   with c = (a+b)/2, s = (b−a)/2. The distance to the nearer endpoint,
///   s·(1 − tanh u) = s·2/(e^(2u) + 1), is computed directly, never as a
///   difference, so endpoint singularities (x^(−1/2), log x) keep full precision.
/// - exp-sinh, [a, ∞): x = a + e^u, w = (π/2) cosh t · e^u.
/// - sinh-sinh, ℝ: x = sinh u, w = (π/2) cosh t · cosh u.
///
/// The nodes go out to |u| ≤ 2p·log 2 (tanh-sinh, endpoint distance down to
/// 2^(−4p)) or 4p·log 2 (the others) at p bits; each side of each level is cut
/// once two successive terms are below ε/16 of Σ|terms|.
enum DEKind: String, Sendable {
  case tanhSinh, expSinh, sinhSinh
  /// [a, ∞) for integrands that decay exponentially: x = a + exp(t − e^(−t)),
  /// w = x·(1 + e^(−t)). Single-exponential growth of x at +∞ (so f ~ e^(−x)
  /// decays double-exponentially in t, and poles on the imaginary axis, as
  /// for 1/sinh x, stay at distance ≈ π/2 from the real t axis instead of
  /// approaching it as under exp-sinh), double-exponential approach to a.
  case expDecay
  /// ℝ for integrands that decay exponentially: x = sinh t, w = cosh t
  /// (single-exponential growth of x, so e^(−|x|) and e^(−x²) decay
  /// double-exponentially in t).
  case sinhDecay
}

/// One level of a DE rule: for t > 0 the node data of the "plus" side and,
/// for exp-sinh, of the "minus" side (t < 0). Tanh-sinh stores the endpoint
/// distance 1 − tanh u in `xPlus`; sinh-sinh stores sinh u (both symmetric).
struct DELevel<T: RealScalar>: Sendable {
  var xPlus: [T] = [], wPlus: [T] = []
  var xMinus: [T] = [], wMinus: [T] = []
  /// The t = 0 node (level 0 only).
  var center: (x: T, w: T)? = nil

  static func make(_ kind: DEKind, level m: Int) -> DELevel {
    NodeCache.shared.value(
      rule: "de-" + kind.rawValue, index: m, precision: T.workingPrecisionBits,
      type: T.self
    ) { compute(kind, level: m) }
  }

  static func compute(_ kind: DEKind, level m: Int) -> DELevel {
    var r = DELevel()
    let halfPi = T.pi / 2
    let p = Double(T.workingPrecisionBits)
    let uMax = (kind == .tanhSinh ? 2.0 : 4.0) * p * 0.6931471805599453 + 2
    if m == 0 {
      switch kind {
      case .tanhSinh: r.center = (T(1), halfPi)  // endpoint distance 1 at x = c
      case .expSinh: r.center = (T(1), halfPi)
      case .sinhSinh: r.center = (T.zero, halfPi)
      case .expDecay: r.center = (1 / T.exp(T(1)), 2 / T.exp(T(1)))  // t = 0: x = e^(−1), w = 2x
      case .sinhDecay: r.center = (T.zero, T(1))
      }
    }
    if kind == .expDecay || kind == .sinhDecay { return computeDecay(kind, r, level: m, bits: p) }
    let scale = T(1) / T(1 << m)  // h = 2^(−m), exact
    var j = 1
    while true {
      let k = m == 0 ? j : 2 * j - 1
      let tD = Double(k) / Double(1 << m)
      if Double.pi / 2 * Double.sinh(tD) > uMax { break }
      let t = T(k) * scale
      let et = T.exp(t)
      let eti = 1 / et
      let sinhT = (et - eti) / 2
      let c = halfPi * (et + eti) / 2
      let u = halfPi * sinhT
      let E = T.exp(u)
      let Ei = 1 / E
      switch kind {
      case .tanhSinh:
        let s = E + Ei
        r.xPlus.append(2 / (E * E + 1))
        r.wPlus.append(4 * c / (s * s))
      case .expSinh:
        r.xPlus.append(E); r.wPlus.append(c * E)
        r.xMinus.append(Ei); r.wMinus.append(c * Ei)
      case .sinhSinh:
        r.xPlus.append((E - Ei) / 2); r.wPlus.append(c * (E + Ei) / 2)
      case .expDecay, .sinhDecay:
        preconditionFailure("expDecay and sinhDecay nodes come from computeDecay")
      }
      j += 1
    }
    return r
  }
}

extension DELevel {
  /// Exp-decay nodes: plus side t > 0 up to x = 8p·log 2 (f must have decayed
  /// below ε by then, e^(−x/8) at the slowest), minus side t < 0 down to
  /// x = 2^(−4p) as for exp-sinh. `xPlus`/`xMinus` hold x − a. Sinh-decay
  /// nodes (symmetric, `xPlus` only): |x| = sinh t ≤ 8p·log 2.
  static func computeDecay(_ kind: DEKind, _ start: DELevel, level m: Int, bits p: Double) -> DELevel {
    var r = start
    let xMax = 8 * p * 0.6931471805599453
    let scale = T(1) / T(1 << m)
    if kind == .sinhDecay {
      var j = 1
      while true {
        let k = m == 0 ? j : 2 * j - 1
        let tD = Double(k) / Double(1 << m)
        if Double.sinh(tD) > xMax { break }
        let t = T(k) * scale
        let et = T.exp(t), eti = 1 / et
        r.xPlus.append((et - eti) / 2); r.wPlus.append((et + eti) / 2)
        j += 1
      }
      return r
    }
    let sMax = Double.log(4 * p * 0.6931471805599453) + 0.5
    var j = 1
    var plusDone = false, minusDone = false
    while !(plusDone && minusDone) {
      let k = m == 0 ? j : 2 * j - 1
      let tD = Double(k) / Double(1 << m)
      let t = T(k) * scale
      let et = T.exp(t), eti = 1 / et
      if !plusDone {
        if tD - Double.exp(-tD) > Double.log(xMax) {
          plusDone = true
        } else {
          let x = T.exp(t - eti)
          r.xPlus.append(x); r.wPlus.append(x * (1 + eti))
        }
      }
      if !minusDone {
        if tD > sMax {
          minusDone = true
        } else {
          let x = T.exp(-t - et)
          r.xMinus.append(x); r.wMinus.append(x * (1 + et))
        }
      }
      j += 1
    }
    return r
  }
}

/// One evaluated term of a DE sum.
struct DETerm<T: RealScalar> {
  /// w·f(x), already including any interval scale.
  var value: T
  /// The abscissa (reported if f is not finite there).
  var x: T
  /// |w f| · |δx|/d: the effect of an abscissa rounded by δx at distance d
  /// from a singular endpoint, assuming |f′| ≲ |f|/d there.
  var abscissaError: T
  /// The abscissa rounded onto a finite endpoint (the node is closer to it
  /// than the spacing of representable numbers there): the side is cut here.
  var atEndpoint = false
  /// f(x) and d, the distance to the end this side runs to (∞ for the outer
  /// side of a half-line or ℝ), kept to form `tail` only for the last node.
  var tailF: T? = nil, tailD: T? = nil
  /// |f(x)|·|d|: the size of the integral over the part of the range beyond
  /// the node if |f| stayed at most this large there.
  var tail: T? {
    guard let f = tailF, let d = tailD else { return nil }
    return f.magnitude * d.magnitude
  }
}

enum DESide { case center, plus, minus }

extension Integration {
  /// Runs a DE rule level by level until the tolerance is met.
  /// `term(side, x, w)` evaluates one node (x is the stored node datum).
  static func runDE<T: RealScalar>(
    _ kind: DEKind, tolerance tol: T, maxLevel: Int, minLevel: Int = 2,
    term: (DESide, T, T) -> DETerm<T>
  ) -> QuadratureResult<T> {
    var abandoned = false
    return runDE(
      kind, tolerance: tol, maxLevel: maxLevel, minLevel: minLevel, outerMustVanish: false,
      abandoned: &abandoned, term: term)
  }

  /// `runDE`; with `outerMustVanish` it stops (setting `abandoned`) as soon as
  /// a level's plus side reaches the end of its node table without two
  /// successive negligible terms, i.e. f has not decayed within the table.
  static func runDE<T: RealScalar>(
    _ kind: DEKind, tolerance tol: T, maxLevel: Int, minLevel: Int = 2, outerMustVanish: Bool,
    abandoned: inout Bool, term: (DESide, T, T) -> DETerm<T>
  ) -> QuadratureResult<T> {
    let eps = T.ulpOfOne
    let negligible = eps / 16
    var sums = DESums<T>()
    var sideTails: [T?] = [nil, nil]
    var previous: T? = nil
    var result = QuadratureResult(
      value: T.zero, errorEstimate: T.infinity, evaluations: 0,
      status: .maxLevelReached)
    let symmetric = kind != .expSinh && kind != .expDecay
    // The sides that run out to infinity (checked with `outerMustVanish`).
    let outerSides: [DESide] = kind == .sinhDecay ? [.plus, .minus] : [.plus]
    for m in 0...maxLevel {
      let level = DELevel<T>.make(kind, level: m)
      if let c = level.center {
        let tm = term(.center, c.x, c.w)
        sums.evaluations += 1
        if !tm.value.isFinite { return .nonFinite(at: tm.x, evaluations: sums.evaluations) }
        sums.raw += tm.value; sums.rawAbs += tm.value.magnitude
        if !tm.abscissaError.isZero { sums.absc += tm.abscissaError }
      }
      for (sideIndex, side) in [DESide.plus, DESide.minus].enumerated() {
        let xs = symmetric || side == .plus ? level.xPlus : level.xMinus
        let ws = symmetric || side == .plus ? level.wPlus : level.wMinus
        let negligibleCut: Bool, last: DETerm<T>?
        switch sumSide(side, xs: xs, ws: ws, negligible: negligible, &sums, term: term) {
        case .nonFinite(let x): return .nonFinite(at: x, evaluations: sums.evaluations)
        case .summed(let cut, let l): (negligibleCut, last) = (cut, l)
        }
        // Cut at a rounded endpoint or at the end of the node table: the
        // part of the range beyond the last node is estimated by |f|·d there
        // (times 4, enough for power singularities d^(−α), α ≤ 3/4). The
        // estimate of the finest level is the smallest and is kept.
        if !negligibleCut, let tail = last?.tail {
          let t4 = 4 * tail
          if let old = sideTails[sideIndex] {
            sideTails[sideIndex] = Swift.min(old, t4)
          } else {
            sideTails[sideIndex] = t4
          }
        } else if negligibleCut {
          sideTails[sideIndex] = T.zero
        }
        if outerMustVanish && outerSides.contains(side) && !negligibleCut {
          abandoned = true
          return QuadratureResult(
            value: sums.raw, errorEstimate: T.infinity, evaluations: sums.evaluations,
            status: .maxLevelReached)
        }
      }
      let h = T(1) / T(1 << m)
      let evaluations = sums.evaluations
      let value = sums.raw * h
      let l1 = sums.rawAbs * h
      let floor = roundingFloor(l1, evaluations: evaluations)
      let abscissa = sums.absc * h + (sideTails[0] ?? T.zero) + (sideTails[1] ?? T.zero)
      if let prev = previous {
        let diff = (value - prev).magnitude
        // Twice the level difference: it bounds the truncation error of the
        // previous level, and a margin covers evaluation noise in f.
        let err = Swift.max(2 * diff, floor) + abscissa
        result = QuadratureResult(
          value: value, errorEstimate: err, evaluations: evaluations,
          status: .maxLevelReached)
        if m >= minLevel && err <= Swift.max(tol * value.magnitude, 2 * floor) {
          result.status = .converged
          return result
        }
      } else {
        result = QuadratureResult(
          value: value, errorEstimate: T.infinity, evaluations: evaluations,
          status: .maxLevelReached)
      }
      previous = value
    }
    return result
  }

  /// The running sums of a DE run: Σ w f, Σ |w f|, the abscissa errors, the negligibility threshold
  /// (ε/16 of Σ |w f|), the evaluations.
  struct DESums<T: RealScalar> {
    var raw = T.zero, rawAbs = T.zero, absc = T.zero, threshold = T.zero
    var evaluations = 0
  }

  /// How a side of a level ended: summed (cut by two successive negligible terms, or at a rounded
  /// endpoint or the end of the node table, with the last term), or at a non-finite value.
  enum DESideOutcome<T: RealScalar> {
    case summed(negligibleCut: Bool, last: DETerm<T>?)
    case nonFinite(at: T)
  }

  /// Adds the terms of one side of a level, outward, until two successive terms are negligible,
  /// a node rounds onto its endpoint, or the table ends. A non-finite term far out in a tail that is
  /// already negligible (an overflow of a factor, e.g. x² at x ≈ 1e200 times e^(−x)) cuts the side;
  /// elsewhere it stops the run.
  static func sumSide<T: RealScalar>(
    _ side: DESide, xs: [T], ws: [T], negligible: T, _ sums: inout DESums<T>, term: (DESide, T, T) -> DETerm<T>
  ) -> DESideOutcome<T> {
    var smallRun = 0
    var last: DETerm<T>? = nil
    for j in 0..<xs.count {
      let tm = term(side, xs[j], ws[j])
      if tm.atEndpoint { break }
      sums.evaluations += 1
      if !tm.value.isFinite {
        if smallRun > 0 { return .summed(negligibleCut: true, last: last) }
        return .nonFinite(at: tm.x)
      }
      let magnitude = tm.value.magnitude
      sums.raw += tm.value; sums.rawAbs += magnitude
      if !tm.abscissaError.isZero { sums.absc += tm.abscissaError }
      last = tm
      sums.threshold.formProduct(negligible, sums.rawAbs)
      if magnitude <= sums.threshold {
        smallRun += 1
        if smallRun >= 2 { return .summed(negligibleCut: true, last: last) }
      } else {
        smallRun = 0
      }
    }
    return .summed(negligibleCut: false, last: last)
  }

  /// Tanh-sinh on a finite [a, b]. `f(x, δ)` receives δ = x − a when x is
  /// nearer a and δ = x − b (≤ 0) when nearer b, computed without cancellation.
  static func tanhSinh<T: RealScalar>(
    _ f: (T, T) -> T, from a: T, to b: T, tolerance: T, maxLevel: Int, usesDistance: Bool
  ) -> QuadratureResult<T> {
    let half = (b - a) / 2
    let mid = a + half
    let aIsZero = a.isZero, bIsZero = b.isZero
    let zero = T.zero
    return runDE(.tanhSinh, tolerance: tolerance, maxLevel: maxLevel) { side, comp, w in
      let d = comp * half
      let weight = w * half
      switch side {
      case .center:
        return DETerm(value: weight * f(mid, mid - a), x: mid, abscissaError: zero)
      case .minus:
        let x = a + d
        if !usesDistance && x == a { return DETerm(value: T.zero, x: x, abscissaError: T.zero, atEndpoint: true) }
        let fx = f(x, d)
        let v = weight * fx
        var e = zero
        if !usesDistance && !aIsZero {
          let delta = ((x - a) - d).magnitude
          if !delta.isZero { e = v.magnitude * delta / d.magnitude }
        }
        return DETerm(value: v, x: x, abscissaError: e, tailF: fx, tailD: d)
      case .plus:
        let x = b - d
        if !usesDistance && x == b { return DETerm(value: T.zero, x: x, abscissaError: T.zero, atEndpoint: true) }
        let fx = f(x, -d)
        let v = weight * fx
        var e = zero
        if !usesDistance && !bIsZero {
          let delta = ((b - x) - d).magnitude
          if !delta.isZero { e = v.magnitude * delta / d.magnitude }
        }
        return DETerm(value: v, x: x, abscissaError: e, tailF: fx, tailD: d)
      }
    }
  }

  /// Exp-sinh on [a, ∞) (direction +1) or (−∞, a] (direction −1):
  /// x = a ± e^u. `f(x, δ)` receives δ = x − a.
  static func expSinh<T: RealScalar>(
    _ f: (T, T) -> T, endpoint a: T, direction: Int, tolerance: T, maxLevel: Int, usesDistance: Bool
  ) -> QuadratureResult<T> {
    var abandoned = false
    return halfLine(
      .expSinh, f, endpoint: a, direction: direction, tolerance: tolerance, maxLevel: maxLevel,
      usesDistance: usesDistance, abandoned: &abandoned)
  }

  /// `.auto` on a half-line: the exp-decay rule while f is seen to decay
  /// within its node table (x − a ≤ 8p·log 2), at every level; as soon as a
  /// level shows otherwise, exp-sinh (the evaluations spent are counted).
  static func autoHalfLine<T: RealScalar>(
    _ f: (T, T) -> T, endpoint a: T, direction: Int, tolerance: T, maxLevel: Int, usesDistance: Bool
  ) -> QuadratureResult<T> {
    var abandoned = false
    let r = halfLine(
      .expDecay, f, endpoint: a, direction: direction, tolerance: tolerance, maxLevel: maxLevel,
      usesDistance: usesDistance, abandoned: &abandoned)
    if !abandoned { return r }
    if case .nonFinite = r.status { return r }
    var s = expSinh(
      f, endpoint: a, direction: direction, tolerance: tolerance, maxLevel: maxLevel,
      usesDistance: usesDistance)
    s.evaluations += r.evaluations
    return s
  }

  /// A half-line DE rule (`.expSinh` or `.expDecay`) at the end point a.
  static func halfLine<T: RealScalar>(
    _ kind: DEKind, _ f: (T, T) -> T, endpoint a: T, direction: Int, tolerance: T, maxLevel: Int,
    usesDistance: Bool, abandoned: inout Bool
  ) -> QuadratureResult<T> {
    let aIsZero = a.isZero
    let zero = T.zero
    return runDE(
      kind, tolerance: tolerance, maxLevel: maxLevel, outerMustVanish: kind == .expDecay,
      abandoned: &abandoned
    ) { side, X, w in
      let d = direction > 0 ? X : -X
      let x = aIsZero ? d : a + d
      if side == .minus && !usesDistance && x == a {
        return DETerm(value: T.zero, x: x, abscissaError: T.zero, atEndpoint: true)
      }
      let fx = f(x, d)
      let v = w * fx
      var e = zero
      if side == .minus && !usesDistance && !aIsZero {
        let delta = ((x - a) - d).magnitude
        if !delta.isZero { e = v.magnitude * delta / X }
      }
      return DETerm(value: v, x: x, abscissaError: e, tailF: fx, tailD: X)
    }
  }

  /// `.auto` on ℝ: the sinh-decay rule x = sinh t while f is seen to decay
  /// within its node table (|x| ≤ 8p·log 2) on both sides, at every level;
  /// otherwise sinh-sinh (the evaluations spent are counted).
  static func autoRealLine<T: RealScalar>(_ f: (T) -> T, tolerance: T, maxLevel: Int) -> QuadratureResult<T> {
    var abandoned = false
    let r = realLine(.sinhDecay, f, tolerance: tolerance, maxLevel: maxLevel, abandoned: &abandoned)
    if !abandoned { return r }
    if case .nonFinite = r.status { return r }
    var s = sinhSinh(f, tolerance: tolerance, maxLevel: maxLevel)
    s.evaluations += r.evaluations
    return s
  }

  /// Sinh-sinh on ℝ: x = sinh u.
  static func sinhSinh<T: RealScalar>(_ f: (T) -> T, tolerance: T, maxLevel: Int) -> QuadratureResult<T> {
    var abandoned = false
    return realLine(.sinhSinh, f, tolerance: tolerance, maxLevel: maxLevel, abandoned: &abandoned)
  }

  /// A symmetric DE rule on ℝ (`.sinhSinh` or `.sinhDecay`).
  static func realLine<T: RealScalar>(
    _ kind: DEKind, _ f: (T) -> T, tolerance: T, maxLevel: Int, abandoned: inout Bool
  ) -> QuadratureResult<T> {
    let zero = T.zero
    return runDE(
      kind, tolerance: tolerance, maxLevel: maxLevel, outerMustVanish: kind == .sinhDecay,
      abandoned: &abandoned
    ) { side, X, w in
      switch side {
      case .center, .plus:
        let fx = f(X); return DETerm(value: w * fx, x: X, abscissaError: zero, tailF: fx, tailD: X)
      case .minus:
        let fx = f(-X); return DETerm(value: w * fx, x: -X, abscissaError: zero, tailF: fx, tailD: X)
      }
    }
  }
}
