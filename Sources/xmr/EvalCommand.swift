import ArgumentParser
import Foundation
import XMR

/// `xmr eval --model DIR DATASET`: ranking metrics, beam recall and timings on the test split.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a model on a dataset's test split (P@k, R@k, nDCG@k, PSP@k, beam recall, speed).")

    @Option(help: "The model folder.") var model: String
    @Argument(help: "A dataset folder with a test split.") var dataset: String
    @Option(name: .customLong("beam-width"), help: "Beam width.") var beamWidth = 10
    @Option(name: .customLong("top-k"), help: "Labels ranked per point.") var topK = 5
    @Option(help: "Threads for batch prediction (default: all cores).") var threads: Int?
    @Option(name: .customLong("latency-sample"), help: "Test points timed one at a time on one thread.") var latencySample = 1000
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if let problem = PipelineParameter.beamWidth.problem(with: beamWidth) { throw ValidationError("--beam-width \(problem)") }
        if let problem = PipelineParameter.topK.problem(with: topK) { throw ValidationError("--top-k \(problem)") }
        if let threads, let problem = PipelineParameter.threads.problem(with: threads) { throw ValidationError("--threads \(problem)") }
        if latencySample < 0 { throw ValidationError("--latency-sample must be 0 or more") }
    }

    func run() throws {
        try CLIError.run {
            let loaded = try TrainedModel.load(from: URL(fileURLWithPath: model))
            let data = try DatasetFeatures.load(dataset)
            let (queries, truth) = try DatasetFeatures.split(data, .test, path: dataset, model: loaded)
            guard truth.cols == loaded.model.labelCount else {
                throw CommandFailure("\(dataset): the dataset has \(truth.cols) labels but the model has \(loaded.model.labelCount)")
            }
            let evaluation = try ModelEvaluation.evaluate(
                loaded, queries: queries, truth: truth, trainingLabels: data.train.labels, beamWidth: beamWidth,
                topK: topK, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                latencySample: latencySample)
            let output = EvalOutput(metrics: evaluation.metrics.dictionary, points: evaluation.points,
                                    predictSeconds: evaluation.predictSeconds, beamRecall: evaluation.beamRecall.perPoint,
                                    latencyP50: evaluation.latencyMilliseconds(quantile: 0.50),
                                    latencyP99: evaluation.latencyMilliseconds(quantile: 0.99),
                                    beamWidth: beamWidth, topK: topK)
            if json {
                try JSONPrinting.print(output)
            } else {
                for line in output.lines() { print(line) }
            }
        }
    }
}

/// The JSON shape of `xmr eval --json`: every metric by its key plus timings.
struct EvalOutput: Encodable {
    var metrics: [String: Double]
    var points: Int
    var predictSeconds: Double
    var beamRecall: [Double]
    var latencyP50: Double
    var latencyP99: Double
    var beamWidth: Int
    var topK: Int

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in metrics { try container.encode(value, forKey: Key(key)) }
        try container.encode(points, forKey: Key("points"))
        try container.encode(predictSeconds, forKey: Key("predict_seconds"))
        try container.encode(beamRecall, forKey: Key("beam_recall"))
        try container.encode(latencyP50, forKey: Key("latency_p50_ms"))
        try container.encode(latencyP99, forKey: Key("latency_p99_ms"))
        try container.encode(beamWidth, forKey: Key("beam_width"))
        try container.encode(topK, forKey: Key("top_k"))
    }

    func lines() -> [String] {
        func metric(_ key: String) -> String { String(format: "%.4f", metrics[key] ?? .nan) }
        var out: [String] = []
        out.append("points \(points), beam width \(beamWidth), top-k \(topK)")
        for k in [1, 3, 5] {
            out.append("P@\(k) \(metric("P@\(k)"))   R@\(k) \(metric("R@\(k)"))   nDCG@\(k) \(metric("nDCG@\(k)"))   PSP@\(k) \(metric("PSP@\(k)"))")
        }
        out.append("beam recall per level: " + beamRecall.map { String(format: "%.4f", $0) }.joined(separator: "  "))
        out.append(String(format: "predict %.3f s (batch), latency p50 %.3f ms, p99 %.3f ms (one thread)", predictSeconds, latencyP50, latencyP99))
        return out
    }
}
