import Foundation

/// Paths inside the package for the tests, from this file's path
/// (`<root>/Tests/TestSupport/PackagePaths.swift`): the one place the tests find the package
/// root, the theorem files and the fixtures.
public enum PackagePaths {
  /// The package root (where Package.swift is).
  public static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()

  /// `<root>/<relative>`.
  public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  /// `<root>/<relative>` as a path.
  public static func path(_ relative: String) -> String { url(relative).path }

  /// `<root>/Tests/Fixtures/<relative>`: the fixtures shared between test targets (each made by
  /// the script beside it).
  public static func fixture(_ relative: String) -> URL { url("Tests/Fixtures/" + relative) }
}
