// mp-stress: exercises MPFloat with many temporaries so that a leak checker
// (scripts/leakcheck.sh, valgrind) sees every allocation path: arithmetic,
// in-place forms, functions, constants, decimal text, copy-on-write copies,
// and values crossing task boundaries.
//
// Usage: mp-stress [operations]   (default 1_000_000)

import MultiPrecision

let operations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
var count = 0
var checksum = MPFloat(0, precision: 200)

func stressRound(_ i: Int, precision p: Int) -> MPFloat {
  MPFloat.withPrecision(p) {
    let x = MPFloat(i % 97 + 1) / 7             // temporaries: Int, division
    var y = x * x + x - MPFloat(1) / x          // chained temporaries
    y += x; y -= 1; y *= x; y /= 3              // in-place, and Int forms
    var copy = y                                 // COW copy, then mutate it
    copy.formProduct(copy, x)
    copy.addProduct(x, y)
    copy.negate()
    let f = MPFloat.exp(-x) + MPFloat.sin(x) + MPFloat.log(onePlus: x) + MPFloat.gamma(x / 2)
    let g = MPFloat.besselJ(1, x) + MPFloat.erf(x) + MPFloat.pi + MathConstant.euler.value()
    let text = (f + g).description               // decimal text and back
    let back = MPFloat(text)!
    var array = [y, copy, back]                  // copies inside a collection
    array[1] += array[0]
    let h: Set<MPFloat> = [back, back.rounded(toPrecision: p + 64)]
    return array.reduce(MPFloat(0), +) + MPFloat(h.count) + MPFloat(UInt64.max) - MPFloat.pow(x, 3)
  }
}

// 1 round ≈ 40 MPFloat operations with temporaries.
let rounds = max(1, operations / 40)
for i in 0..<rounds {
  let v = stressRound(i, precision: [53, 113, 200, 333, 1000][i % 5])
  checksum += v
  count += 40
}

// Values created and consumed on other threads.
let total = await withTaskGroup(of: MPFloat.self) { group in
  for t in 0..<8 {
    group.addTask { MPFloat.withPrecision(100 + t) { stressRound(t, precision: 100 + t) } }
  }
  var s = MPFloat(0, precision: 200)
  for await v in group { s += v }
  return s
}
checksum += total
MPFloat.freeThreadCaches()
print("mp-stress: \(count) operations, checksum \(checksum.formatted(digits: 20))")
