import Foundation
import XMR

/// The workbench's engine: datasets through `DatasetLoader`, models through `XRLinearTrainer`
/// (label tree and per-level rankers), evaluated on the test split with `XRLinearEvaluation`.
///
/// When the dataset has raw training texts, the model is trained on TF-IDF features of those
/// texts (`Dataset.vectorizeTexts`), so a query typed in the workbench is vectorized exactly like
/// the training data. Without texts it trains on the dataset's feature vectors, and only test
/// points can be queried.
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

    /// Trains an XR-Linear model (clustering, per-level rankers, test evaluation) and saves it to
    /// `modelFolder` when given.
    public func train(_ dataset: Dataset, parameters: TrainingParameters, modelFolder: URL?,
                      progress: @escaping @Sendable (TrainingSnapshot) -> Void,
                      isCancelled: @escaping @Sendable () -> Bool) throws -> any TrainedWorkbenchModel {
        let reporter = SnapshotReporter(publish: progress)
        let start = Date()
        func checkCancel() throws { if isCancelled() { throw TrainingCancelled() } }

        // Features: TF-IDF of the texts when there are texts, else the dataset's vectors.
        var working = dataset
        var vectorizer: TfidfVectorizer?
        if dataset.train.texts != nil, dataset.test == nil || dataset.test?.texts != nil {
            reporter.update { $0.detail = "vectorizing the texts (TF-IDF)" }
            vectorizer = try working.vectorizeTexts(threads: parameters.threads)
        }
        guard let features = working.train.features else {
            throw XRWorkbenchEngineError.noFeatures
        }
        try checkCancel()

        // Clustering, then the per-level rankers, in one engine call that reports both.
        let xmrParameters = parameters.xrLinearParameters
        var nameFeatures: CSRMatrix?
        if parameters.representation == .pifaNames {
            guard let names = dataset.labelNames else { throw XRWorkbenchEngineError.noLabelNames }
            nameFeatures = try TfidfVectorizer.labelNameFeatures(names).matrix
        }
        reporter.update {
            $0.phase = .clustering
            $0.detail = ""
        }
        let clusteringStart = Date()
        // The trainer checks its token; every progress event passes the user's cancel on to it.
        let token = CancellationToken()
        let model: XRLinearModel
        do {
            model = try XRLinearTrainer().train(
                features: features, labels: working.train.labels, parameters: xmrParameters,
                labelNames: dataset.labelNames, labelNameFeatures: nameFeatures,
                progress: { event in
                    if isCancelled() { token.cancel() }
                    reporter.update { snapshot in Self.apply(event, to: &snapshot, clusteringStart: clusteringStart) }
                }, cancel: token)
        } catch XRLinearError.cancelled {
            throw TrainingCancelled()
        }
        try checkCancel()
        let trainingSeconds = Date().timeIntervalSince(start)

        // Evaluation on the test split (the training split when there is none).
        reporter.update { $0.phase = .evaluating }
        let hasTest = (working.test?.count ?? 0) > 0
        let evaluationSplit = hasTest ? working.test! : working.train
        let evaluation = try XRLinearEvaluation(model: model, features: evaluationSplit.features ?? features,
                                                truth: evaluationSplit.labels, trainingLabels: working.train.labels,
                                                beamWidth: parameters.beamWidth, topK: 5, threads: parameters.threads)
        try checkCancel()
        let metrics = evaluation.metrics
        let shape = (0...model.tree.depth).map { model.tree.nodeCount(atLevel: $0) }
        let summary = TrainingSummary(
            precisionAt1: metrics.precision[0], precisionAt3: metrics.precision[2], precisionAt5: metrics.precision[4],
            recallAt5: metrics.recall[4], evaluatedPoints: evaluationSplit.count, evaluatedOnTest: hasTest,
            trainingSeconds: trainingSeconds, modelBytes: try Self.save(model, vectorizer: vectorizer, to: modelFolder),
            weightCount: model.nonzeros, treeShape: shape, beamRecall: evaluation.beamRecall.perPoint,
            ndcgAt5: metrics.ndcg[4], pspAt5: metrics.propensityScoredPrecision?[4],
            predictSeconds: evaluation.predictSeconds, finishedAt: Date())
        reporter.update { $0.elapsedSeconds = Date().timeIntervalSince(start) }
        return XRWorkbenchModel(model: model, vectorizer: vectorizer, summary: summary,
                                testFeatures: working.test?.features, featureNames: working.featureNames,
                                labelFrequencies: LabelFrequencyStatistics.frequencies(of: working.train.labels),
                                trainingFeatures: working.train.features)
    }

    /// Folds one engine progress event into the workbench's snapshot.
    static func apply(_ event: TrainingProgress, to snapshot: inout TrainingSnapshot, clusteringStart: Date) {
        switch event {
        case .clusteringStarted:
            snapshot.phase = .clustering
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
            snapshot.levels[level.level - 1] = TrainingSnapshot.Level(
                level: level.level, nodesDone: level.nodesDone, nodesTotal: level.nodesTotal,
                seconds: level.elapsedSeconds, weightsKept: level.nonzeros)
        case .finished:
            break
        }
    }

    /// Writes the model folder to `folder` and returns its size; without a folder, the size of the
    /// folder `ModelStore` would write (saved to a temporary folder, then removed).
    static func save(_ model: XRLinearModel, vectorizer: TfidfVectorizer?, to folder: URL?) throws -> Int {
        guard let folder else {
            let temporary = FileManager.default.temporaryDirectory
                .appendingPathComponent("xmr-workbench-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: temporary) }
            return try save(model, vectorizer: vectorizer, to: temporary)
        }
        try ModelStore.save(model, to: folder, vectorizer: vectorizer?.serialized())
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
    func update(_ change: (inout TrainingSnapshot) -> Void) {
        lock.lock()
        change(&snapshot)
        snapshot.elapsedSeconds = Date().timeIntervalSince(start)
        let copy = snapshot
        lock.unlock()
        publish(copy)
    }
}

/// Errors of `XRWorkbenchEngine`.
public enum XRWorkbenchEngineError: Error, CustomStringConvertible, Sendable {
    /// The dataset has neither feature vectors nor texts.
    case noFeatures
    /// pifa+names needs label names.
    case noLabelNames
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
        case .noFeatures: "the dataset has neither feature vectors nor raw texts to train on"
        case .noLabelNames: "the pifa+names representation needs label_names.txt"
        case .noVectorizer: "this dataset has no raw texts, so free text cannot be vectorized; pick a test point (n/p)"
        case .noSuchTestPoint(let index): "there is no test point \(index + 1)"
        case .noTestSplit: "the dataset has no test split to sweep beam widths on"
        case let .modelDoesNotFit(folder, reason): "\(folder): the model does not fit this dataset (\(reason))"
        }
    }
}
