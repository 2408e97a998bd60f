import DenseTestSupport
import LinearAlgebra
import MultiPrecision
import Testing

@Suite struct LinearAlgebraTests {
  /// `Matrix(symmetric:)` evaluates each entry with j ≤ i once and mirrors it.
  @Test func symmetricConstructorMirrorsTheLowerTriangle() {
    var calls = 0
    let a = Matrix<Double>(symmetric: 4) { i, j in
      calls += 1
      #expect(j <= i)
      return Double(10 * i + j)
    }
    #expect(calls == 10)
    #expect(a[3, 1] == 31 && a[1, 3] == 31 && a[2, 2] == 22)
    #expect(a == a.transposed)
  }

  @Test(arguments: [5, 50, 200])
  func lapackEigenResidualAndOrthogonality(n: Int) throws {
    let a = randomSymmetric(n, seed: UInt64(n), as: Double.self)
    let e = try a.symmetricEigen()
    let scale = Double(n) * Double.ulpOfOne * a.frobeniusNorm
    #expect(e.residual(a) <= 10 * scale)
    #expect(e.orthogonalityDefect() <= 10 * Double(n) * Double.ulpOfOne)
    #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 })
    // Trace is the sum of the eigenvalues.
    #expect(abs(e.values.reduce(0, +) - a.trace) <= scale)
  }

  @Test func jacobiMatchesLapackInDouble() throws {
    let n = 60
    let a = randomSymmetric(n, seed: 7, as: Double.self)
    let j = try SymmetricEigen.jacobi(a)
    let l = try a.symmetricEigen()
    let scale = Double(n) * Double.ulpOfOne * a.frobeniusNorm
    #expect(j.residual(a) <= 10 * scale)
    #expect(j.orthogonalityDefect() <= 10 * Double(n) * Double.ulpOfOne)
    #expect(Vector.maxDifference(j.values, l.values) <= 10 * scale)
  }

  @Test func jacobiAtWorkingPrecision256() throws {
    try MPFloat.withPrecision(256) {
      let n = 30
      let a = randomSymmetric(n, seed: 11, as: MPFloat.self)
      let e = try a.symmetricEigen()
      let eps = MPFloat.ulpOfOne
      let scale = MPFloat(n) * eps * a.frobeniusNorm
      #expect(e.residual(a) <= 10 * scale)
      #expect(e.orthogonalityDefect() <= 10 * MPFloat(n) * eps)
      // The same matrix in Double through LAPACK: eigenvalues agree to Double accuracy.
      let ad = Matrix<Double>(rows: n, columns: n, elements: a.elements.map(\.doubleValue))
      let ld = try ad.symmetricEigen()
      let diff = zip(e.values, ld.values).map { abs($0.doubleValue - $1) }.max()!
      #expect(diff <= 1e-13 * ad.frobeniusNorm)
    }
  }

  @Test func eigenOfKnownMatrix() throws {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    try MPFloat.withPrecision(200) {
      let a = Matrix<MPFloat>([[2, 1], [1, 2]])
      let e = try a.symmetricEigen()
      #expect(abs(e.values[0] - 1) <= 4 * MPFloat.ulpOfOne)
      #expect(abs(e.values[1] - 3) <= 8 * MPFloat.ulpOfOne)
    }
  }

  /// The residual and orthogonality checks can fail: a decomposition with two
  /// eigenvalues swapped, or a non-orthogonal V, is caught.
  @Test func residualChecksDetectWrongDecompositions() throws {
    let a = randomSymmetric(20, seed: 3, as: Double.self)
    var e = try a.symmetricEigen()
    e.values.swapAt(0, 19)
    #expect(e.residual(a) > 1e-2)
    var f = try a.symmetricEigen()
    f.vectors[0, 0] += 1e-6
    #expect(f.orthogonalityDefect() > 1e-7)
  }

  @Test func nonSymmetricInputIsRejected() {
    let a = Matrix<Double>([[1, 2], [0, 1]])
    #expect(throws: LinearAlgebraError.notSymmetric(defect: 2)) { try a.symmetricEigen() }
    #expect(throws: LinearAlgebraError.self) { try SymmetricEigen.jacobi(a) }
  }

  @Test func productsMatchGenericCode() {
    let a = Matrix<Double>(rows: 7, columns: 5, elements: randomVector(35, seed: 1))
    let b = Matrix<Double>(rows: 5, columns: 6, elements: randomVector(30, seed: 2))
    let x: [Double] = randomVector(5, seed: 3)
    let z: [Double] = randomVector(7, seed: 4)
    #expect(Vector.maxDifference((a * b).elements, GenericDense.matrixProduct(a, b).elements) <= 1e-14)
    #expect(Vector.maxDifference(a * x, GenericDense.matrixVectorProduct(a, x)) <= 1e-14)
    #expect(Vector.maxDifference(a.transposeTimes(z), a.transposed * z) <= 1e-14)
    let ata = a.transposeTimes(a)
    #expect(Vector.maxDifference(ata.elements, (a.transposed * a).elements) <= 1e-14)
  }

  @Test func choleskyAndSolveDouble() throws {
    let n = 40
    let k = randomPSD(n, rank: 2 * n, seed: 5, as: Double.self) + Matrix<Double>.identity(n)
    let b: [Double] = randomVector(n, seed: 6)
    let l = try k.cholesky()
    let llt = l * l.transposed
    #expect(Vector.maxDifference(llt.elements, k.elements) <= 1e-13)
    #expect(Vector.maxDifference(l.elements, try GenericDense.choleskyFactor(k).elements) <= 1e-13)
    let x1 = try k.choleskySolve(b)
    let x2 = try k.solve(b)
    let x3 = try GenericDense.solveLinear(k, b)
    #expect(Vector.maxDifference(k * x1, b) <= 1e-12)
    #expect(Vector.maxDifference(k * x2, b) <= 1e-12)
    #expect(Vector.maxDifference(x2, x3) <= 1e-11)
  }

  @Test func choleskyAndSolveMPFloat() throws {
    try MPFloat.withPrecision(256) {
      let n = 12
      let k = randomPSD(n, rank: 2 * n, seed: 8, as: MPFloat.self) + Matrix<MPFloat>.identity(n)
      let b: [MPFloat] = randomVector(n, seed: 9)
      let tol = MPFloat(decimal: "1e-70")!
      let l = try k.cholesky()
      #expect(Vector.maxDifference((l * l.transposed).elements, k.elements) <= tol)
      #expect(Vector.maxDifference(k * (try k.choleskySolve(b)), b) <= tol)
      #expect(Vector.maxDifference(k * (try k.solve(b)), b) <= tol)
    }
  }

  @Test func indefiniteAndSingularAreReported() {
    let a = Matrix<Double>([[1, 2], [2, 1]])  // eigenvalues −1, 3
    #expect(throws: LinearAlgebraError.notPositiveDefinite(pivot: 2)) { try a.cholesky() }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(pivot: 2)) { try GenericDense.choleskyFactor(a) }
    let s = Matrix<Double>([[1, 2], [2, 4]])
    #expect(throws: LinearAlgebraError.self) { try s.solve([1, 1]) }
    #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try GenericDense.solveLinear(s, [1, 1]) }
  }
}
