import CMPFR

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

  /// Versions for a run of suite version `package`.
  public static func current(package: String) -> VersionInfo {
    VersionInfo(package: package, swift: swiftVersion, mpfr: mpfrVersion)
  }

  /// The suite version when the caller names none.
  public static var current: VersionInfo { current(package: "0.1.0") }
}
