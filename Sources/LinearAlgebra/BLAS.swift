import COpenBLAS

/// The BLAS library behind the `Double` kernels (OpenBLAS): its thread count and build.
public enum BLAS {
  /// The number of threads OpenBLAS uses for one call (`openblas_set_num_threads`).
  public static var threadCount: Int {
    get { Int(openblas_get_num_threads()) }
    set {
      precondition(newValue >= 1, "BLAS.threadCount: \(newValue) threads")
      openblas_set_num_threads(Int32(newValue))
    }
  }

  /// The OpenBLAS build and the kernel family in use, e.g.
  /// "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64, core SkylakeX"
  /// (`openblas_get_config()`, `openblas_get_corename()`).
  public static var configuration: String {
    let raw = String(cString: openblas_get_config())
    let config = raw.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()
    return "\(String(config)), core \(String(cString: openblas_get_corename()))"
  }
}
