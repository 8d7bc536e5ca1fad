import ArgumentParser
import Foundation
import WorkbenchCore

/// `xmr workbench`: the terminal workbench (also what plain `xmr` opens).
struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Open the terminal workbench on a dataset (default: sample-data/debtags-small).")

    @Option(help: "A dataset folder (default: sample-data/debtags-small, found from here or from the executable).")
    var dataset: String?

    @Option(help: "The session name shown in the workbench.")
    var session: String = "default"

    @Flag(name: .customLong("no-mouse"), help: "Do not capture mouse clicks (keeps the terminal's own text selection).")
    var noMouse = false

    func run() throws {
        let status: Int32 = try CLIError.run {
            let url = try DatasetLocator.resolve(dataset)
            guard #available(macOS 15.0, *) else {
                throw CursesTerminal.OpenError(description: "the workbench needs macOS 15 or later")
            }
            let signals = SignalWatcher()
            let terminal = try CursesTerminal(mouse: !noMouse)
            let app = WorkbenchApp(terminal: terminal, engine: XRWorkbenchEngine(), sessionName: session, signals: signals)
            return app.run(dataset: url)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
