import Foundation
import XMR

/// The workbench's adapter to the engine: datasets through `DatasetLoader`, models through the
/// engine's one training path (`PipelineTrainer`, the same as `xmr train`), evaluated on the
/// test split with `ModelEvaluation`, saved and loaded as `TrainedModel` folders.
///
/// Which features a model is trained on follows the pipeline's rule (`FeatureSource`): by
/// default, TF-IDF of the raw texts when every split has texts, so a query typed in the
/// workbench is vectorized exactly like the training data; otherwise the feature vectors, and
/// only test points can be queried.
public struct XRWorkbenchEngine: WorkbenchEngine {
    /// Creates the engine.
    public init() {}

    /// Loads a dataset folder with the engine's loader.
    public func loadDataset(at url: URL) throws -> Dataset {
        try DatasetLoader.load(from: url)
    }

    /// Loads a model folder saved by a session run.
    public func loadModel(at folder: URL, dataset: Dataset, summary: TrainingSummary) throws -> any TrainedWorkbenchModel {
        try XRWorkbenchModel.load(from: folder, dataset: dataset, summary: summary)
    }

    /// Trains `pipeline` (features, clustering, per-level rankers, test evaluation) and saves the
    /// model folder to `modelFolder` when given.
    public func train(_ dataset: Dataset, pipeline: Pipeline, modelFolder: URL?,
                      progress: @escaping @Sendable (TrainingSnapshot) -> Void,
                      cancel: CancellationToken) throws -> any TrainedWorkbenchModel {
        let reporter = SnapshotReporter(publish: progress)
        let start = Date()
        let clusteringStart = Date()
        let trained = try PipelineTrainer(pipeline).train(dataset, progress: { event in
            reporter.update { snapshot in Self.apply(event, to: &snapshot, clusteringStart: clusteringStart) }
        }, cancel: cancel)
        if cancel.isCancelled { throw XRLinearError.cancelled }
        let trainingSeconds = Date().timeIntervalSince(start)

        // Evaluation on the test split (the training split when there is none).
        reporter.update { snapshot in
            snapshot.phase = .evaluating
            snapshot.begin(.evaluation)
        }
        let hasTest = (dataset.test?.count ?? 0) > 0
        let evaluationSplit = hasTest ? dataset.test! : dataset.train
        let queries = QueryBatch(features: try trained.features(of: evaluationSplit, name: hasTest ? "test" : "train"),
                                 texts: evaluationSplit.texts)
        let evaluation = try ModelEvaluation.evaluate(trained, queries: queries, truth: evaluationSplit.labels,
                                                      trainingLabels: dataset.train.labels,
                                                      beamWidth: pipeline.matcher.beamWidth, topK: 5,
                                                      threads: pipeline.threads)
        if cancel.isCancelled { throw XRLinearError.cancelled }
        reporter.update { $0.begin(.saving) }
        let modelBytes = try Self.save(trained, to: modelFolder)
        let metrics = evaluation.metrics
        let model = trained.model
        let shape = (0...model.tree.depth).map { model.tree.nodeCount(atLevel: $0) }
        let summary = TrainingSummary(
            precisionAt1: metrics.precision[0], precisionAt3: metrics.precision[2], precisionAt5: metrics.precision[4],
            recallAt5: metrics.recall[4], evaluatedPoints: evaluationSplit.count, evaluatedOnTest: hasTest,
            trainingSeconds: trainingSeconds, modelBytes: modelBytes,
            weightCount: model.nonzeros, treeShape: shape, beamRecall: evaluation.beamRecall.perPoint,
            ndcgAt5: metrics.ndcg[4], pspAt5: metrics.propensityScoredPrecision?[4],
            predictSeconds: evaluation.predictSeconds, finishedAt: Date())
        let test = dataset.test.flatMap { try? trained.features(of: $0, name: "test") }
        reporter.update { $0.endSteps() }
        return XRWorkbenchModel(trained: trained, summary: summary, testFeatures: test,
                                featureNames: trained.textFeatureNames ?? dataset.featureNames,
                                labelFrequencies: LabelFrequencyStatistics.frequencies(of: dataset.train.labels),
                                trainingFeatures: dataset.train.features)
    }

    /// Folds one engine progress event into the workbench's snapshot.
    static func apply(_ event: TrainingProgress, to snapshot: inout TrainingSnapshot, clusteringStart: Date) {
        switch event {
        case .encoding(let done, let total):
            snapshot.textsEncoded = done
            snapshot.textsToEncode = total
        case .stageStarted(let stage):
            snapshot.begin(.engine(stage))
        case .vectorizing:
            snapshot.detail = "vectorizing the texts (TF-IDF)"
        case .clusteringStarted:
            snapshot.phase = .clustering
            snapshot.detail = ""
        case .clustering(let done, let total):
            snapshot.clusteringFraction = total > 0 ? Double(done) / Double(total) : 1
            snapshot.clusteringSeconds = Date().timeIntervalSince(clusteringStart)
        case .clusteringFinished(let nodeCounts, let seconds):
            snapshot.phase = .training
            snapshot.clusteringFraction = 1
            snapshot.clusteringSeconds = seconds
            snapshot.treeShape = nodeCounts
            snapshot.levels = nodeCounts.indices.dropFirst().map {
                TrainingSnapshot.Level(level: $0, nodesDone: 0, nodesTotal: nodeCounts[$0], seconds: 0, weightsKept: 0)
            }
        case .level(let level):
            guard level.level >= 1, level.level <= snapshot.levels.count else { return }
            snapshot.phase = .training
            var row = TrainingSnapshot.Level(level: level.level, nodesDone: level.nodesDone, nodesTotal: level.nodesTotal,
                                             seconds: level.elapsedSeconds, weightsKept: level.nonzeros)
            row.rowsDone = level.rowsDone
            row.rowsTotal = level.rowsTotal
            snapshot.levels[level.level - 1] = row
        case .fineTuning(let p):
            snapshot.fineTuning = p
            snapshot.lossCurve.append(p.stepLoss)
            snapshot.detail = "fine-tuning level \(p.level)/\(p.levels), epoch \(p.epoch)/\(p.epochs): \(p.done)/\(p.total) texts, loss "
                + String(format: "%.4f, %.1f texts/s", p.loss, p.examplesPerSecond)
        case .finished:
            break
        }
    }

    /// Writes the model folder to `folder` and returns its size; without a folder, the size of the
    /// folder the model would take (saved to a temporary folder, then removed).
    static func save(_ trained: TrainedModel, to folder: URL?) throws -> Int {
        guard let folder else {
            let temporary = FileManager.default.temporaryDirectory
                .appendingPathComponent("xmr-workbench-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: temporary) }
            return try save(trained, to: temporary)
        }
        try trained.save(to: folder)
        return try ModelStore.folderBytes(folder)
    }
}

/// Holds the training's latest snapshot while clustering and training callbacks update it from
/// worker threads, and publishes every change.
///
/// `@unchecked Sendable` is safe: every access to `snapshot` happens under `lock`.
private final class SnapshotReporter: @unchecked Sendable {
    private let lock = NSLock()
    private var snapshot = TrainingSnapshot(phase: .preparing, detail: "starting")
    private let publish: @Sendable (TrainingSnapshot) -> Void
    private let start = Date()

    init(publish: @escaping @Sendable (TrainingSnapshot) -> Void) { self.publish = publish }

    /// Changes the snapshot and publishes it.
    /// The change sees the time now in `elapsedSeconds`.
    func update(_ change: (inout TrainingSnapshot) -> Void) {
        lock.lock()
        snapshot.elapsedSeconds = Date().timeIntervalSince(start)
        change(&snapshot)
        let copy = snapshot
        lock.unlock()
        publish(copy)
    }
}

/// Errors of `XRWorkbenchEngine`.
public enum XRWorkbenchEngineError: Error, CustomStringConvertible, Sendable {
    /// A free-text query on a model without a vectorizer.
    case noVectorizer
    /// A test point outside the test split.
    case noSuchTestPoint(Int)
    /// A beam sweep needs a test split.
    case noTestSplit
    /// A saved model does not fit the session's dataset.
    case modelDoesNotFit(folder: String, reason: String)

    /// A one-line description.
    public var description: String {
        switch self {
        case .noVectorizer: "this dataset has no raw texts, so free text cannot be vectorized; pick a test point (n/p)"
        case .noSuchTestPoint(let index): "there is no test point \(index + 1)"
        case .noTestSplit: "the dataset has no test split to sweep beam widths on"
        case let .modelDoesNotFit(folder, reason): "\(folder): the model does not fit this dataset (\(reason))"
        }
    }
}
