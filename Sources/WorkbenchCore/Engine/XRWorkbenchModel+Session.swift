import Foundation
import XMR

extension XRWorkbenchModel {
    /// Sweeps beam widths on the test split (features as the model sees them, labels from `dataset`).
    public func sweepBeamWidths(_ beamWidths: [Int], dataset: Dataset, threads: Int,
                                progress: @escaping @Sendable (BeamWidthSweep.Progress) -> Void,
                                cancel: CancellationToken) throws -> BeamWidthSweep {
        guard let features = testFeatures, let test = dataset.test, test.count > 0 else {
            throw XRWorkbenchEngineError.noTestSplit
        }
        return try BeamWidthSweep.measure(trained, queries: QueryBatch(features: features, texts: test.texts),
                                          truth: test.labels, beamWidths: beamWidths, threads: threads,
                                          progress: progress, cancel: cancel)
    }

    /// Loads a model folder written by `XRWorkbenchEngine.train` (or `xmr train`) for `dataset`:
    /// the test split is read as the model reads queries, so queries and sweeps behave as right
    /// after the training.
    public static func load(from folder: URL, dataset: Dataset, summary: TrainingSummary) throws -> XRWorkbenchModel {
        let trained = try TrainedModel.load(from: folder)
        let model = trained.model
        guard model.labelCount == dataset.labelCount else {
            throw XRWorkbenchEngineError.modelDoesNotFit(folder: folder.path, reason:
                "it has \(model.labelCount) labels, the dataset \(dataset.labelCount)")
        }
        if !trained.readsText, model.featureCount != dataset.featureCount {
            throw XRWorkbenchEngineError.modelDoesNotFit(folder: folder.path, reason:
                "it has \(model.featureCount) features, the dataset \(dataset.featureCount)")
        }
        let testFeatures = dataset.test.flatMap { try? trained.features(of: $0, name: "test") }
        var loaded = XRWorkbenchModel(trained: trained, summary: summary, testFeatures: testFeatures,
                                      featureNames: trained.textFeatureNames ?? dataset.featureNames,
                                      labelFrequencies: LabelFrequencyStatistics.frequencies(of: dataset.train.labels),
                                      trainingFeatures: dataset.train.features)
        // A calibration of another model is refused by the reader: then scores only.
        loaded.calibration = try? CalibrationFile.read(fromModel: folder)?.calibration
        return loaded
    }
}
