/// The ANN-assisted indexer (`hnsw-graph`): labels grouped by their HNSW neighbour graph.
///
/// 1. An HNSW index over the label vectors (cosine) gives every label its `graphNeighbors`
///    nearest other labels.
/// 2. Labels i and j are linked when each is among the other's neighbours (the mutual-kNN
///    graph); its connected components are the first groups (`NeighborGroups`).
/// 3. Balancing: a group larger than `maxLeafSize` is split by balanced spherical 2-means into
///    parts of at most `maxLeafSize`; a group smaller than half of it joins the group its
///    labels' neighbours point to most, while the two fit in `maxLeafSize`.
/// 4. The groups become the last cluster level; above them, balanced spherical 2-means over the
///    groups' centroids builds the B-ary levels (at most B groups per node), as the default
///    indexer does for labels.
///
/// Deterministic for a seed, whatever the thread count. The depth follows from the groups, so
/// `depth` must not be set.
public struct NeighborGraphIndexer: LabelIndexer {
    /// Branching, leaf size, neighbours per label and 2-means iterations.
    public var settings: IndexerSettings
    /// The HNSW graph's M, efConstruction and efSearch.
    public var ann: ANNSettings
    /// Seed of the graph and of the 2-means splits.
    public var seed: Int
    /// Worker threads (0 = every active core).
    public var threads: Int

    /// The indexer for these settings.
    public init(_ settings: IndexerSettings, ann: ANNSettings, seed: Int, threads: Int) {
        self.settings = settings
        self.ann = ann
        self.seed = seed
        self.threads = threads
    }

    /// "hnsw-graph".
    public var name: String { IndexerAlgorithm.hnswGraph.rawValue }

    /// Groups the labels by their neighbour graph and builds the levels above the groups.
    public func index(labelVectors: CSRMatrix, input: TrainingInput, context: StageContext) throws -> LabelTree {
        if settings.depth != nil {
            throw XRLinearError.invalidParameter(name: "depth", message:
                "the hnsw-graph indexer sets the depth from its groups; use --max-leaf-size instead")
        }
        let labelCount = labelVectors.rows
        let neighbors = try nearestNeighbors(labelVectors)
        try context.checkCancellation()
        let split = HierarchicalClustering(branching: 2, maxLeafSize: settings.maxLeafSize, seed: UInt64(truncatingIfNeeded: seed),
                                           threads: threads, maxIterations: settings.maxIterations)
        var groups = NeighborGroups(neighbors: neighbors, empty: (0..<labelCount).map { labelVectors.range(ofRow: $0).isEmpty })
        do {
            try groups.split(largerThan: settings.maxLeafSize) { labels in
                try context.checkCancellation()
                return try split.binaryLeafCodes(labelVectors: labelVectors.selectingRows(labels),
                                                 isCancelled: { context.cancel?.isCancelled ?? false })
            }
            groups.merge(smallerThan: max(1, settings.maxLeafSize / 2), maxSize: settings.maxLeafSize)
            let owner = groups.owners()
            let groupCount = groups.count
            let membership = CSRMatrix(rows: groupCount, cols: labelCount,
                                       triplets: owner.enumerated().map { (row: Int($0.element), col: $0.offset, value: Float(1)) })
            let centroids = SparseProducts.multiply(membership, labelVectors, threads: threads).l2NormalizedRows()
            let above = HierarchicalClustering(branching: settings.branching, maxLeafSize: settings.branching,
                                               seed: UInt64(truncatingIfNeeded: seed), threads: threads,
                                               maxIterations: settings.maxIterations)
            let upper = try above.build(labelVectors: centroids, progress: { p in
                context.progress?(.clustering(done: p.totalSplitsDone, total: p.totalSplits))
            }, isCancelled: { context.cancel?.isCancelled ?? false })
            return LabelTree(parents: upper.parents + [owner])
        } catch let error as IndexingError {
            throw error.asTrainingError
        }
    }

    /// Every label's nearest other labels, best first, by an HNSW search of its own vector.
    func nearestNeighbors(_ labelVectors: CSRMatrix) throws -> [[Int32]] {
        let k = min(settings.graphNeighbors + 1, labelVectors.rows)
        do {
            let index = try HNSWIndex.build(.sparse(labelVectors), similarity: .cosine,
                                            parameters: ann.parameters(seed: seed, threads: threads))
            let found = try index.search(.sparse(labelVectors), k: k, ef: max(ann.efSearch, k), threads: threads)
            return (0..<labelVectors.rows).map { label in
                found.neighbors(ofQuery: label).lazy.map { Int32($0.id) }.filter { $0 != Int32(label) }
                    .prefix(settings.graphNeighbors).map { $0 }
            }
        } catch let error as ANNError {
            throw XRLinearError.invalidInput("the hnsw-graph indexer: \(error.description)")
        }
    }
}
