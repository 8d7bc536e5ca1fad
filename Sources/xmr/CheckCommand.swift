import ArgumentParser
import Foundation
import XMR

/// `xmr check --model DIR`: reads every byte of a model folder and checks it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every file of a model folder (sizes, CRC-32s, every weight chunk).",
        discussion: """
            Loading a model memory-maps its weight files and checks each chunk only when a query \
            first reaches it; this reads the whole folder. Exit status 1 names the first damaged file.
            """)

    @Option(help: "The model folder.") var model: String
    @Flag(help: "Print the result as one JSON object on stdout.") var json = false

    func run() throws {
        try CLIError.run {
            let report = try ModelStore.check(URL(fileURLWithPath: model))
            if json {
                try JSONPrinting.print(CheckOutput(report))
                return
            }
            print("\(model): ok (\(report.files) files, \(report.bytes) bytes, \(report.chunks) weight chunks checked)")
            if report.formatVersion < ModelManifest.currentVersion {
                print("format version \(report.formatVersion): its weight files are read whole and converted on every load; models this xmr trains (format \(ModelManifest.currentVersion)) are memory-mapped")
            }
        }
    }
}

/// `xmr check --json`'s object.
struct CheckOutput: Encodable {
    var ok = true
    var files: Int
    var bytes: Int
    var chunks: Int
    var formatVersion: Int

    init(_ report: ModelCheckReport) {
        files = report.files
        bytes = report.bytes
        chunks = report.chunks
        formatVersion = report.formatVersion
    }
}
