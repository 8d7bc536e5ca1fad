/// Many queries as the matcher and ranker receive them in batch prediction.
public struct QueryBatch: Sendable {
    /// One sparse feature row per query, in the model's feature space.
    public var features: CSRMatrix
    /// The raw texts, one per row, if known.
    public var texts: [String]?

    /// Creates a batch.
    public init(features: CSRMatrix, texts: [String]? = nil) {
        self.features = features
        self.texts = texts
    }

    /// Number of queries.
    public var count: Int { features.rows }
}
