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
    /// Where embeddings of the training texts are kept between trainings (nil: always encode).
    public var embeddingCache: EmbeddingCache? = .standard

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
    /// with texts, a TF-IDF vectorizer is fitted on the training texts and saved with the model;
    /// with an encoder (`pipeline.features.encoder`), the training texts are embedded (through
    /// `embeddingCache`) for dense features and the dense label representations, and the model
    /// records the encoder's folder and checksum.
    public func train(_ dataset: Dataset, progress: (@Sendable (TrainingProgress) -> Void)? = nil,
                      cancel: CancellationToken? = nil) throws -> TrainedModel {
        try pipeline.validate()
        let split = dataset.train
        let labelGraph = try Self.labelGraph(of: dataset, for: pipeline.representation.algorithm)
        let source = pipeline.features.source.resolved(for: dataset, hasEncoder: pipeline.encoder != nil)
        let embeds = source.embedsTexts(hasEncoder: true)
        if source.usesTexts(dataset) || pipeline.representation.algorithm.usesEmbeddings {
            guard let texts = split.texts else {
                throw XRLinearError.invalidInput("the features are \(embeds ? "embeddings" : "TF-IDF") of the texts, but the training split has no texts (train_texts.txt)")
            }
            guard texts.count == split.count else {
                throw XRLinearError.invalidInput("the training split has \(split.count) points but \(texts.count) texts")
            }
            var described = self
            var encoder: TextEncoder?
            var embeddings: DenseMatrix?
            var encodeSeconds = 0.0
            if let reference = pipeline.encoder {
                let start = Date()
                let opened = try reference.open()
                described.pipeline.features.encoder?.checksum = try opened.checksum()
                described.pipeline.features.source = source
                let featurizer = TextFeaturizer(vectorizer: nil, encoder: opened,
                                                encoding: EncodingOptions(maxLength: reference.maxLength, threads: pipeline.threads),
                                                cache: embeddingCache)
                progress?(.stageStarted(.encoding))
                progress?(.encoding(done: 0, total: texts.count))
                do {
                    embeddings = try featurizer.embeddings(of: texts, cancel: cancel) { done in
                        progress?(.encoding(done: done, total: texts.count))
                    }
                } catch EncoderError.cancelled {
                    throw XRLinearError.cancelled  // one cancellation error for every stage
                }
                encoder = embeds ? opened : nil
                encodeSeconds = Date().timeIntervalSince(start)
            }
            if cancel?.isCancelled == true { throw XRLinearError.cancelled }
            var features: CSRMatrix
            var vectorizer: TfidfVectorizer?
            let start = Date()
            if source == .dense {
                features = try TextFeaturizer(vectorizer: nil, encoder: encoder).features(of: texts, embeddings: embeddings)
            } else if source.usesTexts(dataset) {
                progress?(.stageStarted(.tfidf))
                progress?(.vectorizing(texts: texts.count))
                var fitted = TfidfVectorizer(configuration: pipeline.features.tfidf)
                features = try fitted.fitTransform(texts: texts, threads: pipeline.threads)
                if let embeddings, embeds { features = try FeatureConcatenation.concatenate(features, embeddings) }
                vectorizer = fitted
            } else {
                guard let vectors = split.features else { throw XRLinearError.invalidInput("the training split has no feature vectors (train.txt)") }
                features = vectors
            }
            let seconds = Date().timeIntervalSince(start)
            if cancel?.isCancelled == true { throw XRLinearError.cancelled }
            var model = try described.train(features: features, labels: split.labels, texts: texts, labelNames: dataset.labelNames,
                                            labelGraph: labelGraph, embeddings: embeddings, progress: progress, cancel: cancel)
            model.vectorizer = vectorizer
            model.encoder = model.fineTunedEncoder ?? encoder
            model.embeddingCache = embeddingCache
            model.vectorizeSeconds = seconds
            model.encodeSeconds = encodeSeconds
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
    ///   - embeddings: the encoder's embeddings of the training texts, for the dense label representations.
    public func train(features: CSRMatrix, labels: CSRMatrix, texts: [String]? = nil, labelNames: [String]? = nil,
                      labelGraph: LabelGraph? = nil, embeddings: DenseMatrix? = nil,
                      progress: (@Sendable (TrainingProgress) -> Void)? = nil,
                      cancel: CancellationToken? = nil) throws -> TrainedModel {
        try pipeline.validate()
        if let embeddings, embeddings.rows != labels.rows {
            throw XRLinearError.invalidInput("\(embeddings.rows) embeddings for \(labels.rows) training points")
        }
        let start = Date()
        let x = pipeline.features.normalizeRows ? features.l2NormalizedRows() : features
        var input = try TrainingInput(features: x, labels: labels, texts: texts, labelNames: labelNames)
        input.labelGraph = labelGraph
        input.embeddings = embeddings
        let context = StageContext(seed: pipeline.seed, threads: pipeline.threads, progress: progress, cancel: cancel)
        progress?(.clusteringStarted(labels: labels.cols))
        progress?(.stageStarted(.representation))
        let tree: LabelTree
        do {
            // The label vectors (as large as the features for PIFA) are released once indexed.
            let vectors = try representation.labelVectors(for: input, context: context)
            try context.checkCancellation()
            progress?(.stageStarted(.clustering))
            tree = try indexer.index(labelVectors: vectors, input: input, context: context)
        }
        guard tree.labelCount == labels.cols, tree.depth >= 1 else {
            throw XRLinearError.invalidInput("the \(indexer.name) indexer built a tree of \(tree.labelCount) labels and depth \(tree.depth) for \(labels.cols) labels")
        }
        progress?(.clusteringFinished(nodeCounts: (0...tree.depth).map { tree.nodeCount(atLevel: $0) },
                                      seconds: Date().timeIntervalSince(start)))
        try context.checkCancellation()
        progress?(.stageStarted(.matcher(pipeline.matcher.algorithm.rawValue)))
        let matched = try matcher.train(input, tree: tree, needsMatchedClusters: ranker.needsMatchedClusters,
                                        context: context)
        var rankerInput = input
        if let features = matched.rankerFeatures {
            rankerInput = try TrainingInput(features: features, labels: labels, texts: texts, labelNames: labelNames)
            rankerInput.labelGraph = labelGraph
            rankerInput.embeddings = embeddings
        }
        let ranked = try ranker.train(rankerInput, tree: tree, matcher: matched, context: context)
        guard let last = ranked.linearLevel, matched.linearLevels.count == tree.depth - 1 else {
            throw XRLinearError.invalidInput("only linear rankers, and matchers that are linear or store a file (StoredMatcher), can be saved in a model folder")
        }
        var described = pipeline
        if IndexerAlgorithm(rawValue: indexer.name) == nil { described.indexer.custom = indexer.name }
        let model = try XRLinearModel(parameters: described, featureCount: rankerInput.features.cols, labelCount: labels.cols,
                                      tree: tree, levels: matched.linearLevels + [last], labelNames: labelNames,
                                      labelFrequencies: XRLinearTrainer.labelFrequencies(labels))
        progress?(.finished(seconds: Date().timeIntervalSince(start), nonzeros: model.nonzeros))
        // A linear matcher is rebuilt from the model's weights, as loading does.
        var trained = TrainedModel(model, vectorizer: nil,
                                   matcher: matched.matcher is any StoredMatcher ? matched.matcher : model.matcher)
        trained.fineTunedEncoder = matched.encoder
        trained.fineTuning = matched.fineTuning
        return trained
    }
}
