import CMPFR
import LinearAlgebra

extension VersionInfo {
  /// The Swift compiler this was built with (from `#if compiler`).
  public static var swiftVersion: String {
    #if compiler(>=6.3)
    return "6.3 or later"
    #elseif compiler(>=6.2)
    return "6.2"
    #elseif compiler(>=6.1)
    return "6.1"
    #elseif compiler(>=6.0)
    return "6.0"
    #else
    return "before 6.0"
    #endif
  }

  /// The MPFR library linked at run time (`mpfr_get_version()`).
  public static var mpfrVersion: String { String(cString: mpfr_get_version()) }

  /// The OpenBLAS linked at run time and the kernel family it uses
  /// (`BLAS.configuration`). A core name of
  /// `Prescott` on an AVX2/AVX-512 machine means OpenBLAS did not recognise the
  /// CPU and fell back to SSE3 kernels (2–3× slower training); the README's
  /// scripts set `OPENBLAS_CORETYPE` for that case.
  public static var blasVersion: String { BLAS.configuration }

  /// Versions for a run of suite version `package`.
  public static func current(package: String) -> VersionInfo {
    VersionInfo(package: package, swift: swiftVersion, mpfr: mpfrVersion, blas: blasVersion)
  }

  /// The suite version when the caller names none.
  public static var current: VersionInfo { current(package: "0.1.0") }
}
