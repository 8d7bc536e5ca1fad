import Foundation
import XMR

/// What the workbench needs from the engine: load a dataset and train a model. The app calls it
/// off the UI thread; progress and cancellation go through the two closures, so the engine never
/// sees a UI type.
public protocol WorkbenchEngine: Sendable {
    /// Loads the dataset folder at `url` (throws a one-line, user-readable error).
    func loadDataset(at url: URL) throws -> Dataset

    /// Trains `pipeline` on `dataset`, calling `progress` with snapshots and checking `cancel`
    /// between jobs; throws `XRLinearError.cancelled` after a cancel. The model folder is written
    /// to `modelFolder` when one is given (its size is the summary's model size).
    func train(_ dataset: Dataset, pipeline: Pipeline, modelFolder: URL?,
               progress: @escaping @Sendable (TrainingSnapshot) -> Void,
               cancel: CancellationToken) throws -> any TrainedWorkbenchModel

    /// Loads a model folder that `train(_:pipeline:modelFolder:...)` wrote, for `dataset`, with the results
    /// `summary` recorded when it was trained (a resumed session needs no retraining).
    func loadModel(at folder: URL, dataset: Dataset, summary: TrainingSummary) throws -> any TrainedWorkbenchModel
}

extension WorkbenchEngine {
    /// Trains `pipeline` on `dataset` without keeping its model folder.
    public func train(_ dataset: Dataset, pipeline: Pipeline,
                      progress: @escaping @Sendable (TrainingSnapshot) -> Void,
                      cancel: CancellationToken) throws -> any TrainedWorkbenchModel {
        try train(dataset, pipeline: pipeline, modelFolder: nil, progress: progress, cancel: cancel)
    }
}

/// A trained model as the workbench sees it: its results, its tree, and queries with a trace.
public protocol TrainedWorkbenchModel: Sendable {
    /// Metrics, time and size of the training.
    var summary: TrainingSummary { get }
    /// The model's label tree.
    var tree: LabelTree { get }
    /// Answers a query (free text or a test point of `dataset`) with ranked labels and the beam path.
    func answer(_ request: QueryRequest, dataset: Dataset) throws -> QueryResult
    /// The `count` largest positive weights of the ranker of node `node` at `level` (1...depth),
    /// named: the words that pull a query towards the node.
    func rankerFeatures(ofNode node: Int, atLevel level: Int, count: Int) -> [(name: String, weight: Float)]
    /// Fits a score → probability calibration on held-out training points, measures it on the test
    /// split and writes it to `modelFolder` (the model's folder); returns it with the model that
    /// then reports probabilities.
    func calibrate(dataset: Dataset, modelFolder: URL, threads: Int,
                   cancel: CancellationToken) throws -> (RunCalibration, any TrainedWorkbenchModel)
    /// P@1, P@5 and single-thread latency on `dataset`'s test split at each of `beamWidths`.
    func sweepBeamWidths(_ beamWidths: [Int], dataset: Dataset, threads: Int,
                         progress: @escaping @Sendable (BeamWidthSweep.Progress) -> Void,
                         cancel: CancellationToken) throws -> BeamWidthSweep
}
