import ArgumentParser
import Foundation
import XMR

/// `xmr import-pecos PECOS_MODEL_DIR --model DIR`: convert a libpecos XR-Linear model folder.
struct ImportPecosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-pecos",
        abstract: "Import a model saved by libpecos XLinearModel.save into an xmr model folder.",
        discussion: "libpecos does not normalize queries, so neither does the imported model: feed it the same feature rows you gave libpecos.")

    @Argument(help: "The folder libpecos wrote (with ranker/).") var pecosModel: String
    @Option(help: "The xmr model folder to write (replaced if it exists).") var model: String
    @Option(name: .customLong("label-names"), help: "A file with one label name per line to store with the model.") var labelNames: String?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func run() throws {
        try CLIError.run {
            var names: [String]?
            if let labelNames {
                guard let text = try? String(contentsOfFile: labelNames, encoding: .utf8) else {
                    throw CommandFailure("\(labelNames): cannot read the label names")
                }
                var lines = text.components(separatedBy: "\n")
                if lines.last == "" { lines.removeLast() }
                names = lines
            }
            var imported = try PecosModelImporter.importModel(from: URL(fileURLWithPath: pecosModel))
            if let names {
                guard names.count == imported.labelCount else {
                    throw CommandFailure("\(labelNames!): \(names.count) names for \(imported.labelCount) labels")
                }
                imported.labelNames = names
            }
            let url = URL(fileURLWithPath: model)
            try ModelStore.save(imported, to: url)
            let summary = ImportOutput(model: url.path, features: imported.featureCount, labels: imported.labelCount,
                                       depth: imported.depth, nonzeros: imported.nonzeros,
                                       modelBytes: try ModelStore.folderBytes(url))
            if json {
                try JSONPrinting.print(summary)
            } else {
                print("imported \(imported.labelCount) labels, \(imported.featureCount) features, depth \(imported.depth), \(imported.nonzeros) weights into \(url.path)")
            }
        }
    }
}

/// The JSON shape of `xmr import-pecos --json`.
struct ImportOutput: Encodable {
    var model: String
    var features: Int
    var labels: Int
    var depth: Int
    var nonzeros: Int
    var modelBytes: Int
}
