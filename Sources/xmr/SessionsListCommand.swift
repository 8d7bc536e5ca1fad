import ArgumentParser
import Foundation
import WorkbenchCore

/// `xmr sessions list`: every saved session with its run count, best P@1 and dataset.
struct SessionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the saved sessions.")

    @Flag(help: "Print one JSON object on stdout.") var json = false

    /// One session in `--json` output.
    struct Entry: Encodable {
        var name: String
        var runs: Int?
        var bestPrecisionAt1: Double?
        var dataset: String?
        var savedAt: Date?
        var problem: String?
        var isLast: Bool
    }

    func run() throws {
        try CLIError.run {
            let store = SessionsCommand.store()
            let listing = store.list()
            let last = store.lastSessionName
            if json {
                let entries = listing.map {
                    Entry(name: $0.name, runs: $0.session?.runs.count, bestPrecisionAt1: $0.bestPrecisionAt1,
                          dataset: $0.session?.datasetPath, savedAt: $0.session?.savedAt, problem: $0.problem,
                          isLast: $0.name == last)
                }
                struct Output: Encodable { var directory: String; var sessions: [Entry] }
                try SessionsCommand.printJSON(Output(directory: store.directory.path, sessions: entries))
                return
            }
            guard !listing.isEmpty else {
                print("No sessions in \(store.displayPath(store.directory)) (xmr workbench --session NAME starts one).")
                return
            }
            print(SessionReport.listing(listing, last: last, directory: store.displayPath(store.directory)))
        }
    }
}
