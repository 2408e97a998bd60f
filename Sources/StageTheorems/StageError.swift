/// A stage computation that could not be carried out, with the reason: bad
/// input (a density that is not a probability density, a target that is not
/// square-integrable against it, η ≤ 0, a network of the wrong shape) or a
/// numerical failure (a Fourier integral that did not converge). Never a silent
/// number: every entry point throws this instead.
public struct StageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was wrong, naming the input or the integral.
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
