extension LevelWeights {
    /// Every node's weight vector at level `level` of `tree` (element i for node i), read in one
    /// pass over the chunks: the inverse of `init(childWeights:tree:level:dimension:)`. Checks
    /// every chunk first (a loaded model's chunks may not have been used yet).
    func nodeWeights(tree: LabelTree, level: Int) throws -> [SparseVector] {
        try checkAllChunks(tree: tree, level: level)
        let nodeCount = tree.nodeCount(atLevel: level)
        var indices = [[Int32]](repeating: [], count: nodeCount)
        var values = [[Float]](repeating: [], count: nodeCount)
        for k in 0..<parentCount {
            let children = Array(tree.children(ofNode: k, atLevel: level - 1))
            forEachEntry(inChunk: k) { feature, child, value in
                let node = Int(children[child])
                indices[node].append(feature)
                values[node].append(value)
            }
        }
        return (0..<nodeCount).map { SparseVector(dimension: dimension, indices: indices[$0], values: values[$0]) }
    }
}
