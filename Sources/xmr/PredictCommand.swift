import ArgumentParser
import Foundation
import XMR

/// `xmr predict --model DIR DATASET`: rank labels for the points of a dataset split.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Rank labels for dataset points with a trained model.")

    @Option(help: "The model folder.") var model: String
    @Argument(help: "A dataset folder whose points are ranked.") var dataset: String
    @Option(help: "Which split of the dataset to rank (train or test).") var split = "test"
    @Option(help: "Rank only this point (0-based) of the split.") var point: Int?
    @Option(name: .customLong("beam-width"), help: "Beam width (default: the model's, 10).") var beamWidth: Int?
    @Option(name: .customLong("top-k"), help: "Labels per point (default: the model's, 10).") var topK: Int?
    @Option(help: "Threads for batch prediction (default: all cores).") var threads: Int?
    @Flag(help: "Show the beam search of one point level by level (needs --point).") var trace = false
    @Flag(help: "Print one JSON object on stdout.") var json = false

    /// Where the queries come from; `--text` and `--input` sources can be added here.
    enum QuerySource {
        case dataset(path: String, split: DatasetFeatures.Split, point: Int?)
    }

    func validate() throws {
        if let beamWidth, beamWidth < 1 { throw ValidationError("--beam-width must be at least 1") }
        if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if trace && point == nil { throw ValidationError("--trace explains one query: give --point N") }
        _ = try ChoiceParsing.parse(split, option: "split", as: DatasetFeatures.Split.self)
    }

    func run() throws {
        try CLIError.run {
            let model = try ModelFolderLoading.load(self.model)
            let source = QuerySource.dataset(path: dataset, split: try ChoiceParsing.parse(split, option: "split", as: DatasetFeatures.Split.self), point: point)
            let queries = try Self.queries(from: source)
            if trace {
                let result = model.trace(queries.row(0), beamWidth: beamWidth, topK: topK)
                if json { try JSONPrinting.print(result) } else { print(TraceReport(model: model, trace: result).lines().joined(separator: "\n")) }
                return
            }
            let batch = model.predictBatch(queries, beamWidth: beamWidth, topK: topK,
                                           threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let firstIndex = point ?? 0
            if json {
                try JSONPrinting.print(PredictionOutput(
                    points: batch.rankings.count, predictSeconds: batch.seconds,
                    predictions: batch.rankings.enumerated().map { i, ranking in
                        .init(point: firstIndex + i, labels: ranking.map { .init(label: $0.label, name: model.labelNames?[$0.label], score: $0.score) })
                    }))
            } else {
                for (i, ranking) in batch.rankings.enumerated() {
                    let labels = ranking.map { "\(model.labelName($0.label)) (\(String(format: "%.4f", $0.score)))" }
                    print("\(firstIndex + i)\t" + labels.joined(separator: ", "))
                }
            }
        }
    }

    /// The query matrix of a source.
    static func queries(from source: QuerySource) throws -> CSRMatrix {
        switch source {
        case let .dataset(path, split, point):
            let loaded = try DatasetFeatures.load(path)
            let (features, _) = try DatasetFeatures.split(loaded, split, path: path)
            guard let point else { return features }
            guard point >= 0, point < features.rows else {
                throw CommandFailure("--point \(point) is out of range: the \(split.rawValue) split has \(features.rows) points")
            }
            return features.selectingRows([point])
        }
    }
}

/// The JSON shape of `xmr predict --json`.
struct PredictionOutput: Encodable {
    struct Ranked: Encodable {
        var label: Int
        var name: String?
        var score: Float
    }
    struct Point: Encodable {
        var point: Int
        var labels: [Ranked]
    }
    var points: Int
    var predictSeconds: Double
    var predictions: [Point]

    enum CodingKeys: String, CodingKey {
        case points
        case predictSeconds = "predict_seconds"
        case predictions
    }
}
