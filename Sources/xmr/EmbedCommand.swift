import ArgumentParser
import Foundation
import XMR

/// `xmr embed --encoder DIR --input FILE --output OUT.npy`: one l2-normalized float32 row per input line.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed texts (one a line) with a BERT-family encoder folder into a float32 .npy matrix.")

    @Option(help: "A Hugging Face BERT-family model folder (config.json, vocab.txt, model.safetensors).") var encoder: String
    @Option(help: "The texts, one a line (- reads standard input).") var input: String
    @Option(help: "The .npy file to write (rows = input lines); it must not exist yet.") var output: String
    @Option(help: "Texts per batch, formed after sorting the texts by length.") var batchSize = 32
    @Option(help: "Tokens per text with [CLS] and [SEP]; longer texts are truncated.") var maxLength = 128
    @Option(help: "Threads (default: all cores).") var threads: Int?
    @Flag(help: "Print one JSON object on stdout (texts, dimension, seconds, texts per second).") var json = false

    func validate() throws {
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if maxLength < 2 { throw ValidationError("--max-length must be at least 2") }
        if let problem = PipelineParameter.firstOptionProblem([.threads: threads]) { throw ValidationError(problem) }
    }

    func run() throws {
        try CLIError.run {
            let outputURL = URL(fileURLWithPath: output)
            // Never overwrite a file xmr did not write.
            if FileManager.default.fileExists(atPath: outputURL.path) {
                throw CommandFailure("\(output): already exists; remove it or choose another --output")
            }
            let lines: [String]
            if input == "-" {
                lines = LineFile(data: FileHandle.standardInput.readDataToEndOfFile(), path: "standard input").lines
            } else {
                lines = try LineFile(contentsOf: URL(fileURLWithPath: input)).lines
            }
            let start = Date()
            let model = try TextEncoder(folder: URL(fileURLWithPath: encoder))
            let loadSeconds = Date().timeIntervalSince(start)
            let bar = ProgressBar()
            let total = lines.count
            let embedStart = Date()
            let embeddings = try model.embed(
                lines, options: EncodingOptions(batchSize: batchSize, maxLength: maxLength,
                                                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            ) { done in
                bar.update("embedding: \(done)/\(total) texts", fraction: total > 0 ? Double(done) / Double(total) : 1)
            }
            bar.finish()
            let seconds = Date().timeIntervalSince(embedStart)
            try embeddings.writeNumpy(to: outputURL)
            let report = EmbedOutput(texts: total, dimension: embeddings.columns, loadSeconds: loadSeconds,
                                     embedSeconds: seconds, textsPerSecond: seconds > 0 ? Double(total) / seconds : 0,
                                     pooling: model.pooling.rawValue, output: output)
            if json {
                try JSONPrinting.print(report)
            } else {
                print("\(total) texts → \(output) (\(embeddings.columns) floats a row, \(report.pooling) pooling) in "
                      + String(format: "%.2f s, %.1f texts/s", seconds, report.textsPerSecond))
            }
        }
    }
}

/// The JSON shape of `xmr embed --json`.
struct EmbedOutput: Encodable {
    var texts: Int
    var dimension: Int
    var loadSeconds: Double
    var embedSeconds: Double
    var textsPerSecond: Double
    var pooling: String
    var output: String
}
