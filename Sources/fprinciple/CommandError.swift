import ArgumentParser
import Foundation

/// The one way a command reports bad input or a computation that cannot give a number: a message
/// naming what is wrong (and where: `context`, e.g. `--set x=1`, `the integrand`), written to
/// standard error, and a non-zero exit status (`status`: 1, or 2 where the command's exit-code
/// table says bad input is 2: `verify`, `report --merge`, `falsify`). Commands throw it;
/// `FPrinciple.main` prints it and exits with its status. Code that cannot throw (helpers deep in
/// `stages`) calls `fail(_:)`, which does the same. Standard output gets nothing, so `--json`
/// output is never mixed with a message. Argument shapes checked before a command runs
/// (`validate()`) stay ArgumentParser's `ValidationError`, which adds the usage line.
struct CommandError: Error, CustomStringConvertible {
  var context: String?
  var message: String
  var status: Int32

  init(context: String? = nil, message: String, status: Int32 = 1) {
    self.context = context
    self.message = message
    self.status = status
  }

  /// `error: MESSAGE`, or `error in CONTEXT:` and the message on its own lines (an expression's
  /// diagnostics carry a caret line under the text).
  var description: String {
    if let context { return "error in \(context):\n" + message }
    return message.contains("\n") ? "error:\n" + message : "error: " + message
  }

  /// Writes the message to standard error and exits with `status`.
  func exit() -> Never {
    FileHandle.standardError.write(Data((description + "\n").utf8))
    Foundation.exit(status)
  }
}

/// Reports `message` as a `CommandError` (status 1) and exits: for code that cannot throw.
func fail(_ message: String) -> Never { CommandError(message: message).exit() }
