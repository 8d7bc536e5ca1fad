import ArgumentParser
import Foundation
import WorkbenchCore

/// `xmr sessions show NAME`: a session's dataset, parameters, runs and sweeps.
struct SessionsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
                                                    abstract: "Show a session's dataset, parameters, runs and sweeps.")

    @Argument(help: "The session's name.") var name: String
    @Flag(help: "Print the session as one JSON object on stdout.") var json = false

    func run() throws {
        try CLIError.run {
            let store = SessionsCommand.store()
            let session = try store.load(name)
            if json {
                try SessionsCommand.printJSON(session)
            } else {
                print(SessionReport.details(session, file: store.displayPath(store.file(of: name))))
            }
        }
    }
}
