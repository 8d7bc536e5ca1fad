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
    @Option(help: "Which split of the dataset to rank.") var split: DatasetFeatures.Split = .test
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
        return .dataset(path: dataset ?? "", split: split, point: point)
    }

    func validate() throws {
        if let beamWidth, let problem = PipelineParameter.beamWidth.problem(with: beamWidth) { throw ValidationError("--beam-width \(problem)") }
        if let topK, let problem = PipelineParameter.topK.problem(with: topK) { throw ValidationError("--top-k \(problem)") }
        if let threads, let problem = PipelineParameter.threads.problem(with: threads) { throw ValidationError("--threads \(problem)") }
        if [dataset != nil, text != nil, input != nil].filter({ $0 }).count != 1 {
            throw ValidationError("give exactly one of DATASET, --text or --input")
        }
        if point != nil && dataset == nil { throw ValidationError("--point selects a point of DATASET") }
        if trace && dataset != nil && point == nil { throw ValidationError("--trace explains one query: give --point N") }
    }

    func run() throws {
        try CLIError.run {
            let trained = try TrainedModel.load(from: URL(fileURLWithPath: self.model))
            let model = trained.model
            let source = try querySource()
            let (queries, truth) = try Self.queries(from: source, model: trained, modelPath: self.model)
            let texts = queries.texts
            if trace {
                guard queries.count == 1 else {
                    throw CommandFailure("--trace explains one query, but \(input ?? "the input") has \(queries.count) lines")
                }
                let query = Query(features: queries.features.row(0), text: texts?.first)
                let result = trained.trace(query, beamWidth: beamWidth, topK: topK)
                if json {
                    try JSONPrinting.print(result)
                } else {
                    let report = TraceReport(model: model, trace: result, trueLabels: truth,
                                             beamWidth: max(1, beamWidth ?? model.parameters.matcher.beamWidth),
                                             topK: max(1, topK ?? model.parameters.ranker.topK), ascii: term_setlocale_utf8() == 0)
                    print(report.lines().joined(separator: "\n"))
                }
                return
            }
            let batch = trained.predictBatch(queries, beamWidth: beamWidth, topK: topK,
                                             threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let firstIndex = point ?? 0
            if json {
                try JSONPrinting.print(PredictionOutput(
                    points: batch.rankings.count, predictSeconds: batch.seconds,
                    predictions: batch.rankings.enumerated().map { i, ranking in
                        .init(point: firstIndex + i, text: isText(source) ? texts?[i] : nil,
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

    /// Whether the queries of `source` are raw texts given on the command line.
    func isText(_ source: QuerySource) -> Bool {
        if case .dataset = source { return false }
        return true
    }

    /// The queries of a source in the model's feature space, and the true labels of a single
    /// dataset point (`--point`).
    ///
    /// A model trained on raw text vectorizes every query with its vectorizer, dataset points
    /// included; without one only dataset feature vectors can be ranked.
    static func queries(from source: QuerySource, model: TrainedModel,
                        modelPath: String) throws -> (queries: QueryBatch, truth: [Int]) {
        func requireVectorizer(_ option: String) throws -> TfidfVectorizer {
            guard let vectorizer = model.vectorizer else {
                throw CommandFailure("\(modelPath): the model was trained on feature vectors and has no vectorizer; \(option) needs a model trained on raw text (xmr train --features texts, or a text-only dataset)")
            }
            return vectorizer
        }
        switch source {
        case let .dataset(path, split, point):
            let loaded = try DatasetFeatures.load(path)
            let (queries, labels) = try DatasetFeatures.split(loaded, split, path: path, model: model)
            guard let point else { return (queries, []) }
            guard point >= 0, point < queries.count else {
                throw CommandFailure("--point \(point) is out of range: the \(split.rawValue) split has \(queries.count) points")
            }
            let truth = point < labels.rows ? labels.range(ofRow: point).map { Int(labels.columnIndices[$0]) } : []
            return (QueryBatch(features: queries.features.selectingRows([point]), texts: queries.texts.map { [$0[point]] }),
                    truth)
        case let .text(text):
            return (QueryBatch(features: try requireVectorizer("--text").transform(texts: [text]), texts: [text]), [])
        case let .input(path):
            let vectorizer = try requireVectorizer("--input")
            let lines = try LineFile(contentsOf: URL(fileURLWithPath: path)).lines
            return (QueryBatch(features: vectorizer.transform(texts: lines), texts: lines), [])
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
