import Foundation

/// Turns raw texts into a model's feature rows: TF-IDF, the encoder's embeddings, or both
/// concatenated (`FeatureConcatenation`: each part l2-normalized, then the row).
///
/// Training and every query (dataset splits, `predict --text`, the workbench) go through the same
/// featurizer, so typed text lands in the training's feature space. Columns: the TF-IDF
/// vocabulary first, then the embedding's dimensions.
public struct TextFeaturizer: Sendable {
    /// The TF-IDF part, when the features have one.
    public var vectorizer: TfidfVectorizer?
    /// The dense part, when the features have one.
    public var encoder: TextEncoder?
    /// Batching, truncation and threads of the encoder.
    public var encoding: EncodingOptions
    /// Where embeddings of text lists are kept between runs (nil: always encode).
    public var cache: EmbeddingCache?

    /// A featurizer with the given parts.
    public init(vectorizer: TfidfVectorizer?, encoder: TextEncoder?, encoding: EncodingOptions = EncodingOptions(),
                cache: EmbeddingCache? = nil) {
        self.vectorizer = vectorizer
        self.encoder = encoder
        self.encoding = encoding
        self.cache = cache
    }

    /// Whether it reads raw text at all.
    public var readsText: Bool { vectorizer != nil || encoder != nil }

    /// Width of its rows.
    public var featureCount: Int { (vectorizer?.featureCount ?? 0) + (encoder?.dimension ?? 0) }

    /// The encoder's embeddings of `texts` (from the cache when it holds them; lists of fewer than
    /// `EmbeddingCache.smallestCachedList` texts are always encoded). `progress` gets texts done.
    public func embeddings(of texts: [String], cancel: CancellationToken? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) throws -> DenseMatrix {
        guard let encoder else { throw XRLinearError.invalidInput("the features have no encoder to embed texts with") }
        if let cache, texts.count >= EmbeddingCache.smallestCachedList {
            return try cache.embeddings(of: texts, encoder: encoder, options: encoding, cancellation: cancel,
                                        progress: progress).embeddings
        }
        return try encoder.embed(texts, options: encoding, cancellation: cancel, progress: progress)
    }

    /// The feature rows of `texts`. `embeddings` are used instead of encoding when given (one row per text).
    public func features(of texts: [String], embeddings given: DenseMatrix? = nil, threads: Int? = nil,
                         cancel: CancellationToken? = nil, progress: (@Sendable (Int) -> Void)? = nil) throws -> CSRMatrix {
        let tfidf = vectorizer.map { $0.transform(texts: texts, threads: threads) }
        guard encoder != nil else {
            guard let tfidf else { throw XRLinearError.invalidInput("the model reads no raw text") }
            return tfidf
        }
        let dense = try given ?? embeddings(of: texts, cancel: cancel, progress: progress)
        return try FeatureConcatenation.concatenate(tfidf ?? CSRMatrix(rows: texts.count, cols: 0), dense)
    }

    /// The feature vector of one text.
    public func features(of text: String) throws -> SparseVector {
        try features(of: [text], threads: 1).row(0)
    }
}
