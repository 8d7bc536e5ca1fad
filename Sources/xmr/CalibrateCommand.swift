import ArgumentParser
import Foundation
import XMR

/// `xmr calibrate --model DIR DATASET`: fit score → probability on held-out points, measure it on the test split, store it.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit a score → probability calibration and store it in the model folder (ECE and Brier on the test split, before and after).",
        discussion: """
            The calibration is fitted on the model's predictions for --valid DIR's training split, or \
            else on a part (--hold-out) of DATASET's training split ranked by a copy of the model \
            trained on the rest (one extra training), so that it learns from scores of unseen points. \
            It is measured on DATASET's test split: expected \
            calibration error (15 bins) and Brier score over every ranked label (top-k per point), with \
            the raw score taken as the probability before. It is written to calibration.json in the \
            model folder, tied to that model: predict then reports a probability beside each score.
            """)

    @Option(help: "The model folder.") var model: String
    @Argument(help: "A dataset folder; its test split measures the calibration.") var dataset: String
    @Option(help: "A dataset folder whose training split (points the model has not seen) fits the calibration.") var valid: String?
    @Option(help: "Without --valid, the share of DATASET's training split held out from the copy and fitted on.") var holdOut = 0.2
    @Option(help: "The method: \(CalibrationMethod.allCases.map(\.rawValue).joined(separator: " or ")).") var method: CalibrationMethod = .isotonic
    @Option(help: "Seed of the held-out sample.") var seed: UInt64 = 0
    @Option(help: "Beam width (default: the model's).") var beamWidth: Int?
    @Option(help: "Ranked labels per point (default: the model's).") var topK: Int?
    @Option(help: "Threads for batch prediction (default: all cores).") var threads: Int?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if let beamWidth, let problem = PipelineParameter.beamWidth.problem(with: beamWidth) { throw ValidationError("--beam-width \(problem)") }
        if let topK, let problem = PipelineParameter.topK.problem(with: topK) { throw ValidationError("--top-k \(problem)") }
        if let threads, let problem = PipelineParameter.threads.problem(with: threads) { throw ValidationError("--threads \(problem)") }
        if !(holdOut > 0 && holdOut < 1) { throw ValidationError("--hold-out must be between 0 and 1, got \(holdOut)") }
    }

    func run() throws {
        try CLIError.run {
            let folder = URL(fileURLWithPath: model)
            let trained = try TrainedModel.load(from: folder)
            let modelChecksum = try CalibrationFile.modelChecksum(ofModel: folder)
            let data = try DatasetFeatures.load(dataset)
            let fitting = try FittingData.load(model: trained, data: data, datasetPath: dataset, valid: valid,
                                               holdOut: holdOut, seed: seed)
            let (testQueries, testTruth) = try DatasetFeatures.split(data, .test, path: dataset, model: trained)
            try FittingData.checkLabels(testTruth, model: trained, path: dataset)
            let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
            let fitSample = CalibrationSample(
                rankings: fitting.predictor.predictBatch(fitting.queries, beamWidth: beamWidth, topK: topK, threads: workers).rankings,
                truth: fitting.truth)
            let testSample = CalibrationSample(
                rankings: trained.predictBatch(testQueries, beamWidth: beamWidth, topK: topK, threads: workers).rankings,
                truth: testTruth)
            guard fitSample.count > 0 else { throw CommandFailure("\(fitting.description): no predictions to fit on") }
            let fitted = Dictionary(uniqueKeysWithValues: CalibrationMethod.allCases.map { ($0, ScoreCalibration.fit($0, on: fitSample)) })
            let before = ReliabilityReport(probabilities: testSample.scores.map(Double.init), outcomes: testSample.outcomes)
            let reports = fitted.mapValues { $0.report(on: testSample) }
            let chosen = fitted[method]!, after = reports[method]!
            let file = CalibrationFile(calibration: chosen, modelChecksum: modelChecksum, fittedOn: fitting.description,
                                       predictions: fitSample.count,
                                       beamWidth: max(1, beamWidth ?? trained.pipeline.matcher.beamWidth),
                                       topK: max(1, topK ?? trained.pipeline.ranker.topK))
            try file.write(toModel: folder)
            let output = CalibrationOutput(
                method: method.rawValue, eceBefore: before.ece, eceAfter: after.ece, brierBefore: before.brier,
                brierAfter: after.brier, fittedOn: fitting.description, fitPredictions: fitSample.count,
                testPredictions: testSample.count, beamWidth: file.beamWidth, topK: file.topK,
                methods: CalibrationMethod.allCases.map { .init(method: $0.rawValue, ece: reports[$0]!.ece, brier: reports[$0]!.brier) },
                reliabilityBefore: before.bins, reliabilityAfter: after.bins,
                calibrationFile: folder.appendingPathComponent(CalibrationFile.fileName).path)
            if json {
                try JSONPrinting.print(output)
                return
            }
            print("fitted \(method.rawValue) on \(fitSample.count) predictions (\(fitting.description))")
            print("test split: \(testSample.count) predictions (top \(file.topK) of \(testQueries.count) points)")
            for m in CalibrationMethod.allCases {
                print("  " + m.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                      + String(format: " ECE %.4f  Brier %.4f", reports[m]!.ece, reports[m]!.brier))
            }
            print(String(format: "before: ECE %.4f  Brier %.4f (raw score as the probability)", before.ece, before.brier))
            print(String(format: "after:  ECE %.4f  Brier %.4f", after.ece, after.brier) + " (\(method.rawValue))")
            print("")
            print("Reliability before (raw scores):")
            for line in before.tableLines() { print("  " + line) }
            print("")
            print("Reliability after (\(method.rawValue)):")
            for line in after.tableLines() { print("  " + line) }
            print("")
            print("wrote \(output.calibrationFile)")
        }
    }
}

/// The JSON shape of `xmr calibrate --json`.
struct CalibrationOutput: Encodable {
    /// One method's numbers on the test split.
    struct MethodResult: Encodable {
        var method: String
        var ece: Double
        var brier: Double
    }

    var method: String
    var eceBefore: Double
    var eceAfter: Double
    var brierBefore: Double
    var brierAfter: Double
    var fittedOn: String
    var fitPredictions: Int
    var testPredictions: Int
    var beamWidth: Int
    var topK: Int
    var methods: [MethodResult]
    var reliabilityBefore: [ReliabilityReport.Bin]
    var reliabilityAfter: [ReliabilityReport.Bin]
    var calibrationFile: String
}
