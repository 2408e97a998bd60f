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
    precondition(a.rows == b.rows && a.columns == b.columns, "Matrix +: \(a.rows)×\(a.columns) vs \(b.rows)×\(b.columns)")
    return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 + $1 })
  }
  public static func - (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "Matrix -: \(a.rows)×\(a.columns) vs \(b.rows)×\(b.columns)")
    return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 - $1 })
  }
  public static func * (s: T, a: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, elements: a.elements.map { s * $0 })
  }
}

extension Matrix where T: DenseScalar {
  /// Matrix product AB (CBLAS dgemm for `Double`).
  public static func * (a: Matrix, b: Matrix) -> Matrix { T.matrixProduct(a, b, transposeA: false, transposeB: false) }
  /// Matrix–vector product Ax (CBLAS dgemv for `Double`).
  public static func * (a: Matrix, x: [T]) -> [T] { T.matrixVectorProduct(a, x, transpose: false) }
  /// Aᵀx without forming Aᵀ.
  public func transposeTimes(_ x: [T]) -> [T] { T.matrixVectorProduct(self, x, transpose: true) }
  /// AᵀB without forming Aᵀ.
  public func transposeTimes(_ b: Matrix) -> Matrix { T.matrixProduct(self, b, transposeA: true, transposeB: false) }

  /// Lower-triangular L with A = LLᵀ (A symmetric positive definite).
  public func cholesky() throws(LinearAlgebraError) -> Matrix { try T.choleskyFactor(self) }
  /// x with Ax = b (LU with partial pivoting).
  public func solve(_ b: [T]) throws(LinearAlgebraError) -> [T] { try T.solveLinear(self, b) }
  /// x with Ax = b for symmetric positive definite A, via Cholesky.
  public func choleskySolve(_ b: [T]) throws(LinearAlgebraError) -> [T] { try T.solveSPD(self, b) }
  /// A = V diag(λ) Vᵀ for symmetric A (eigenvalues ascending, eigenvectors in the columns of V).
  public func symmetricEigen() throws(LinearAlgebraError) -> SymmetricEigen<T> { try T.symmetricEigen(self) }
}

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

/// Why a dense linear-algebra routine could not return a result.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
  case dimensionMismatch(String)
  case notSymmetric(defect: Double)
  case notPositiveDefinite(pivot: Int)
  case singular(pivot: Int)
  case noConvergence(sweeps: Int)
  case lapack(routine: String, info: Int)

  public var description: String {
    switch self {
    case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
    case .notSymmetric(let d): return "matrix is not symmetric (max |aij - aji| = \(d))"
    case .notPositiveDefinite(let p): return "matrix is not positive definite (leading minor \(p) is not positive)"
    case .singular(let p): return "matrix is singular (zero pivot in column \(p))"
    case .noConvergence(let s): return "Jacobi eigenvalue iteration did not converge in \(s) sweeps"
    case .lapack(let r, let info): return "LAPACK \(r) failed with info = \(info)"
    }
  }
}
