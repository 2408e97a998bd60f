import MultiPrecision

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

  /// The MPFR library linked at run time (`MPFloat.libraryVersion`).
  public static var mpfrVersion: String { MPFloat.libraryVersion }

  /// Versions for a run of suite version `package`; `blas` is the OpenBLAS linked at run time
  /// and the kernel family it uses, given by the caller (the command line passes
  /// `LinearAlgebra.BLAS.configuration`: the engine does not link BLAS).
  public static func current(package: String, blas: String? = nil) -> VersionInfo {
    VersionInfo(package: package, swift: swiftVersion, mpfr: mpfrVersion, blas: blas)
  }

  /// The suite version when the caller names none.
  public static var current: VersionInfo { current(package: "0.1.0") }
}
