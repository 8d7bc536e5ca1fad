import ArgumentParser
import Foundation
import XMR

/// `xmr info DATASET`: statistics of a dataset folder.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Print statistics of a dataset folder.")
    @Argument(help: "A dataset folder.") var dataset: String
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func run() throws {
        try CLIError.run {
            let data = try DatasetLoader.load(from: URL(fileURLWithPath: dataset))
            print(data.name, data.train.count, data.test?.count ?? 0, data.featureCount, data.labelCount,
                  data.train.features?.nonzeros ?? -1, data.train.labels.nonzeros)
        }
    }
}
