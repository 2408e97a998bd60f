// Gauss–Legendre quadrature at 333 bits with MPFloat: the Swift side of
// Benchmarks/mpfr-overhead (the C side, peer.c, runs the same algorithm
// operation for operation against MPFR directly).
//
// Nodes x_i: roots of P_n, by Newton's method from the initial guess
// cos(π(i − 1/4)/(n + 1/2)), with P_n, P_{n−1} from the three-term recurrence
// k P_k = (2k − 1) x P_{k−1} − (k − 1) P_{k−2}; P_n'(x) = n (x P_n − P_{n−1})/(x² − 1).
// Weights w_i = 2 / ((1 − x_i²) P_n'(x_i)²).
// Integral: ∫_{−1}^{1} exp(−x²) cos(5x) dx = Σ w_i f(x_i) (f even: twice the
// sum over the positive nodes).
//
// Usage: mpfr-overhead-swift [repetitions]; prints the best time (seconds)
// per repetition and the integral.

import Foundation
import MultiPrecision

let n = 120
let bits = 333

/// P_n(x) into p1, P_{n−1}(x) into p0, P_n'(x) into dp; t and s are scratch.
@inline(__always)
func legendre(
  _ x: MPFloat, _ p0: inout MPFloat, _ p1: inout MPFloat, _ dp: inout MPFloat,
  _ t: inout MPFloat, _ s: inout MPFloat
) {
  p0.assign(1)
  p1.assign(x)
  for k in 2...n {
    t.formProduct(x, p1)
    t *= 2 * k - 1
    s.formProduct(p0, k - 1)
    t -= s
    p0.formQuotient(t, k)
    swap(&p0, &p1)
  }
  t.formProduct(x, p1)
  t -= p0
  t *= n
  s.formProduct(x, x)
  s -= 1
  dp.formQuotient(t, s)
}

@inline(never)
func gaussLegendreIntegral() -> MPFloat {
  var x = MPFloat(0, precision: bits)
  var p0 = MPFloat(0, precision: bits), p1 = MPFloat(0, precision: bits)
  var t = MPFloat(0, precision: bits), s = MPFloat(0, precision: bits)
  var dp = MPFloat(0, precision: bits), dx = MPFloat(0, precision: bits)
  var sum = MPFloat(0, precision: bits)

  for i in 1...(n / 2) {
    x.assign(MPFloat(cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5)), precision: bits))
    for _ in 0..<100 {
      legendre(x, &p0, &p1, &dp, &t, &s)
      dx.formQuotient(p1, dp)
      x -= dx
      if dx.isZero || dx.exponent < x.exponent - bits { break }
    }
    legendre(x, &p0, &p1, &dp, &t, &s)
    // w = 2 / ((1 − x²) dp²);  f = exp(−x²) cos(5x)
    s.formProduct(x, x)
    t.formProduct(dp, dp)
    let w = 2 / ((1 - s) * t)
    let f = MPFloat.exp(-s) * MPFloat.cos(x * 5)
    sum.addProduct(w, f)
  }
  sum *= 2
  return sum
}

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

let repetitions = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 10
var best = Double.infinity
var integral = MPFloat(0, precision: bits)
for _ in 0..<repetitions {
  let start = now()
  integral = gaussLegendreIntegral()
  best = min(best, now() - start)
}
print("time \(best)")
print("integral \(integral.formatted(digits: 100))")
