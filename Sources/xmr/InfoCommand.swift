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
            let loaded = try DatasetLoader.load(from: URL(fileURLWithPath: dataset))
            let statistics = DatasetStatistics(dataset: loaded)
            if json {
                try JSONPrinting.print(statistics)
            } else {
                let report = StatisticsReport(statistics: statistics, barCharacter: Self.terminalIsUTF8 ? "█" : "#")
                print(report.lines().joined(separator: "\n"))
            }
        }
    }

    /// Whether the locale environment asks for UTF-8 output.
    static var terminalIsUTF8: Bool {
        let env = ProcessInfo.processInfo.environment
        let locale = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? env["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? env["LANG"] ?? ""
        return locale.lowercased().replacingOccurrences(of: "-", with: "").contains("utf8")
    }
}
