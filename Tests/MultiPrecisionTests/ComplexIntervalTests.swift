import ComplexModule
import MultiPrecision
import Testing

/// A random rectangle: random real and imaginary intervals (points, a few ulps, or wide).
func randomRectangle(
  _ re: ClosedRange<Double>, _ im: ClosedRange<Double>, maxWidth: Double, precision p: Int,
  using g: inout SplitMix64
) -> ComplexInterval {
  ComplexInterval(
    real: randomInterval(re, maxWidth: maxWidth, precision: p, using: &g),
    imaginary: randomInterval(im, maxWidth: maxWidth, precision: p, using: &g))
}

/// Random points of a rectangle at `q` bits (corners included).
func randomPoints(_ z: ComplexInterval, count: Int, precision q: Int, using g: inout SplitMix64) -> [ComplexMP] {
  let xs = randomPoints(z.real, count: count, precision: q, using: &g)
  let ys = randomPoints(z.imaginary, count: count, precision: q, using: &g)
  var out: [ComplexMP] = []
  for (k, x) in xs.enumerated() {
    out.append(ComplexMP(x, ys[k % ys.count])); out.append(ComplexMP(x, ys[(k + 1) % ys.count]))
  }
  return out
}

let complexFunctions: [RealFunction] = [
  .gamma, .zeta, .exp, .expm1, .exp2, .exp10, .log, .log1p, .log2, .log10, .sqrt, .cbrt, .abs,
  .sin, .cos, .tan, .sec, .csc, .cot, .sinh, .cosh, .tanh, .sech, .csch, .coth,
  .asin, .acos, .atan, .asinh, .acosh, .atanh, .re, .im, .conj, .arg, .sign,
]

@Suite struct ComplexIntervalTests {
  /// For random rectangles at several precisions, the enclosure contains f at
  /// random points of the rectangle, evaluated by `ComplexMP` at 4× the precision.
  @Test(arguments: complexFunctions)
  func enclosesAtRandomPoints(f: RealFunction) {
    var g = SplitMix64(seed: f.name.utf8.reduce(99) { $0 &* 31 &+ UInt64($1) })
    // Γ and ζ: fewer, cheaper oracle points (their point evaluation costs most).
    let special = f == .gamma || f == .zeta
    for p in special ? [53, 113] : [53, 113, 200] {
      for trial in 0..<(special ? 6 : 10) {
        let z = randomRectangle(-3...3, trial % 3 == 0 ? -1e-3...1e-3 : -3...3, maxWidth: 0.6, precision: p, using: &g)
        let r = ComplexInterval.apply(f, z)
        for w in randomPoints(z, count: special ? 2 : 5, precision: (special ? 2 : 4) * p, using: &g) {
          let v = ComplexMP.apply(f, w)
          guard v.isFinite else { continue }
          #expect(
            r.contains(v),
            "\(f)(\(z.formatted(digits: 20))) at \(p) bits = \(r.formatted(digits: 20)) ∌ \(v.formatted(digits: 25)) at \(w.formatted(digits: 25))"
          )
        }
      }
    }
  }

  @Test func arithmeticEncloses() {
    var g = SplitMix64(seed: 1515)
    for p in [53, 200] {
      for _ in 0..<30 {
        let a = randomRectangle(-5...5, -5...5, maxWidth: 1, precision: p, using: &g)
        let b = randomRectangle(-5...5, -5...5, maxWidth: 1, precision: p, using: &g)
        let n = Int.random(in: -5...7, using: &g)
        let ops: [(String, ComplexInterval, (ComplexMP, ComplexMP) -> ComplexMP)] = [
          ("+", a + b, { $0 + $1 }), ("-", a - b, { $0 - $1 }), ("*", a * b, { $0 * $1 }), ("/", a / b, { $0 / $1 }),
          ("^n", ComplexInterval.power(a, n), { x, _ in ComplexMP.power(x, n) }),
          ("pow", ComplexInterval.apply(.pow, a, b), { ComplexMP.apply(.pow, $0, $1) }),
        ]
        let xs = randomPoints(a, count: 3, precision: 4 * p, using: &g)
        let ys = randomPoints(b, count: 3, precision: 4 * p, using: &g)
        for (name, r, exact) in ops {
          for (x, y) in zip(xs, ys) {
            let v = exact(x, y)
            guard v.isFinite else { continue }
            #expect(r.contains(v), "\(name): \(r.formatted(digits: 20)) ∌ \(v.formatted(digits: 25))")
          }
        }
      }
    }
  }

  /// Shape checks: the principal branch of log on the cut, a rectangle that
  /// crosses the cut, log 0, division by a rectangle around 0.
  @Test func branchCutsAndDomain() {
    let p = 100
    func rect(_ a: String, _ b: String, _ c: String, _ d: String) -> ComplexInterval {
      ComplexInterval(
        real: MPInterval(lower: MPFloat(a, precision: p)!, upper: MPFloat(b, precision: p)!),
        imaginary: MPInterval(lower: MPFloat(c, precision: p)!, upper: MPFloat(d, precision: p)!))
    }
    let pi = MathConstant.pi.value(precision: p)
    // log(−2 + 0i) = log 2 + iπ: tight, on the upper side of the cut.
    let onCut = ComplexInterval.apply(.log, rect("-2", "-2", "0", "0"))
    #expect(onCut.imaginary.contains(pi) && onCut.imaginary.width < MPFloat("1e-28")!)
    // Crossing the cut: both sides enclosed.
    let across = ComplexInterval.apply(.log, rect("-2", "-1", "-0.1", "0.1"))
    #expect(
      across.imaginary.contains(pi) && across.imaginary.contains((-pi).nextUp.nextUp) && !across.possiblyUndefined)
    // 0 inside: flagged.
    #expect(ComplexInterval.apply(.log, rect("-1", "1", "-1", "1")).possiblyUndefined)
    #expect((ComplexInterval(MPInterval(1, precision: p)) / rect("-1", "1", "-1", "1")).possiblyUndefined)
    // √ is defined at 0: not flagged.
    #expect(!ComplexInterval.apply(.sqrt, rect("-1", "1", "-1", "1")).possiblyUndefined)
    // Real rectangles keep an exact zero imaginary part.
    #expect(ComplexInterval.apply(.exp, rect("0.5", "0.75", "0", "0")).isReal)
    // Poles of Γ and ζ inside a rectangle: flagged.
    #expect(ComplexInterval.apply(.gamma, rect("-2.5", "-1.5", "-0.5", "0.5")).possiblyUndefined)
    #expect(ComplexInterval.apply(.zeta, rect("0.5", "1.5", "-0.5", "0.5")).possiblyUndefined)
  }
}
