/// One query as the matcher and ranker receive it: its features in the model's feature space,
/// and its raw text when there is one (for stages that read text, such as a transformer encoder).
public struct Query: Sendable {
    /// The sparse feature row (not yet normalized; each stage prepares it its own way).
    public var features: SparseVector
    /// The raw text, if known.
    public var text: String?

    /// Creates a query.
    public init(features: SparseVector, text: String? = nil) {
        self.features = features
        self.text = text
    }
}
