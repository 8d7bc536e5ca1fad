import Foundation
import XMR

/// What the workbench needs from the engine: load a dataset and train a model. The app calls it
/// off the UI thread; progress and cancellation go through the two closures, so the engine never
/// sees a UI type.
public protocol WorkbenchEngine: Sendable {
    /// Loads the dataset folder at `url` (throws a one-line, user-readable error).
    func loadDataset(at url: URL) throws -> Dataset

    /// Trains a model on `dataset`, calling `progress` with snapshots and checking `isCancelled`
    /// between jobs; throws `TrainingCancelled` after a cancel.
    func train(_ dataset: Dataset, parameters: TrainingParameters,
               progress: @escaping @Sendable (TrainingSnapshot) -> Void,
               isCancelled: @escaping @Sendable () -> Bool) throws -> any TrainedWorkbenchModel

    /// Loads a model that `TrainedWorkbenchModel.save(to:)` wrote, for `dataset`, with the results
    /// `summary` recorded when it was trained (a resumed session needs no retraining).
    func loadModel(at folder: URL, dataset: Dataset, summary: TrainingSummary) throws -> any TrainedWorkbenchModel
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
    /// Writes the model (and its vectorizer) as a model folder, replacing `folder`; returns its bytes.
    func save(to folder: URL) throws -> Int
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
