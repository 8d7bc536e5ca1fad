import ArgumentParser
import Foundation
import XMR

/// `xmr tune-thresholds --model DIR DATASET`: the threshold that maximizes F1 on validation points, measured on the test split.
struct TuneThresholdsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune-thresholds",
        abstract: "Pick the score (or probability) threshold that maximizes micro- or macro-F1 on validation points; report its F1 on the test split against the best fixed top-k.",
        discussion: """
            Validation points are --valid DIR's training split, or else a part (--hold-out) of \
            DATASET's training split ranked by a copy of the model trained on the rest (one extra \
            training). A model with a calibration (xmr calibrate) is thresholded on \
            probability, else on score. --per-label N also tunes labels with at least N true \
            validation points on their own. Use the global threshold with xmr predict \
            --min-probability or --min-score.
            """)

    @OptionGroup var options: FittingOptions
    @Option(help: "The F1 to maximize: micro or macro.") var objective: ThresholdTuning.Objective = .micro
    @Option(name: .customLong("per-label"), help: "Also tune a threshold per label with at least this many true validation points.") var perLabel: Int?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if let perLabel, perLabel < 1 { throw ValidationError("--per-label must be at least 1, got \(perLabel)") }
    }

    func run() throws {
        try CLIError.run {
            let calibration = try CalibrationFile.read(fromModel: URL(fileURLWithPath: options.model))?.calibration
            let ranked = try options.rankings()
            let (validation, test, testTruth) = (ranked.fitting, ranked.test, ranked.testTruth)
            func values(_ rankings: [[LabelScore]]) -> [[Double]] {
                calibration?.probabilities(rankings) ?? rankings.map { $0.map { Double($0.score) } }
            }
            let tuning = ThresholdTuning.tune(validation, values: values(validation), truth: ranked.fittingTruth,
                                              objective: objective, minimumSupport: perLabel)
            let global = ThresholdTuning(threshold: tuning.threshold)
            func f1(_ tuning: ThresholdTuning, _ rankings: [[LabelScore]], _ truth: CSRMatrix) -> Double {
                let scores = ThresholdTuning.f1(tuning.select(rankings, values: values(rankings)), truth: truth)
                return objective == .micro ? scores.micro : scores.macro
            }
            let fixed = (1...ranked.topK).map { k -> Double in
                let scores = ThresholdTuning.f1(test.map { $0.prefix(k).map(\.label) }, truth: testTruth)
                return objective == .micro ? scores.micro : scores.macro
            }
            let bestK = fixed.indices.max { fixed[$0] < fixed[$1] }! + 1
            let output = ThresholdOutput(
                objective: objective.rawValue, thresholdOn: calibration == nil ? "score" : "probability",
                threshold: tuning.threshold, labelThresholds: tuning.labelThresholds.count,
                validationF1: f1(tuning, validation, ranked.fittingTruth), testF1Global: f1(global, test, testTruth),
                testF1: f1(tuning, test, testTruth), bestFixedTopK: bestK, testF1BestTopK: fixed[bestK - 1],
                testF1TopK: fixed, fittedOn: ranked.fittingDescription, testPoints: test.count)
            if json {
                try JSONPrinting.print(output)
                return
            }
            let name = "\(objective.rawValue)-F1"
            print("validation: \(ranked.fittingDescription)")
            print("threshold on \(output.thresholdOn) " + String(format: "%.4f", tuning.threshold) + ": \(name) " + String(format: "%.4f", output.validationF1) + " on validation")
            if perLabel != nil {
                print("\(tuning.labelThresholds.count) labels have their own threshold")
            }
            print("test (\(test.count) points): \(name) " + String(format: "%.4f", output.testF1Global) + " at the global threshold"
                  + (perLabel != nil ? String(format: ", %.4f with the per-label ones", output.testF1) : ""))
            print("best fixed top-k on test: k = \(bestK), \(name) " + String(format: "%.4f (gain %+.4f)", fixed[bestK - 1],
                                                                                       output.testF1 - fixed[bestK - 1]))
            print("use it: xmr predict --model \(options.model) --\(calibration == nil ? "min-score" : "min-probability") \(String(format: "%.4f", tuning.threshold)) …")
        }
    }
}

/// The JSON shape of `xmr tune-thresholds --json`.
struct ThresholdOutput: Encodable {
    var objective: String
    var thresholdOn: String
    var threshold: Double
    var labelThresholds: Int
    var validationF1: Double
    var testF1Global: Double
    var testF1: Double
    var bestFixedTopK: Int
    var testF1BestTopK: Double
    var testF1TopK: [Double]
    var fittedOn: String
    var testPoints: Int
}
