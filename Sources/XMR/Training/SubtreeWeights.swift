/// The rankers one rank trained below a `SubtreeSplit`: for every level under the split level,
/// the nodes of its subtrees and their weights.
public struct SubtreeWeights: Sendable, Equatable {
    /// The split level; `nodes[i]` and `weights[i]` belong to level `splitLevel + 1 + i`.
    public var splitLevel: Int
    /// The trained nodes of every level, in training order.
    public var nodes: [[Int32]]
    /// Each trained node's weights (bias last), parallel to `nodes`.
    public var weights: [[SparseVector]]

    /// Bundles the pieces; `nodes` and `weights` must have the same shape.
    public init(splitLevel: Int, nodes: [[Int32]], weights: [[SparseVector]]) {
        self.splitLevel = splitLevel
        self.nodes = nodes
        self.weights = weights
    }

    /// Number of stored weights.
    public var nonzeros: Int { weights.reduce(0) { $0 + $1.reduce(0) { $0 + $1.nonzeros } } }
}
