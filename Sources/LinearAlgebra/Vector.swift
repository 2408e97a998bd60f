import MultiPrecision
import RealModule

/// Vector operations on `[T]` (namespace).
public enum Vector {
  /// Euclidean norm, scaled to avoid overflow.
  public static func norm2<T: RealScalar>(_ x: [T]) -> T {
    let m = normInf(x)
    if m == 0 || !m.isFinite { return m }
    var s = T.zero
    for v in x {
      let q = v / m
      s += q * q
    }
    return m * T.sqrt(s)
  }
  /// max |xᵢ|; NaN if any entry is NaN.
  public static func normInf<T: RealScalar>(_ x: [T]) -> T {
    var m = T.zero
    for v in x {
      if v.isNaN { return v }
      let a = abs(v)
      if a > m { m = a }
    }
    return m
  }
  public static func dot<T: RealScalar>(_ x: [T], _ y: [T]) -> T {
    precondition(x.count == y.count, "dot: lengths \(x.count) and \(y.count)")
    var s = T.zero
    for i in 0..<x.count { s += x[i] * y[i] }
    return s
  }
  public static func add<T: RealScalar>(_ x: [T], _ y: [T]) -> [T] {
    precondition(x.count == y.count, "add: lengths \(x.count) and \(y.count)")
    return zip(x, y).map { $0 + $1 }
  }
  public static func subtract<T: RealScalar>(_ x: [T], _ y: [T]) -> [T] {
    precondition(x.count == y.count, "subtract: lengths \(x.count) and \(y.count)")
    return zip(x, y).map { $0 - $1 }
  }
  public static func scale<T: RealScalar>(_ s: T, _ x: [T]) -> [T] { x.map { s * $0 } }
  /// max |xᵢ − yᵢ|.
  public static func maxDifference<T: RealScalar>(_ x: [T], _ y: [T]) -> T { normInf(subtract(x, y)) }
}
