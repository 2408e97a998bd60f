// quad-bench: times Quadrature on the benchmark integrals at a given number of
// digits (default 100) and prints one tab-separated line per integral:
//   name  seconds-per-call  evaluations  status  value(digits+10 sig. digits)  error
//   then the certifying path (`Integration.integrateCertifying`, the integrand on Arb
//   balls): seconds  evaluations  status  midpoint  radius (or "-" without a ball integrand)
// The node caches are warmed by one untimed call; the time is the median of
// `repeats` calls. Run through Benchmarks/quadrature/run.sh.
import BallArithmetic
import Expressions
import Foundation
import MultiPrecision
import NumericProviders
import Quadrature
import RealModule

typealias M = MPFloat

typealias B = AcbBall

struct Bench {
  var name: String
  var run: (M) -> QuadratureResult<M>
  /// The certifying path: the same integral with the integrand also on balls.
  var certify: ((M) -> CertifyingQuadratureResult)? = nil
}

func certifying(_ a: M, _ b: M, _ g: @escaping (B) -> B, _ f: @escaping (M) -> M) -> (M) -> CertifyingQuadratureResult {
  { tol in Integration.integrateCertifying(g, estimate: f, from: a, to: b, tolerance: tol) }
}

let args = CommandLine.arguments
let digits = args.count > 1 ? Int(args[1]) ?? 100 : 100
let repeats = args.count > 2 ? Int(args[2]) ?? 5 : 5

// `quad-bench DIGITS REPEATS paths`: the complex path integrals through the engine shared by
// `fprinciple integrate --path` and the `integral` provider (`IntegralEngine`), one line each:
//   name  seconds  evaluations  status  re(midpoint)  im(midpoint)  radius
if args.count > 3 && args[3] == "paths" {
  let bits = MPFloat.bits(forDigits: digits) + 32
  let rows: [(String, String, String, String, String)] = [
    // ∫ Γ(z) dz on the segment [1, 1 + 1000i] (z = 1 + i t, t ∈ [0, 1000]).
    ("gamma_segment", "gamma(z)", "1 + i*t", "0", "1000"),
    // ∮ ζ(s) ds on the circle |s − 1| = 1/2 (counter-clockwise): 2πi, the residue at 1.
    ("zeta_contour", "zeta(z)", "1 + exp(i*t)/2", "0", "2*pi"),
    // ∫ exp(z²) dz along the quarter circle from 1 to i.
    ("exp_sq_arc", "exp(z^2)", "exp(i*t)", "0", "pi/2"),
  ]
  for (name, integrand, path, from, to) in rows {
    let f = try CompiledExpression<AcbBall>(
      try Expressions.Expression.parse(integrand), variables: ["z"], precision: bits)
    let pe = try Expressions.Expression.parse(path)
    let p = try CompiledExpression<AcbBall>(pe, variables: ["t"], precision: bits)
    let dp = try CompiledExpression<AcbBall>(pe.derivative(with: "t")!, variables: ["t"], precision: bits)
    let a = try IntegralBound(parsing: from).value(precision: bits)
    let b = try IntegralBound(parsing: to).value(precision: bits)
    let tol = MPFloat.pow(MPFloat(10, precision: 64), -digits)
    let g = IntegralEngine.ballIntegrand(f, path: p, derivative: dp, precision: bits, realValued: false)
    var c = IntegralEngine.certified(g, from: a, to: b, tolerance: tol, precision: bits)
    var times: [Double] = []
    for _ in 0..<repeats {
      let t0 = DispatchTime.now().uptimeNanoseconds
      c = IntegralEngine.certified(g, from: a, to: b, tolerance: tol, precision: bits)
      times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
    }
    times.sort()
    guard let r = c else { print("\(name)\t\(times[times.count / 2])\t-\tnotCertified\t-\t-\t-"); continue }
    let (re, im) = r.enclosure.midpoint()
    let radius = Swift.max(r.enclosure.realBall.radius, r.enclosure.imaginaryBall.radius)
    print(
      [
        name, String(times[times.count / 2]), String(r.evaluations), r.status.rawValue,
        re.decimalString(digits: digits + 10), im.decimalString(digits: digits + 10), radius.decimalString(digits: 3),
      ].joined(separator: "\t"))
  }
  exit(0)
}

func finite(_ a: M, _ b: M, _ f: @escaping (M) -> M) -> (M) -> QuadratureResult<M> {
  { tol in Integration.integrate(f, from: a, to: b, tolerance: tol) }
}

let benches: [Bench] = [
  // Smooth.
  Bench(name: "exp_0_1", run: finite(0, 1) { M.exp($0) }, certify: certifying(0, 1, { B.exp($0) }) { M.exp($0) }),
  Bench(
    name: "runge", run: finite(-1, 1) { 1 / (1 + 25 * $0 * $0) },
    certify: certifying(-1, 1, { 1 / (1 + 25 * $0 * $0) }) { 1 / (1 + 25 * $0 * $0) }),
  Bench(
    name: "gauss_cos", run: finite(-1, 1) { M.exp(-$0 * $0) * M.cos(5 * $0) },
    certify: certifying(-1, 1, { B.exp(-$0 * $0) * B.cos(5 * $0) }) { M.exp(-$0 * $0) * M.cos(5 * $0) }),
  Bench(
    name: "t_log1p", run: finite(0, 1) { $0 * M.log(onePlus: $0) },
    certify: certifying(0, 1, { $0 * B.log(onePlus: $0) }) { $0 * M.log(onePlus: $0) }),
  Bench(
    name: "t2_atan", run: finite(0, 1) { $0 * $0 * M.atan($0) },
    certify: certifying(0, 1, { $0 * $0 * B.atan($0) }) { $0 * $0 * M.atan($0) }),
  Bench(
    name: "atan_sqrt",
    run: finite(0, 1) { x in
      let s = M.sqrt(x * x + 2); return M.atan(s) / (s * (x * x + 1))
    },
    certify: certifying(
      0, 1,
      { x in
        let s = B.sqrt(x * x + 2); return B.atan(s) / (s * (x * x + 1))
      }
    ) { x in
      let s = M.sqrt(x * x + 2); return M.atan(s) / (s * (x * x + 1))
    }),
  Bench(
    name: "exp_cos_u",
    run: finite(0, 1) { u in
      let t = M.pi * u / 2; return M.exp(t) * M.cos(t) * M.pi / 2
    },
    certify: certifying(
      0, 1,
      { u in
        let pi = B.pi(precision: u.precision); let t = pi * u / 2
        return B.exp(t) * B.cos(t) * pi / 2
      }
    ) { u in
      let t = M.pi * u / 2; return M.exp(t) * M.cos(t) * M.pi / 2
    }),
  // Endpoint-singular.
  Bench(
    name: "sqrt_log", run: finite(0, 1) { M.sqrt($0) * M.log($0) },
    certify: certifying(0, 1, { B.sqrt($0) * B.log($0) }) { M.sqrt($0) * M.log($0) }),
  Bench(
    name: "log_log1m",
    run: { tol in
      Integration.integrate(
        distanceForm: { x, d in M.log(x) * (d < 0 ? M.log(-d) : M.log(onePlus: -x)) },
        from: M(0), to: M(1), tolerance: tol)
    },
    certify: { tol in
      Integration.integrateCertifying(
        { B.log($0) * B.log(1 - $0) },
        estimateDistanceForm: { x, d in M.log(x) * (d < 0 ? M.log(-d) : M.log(onePlus: -x)) },
        from: M(0), to: M(1), tolerance: tol)
    }),
  Bench(
    name: "sqrt_1mt2", run: finite(0, 1) { M.sqrt(1 - $0 * $0) },
    certify: certifying(0, 1, { B.sqrt(1 - $0 * $0) }) { M.sqrt(1 - $0 * $0) }),
  Bench(
    name: "log2_poly",
    run: finite(0, 1) { x in
      let l = M.log(x); return l * l / (x * x + x + 1)
    },
    certify: certifying(
      0, 1,
      { x in
        let l = B.log(x); return l * l / (x * x + x + 1)
      }
    ) { x in
      let l = M.log(x); return l * l / (x * x + x + 1)
    }),
  Bench(
    name: "inv_sqrt", run: finite(0, 1) { 1 / M.sqrt($0) },
    certify: certifying(0, 1, { 1 / B.sqrt($0) }) { 1 / M.sqrt($0) }),
  // Infinite ranges and Fourier.
  Bench(
    name: "gauss_R",
    run: { tol in Integration.integrate({ M.exp(-$0 * $0) }, from: -.infinity, to: .infinity, tolerance: tol) },
    // Certified: e^(−x²) is even, 2∫₀^∞ with the majorant e^(−x²) itself (tail ≤ e^(−T²)/(2T)).
    certify: { tol in
      let p = M.workingPrecision
      let z = B(0, precision: p), one = B(1, precision: p)
      let m = TailMajorant([DecayTerm(scale: one, power: z, rate: z, gaussianRate: one)])
      var c = Integration.certifiedIntegral(
        { B.exp(-$0 * $0) }, from: 0, toInfinityWithTail: { m.tailBound(from: $0) }, tolerance: tol)
      c.enclosure = 2 * c.enclosure
      return CertifyingQuadratureResult(certified: c)
    }),
  Bench(
    name: "x_sinh",
    run: { tol in Integration.integrate({ $0.isZero ? M(1) : $0 / M.sinh($0) }, from: 0, to: .infinity, tolerance: tol)
    },
    // Certified: x/sinh x = 1/sinhc(x) (finite on balls at 0); on [T, ∞) it is
    // ≤ 2x e^(−x)/(1 − e^(−2T)).
    certify: { tol in
      let p = M.workingPrecision
      let z = B(0, precision: p), one = B(1, precision: p)
      let c = Integration.certifiedIntegral(
        { 1 / B.sinhc($0) }, from: 0,
        toInfinityWithTail: { t in
          let s = 2 / (1 - B.exp(-2 * B(t, precision: p)))
          return TailMajorant([DecayTerm(scale: s, power: one, rate: one, gaussianRate: z)]).tailBound(from: t)
        }, tolerance: tol)
      return CertifyingQuadratureResult(certified: c)
    }),
  Bench(
    name: "cos_fourier",
    run: { tol in Integration.integrateFourier({ 1 / (1 + $0 * $0) }, omega: 1, kernel: .cos, tolerance: tol) }),
  Bench(
    name: "sinc_fourier",
    run: { tol in Integration.integrateFourier({ 1 / $0 }, omega: 1, kernel: .sin, tolerance: tol) }),
]

let filter = args.count > 3 ? Set(args[3].split(separator: ",").map(String.init)) : nil
MPFloat.withPrecision(MPFloat.bits(forDigits: digits + 6)) {
  let tol = M("1e-\(digits)")!
  for b in benches where filter?.contains(b.name) ?? true {
    var r = b.run(tol)  // warm the node caches
    var times: [Double] = []
    for _ in 0..<repeats {
      let t0 = DispatchTime.now().uptimeNanoseconds
      r = b.run(tol)
      times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
    }
    times.sort()
    var fields = [
      b.name, String(times[times.count / 2]), String(r.evaluations), r.status.name,
      r.value.decimalString(digits: digits + 10), r.errorEstimate.decimalString(digits: 3),
    ]
    if let certify = b.certify {
      var c = certify(tol)
      var ctimes: [Double] = []
      for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        c = certify(tol)
        ctimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
      }
      ctimes.sort()
      fields += [
        String(ctimes[ctimes.count / 2]), String(c.evaluations), c.statusName,
        c.value.decimalString(digits: digits + 10), c.error.decimalString(digits: 3),
      ]
    } else {
      fields += ["-", "-", "-", "-", "-"]
    }
    print(fields.joined(separator: "\t"))
  }
}
