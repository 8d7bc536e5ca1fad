import ArgumentParser

/// The `xmr` command: the workbench, and the engine for scripts.
@main
struct XMRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xmr",
        abstract: "Extreme multi-label ranking: a PECOS XR-Linear engine and a terminal workbench.",
        subcommands: [WorkbenchCommand.self, InfoCommand.self, TrainCommand.self, PredictCommand.self, EvalCommand.self,
                      TreeCommand.self, CalibrateCommand.self, TuneThresholdsCommand.self, AddLabelsCommand.self, ImportPecosCommand.self, SessionsCommand.self,
                      AnnCommand.self, EmbedCommand.self, CheckCommand.self],
        defaultSubcommand: WorkbenchCommand.self)

    /// Runs the command line; usage errors exit with status 2 and other errors with 1.
    static func main() { CLIError.main(XMRCommand.self) }
}
