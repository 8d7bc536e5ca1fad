import ArgumentParser
import CTermShims
import Foundation
import XMR

/// `xmr predict --model DIR (DATASET | --text "…" | --input FILE)`: rank labels for dataset points or raw texts.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Rank labels for dataset points or raw texts with a trained model.")

    @Option(help: "The model folder.") var model: String
    @Argument(help: "A dataset folder whose points are ranked (or give --text or --input).") var dataset: String?
    @Option(help: "Rank this text (needs a model trained on raw text).") var text: String?
    @Option(help: "Rank every line of this file as one text (needs a model trained on raw text).") var input: String?
    @Option(help: "Which split of the dataset to rank (train or test).") var split = "test"
    @Option(help: "Rank only this point (0-based) of the split.") var point: Int?
    @Option(name: .customLong("beam-width"), help: "Beam width (default: the model's, 10).") var beamWidth: Int?
    @Option(name: .customLong("top-k"), help: "Labels per point (default: the model's, 10).") var topK: Int?
    @Option(help: "Threads for batch prediction (default: all cores).") var threads: Int?
    @Flag(help: "Show the beam search of one point level by level (needs --point).") var trace = false
    @Flag(help: "Print one JSON object on stdout.") var json = false

    /// Where the queries come from.
    enum QuerySource {
        case dataset(path: String, split: DatasetFeatures.Split, point: Int?)
        /// One raw text (`--text`).
        case text(String)
        /// A file of raw texts, one a line (`--input`).
        case input(path: String)
    }

    /// The source the options name.
    func querySource() throws -> QuerySource {
        if let text { return .text(text) }
        if let input { return .input(path: input) }
        return .dataset(path: dataset ?? "", split: try ChoiceParsing.parse(split, option: "split", as: DatasetFeatures.Split.self),
                        point: point)
    }

    func validate() throws {
        if let beamWidth, beamWidth < 1 { throw ValidationError("--beam-width must be at least 1") }
        if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if [dataset != nil, text != nil, input != nil].filter({ $0 }).count != 1 {
            throw ValidationError("give exactly one of DATASET, --text or --input")
        }
        if point != nil && dataset == nil { throw ValidationError("--point selects a point of DATASET") }
        if trace && dataset != nil && point == nil { throw ValidationError("--trace explains one query: give --point N") }
        _ = try ChoiceParsing.parse(split, option: "split", as: DatasetFeatures.Split.self)
    }

    func run() throws {
        try CLIError.run {
            let (model, vectorizer) = try ModelFolderLoading.loadWithVectorizer(self.model)
            let source = try querySource()
            let (queries, texts, truth) = try Self.queries(from: source, vectorizer: vectorizer, modelPath: self.model)
            if trace {
                guard queries.rows == 1 else {
                    throw CommandFailure("--trace explains one query, but \(input ?? "the input") has \(queries.rows) lines")
                }
                let result = model.trace(queries.row(0), beamWidth: beamWidth, topK: topK)
                if json {
                    try JSONPrinting.print(result)
                } else {
                    let report = TraceReport(model: model, trace: result, trueLabels: truth,
                                             beamWidth: max(1, beamWidth ?? model.parameters.beamWidth),
                                             topK: max(1, topK ?? model.parameters.topK), ascii: term_setlocale_utf8() == 0)
                    print(report.lines().joined(separator: "\n"))
                }
                return
            }
            let batch = model.predictBatch(queries, beamWidth: beamWidth, topK: topK,
                                           threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let firstIndex = point ?? 0
            if json {
                try JSONPrinting.print(PredictionOutput(
                    points: batch.rankings.count, predictSeconds: batch.seconds,
                    predictions: batch.rankings.enumerated().map { i, ranking in
                        .init(point: firstIndex + i, text: texts?[i],
                              labels: ranking.map { .init(label: $0.label, name: model.labelNames?[$0.label], score: $0.score) })
                    }))
            } else if case .text = source {
                // One query: one ranked label a line, score first.
                for ranked in batch.rankings.first ?? [] {
                    print("\(String(format: "%.4f", ranked.score))\t\(model.labelName(ranked.label))")
                }
            } else {
                for (i, ranking) in batch.rankings.enumerated() {
                    let labels = ranking.map { "\(model.labelName($0.label)) (\(String(format: "%.4f", $0.score)))" }
                    print("\(firstIndex + i)\t" + labels.joined(separator: ", "))
                }
            }
        }
    }

    /// The query matrix of a source, the raw texts when the queries are texts, and the true labels
    /// of a single dataset point (`--point`).
    ///
    /// With a `vectorizer` (the model was trained on raw text) every query is vectorized with it,
    /// dataset points included; without one only dataset feature vectors can be ranked.
    static func queries(from source: QuerySource, vectorizer: TfidfVectorizer?,
                        modelPath: String) throws -> (matrix: CSRMatrix, texts: [String]?, truth: [Int]) {
        func requireVectorizer(_ option: String) throws -> TfidfVectorizer {
            guard let vectorizer else {
                throw CommandFailure("\(modelPath): the model was trained on feature vectors and has no vectorizer; \(option) needs a model trained on raw text (xmr train --vectorize, or a text-only dataset)")
            }
            return vectorizer
        }
        switch source {
        case let .dataset(path, split, point):
            let loaded = try DatasetFeatures.load(path)
            let (features, labels) = try DatasetFeatures.split(loaded, split, path: path, vectorizer: vectorizer)
            guard let point else { return (features, nil, []) }
            guard point >= 0, point < features.rows else {
                throw CommandFailure("--point \(point) is out of range: the \(split.rawValue) split has \(features.rows) points")
            }
            let truth = point < labels.rows ? labels.range(ofRow: point).map { Int(labels.columnIndices[$0]) } : []
            return (features.selectingRows([point]), nil, truth)
        case let .text(text):
            return (try requireVectorizer("--text").transform(texts: [text]), [text], [])
        case let .input(path):
            let vectorizer = try requireVectorizer("--input")
            let lines = try LineFile(contentsOf: URL(fileURLWithPath: path)).lines
            return (vectorizer.transform(texts: lines), lines, [])
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
        /// The query text, for `--text` and `--input`.
        var text: String?
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
