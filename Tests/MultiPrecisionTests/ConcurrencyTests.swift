import CMPFR
import MultiPrecision
import Testing

/// Many tasks computing at different working precisions at once.
@Suite("Concurrency")
struct ConcurrencyTests {
  @Test func mpfrIsThreadSafe() {
    // MPFR's caches and flags must be thread-local for concurrent use.
    #expect(mpfr_buildopt_tls_p() != 0)
  }

  /// π by Machin's formula 4·(4 atan(1/5) − atan(1/239)) from literals at
  /// the task's working precision; each task checks its result against
  /// MPFR's π at that precision (within a few ulps) and that the working
  /// precision did not leak from another task across suspension points.
  @Test func workingPrecisionPerTask() async {
    let precisions = (0..<48).map { 53 + 37 * $0 }  // 53 … 1792
    let failures = await withTaskGroup(of: String?.self) { group in
      for p in precisions {
        group.addTask {
          await MPFloat.withPrecision(p) {
            var result = MPFloat(0)
            for round in 0..<4 {
              await Task.yield()
              guard MPFloat.workingPrecision == p else { return "working precision \(MPFloat.workingPrecision) ≠ \(p)" }
              let machin = 4 * (4 * MPFloat.atan(MPFloat(1) / 5) - MPFloat.atan(MPFloat(1) / 239))
              let pi = MPFloat.pi
              guard machin.precision == p, pi.precision == p else { return "precision \(machin.precision) ≠ \(p)" }
              guard (machin - pi).magnitude <= 8 * pi.ulp else { return "π at \(p) bits, round \(round): \(machin)" }
              // Constants go through MPFR's per-thread caches: check against
              // the decimal value at a different precision.
              guard
                MathConstant.euler.value(precision: p + 7).rounded(toPrecision: p)
                  == MathConstant.euler.value(precision: p)
                  || (MathConstant.euler.value(precision: p + 7) - MPFloat.euler).magnitude <= MPFloat.euler.ulp
              else { return "Euler γ at \(p)" }
              result = machin
            }
            return result.precision == p ? nil : "result precision"
          }
        }
      }
      var failures: [String] = []
      for await f in group { if let f { failures.append(f) } }
      return failures
    }
    #expect(failures.isEmpty, "\(failures)")
  }

  @Test func nestedWithPrecision() {
    #expect(MPFloat.workingPrecision == 256)
    MPFloat.withPrecision(100) {
      #expect(MPFloat(1).precision == 100)
      MPFloat.withPrecision(2000) { #expect(MPFloat.pi.precision == 2000) }
      #expect(MPFloat.e.precision == 100)
    }
    #expect(MPFloat(3).precision == 256)
  }
}
