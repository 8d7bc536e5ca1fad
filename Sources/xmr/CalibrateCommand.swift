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

    @OptionGroup var options: FittingOptions
    @Option(help: "The method: \(CalibrationMethod.allCases.map(\.rawValue).joined(separator: " or ")).") var method: CalibrationMethod = .isotonic
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func run() throws {
        try CLIError.run {
            let folder = URL(fileURLWithPath: options.model)
            let ranked = try options.rankings()
            let modelChecksum = try CalibrationFile.modelChecksum(ofModel: folder)
            let fitSample = CalibrationSample(rankings: ranked.fitting, truth: ranked.fittingTruth)
            let testSample = CalibrationSample(rankings: ranked.test, truth: ranked.testTruth)
            guard fitSample.count > 0 else { throw CommandFailure("\(ranked.fittingDescription): no predictions to fit on") }
            let fitted = Dictionary(uniqueKeysWithValues: CalibrationMethod.allCases.map { ($0, ScoreCalibration.fit($0, on: fitSample)) })
            let before = ReliabilityReport(probabilities: testSample.scores.map(Double.init), outcomes: testSample.outcomes)
            let reports = fitted.mapValues { $0.report(on: testSample) }
            let chosen = fitted[method]!, after = reports[method]!
            let file = CalibrationFile(calibration: chosen, modelChecksum: modelChecksum, fittedOn: ranked.fittingDescription,
                                       predictions: fitSample.count, beamWidth: ranked.beamWidth, topK: ranked.topK)
            try file.write(toModel: folder)
            let output = CalibrationOutput(
                method: method.rawValue, eceBefore: before.ece, eceAfter: after.ece, brierBefore: before.brier,
                brierAfter: after.brier, fittedOn: ranked.fittingDescription, fitPredictions: fitSample.count,
                testPredictions: testSample.count, beamWidth: file.beamWidth, topK: file.topK,
                methods: CalibrationMethod.allCases.map { .init(method: $0.rawValue, ece: reports[$0]!.ece, brier: reports[$0]!.brier) },
                reliabilityBefore: before.bins, reliabilityAfter: after.bins,
                calibrationFile: folder.appendingPathComponent(CalibrationFile.fileName).path)
            if json {
                try JSONPrinting.print(output)
                return
            }
            print("fitted \(method.rawValue) on \(fitSample.count) predictions (\(ranked.fittingDescription))")
            print("test split: \(testSample.count) predictions (top \(file.topK) of \(ranked.test.count) points)")
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
