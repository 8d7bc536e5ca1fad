import Foundation
import XMR

/// What the workbench needs from the engine: load a dataset and train a model. The app calls it
/// off the UI thread; progress and cancellation go through the two closures, so the engine never
/// sees a UI type.
public protocol WorkbenchEngine: Sendable {
    /// Loads the dataset folder at `url` (throws a one-line, user-readable error).
    func loadDataset(at url: URL) throws -> Dataset

    /// Trains a model on `dataset`, calling `progress` with snapshots and checking `isCancelled`
    /// between jobs; throws `TrainingCancelled` after a cancel. The model folder is written to
    /// `modelFolder` when one is given (its size is the summary's model size).
    func train(_ dataset: Dataset, parameters: TrainingParameters, modelFolder: URL?,
               progress: @escaping @Sendable (TrainingSnapshot) -> Void,
               isCancelled: @escaping @Sendable () -> Bool) throws -> any TrainedWorkbenchModel

    /// Loads a model folder that `train(_:parameters:modelFolder:...)` wrote, for `dataset`, with the results
    /// `summary` recorded when it was trained (a resumed session needs no retraining).
    func loadModel(at folder: URL, dataset: Dataset, summary: TrainingSummary) throws -> any TrainedWorkbenchModel
}

extension WorkbenchEngine {
    /// Trains a model on `dataset` without keeping its model folder.
    public func train(_ dataset: Dataset, parameters: TrainingParameters,
                      progress: @escaping @Sendable (TrainingSnapshot) -> Void,
                      isCancelled: @escaping @Sendable () -> Bool) throws -> any TrainedWorkbenchModel {
        try train(dataset, parameters: parameters, modelFolder: nil, progress: progress, isCancelled: isCancelled)
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
    /// P@1, P@5 and single-thread latency on `dataset`'s test split at each of `beamWidths`.
    func sweepBeamWidths(_ beamWidths: [Int], dataset: Dataset, threads: Int,
                         progress: @escaping @Sendable (BeamWidthSweep.Progress) -> Void,
                         isCancelled: @escaping @Sendable () -> Bool) throws -> BeamWidthSweep
}

/// Thrown by `WorkbenchEngine.train` when the user cancelled.
public struct TrainingCancelled: Error, Sendable {
    /// Creates the error.
    public init() {}
}
