/// One split (train or test) of a dataset: features, labels and optional raw texts.
public struct DatasetSplit: Sendable {
    /// Points × features. `nil` when the folder holds raw text only and nothing has vectorized it yet.
    public var features: CSRMatrix?
    /// Points × labels, every stored value 1.
    public var labels: CSRMatrix
    /// The raw text of each point, when the folder has `*_texts.txt`.
    public var texts: [String]?

    /// Creates a split from its parts.
    public init(features: CSRMatrix?, labels: CSRMatrix, texts: [String]? = nil) {
        self.features = features
        self.labels = labels
        self.texts = texts
    }

    /// Number of points.
    public var count: Int { labels.rows }
}
