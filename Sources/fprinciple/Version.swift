/// The version of the fprinciple suite, printed by `fprinciple --version`.
/// The single place the version string is written.
enum FPrincipleVersion {
  static let string = "0.1.0"
}
