/// A ranked label with its score (the product of post-processed node scores along its path).
public struct LabelScore: Sendable, Equatable, Codable {
    /// The label id.
    public var label: Int
    /// The path score.
    public var score: Float

    /// Creates a ranked label.
    public init(label: Int, score: Float) {
        self.label = label
        self.score = score
    }
}
