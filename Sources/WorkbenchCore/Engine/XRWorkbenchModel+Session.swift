import Foundation
import XMR

extension XRWorkbenchModel {
    /// Sweeps beam widths on the test split (features as the model sees them, labels from `dataset`).
    public func sweepBeamWidths(_ beamWidths: [Int], dataset: Dataset, threads: Int,
                                progress: @escaping @Sendable (BeamWidthSweep.Progress) -> Void,
                                isCancelled: @escaping @Sendable () -> Bool) throws -> BeamWidthSweep {
        guard let features = testFeatures, let test = dataset.test, test.count > 0 else {
            throw XRWorkbenchEngineError.noTestSplit
        }
        do {
            return try BeamWidthSweep(model: model, features: features, truth: test.labels, beamWidths: beamWidths,
                                      threads: threads, progress: progress, isCancelled: isCancelled)
        } catch XRLinearError.cancelled {
            throw TrainingCancelled()
        }
    }

    /// Loads a model folder written by `XRWorkbenchEngine.train(_:parameters:modelFolder:...)` for `dataset`: the test split is vectorized with
    /// the stored vectorizer, so queries and sweeps behave as right after the training.
    public static func load(from folder: URL, dataset: Dataset, summary: TrainingSummary) throws -> XRWorkbenchModel {
        let (model, blob) = try ModelStore.loadFolder(from: folder)
        let vectorizer = try blob.map {
            try TfidfVectorizer.decode($0, file: folder.appendingPathComponent(TfidfVectorizer.fileName))
        }
        guard model.labelCount == dataset.labelCount else {
            throw XRWorkbenchEngineError.modelDoesNotFit(folder: folder.path, reason:
                "it has \(model.labelCount) labels, the dataset \(dataset.labelCount)")
        }
        let testFeatures: CSRMatrix?
        if let vectorizer {
            testFeatures = dataset.test?.texts.map { vectorizer.transform(texts: $0) }
        } else {
            guard model.featureCount == dataset.featureCount else {
                throw XRWorkbenchEngineError.modelDoesNotFit(folder: folder.path, reason:
                    "it has \(model.featureCount) features, the dataset \(dataset.featureCount)")
            }
            testFeatures = dataset.test?.features
        }
        return XRWorkbenchModel(model: model, vectorizer: vectorizer, summary: summary, testFeatures: testFeatures,
                                featureNames: vectorizer?.vocabulary ?? dataset.featureNames,
                                labelFrequencies: LabelFrequencyStatistics.frequencies(of: dataset.train.labels),
                                trainingFeatures: dataset.train.features)
    }
}
