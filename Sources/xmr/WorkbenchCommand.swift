import ArgumentParser
import Foundation
import WorkbenchCore

/// `xmr workbench`: the terminal workbench (also what plain `xmr` opens).
struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Open the terminal workbench on a session (default: the last one, else the example session).",
        discussion: """
            --session NAME resumes session NAME (its dataset, parameters, runs and loaded model) or starts it \
            when it does not exist, on --dataset DIR or the sample data. Sessions are saved after every run and \
            on quit in the sessions directory: $\(SessionDirectory.environmentVariable), else the sessions/ \
            folder of the xmr checkout above the current directory (or the executable), else ./sessions.
            """)

    /// The session plain `xmr` opens the first time (committed under sessions/).
    static let exampleSession = SessionStore.exampleSession
    /// The session used when there is neither a last session nor the example.
    static let defaultSession = "default"

    @Option(help: "A dataset folder for a new session (default: sample-data/debtags-small).")
    var dataset: String?

    @Option(help: "The session to resume or start (default: the last one opened, else \(exampleSession)).")
    var session: String?

    @Flag(name: .customLong("no-mouse"), help: "Do not capture mouse clicks (keeps the terminal's own text selection).")
    var noMouse = false

    func run() throws {
        let status: Int32 = try CLIError.run {
            let store = SessionStore(directory: SessionDirectory.locate(executable: DatasetLocator.executableURL()))
            let name = session ?? store.lastSessionName
                ?? (store.exists(Self.exampleSession) ? Self.exampleSession : Self.defaultSession)
            try SessionName.validate(name)
            // Held until the workbench exits: a second workbench on this session is refused.
            let lock = try store.lock(name)
            let explicit = try dataset.map { try DatasetLocator.resolve($0) }
            // A new (or unreadable) session starts on --dataset or the sample data.
            let fallback = explicit ?? (try? DatasetLocator.resolve(nil))
            let opening = try store.open(name, datasetPath: fallback.map(store.storedPath(ofDataset:)) ?? "")
            if opening.isNew, fallback == nil { _ = try DatasetLocator.resolve(nil) }  // says why there is none
            let url = store.datasetURL(of: opening.session)
            if let explicit, !opening.isNew, explicit.standardizedFileURL.path != url.path {
                throw CommandFailure("session \(name) works on \(opening.session.datasetPath), not \(dataset ?? ""); "
                                     + "start another session for this dataset (--session OTHER --dataset DIR)")
            }
            guard #available(macOS 15.0, *) else {
                throw CursesTerminal.OpenError(description: "the workbench needs macOS 15 or later")
            }
            let signals = SignalWatcher()
            let terminal = try CursesTerminal(mouse: !noMouse)
            let runtime = WorkbenchRuntime(terminal: terminal, engine: XRWorkbenchEngine(), store: store,
                                           opening: opening, dataset: url, lineInput: ReadlineLineInput.shared,
                                           quitRequested: { signals.quitRequested })
            let problem = withExtendedLifetime(lock) { runtime.run() }
            terminal.close()
            guard let problem else { return 0 }
            FileHandle.standardError.write(Data("xmr: \(problem)\n".utf8))
            return 1
        }
        if status != 0 { throw ExitCode(status) }
    }
}
