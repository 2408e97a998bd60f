import MultiPrecision

/// Training points x_i ∈ ℝ^d with labels y_i, checked for what the LFP limit
/// needs: at least two distinct points, one dimension, finite numbers, and no
/// x given twice with different labels (a point given twice with the same
/// label is kept once).
public struct LFPData<T: RealScalar>: Sendable {
  public private(set) var x: [[T]]
  public private(set) var y: [T]
  public var dimension: Int { x.first?.count ?? 0 }
  public var count: Int { x.count }

  public init(x: [[T]], y: [T]) throws(LFPError) {
    guard x.count == y.count else { throw LFPError("data: \(x.count) inputs but \(y.count) labels") }
    guard let d = x.first?.count, d >= 1 else { throw LFPError("data: no points (need at least two)") }
    var xs: [[T]] = []
    var ys: [T] = []
    for (i, (xi, yi)) in zip(x, y).enumerated() {
      guard xi.count == d else {
        throw LFPError("data: point \(i + 1) has \(xi.count) coordinates, the first has \(d)")
      }
      guard xi.allSatisfy({ $0.isFinite }), yi.isFinite else { throw LFPError("data: point \(i + 1) is not finite") }
      if let j = xs.firstIndex(of: xi) {
        if ys[j] != yi {
          let at = xi.map { $0.decimalString(digits: 8) }.joined(separator: ",")
          throw LFPError(
            "data: x = (\(at)) appears twice with different labels "
              + "\(ys[j].decimalString(digits: 8)) and \(yi.decimalString(digits: 8)); no function interpolates both")
        }
        continue
      }
      xs.append(xi)
      ys.append(yi)
    }
    guard xs.count >= 2 else {
      throw LFPError("data: \(xs.count) distinct point(s); the LFP limit needs at least two")
    }
    self.x = xs
    self.y = ys
  }

  /// 1-D convenience.
  public init(x1: [T], y: [T]) throws(LFPError) { try self.init(x: x1.map { [$0] }, y: y) }
}
