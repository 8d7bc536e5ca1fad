extension HNSWMatcher {
    /// This matcher over `tree` (the model's tree with new labels and new leaf clusters, the
    /// model's clusters first): the index rebuilt from its stored cluster vectors, unchanged,
    /// and one vector for each new cluster, the normalized sum of its labels' PIFA vectors
    /// (`labelVectors`, one row per label of `tree`), as training makes them. Only clusters that
    /// hold new labels alone may be new (`NodeCopies` sees to it), so every vector is exactly its
    /// cluster's. The graph is built with the index's own M, efConstruction and seed.
    func addingClusters(of tree: LabelTree, labelVectors: CSRMatrix, threads: Int) throws -> HNSWMatcher {
        let level = tree.depth - 1
        guard let index, level >= 1 else {
            return HNSWMatcher(index: nil, tree: tree, postProcessor: postProcessor, efSearch: efSearch)
        }
        let old = index.count, count = tree.nodeCount(atLevel: level)
        let owner = tree.ancestors(atLevel: level)
        let membership = CSRMatrix(rows: count - old, cols: tree.labelCount, triplets: owner.enumerated().compactMap {
            Int($0.element) >= old ? (row: Int($0.element) - old, col: $0.offset, value: Float(1)) : nil
        })
        let added = SparseProducts.multiply(membership, labelVectors, threads: threads).l2NormalizedRows()
        var pointers = [0], indices: [Int32] = [], values: [Float] = []
        let stored = index.sparseRows
        for row in 0..<old {
            for p in Int(stored.rowPointers[row])..<Int(stored.rowPointers[row + 1]) {
                indices.append(stored.indices[p])
                values.append(stored.values[p])
            }
            pointers.append(indices.count)
        }
        for row in 0..<added.rows {
            for p in added.range(ofRow: row) {
                indices.append(added.columnIndices[p])
                values.append(added.values[p])
            }
            pointers.append(indices.count)
        }
        let vectors = CSRMatrix(rows: count, cols: index.dimension, rowPointers: pointers, columnIndices: indices, values: values)
        var parameters = index.parameters
        parameters.threads = threads
        do {
            let rebuilt = try HNSWIndex.build(.sparse(vectors), similarity: .cosine, parameters: parameters)
            return HNSWMatcher(index: rebuilt, tree: tree, postProcessor: postProcessor, efSearch: efSearch)
        } catch let error as ANNError {
            throw XRLinearError.invalidInput("the hnsw matcher's index with the new clusters: \(error.description)")
        }
    }
}
