import ArgumentParser
import Foundation
import WorkbenchCore

/// `xmr sessions delete NAME`: removes a session's file and its run models.
struct SessionsDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete",
                                                    abstract: "Delete a session: NAME.json and its run models in NAME/.")

    @Argument(help: "The session's name.") var name: String

    func run() throws {
        try CLIError.run {
            let store = SessionsCommand.store()
            try SessionName.validate(name)
            let runs = (try? store.load(name))?.runs.count
            try store.delete(name)
            let models = runs.map { ", \($0) run model\($0 == 1 ? "" : "s")" } ?? ""
            print("Deleted session \(name) (\(store.displayPath(store.file(of: name)))\(models)).")
        }
    }
}
