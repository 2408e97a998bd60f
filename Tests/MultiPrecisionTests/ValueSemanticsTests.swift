import CMPFR
import MultiPrecision
import Testing

/// Aliasing (an operand that is also the result) and copy-on-write
/// independence of the in-place forms.
@Suite("Value semantics")
struct ValueSemanticsTests {
  static let precisions = [53, 333, 1000]

  static func third(_ p: Int) -> MPFloat { MPFloat(1, precision: p) / MPFloat(3, precision: p) }

  @Test("aliasing: the result is the operation on the old value", arguments: precisions)
  func aliasing(_ p: Int) {
    let x0 = Self.third(p)
    let square = x0 * x0, twice = x0 + x0
    var x = x0
    x = x * x
    #expect(x == square)
    x = x0; x += x
    #expect(x == twice)
    x = x0; x -= x
    #expect(x.isZero && x.sign == .plus)
    x = x0; x *= x
    #expect(x == square)
    x = x0; x /= x
    #expect(x == 1)
    x = x0; x.formProduct(x, x)
    #expect(x == square)
    x = x0; x.formSum(x, x)
    #expect(x == twice)
    x = x0; x.formDifference(x, x0)
    #expect(x.isZero)
    x = x0; x.formQuotient(x, x)
    #expect(x == 1)
    x = x0; x.addProduct(x, x)
    #expect(x == MPFloat.fusedMultiplyAdd(x0, x0, x0))
    x = x0; x.assign(x)
    #expect(x == x0)
    x = x0; x.formProduct(x, 3)
    #expect(x == x0 * (3 as Int))  // rounded to x0's precision (a literal 3 would be an MPFloat at 256 bits)
    // A unique value (no copy alive) updated in place from itself.
    var y = Self.third(p)
    y.formProduct(y, y)
    #expect(y == square)
    var z = Self.third(p)
    z += z
    #expect(z == twice)
  }

  /// Every mutation of a copy leaves the original as it was.
  static let mutations: [(String, @Sendable (inout MPFloat) -> Void)] = [
    ("+=", { $0 += MPFloat(1) }),
    ("-=", { $0 -= MPFloat(1) }),
    ("*=", { $0 *= MPFloat(3) }),
    ("/=", { $0 /= MPFloat(3) }),
    ("+= Int", { $0 += 1 }),
    ("-= Int", { $0 -= 1 }),
    ("*= Int", { $0 *= 7 }),
    ("/= Int", { $0 /= 7 }),
    ("formProduct", { $0.formProduct(MPFloat(2), MPFloat(5)) }),
    (
      "formProduct self",
      { x in
        let c = x; x.formProduct(c, c)
      }
    ),
    ("formProduct Int", { $0.formProduct(MPFloat(2), 5) }),
    ("formQuotient Int", { $0.formQuotient(MPFloat(2), 5) }),
    ("formSum", { $0.formSum(MPFloat(2), MPFloat(5)) }),
    ("formDifference", { $0.formDifference(MPFloat(2), MPFloat(5)) }),
    ("formQuotient", { $0.formQuotient(MPFloat(2), MPFloat(5)) }),
    ("addProduct", { $0.addProduct(MPFloat(2), MPFloat(5)) }),
    ("assign", { $0.assign(MPFloat(9)) }),
    ("assign Int", { $0.assign(9) }),
    ("negate", { $0.negate() }),
    ("multiplyByPowerOfTwo", { $0.multiplyByPowerOfTwo(5) }),
    ("formSquareRoot", { $0.formSquareRoot() }),
    ("round", { $0.round(.up) }),
    ("formRemainder", { $0.formRemainder(dividingBy: MPFloat("0.1")!) }),
    ("formTruncatingRemainder", { $0.formTruncatingRemainder(dividingBy: MPFloat("0.1")!) }),
    ("withUnsafeMutableMPFR", { $0.withUnsafeMutableMPFR { _ = mpfrNegate($0) } }),
  ]

  @Test("copy-on-write", arguments: mutations.indices, precisions)
  func copyOnWrite(_ i: Int, _ p: Int) {
    let (name, mutate) = Self.mutations[i]
    let original = MPFloat.withPrecision(p) { MPFloat(2) / MPFloat(3) }
    let snapshot = original.formatted(digits: 400)
    var copy = original
    MPFloat.withPrecision(p) { mutate(&copy) }
    #expect(original.formatted(digits: 400) == snapshot, "\(name) changed the original")
    #expect(original.precision == p)
    #expect(copy != original, "\(name) did nothing")
    // And the other way round: mutating the original leaves the copy alone.
    var a = original
    let b = a
    MPFloat.withPrecision(p) { mutate(&a) }
    #expect(b.formatted(digits: 400) == snapshot, "\(name) on the original changed its copy")
  }

  @Test func copiesInArraysAreIndependent() {
    var values = Array(repeating: MPFloat(1, precision: 200), count: 4)
    values[2] += 1
    values[3].formProduct(values[2], values[2])
    #expect(values.map(\.doubleValue) == [1, 1, 2, 4])
  }

  @Test func mixedPrecisionResults() {
    let a = MPFloat(1, precision: 53), b = MPFloat(3, precision: 300)
    #expect((a / b).precision == 300)
    #expect((b / a).precision == 300)
    var c = a
    c /= b  // widens to the larger precision
    #expect(c.precision == 300 && c == a / b)
    var d = MPFloat(0, precision: 64)
    d.formQuotient(a, b)  // keeps its own precision
    #expect(d.precision == 64 && d == (a / b).rounded(toPrecision: 64))
    // Integer literals with the in-place operators take the Int forms and
    // keep the receiver's precision.
    var q = MPFloat(1, precision: 53)
    q *= 3; q += 1; q /= 7; q -= 2
    #expect(q.precision == 53)
    var e = MPFloat(0, precision: 64)
    e.addProduct(b, b)
    #expect(e.precision == 300 && e == 9)
  }
}

func mpfrNegate(_ x: mpfr_ptr) -> Int32 { mpfr_neg(x, x, MPFR_RNDN) }
