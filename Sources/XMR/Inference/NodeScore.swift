/// A tree node at some level with its path score (a matched cluster, or a label at the last level).
public struct NodeScore: Sendable, Equatable, Codable {
    /// The node id at its level.
    public var node: Int
    /// The path score from the root.
    public var score: Float

    /// Creates a scored node.
    public init(node: Int, score: Float) {
        self.node = node
        self.score = score
    }
}
