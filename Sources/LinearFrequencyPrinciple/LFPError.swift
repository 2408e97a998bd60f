/// A bad input to the LFP computations: what is wrong, in words.
public struct LFPError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
