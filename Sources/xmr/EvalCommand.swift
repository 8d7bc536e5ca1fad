import ArgumentParser
import Foundation
import XMR

/// `xmr eval --model DIR DATASET` or `xmr eval --predictions FILE DATASET`: ranking metrics of a
/// model (with beam recall and timings) or of any system's prediction file, on a dataset split.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model, or a prediction file in the XC format, on a dataset split (P@k, R@k, nDCG@k, PSP@k; for a model also beam recall and speed).")

    @Option(help: "The model folder.") var model: String?
    @Argument(help: "A dataset folder.") var dataset: String
    @Option(help: "Score this prediction file (XC sparse format, `points labels` then `label:score` pairs a line, from any system) instead of a model.") var predictions: String?
    @Option(help: "The split evaluated: train or test.") var split: DatasetFeatures.Split = .test
    @Option(name: .customLong("beam-width"), help: "Beam width.") var beamWidth = 10
    @Option(name: .customLong("top-k"), help: "Labels ranked per point.") var topK = 5
    @Option(help: "Threads for batch prediction (default: all cores).") var threads: Int?
    @Option(name: .customLong("latency-sample"), help: "Points timed one at a time on one thread.") var latencySample = 1000
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if let problem = PipelineParameter.firstOptionProblem([.beamWidth: beamWidth, .topK: topK, .threads: threads]) {
            throw ValidationError(problem)
        }
        if latencySample < 0 { throw ValidationError("--latency-sample must be 0 or more") }
        if (model == nil) == (predictions == nil) { throw ValidationError("give exactly one of --model or --predictions") }
    }

    func run() throws {
        try CLIError.run {
            if let predictions {
                try printOutput(try scoreFile(predictions, data: try DatasetFeatures.load(dataset)))
                return
            }
            let loaded = try TrainedModel.load(from: URL(fileURLWithPath: model ?? ""))
            let data = try DatasetFeatures.load(dataset)
            let (queries, truth) = try DatasetFeatures.split(data, split, path: dataset, model: loaded)
            try DatasetFeatures.checkFeatureCount(queries.features, model: loaded.model, path: dataset, split: split)
            guard truth.cols == loaded.model.labelCount else {
                throw CommandFailure("\(dataset): the dataset has \(truth.cols) labels but the model has \(loaded.model.labelCount)")
            }
            let evaluation = try ModelEvaluation.evaluate(
                loaded, queries: queries, truth: truth, trainingLabels: data.train.labels, beamWidth: beamWidth,
                topK: topK, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                latencySample: latencySample)
            try printOutput(EvalOutput(metrics: evaluation.metrics.dictionary, points: evaluation.points, split: split.rawValue,
                                       predictSeconds: evaluation.predictSeconds, beamRecall: evaluation.beamRecall.perPoint,
                                       latencyP50: evaluation.latencyMilliseconds(quantile: 0.50),
                                       latencyP99: evaluation.latencyMilliseconds(quantile: 0.99),
                                       beamWidth: evaluation.beamWidth, topK: evaluation.topK))
        }
    }

    /// The metrics of prediction file `path` against the split's labels.
    func scoreFile(_ path: String, data: Dataset) throws -> EvalOutput {
        let truth: CSRMatrix
        switch split {
        case .train: truth = data.train.labels
        case .test:
            guard let test = data.test else { throw CommandFailure("\(dataset): the dataset has no test split (test.txt)") }
            truth = test.labels
        }
        let file = try XCPredictionFile(contentsOf: URL(fileURLWithPath: path))
        let metrics = try RankingMetrics(predictions: file, path: path, truth: truth, maxK: topK,
                                         propensity: LabelPropensity(trainingLabels: data.train.labels))
        return EvalOutput(metrics: metrics.dictionary, points: file.count, split: split.rawValue, predictions: path, topK: topK)
    }

    func printOutput(_ output: EvalOutput) throws {
        if json {
            try JSONPrinting.print(output)
        } else {
            for line in output.lines() { print(line) }
        }
    }
}

/// The JSON shape of `xmr eval --json`: every metric as `p_at_1`, `r_at_5`, `ndcg_at_5`,
/// `psp_at_5`… (snake_case, like every key), plus the model's timings when a model was evaluated.
struct EvalOutput: Encodable {
    var metrics: [String: Double]
    var points: Int
    var split: String
    /// The prediction file scored, when no model was.
    var predictions: String?
    var predictSeconds: Double?
    var beamRecall: [Double]?
    var latencyP50: Double?
    var latencyP99: Double?
    var beamWidth: Int?
    var topK: Int

    /// The JSON key of metric `name` ("P@1" → "p_at_1", "nDCG@5" → "ndcg_at_5").
    static func key(ofMetric name: String) -> String {
        name.lowercased().replacingOccurrences(of: "@", with: "_at_")
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in metrics { try container.encode(value, forKey: Key(Self.key(ofMetric: name))) }
        try container.encode(points, forKey: Key("points"))
        try container.encode(split, forKey: Key("split"))
        try container.encodeIfPresent(predictions, forKey: Key("predictions"))
        try container.encodeIfPresent(predictSeconds, forKey: Key("predict_seconds"))
        try container.encodeIfPresent(beamRecall, forKey: Key("beam_recall"))
        try container.encodeIfPresent(latencyP50, forKey: Key("latency_p50_ms"))
        try container.encodeIfPresent(latencyP99, forKey: Key("latency_p99_ms"))
        try container.encodeIfPresent(beamWidth, forKey: Key("beam_width"))
        try container.encode(topK, forKey: Key("top_k"))
    }

    func lines() -> [String] {
        func metric(_ key: String) -> String { metrics[key].map { String(format: "%.4f", $0) } ?? "–" }
        var out: [String] = []
        if let predictions {
            out.append("\(predictions): \(points) points of the \(split) split, top-k \(topK)")
        } else {
            out.append("\(split) split: points \(points), beam width \(beamWidth ?? 0), top-k \(topK)")
        }
        for k in [1, 3, 5] where k <= topK {
            out.append("P@\(k) \(metric("P@\(k)"))   R@\(k) \(metric("R@\(k)"))   nDCG@\(k) \(metric("nDCG@\(k)"))   PSP@\(k) \(metric("PSP@\(k)"))")
        }
        if let beamRecall {
            out.append("beam recall per level: " + beamRecall.map { String(format: "%.4f", $0) }.joined(separator: "  "))
        }
        if let predictSeconds, let latencyP50, let latencyP99 {
            out.append(String(format: "predict %.3f s (batch), latency p50 %.3f ms, p99 %.3f ms (one thread)", predictSeconds, latencyP50, latencyP99))
        }
        return out
    }
}
