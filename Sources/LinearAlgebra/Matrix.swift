import MultiPrecision
import RealModule

/// A dense real matrix with value semantics, stored **row-major**:
/// element (i, j) lives at `elements[i * columns + j]`.
///
/// Vectors are plain Swift arrays `[T]` (see `Vector`). Products, Cholesky,
/// solve and the symmetric eigendecomposition go through `DenseScalar`, whose
/// generic implementations work for any `RealScalar` (e.g. `MPFloat`) and
/// whose `Double` witnesses call CBLAS/LAPACK (OpenBLAS).
public struct Matrix<T: RealScalar>: Equatable, Sendable {
  public let rows: Int
  public let columns: Int
  /// Row-major elements, `rows * columns` of them.
  public var elements: [T]

  /// A `rows × columns` matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: T = T.zero) {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix from row-major elements; the count must be `rows * columns`.
  public init(rows: Int, columns: Int, elements: [T]) {
    precondition(
      elements.count == rows * columns,
      "Matrix: \(elements.count) elements given for a \(rows)×\(columns) matrix")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// The symmetric n × n matrix with Aᵢⱼ = Aⱼᵢ = entry(i, j), evaluated once for
  /// each j ≤ i (a Gram or kernel matrix).
  public init(symmetric n: Int, _ entry: (Int, Int) throws -> T) rethrows {
    self.init(rows: n, columns: n)
    for i in 0..<n {
      for j in 0...i {
        let v = try entry(i, j)
        self[i, j] = v
        self[j, i] = v
      }
    }
  }

  /// A matrix from an array of rows (all of equal length).
  public init(_ rowArrays: [[T]]) {
    let r = rowArrays.count
    let c = rowArrays.first?.count ?? 0
    for (i, row) in rowArrays.enumerated() {
      precondition(row.count == c, "Matrix: row \(i) has \(row.count) entries, row 0 has \(c)")
    }
    self.init(rows: r, columns: c, elements: rowArrays.flatMap { $0 })
  }

  /// The n × n identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i * n + i] = T(1) }
    return m
  }

  /// The square matrix with `d` on its diagonal.
  public static func diagonal(_ d: [T]) -> Matrix {
    var m = Matrix(rows: d.count, columns: d.count)
    for i in 0..<d.count { m.elements[i * d.count + i] = d[i] }
    return m
  }

  @inlinable
  public subscript(i: Int, j: Int) -> T {
    get { elements[i * columns + j] }
    set { elements[i * columns + j] = newValue }
  }

  public var isSquare: Bool { rows == columns }

  /// Row i as a vector.
  public func row(_ i: Int) -> [T] { Array(elements[(i * columns)..<((i + 1) * columns)]) }

  /// Column j as a vector.
  public func column(_ j: Int) -> [T] { (0..<rows).map { elements[$0 * columns + j] } }

  /// Aᵀ.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns { t.elements[j * rows + i] = elements[i * columns + j] }
    }
    return t
  }

  /// max |aᵢⱼ − aⱼᵢ|; zero for an exactly symmetric matrix.
  public var symmetryDefect: T {
    precondition(isSquare, "symmetryDefect: matrix is \(rows)×\(columns), not square")
    var m = T.zero
    for i in 0..<rows {
      for j in (i + 1)..<max(i + 1, columns) { m = Swift.max(m, abs(self[i, j] - self[j, i])) }
    }
    return m
  }

  /// Frobenius norm ‖A‖_F = (Σ aᵢⱼ²)^{1/2}.
  public var frobeniusNorm: T { Vector.norm2(elements) }

  /// Max-abs entry ‖A‖_max.
  public var maxNorm: T { Vector.normInf(elements) }

  /// Trace Σ aᵢᵢ.
  public var trace: T {
    var s = T.zero
    for i in 0..<Swift.min(rows, columns) { s += self[i, i] }
    return s
  }
}

extension Matrix {
  public static func + (a: Matrix, b: Matrix) -> Matrix {
    precondition(
      a.rows == b.rows && a.columns == b.columns, "Matrix +: \(a.rows)×\(a.columns) vs \(b.rows)×\(b.columns)")
    return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 + $1 })
  }
  public static func - (a: Matrix, b: Matrix) -> Matrix {
    precondition(
      a.rows == b.rows && a.columns == b.columns, "Matrix -: \(a.rows)×\(a.columns) vs \(b.rows)×\(b.columns)")
    return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 - $1 })
  }
  public static func * (s: T, a: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, elements: a.elements.map { s * $0 })
  }
}
