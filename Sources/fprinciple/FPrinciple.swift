import ArgumentParser
import Foundation

/// The `fprinciple` command: a theory verification and numeric proof-checking
/// suite for the Frequency Principle of deep neural networks.
///
/// Each job is a subcommand in its own file; add new ones to `subcommands`.
@main
struct FPrinciple: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fprinciple",
    abstract: "Theory verification and numeric proof checking for the Frequency Principle.",
    version: FPrincipleVersion.string,
    subcommands: [
      EvalCommand.self,
      IntegrateCommand.self,
      TrainCommand.self,
      VerifyCommand.self,
      FalsifyCommand.self,
      ProvidersCommand.self,
      ReportCommand.self,
      LFPCommand.self,
      StagesCommand.self,
    ]
  )

  /// Runs the chosen command; a `CommandError` is printed to standard error and becomes the exit
  /// status (every other error as ArgumentParser reports it).
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let error as CommandError {
      error.exit()
    } catch {
      exit(withError: error)
    }
  }
}
