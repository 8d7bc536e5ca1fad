import ArgumentParser

/// `xmr info DATASET`: statistics of a dataset folder.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Print statistics of a dataset folder.")
    @Argument(help: "A dataset folder.") var dataset: String
    @Flag(help: "Print one JSON object on stdout.") var json = false
    func run() throws { throw ValidationError("not yet implemented") }
}
