import Foundation

/// A trained pipeline with everything it needs to answer a raw query: the model (tree, weights,
/// pipeline description, label names) and, when it was trained on texts, the vectorizer and the
/// text encoder. Saved as one model folder (`save(to:)`, `load(from:)`); the encoder is stored as
/// a reference to its folder (path and checksum) and opened again on loading.
///
/// Prediction goes through the pipeline's stages: the matcher finds the clusters, the ranker
/// ranks their labels.
public struct TrainedModel: Sendable {
    /// The tree, the linear weights of every level (none at the cluster levels when the matcher
    /// is not linear), the pipeline and the label names.
    public var model: XRLinearModel
    /// The TF-IDF vectorizer fitted on the training texts, when the model reads raw text.
    public var vectorizer: TfidfVectorizer?
    /// The text encoder of the dense part of the features, when the model embeds its queries.
    public var encoder: TextEncoder?
    /// Where embeddings of dataset splits are kept between runs (nil: always encode).
    public var embeddingCache: EmbeddingCache?
    /// Seconds spent fitting the vectorizer and vectorizing the training texts (0 when loaded).
    public var vectorizeSeconds: Double = 0
    /// Seconds spent embedding the training texts, cache reads included (0 when loaded).
    public var encodeSeconds: Double = 0
    /// The encoder a matcher fine-tuned, until `PipelineTrainer` makes it the model's `encoder`.
    var fineTunedEncoder: TextEncoder?
    /// The cost and losses of fine-tuning the neural matcher (nil otherwise, and when loaded).
    public var fineTuning: FineTuningReport?
    /// The matcher stage.
    public var matcher: any ClusterMatcher
    /// The ranker stage.
    public var ranker: any LabelRanker

    /// Wraps `model` with its linear stages.
    public init(_ model: XRLinearModel, vectorizer: TfidfVectorizer?) {
        self.init(model, vectorizer: vectorizer, matcher: model.matcher)
    }

    /// Wraps `model` with `matcher` (for a matcher that is not linear, the cluster levels of
    /// `model` hold no weights) and the linear ranker of its label level.
    public init(_ model: XRLinearModel, vectorizer: TfidfVectorizer?, matcher: any ClusterMatcher) {
        self.model = model
        self.vectorizer = vectorizer
        self.matcher = matcher
        ranker = model.ranker
    }

    /// The pipeline it was trained with.
    public var pipeline: Pipeline { model.parameters }

    /// The label tree.
    public var tree: LabelTree { model.tree }

    /// How the model turns raw texts into its features (TF-IDF, embeddings or both).
    public var featurizer: TextFeaturizer {
        TextFeaturizer(vectorizer: vectorizer, encoder: encoder,
                       encoding: EncodingOptions(maxLength: pipeline.encoder?.maxLength ?? EncodingOptions().maxLength,
                                                 threads: max(1, pipeline.threads)),
                       cache: embeddingCache)
    }

    /// Names of the input features of a model that reads text: the TF-IDF vocabulary, then
    /// `embedding[k]` for each dimension of the encoder; nil for a model on feature vectors.
    public var textFeatureNames: [String]? {
        guard readsText else { return nil }
        return (vectorizer?.vocabulary ?? []) + (0..<(encoder?.dimension ?? 0)).map { "embedding[\($0)]" }
    }

    /// Whether the model answers raw text (it has a vectorizer or an encoder).
    public var readsText: Bool { vectorizer != nil || encoder != nil }

    /// The query for a raw text, featurized like the training texts; nil when the model reads no text.
    public func query(text: String) throws -> Query? {
        guard readsText else { return nil }
        return Query(features: try featurizer.features(of: text), text: text)
    }

    /// The feature rows of raw texts in the model's feature space; fails when the model reads no text.
    public func features(of texts: [String], threads: Int? = nil) throws -> CSRMatrix {
        try featurizer.features(of: texts, threads: threads ?? model.parameters.threads)
    }

    /// The features of a dataset split in the model's feature space: its texts through the
    /// model's featurizer when the model reads text, else the split's feature vectors (the same
    /// rule as training, `FeatureSource`). `name` names the split in errors.
    public func features(of split: DatasetSplit, name: String) throws -> CSRMatrix {
        if readsText {
            guard let texts = split.texts else {
                throw XRLinearError.invalidInput("the model reads raw text, but the \(name) split has no texts (\(name)_texts.txt)")
            }
            guard texts.count == split.count else {
                throw XRLinearError.invalidInput("the \(name) split has \(split.count) points but \(texts.count) texts")
            }
            return try features(of: texts)
        }
        guard let features = split.features else {
            throw XRLinearError.invalidInput("the \(name) split has no feature vectors (\(name).txt); text-only datasets need a model trained on raw text")
        }
        return features
    }

    /// The beam width a search uses for `requested` (default: the pipeline's): at least 1 and at
    /// most the number of labels, so no flag or `model.json` value sizes a buffer beyond that.
    public func effectiveBeamWidth(_ requested: Int? = nil) -> Int {
        min(max(1, requested ?? pipeline.matcher.beamWidth), model.labelCount)
    }

    /// The labels a prediction returns for `requested` (default: the pipeline's), capped likewise.
    public func effectiveTopK(_ requested: Int? = nil) -> Int {
        min(max(1, requested ?? pipeline.ranker.topK), model.labelCount)
    }

    /// The top `topK` labels of `query`: matcher, then ranker (defaults: the pipeline's beam width and top-k).
    /// Throws when a chunk of the model's files fails its first-use check (damage on disk).
    public func predict(_ query: Query, beamWidth: Int? = nil, topK: Int? = nil) throws -> [LabelScore] {
        let clusters = try matcher.match(query, beamWidth: effectiveBeamWidth(beamWidth), onLevel: nil)
        return try ranker.rank(query, clusters: clusters, topK: effectiveTopK(topK), onLevel: nil)
    }

    /// The prediction of `query` with every candidate of every level.
    public func trace(_ query: Query, beamWidth: Int? = nil, topK: Int? = nil) throws -> BeamTrace {
        var levels: [BeamTrace.Level] = []
        let clusters = try matcher.match(query, beamWidth: effectiveBeamWidth(beamWidth)) {
            levels.append($0)
        }
        let results = try ranker.rank(query, clusters: clusters, topK: effectiveTopK(topK)) {
            levels.append($0)
        }
        return BeamTrace(levels: levels, results: results)
    }

    /// Ranks every query of `queries` on `threads` threads: the matcher's batch, then the ranker's.
    public func predictBatch(_ queries: QueryBatch, beamWidth: Int? = nil, topK: Int? = nil, threads: Int? = nil,
                             recordBeams: Bool = false) throws -> BatchPrediction {
        let start = Date()
        let workers = max(1, threads ?? pipeline.threads)
        let recording = recordBeams ? BeamRecording(count: queries.count) : nil
        let clusters = try matcher.matchBatch(queries, beamWidth: effectiveBeamWidth(beamWidth),
                                          threads: workers, recorded: recording)
        let rankings = try ranker.rankBatch(queries, clusters: clusters, topK: effectiveTopK(topK),
                                        threads: workers, recorded: recording)
        return BatchPrediction(rankings: rankings, beams: recording?.beams(), seconds: Date().timeIntervalSince(start))
    }
}
