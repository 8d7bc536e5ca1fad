import ArgumentParser
import Foundation
import XMR

/// The options `calibrate` and `tune-thresholds` share: the model, the dataset whose test split
/// measures the result, where the fitting points come from, and how predictions are made.
struct FittingOptions: ParsableArguments {
    @Option(help: "The model folder.") var model: String
    @Argument(help: "A dataset folder; its test split measures the result.") var dataset: String
    @Option(help: "A dataset folder whose training split (points the model has not seen) is the fitting data.") var valid: String?
    @Option(help: "Without --valid, the share of DATASET's training split held out from a copy of the model and fitted on.") var holdOut = 0.2
    @Option(help: "Seed of the held-out sample.") var seed: UInt64 = 0
    @Option(help: "Beam width (default: the model's).") var beamWidth: Int?
    @Option(help: "Ranked labels per point (default: the model's).") var topK: Int?
    @Option(help: "Threads for batch prediction (default: all cores).") var threads: Int?

    func validate() throws {
        if let problem = PipelineParameter.firstOptionProblem([.beamWidth: beamWidth, .topK: topK, .threads: threads]) {
            throw ValidationError(problem)
        }
        if !(holdOut > 0 && holdOut < 1) { throw ValidationError("--hold-out must be between 0 and 1, got \(holdOut)") }
    }

    /// The model and the rankings of the fitting points and of the test split, with their labels.
    struct Rankings {
        var model: TrainedModel
        var fitting: [[LabelScore]]
        var fittingTruth: CSRMatrix
        var fittingDescription: String
        var test: [[LabelScore]]
        var testTruth: CSRMatrix
        /// The top-k the rankings were cut at.
        var topK: Int
        /// The beam width they were searched with.
        var beamWidth: Int
    }

    /// Loads the model and the dataset and ranks the fitting points and the test split.
    func rankings() throws -> Rankings {
        let trained = try TrainedModel.load(from: URL(fileURLWithPath: model))
        let data = try DatasetFeatures.load(dataset)
        let fitting = try FittingData.load(model: trained, data: data, datasetPath: dataset, valid: valid,
                                           holdOut: holdOut, seed: seed)
        let (testQueries, testTruth) = try DatasetFeatures.split(data, .test, path: dataset, model: trained)
        try FittingData.checkLabels(testTruth, model: trained, path: dataset)
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        return Rankings(
            model: trained,
            fitting: try fitting.predictor.predictBatch(fitting.queries, beamWidth: beamWidth, topK: topK, threads: workers).rankings,
            fittingTruth: fitting.truth, fittingDescription: fitting.description,
            test: try trained.predictBatch(testQueries, beamWidth: beamWidth, topK: topK, threads: workers).rankings,
            testTruth: testTruth, topK: max(1, topK ?? trained.pipeline.ranker.topK),
            beamWidth: max(1, beamWidth ?? trained.pipeline.matcher.beamWidth))
    }
}
