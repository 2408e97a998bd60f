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
