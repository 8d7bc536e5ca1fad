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
    @Option(help: "Rank every line of this file as one text, or of standard input with -, answering each block as it arrives (needs a model trained on raw text).") var input: String?
    @Option(help: "Which split of the dataset to rank.") var split: DatasetFeatures.Split = .test
    @Option(help: "Rank only this point (0-based) of the split.") var point: Int?
    @Option(name: .customLong("beam-width"), help: "Beam width (default: the model's, 10).") var beamWidth: Int?
    @Option(name: .customLong("top-k"), help: "Labels per point (default: the model's, 10).") var topK: Int?
    @Option(help: "Threads for batch prediction (default: all cores).") var threads: Int?
    @Flag(help: "Show the beam search of one point level by level (needs --point).") var trace = false
    @Flag(help: "Print one JSON object on stdout.") var json = false
    @Option(help: "Write predictions as \(PredictionFormat.allCases.map(\.rawValue).joined(separator: ", ")): a row per ranked label, a JSON object per point, or the XC sparse format.") var format: PredictionFormat?
    @Option(name: .customLong("min-probability"), help: "Keep only labels with at least this calibrated probability (needs xmr calibrate).") var minProbability: Double?
    @Option(name: .customLong("min-score"), help: "Keep only labels with at least this score.") var minScore: Float?

    /// Where the queries come from.
    enum QuerySource {
        case dataset(path: String, split: DatasetFeatures.Split, point: Int?)
        /// One raw text (`--text`).
        case text(String)
        /// A file of raw texts, one a line (`--input`).
        case input(path: String)
        /// Raw texts on standard input, one a line, ranked block by block as they arrive (`--input -`).
        case standardInput
    }

    /// The source the options name.
    func querySource() throws -> QuerySource {
        if let text { return .text(text) }
        if input == "-" { return .standardInput }
        if let input { return .input(path: input) }
        return .dataset(path: dataset ?? "", split: split, point: point)
    }

    func validate() throws {
        if let problem = PipelineParameter.firstOptionProblem([.beamWidth: beamWidth, .topK: topK, .threads: threads]) {
            throw ValidationError(problem)
        }
        if [dataset != nil, text != nil, input != nil].filter({ $0 }).count != 1 {
            throw ValidationError("give exactly one of DATASET, --text or --input")
        }
        if point != nil && dataset == nil { throw ValidationError("--point selects a point of DATASET") }
        if trace && dataset != nil && point == nil { throw ValidationError("--trace explains one query: give --point N") }
        if let minProbability, !(minProbability >= 0 && minProbability <= 1) {
            throw ValidationError("--min-probability must be between 0 and 1, got \(minProbability)")
        }
        if let minScore, !minScore.isFinite { throw ValidationError("--min-score must be a finite number") }
        if format != nil && (json || trace) { throw ValidationError("--format writes predictions; it does not go with --json or --trace") }
        if input == "-" && trace { throw ValidationError("--trace explains one query; it does not read standard input") }
    }

    func run() throws {
        try CLIError.run {
            let trained = try TrainedModel.load(from: URL(fileURLWithPath: self.model))
            let model = trained.model
            let calibration = try CalibrationFile.read(fromModel: URL(fileURLWithPath: self.model))?.calibration
            if minProbability != nil && calibration == nil {
                throw CommandFailure("\(self.model): the model has no calibration, so --min-probability has no probabilities to compare; run xmr calibrate first, or use --min-score")
            }
            let source = try querySource()
            // A split in XMC text format ranked on its feature vectors is read block by block.
            var streamed: XMCTextBlockReader?
            let queries: QueryBatch, truth: [Int]
            if case let .dataset(path, split, point) = source, let reader = try DatasetFeatures.splitReader(path, split, model: trained) {
                if let point {
                    var reader = reader
                    (queries, truth) = try DatasetFeatures.point(point, of: &reader, split: split, featureCount: model.featureCount)
                } else {
                    streamed = reader
                    (queries, truth) = (QueryBatch(features: CSRMatrix(rows: 0, cols: model.featureCount), texts: nil), [])
                }
            } else {
                (queries, truth) = try Self.queries(from: source, model: trained, modelPath: self.model)
                if case let .dataset(path, split, _) = source {
                    try DatasetFeatures.checkFeatureCount(queries.features, model: model, path: path, split: split)
                }
            }
            let texts = queries.texts
            if trace {
                guard queries.count == 1 else {
                    throw CommandFailure("--trace explains one query, but \(input ?? "the input") has \(queries.count) lines")
                }
                let query = Query(features: queries.features.row(0), text: texts?.first)
                let result = try trained.trace(query, beamWidth: beamWidth, topK: topK)
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
            let stream = PredictionStream(model: trained, beamWidth: beamWidth, topK: topK,
                                          threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                          calibration: calibration, minimumProbability: minProbability, minimumScore: minScore)
            let shownTexts = isText(source) ? texts : nil
            /// Ranks the source into `writer`: standard input as it arrives, anything else in blocks.
            func rank(into writer: inout some PredictionWriter) throws {
                if case .standardInput = source {
                    var reader = LineBlockReader()
                    try Self.requireText(trained, "--input -", modelPath: self.model)
                    try stream.run(lines: &reader, writer: &writer)
                } else if var reader = streamed {
                    try stream.run(blocks: &reader, featureCount: model.featureCount, writer: &writer)
                } else {
                    try stream.run(queries, firstPoint: point ?? 0, texts: shownTexts, writer: &writer)
                }
            }
            if json {
                // One JSON object: everything is ranked first.
                var collected = CollectedPredictions()
                try rank(into: &collected)
                try JSONPrinting.print(PredictionOutput(collected, labelNames: model.labelNames))
                return
            }
            let output = FileDescriptorOutput()
            let single: Bool
            if case .text = source { single = true } else { single = false }
            var writer: any PredictionWriter = format?.writer(
                to: output, labelNames: model.labelNames, labelCount: model.labelCount,
                pointCount: { if case .standardInput = source { return nil } else { return streamed?.pointCount ?? queries.count } }())
                ?? RankedListWriter(singleText: single, labelName: model.labelName, output: output)
            do {
                try rank(into: &writer)
            } catch FileDescriptorOutput.Failure.closed {
                // The reader stopped reading (`| head`): a normal end.
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
    /// A model trained on raw text featurizes every query as it did its training texts (TF-IDF,
    /// embeddings or both), dataset points included; otherwise only dataset feature vectors can be ranked.
    static func queries(from source: QuerySource, model: TrainedModel,
                        modelPath: String) throws -> (queries: QueryBatch, truth: [Int]) {
        func textFeatures(_ texts: [String], _ option: String) throws -> CSRMatrix {
            try Self.requireText(model, option, modelPath: modelPath)
            return try model.features(of: texts)
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
            return (QueryBatch(features: try textFeatures([text], "--text"), texts: [text]), [])
        case let .input(path):
            try Self.requireText(model, "--input", modelPath: modelPath)
            let lines = try LineFile(contentsOf: URL(fileURLWithPath: path)).lines
            return (QueryBatch(features: try textFeatures(lines, "--input"), texts: lines), [])
        case .standardInput:
            // Read block by block when ranking; fail now if the model cannot read text.
            try Self.requireText(model, "--input -", modelPath: modelPath)
            return (QueryBatch(features: CSRMatrix(rows: 0, cols: model.model.featureCount), texts: []), [])
        }
    }

    /// Fails, saying `option` needs a model trained on raw text, unless the model reads text.
    static func requireText(_ model: TrainedModel, _ option: String, modelPath: String) throws {
        guard model.readsText else {
            throw CommandFailure("\(modelPath): the model was trained on feature vectors and has no vectorizer; \(option) needs a model trained on raw text (xmr train --features texts, or a text-only dataset)")
        }
    }
}

/// The JSON shape of `xmr predict --json`.
struct PredictionOutput: Encodable {
    struct Ranked: Encodable {
        var label: Int
        var name: String?
        var score: Float
        /// The calibrated probability, when the model has a calibration.
        var probability: Double?
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

    /// The output of every collected block, naming labels by `labelNames`.
    init(_ collected: CollectedPredictions, labelNames: [String]?) {
        predictions = collected.blocks.flatMap { block in
            block.rankings.enumerated().map { i, ranking in
                Point(point: block.firstPoint + i, text: block.texts?[i],
                      labels: ranking.enumerated().map { r, ranked in
                          Ranked(label: ranked.label, name: labelNames?[ranked.label], score: ranked.score,
                                 probability: block.probabilities?[i][r])
                      })
            }
        }
        points = predictions.count
        predictSeconds = collected.seconds
    }
}
