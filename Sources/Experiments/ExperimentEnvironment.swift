import LinearAlgebra

/// Process settings the experiments assume.
public enum ExperimentEnvironment {
  /// The verification runner trains one network per core (sweep points run in
  /// parallel), so BLAS runs single-threaded: its own threads would only
  /// compete with the other sweep points (measured: a 3000-step run took 9.5 s
  /// wall and 19 s CPU with OpenBLAS's threads, 7.9 s with one thread).
  public static func prepare() {
    BLAS.threadCount = 1
  }
}
