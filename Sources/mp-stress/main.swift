// mp-stress: exercises MPFloat with many temporaries so that a leak checker
// (scripts/leakcheck.sh, valgrind) sees every allocation path: arithmetic,
// in-place forms, functions, constants, decimal text, copy-on-write copies,
// and values computed on other threads.
//
// Usage: mp-stress [operations] [--leak]   (default 1_000_000)

import MultiPrecision

let arguments = CommandLine.arguments.dropFirst()
let operations = arguments.first.flatMap { Int($0) } ?? 1_000_000
/// `--leak`: leak one value on purpose, so that the leak checker's failure
/// path can be seen to work (`scripts/leakcheck.sh --self-test`).
let leakOnPurpose = arguments.contains("--leak")
var count = 0
var checksum = MPFloat(0, precision: 200)

func stressRound(_ i: Int, precision p: Int) -> MPFloat {
  MPFloat.withPrecision(p) {
    let x = MPFloat(i % 97 + 1) / 7  // temporaries: Int, division
    var y = x * x + x - MPFloat(1) / x  // chained temporaries
    y += x; y -= 1; y *= x; y /= 3  // in-place, and Int forms
    var copy = y  // COW copy, then mutate it
    copy.formProduct(copy, x)
    copy.addProduct(x, y)
    copy.negate()
    let f = MPFloat.exp(-x) + MPFloat.sin(x) + MPFloat.log(onePlus: x) + MPFloat.gamma(x / 2)
    let g = MPFloat.besselJ(1, x) + MPFloat.erf(x) + MPFloat.pi + MathConstant.euler.value()
    let text = (f + g).description  // decimal text and back
    let back = MPFloat(text)!
    var array = [y, copy, back]  // copies inside a collection
    array[1] += array[0]
    let h: Set<MPFloat> = [back, back.rounded(toPrecision: p + 64)]
    return array.reduce(MPFloat(0), +) + MPFloat(h.count) + MPFloat(UInt64.max) - MPFloat.pow(x, 3)
  }
}

/// Leaks 100 values (their storage stays retained, the references are dropped).
@inline(never)
func leakValues() {
  for i in 0..<100 {
    // Through a global, so that the optimizer cannot drop the allocation.
    leakSink = Unmanaged.passRetained(LeakBox(MPFloat(i, precision: 1000))).toOpaque()
  }
  leakSink = nil
}
nonisolated(unsafe) var leakSink: UnsafeMutableRawPointer?
final class LeakBox { let value: MPFloat; init(_ value: MPFloat) { self.value = value } }
if leakOnPurpose { leakValues() }

// 1 round ≈ 40 MPFloat operations with temporaries.
let rounds = max(1, operations / 40)
for i in 0..<rounds {
  let v = stressRound(i, precision: [53, 113, 200, 333, 1000][i % 5])
  checksum += v
  count += 40
}

// Values created and consumed on other threads (POSIX threads: valgrind
// 3.19 crashes on libdispatch's worker threads, so no Swift tasks here).
// Each thread frees MPFR's thread-local caches before it exits.
checksum += onThreads(count: 8)
MPFloat.freeThreadCaches()
print("mp-stress: \(count) operations, checksum \(checksum.formatted(digits: 20))")
