import ArgumentParser
import Foundation
import WorkbenchCore

/// `xmr sessions`: list, show and delete saved workbench sessions.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List, show and delete saved workbench sessions.",
        discussion: """
            Sessions live in the sessions directory: $\(SessionDirectory.environmentVariable) when set, else the \
            sessions/ folder of the xmr checkout found from the current directory (or the executable) upwards, \
            else ./sessions. A session is NAME.json plus its run models under NAME/.
            """,
        subcommands: [SessionsListCommand.self, SessionsShowCommand.self, SessionsDeleteCommand.self],
        defaultSubcommand: SessionsListCommand.self)

    /// The store on this process's sessions directory.
    static func store() -> SessionStore {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            .map { URL(fileURLWithPath: $0) } ?? Bundle.main.executableURL?.resolvingSymlinksInPath()
        return SessionStore(directory: SessionDirectory.locate(executable: executable))
    }

    /// Session JSON for `--json` output: xmr's JSON style (snake_case keys) with ISO 8601 dates.
    static func printJSON<T: Encodable>(_ value: T) throws {
        try JSONPrinting.print(value, dates: .iso8601)
    }
}
