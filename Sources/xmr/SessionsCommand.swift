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

    /// Session JSON as written to disk (sorted keys, ISO 8601 dates), for `--json` output.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
