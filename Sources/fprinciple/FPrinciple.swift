import ArgumentParser

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
}
