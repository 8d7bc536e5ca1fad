import Foundation

/// Trains a pipeline, stage by stage: features, label representation, label indexer, matcher,
/// ranker. The one training path of `xmr train` and the workbench.
///
/// The stages come from the pipeline's registries (`RepresentationSettings.stage`,
/// `IndexerAlgorithm.indexer`, `MatcherAlgorithm.trainer`, `RankerAlgorithm.trainer`); any of
/// them can be replaced by a user's own conforming type before training (see
/// `Examples/CustomIndexer`). The stages only meet at their boundaries: label vectors, the
/// tree, the matcher's clusters.
public struct PipelineTrainer: Sendable {
    /// The description the stages were made from; recorded in the model.
    public var pipeline: Pipeline
    /// Labels → vectors.
    public var representation: any LabelRepresentationStage
    /// Label vectors → the tree.
    public var indexer: any LabelIndexer
    /// Trains the matcher.
    public var matcher: any MatcherTrainer
    /// Trains the ranker.
    public var ranker: any RankerTrainer

    /// The stages `pipeline` names.
    public init(_ pipeline: Pipeline) {
        self.pipeline = pipeline
        representation = pipeline.representation.stage
        let splitter = pipeline.indexer.algorithm.indexer(pipeline.indexer, ann: pipeline.ann, seed: pipeline.seed,
                                                          threads: pipeline.threads)
        if let file = pipeline.indexer.labelTree {
            indexer = GivenTreeIndexer(path: file, settings: pipeline.indexer, splitter: splitter)
        } else {
            indexer = splitter
        }
        matcher = pipeline.matcher.algorithm.trainer(pipeline)
        ranker = pipeline.ranker.algorithm.trainer(pipeline)
    }

    /// Trains on `dataset`, on the features `pipeline.features.source` picks (`FeatureSource`):
    /// with texts, a TF-IDF vectorizer is fitted on the training texts and saved with the model.
    public func train(_ dataset: Dataset, progress: (@Sendable (TrainingProgress) -> Void)? = nil,
                      cancel: CancellationToken? = nil) throws -> TrainedModel {
        try pipeline.validate()
        let split = dataset.train
        let labelGraph = try Self.labelGraph(of: dataset, for: pipeline.representation.algorithm)
        if pipeline.features.source.usesTexts(dataset) {
            guard let texts = split.texts else {
                throw XRLinearError.invalidInput("the features are TF-IDF of the texts, but the training split has no texts (train_texts.txt)")
            }
            guard texts.count == split.count else {
                throw XRLinearError.invalidInput("the training split has \(split.count) points but \(texts.count) texts")
            }
            let start = Date()
            progress?(.stageStarted(.tfidf))
            progress?(.vectorizing(texts: texts.count))
            var vectorizer = TfidfVectorizer(configuration: pipeline.features.tfidf)
            let features = try vectorizer.fitTransform(texts: texts, threads: pipeline.threads)
            let seconds = Date().timeIntervalSince(start)
            if cancel?.isCancelled == true { throw XRLinearError.cancelled }
            var model = try train(features: features, labels: split.labels, texts: texts, labelNames: dataset.labelNames,
                                  labelGraph: labelGraph, progress: progress, cancel: cancel)
            model.vectorizer = vectorizer
            model.vectorizeSeconds = seconds
            return model
        }
        guard let features = split.features else {
            throw XRLinearError.invalidInput(pipeline.features.source == .vectors
                ? "the training split has no feature vectors (train.txt)"
                : "the training split has neither feature vectors (train.txt) nor texts (train_texts.txt)")
        }
        return try train(features: features, labels: split.labels, texts: split.texts, labelNames: dataset.labelNames,
                         labelGraph: labelGraph, progress: progress, cancel: cancel)
    }

    /// The dataset folder's `label_graph.txt` when `representation` uses a label graph and the file exists.
    static func labelGraph(of dataset: Dataset, for representation: LabelRepresentation) throws -> LabelGraph? {
        guard representation == .spectral || representation == .pifaWithSpectral,
              let file = dataset.directory?.appendingPathComponent(LabelGraphFile.fileName),
              FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try LabelGraphFile.read(file, labelCount: dataset.labelCount)
    }

    /// Trains on given features (in the space queries will have; no vectorizer).
    ///
    /// - Parameters:
    ///   - progress: `.clusteringStarted`, clustering events, `.clusteringFinished`, level events,
    ///     then `.finished`, with `.stageStarted` as each stage begins; from worker threads.
    ///   - cancel: honoured between clustering splits and between binary problems; training then
    ///     throws `XRLinearError.cancelled`.
    public func train(features: CSRMatrix, labels: CSRMatrix, texts: [String]? = nil, labelNames: [String]? = nil,
                      labelGraph: LabelGraph? = nil, progress: (@Sendable (TrainingProgress) -> Void)? = nil,
                      cancel: CancellationToken? = nil) throws -> TrainedModel {
        try pipeline.validate()
        let start = Date()
        let x = pipeline.features.normalizeRows ? features.l2NormalizedRows() : features
        var input = try TrainingInput(features: x, labels: labels, texts: texts, labelNames: labelNames)
        input.labelGraph = labelGraph
        let context = StageContext(seed: pipeline.seed, threads: pipeline.threads, progress: progress, cancel: cancel)
        progress?(.clusteringStarted(labels: labels.cols))
        progress?(.stageStarted(.representation))
        let vectors = try representation.labelVectors(for: input, context: context)
        try context.checkCancellation()
        progress?(.stageStarted(.clustering))
        let tree = try indexer.index(labelVectors: vectors, input: input, context: context)
        guard tree.labelCount == labels.cols, tree.depth >= 1 else {
            throw XRLinearError.invalidInput("the \(indexer.name) indexer built a tree of \(tree.labelCount) labels and depth \(tree.depth) for \(labels.cols) labels")
        }
        progress?(.clusteringFinished(nodeCounts: (0...tree.depth).map { tree.nodeCount(atLevel: $0) },
                                      seconds: Date().timeIntervalSince(start)))
        try context.checkCancellation()
        progress?(.stageStarted(.matcher(pipeline.matcher.algorithm.rawValue)))
        let matched = try matcher.train(input, tree: tree, needsMatchedClusters: ranker.needsMatchedClusters,
                                        context: context)
        let ranked = try ranker.train(input, tree: tree, matcher: matched, context: context)
        guard let last = ranked.linearLevel, matched.linearLevels.count == tree.depth - 1 else {
            throw XRLinearError.invalidInput("only linear rankers, and matchers that are linear or store a file (StoredMatcher), can be saved in a model folder")
        }
        var described = pipeline
        if IndexerAlgorithm(rawValue: indexer.name) == nil { described.indexer.custom = indexer.name }
        let model = try XRLinearModel(parameters: described, featureCount: features.cols, labelCount: labels.cols,
                                      tree: tree, levels: matched.linearLevels + [last], labelNames: labelNames,
                                      labelFrequencies: XRLinearTrainer.labelFrequencies(labels))
        progress?(.finished(seconds: Date().timeIntervalSince(start), nonzeros: model.nonzeros))
        // A linear matcher is rebuilt from the model's weights, as loading does.
        return TrainedModel(model, vectorizer: nil,
                            matcher: matched.matcher is any StoredMatcher ? matched.matcher : model.matcher)
    }
}
