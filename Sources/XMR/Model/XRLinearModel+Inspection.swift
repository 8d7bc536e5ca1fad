extension XRLinearModel {
    /// A feature with its weight in a node's ranker.
    public struct FeatureWeight: Sendable, Equatable {
        /// The feature id.
        public var feature: Int
        /// Its weight.
        public var weight: Float
    }

    /// The ranker weights of node `node` at level `level` (1...depth); the last index is the bias.
    public func weights(ofNode node: Int, atLevel level: Int) -> SparseVector {
        precondition(level >= 1 && level <= depth, "level \(level) is outside 1...\(depth)")
        let parent = Int(tree.parents[level - 1][node])
        let children = tree.children(ofNode: parent, atLevel: level - 1)
        guard let position = children.firstIndex(of: Int32(node)) else {
            return SparseVector(dimension: featureCount + 1, indices: [], values: [])
        }
        return levels[level - 1].weights(parent: parent, localChild: position - children.startIndex)
    }

    /// The `count` features with the largest positive weights in node `node`'s ranker (bias excluded):
    /// the words that pull a query towards this node.
    public func topFeatures(ofNode node: Int, atLevel level: Int, count: Int) -> [FeatureWeight] {
        let w = weights(ofNode: node, atLevel: level)
        var candidates: [FeatureWeight] = []
        for (j, v) in zip(w.indices, w.values) where Int(j) < featureCount && v > 0 {
            candidates.append(FeatureWeight(feature: Int(j), weight: v))
        }
        candidates.sort { a, b in a.weight != b.weight ? a.weight > b.weight : a.feature < b.feature }
        return Array(candidates.prefix(max(0, count)))
    }
}
