import Foundation

/// Hierarchical balanced 2-means, collapsed into a B-ary tree (`HierarchicalClustering`):
/// spherical (normalized-sum centroids, libpecos's default) or Euclidean (mean centroids).
public struct BalancedKMeansIndexer: LabelIndexer {
    /// The clustering it runs.
    public var clustering: HierarchicalClustering

    /// The indexer for `settings`.
    public init(_ settings: IndexerSettings, spherical: Bool, seed: Int, threads: Int) {
        clustering = HierarchicalClustering(branching: settings.branching, maxLeafSize: settings.maxLeafSize,
                                            depth: settings.depth, seed: UInt64(seed), threads: threads,
                                            maxIterations: settings.maxIterations, spherical: spherical)
    }

    /// "spherical-kmeans" or "kmeans".
    public var name: String {
        (clustering.spherical ? IndexerAlgorithm.sphericalKMeans : .kmeans).rawValue
    }

    /// Clusters the label vectors; checks first that the leaves fit in a model.
    public func index(labelVectors: CSRMatrix, input: TrainingInput, context: StageContext) throws -> LabelTree {
        do {
            try Self.checkLeafSize(clustering, labelCount: labelVectors.rows)
            return try clustering.build(labelVectors: labelVectors, progress: { p in
                context.progress?(.clustering(done: p.totalSplitsDone, total: p.totalSplits))
            }, isCancelled: { context.cancel?.isCancelled ?? false })
        } catch let error as IndexingError {
            throw error.asTrainingError
        }
    }

    /// Rejects, before any work, a tree whose leaf clusters would hold more labels than a node
    /// can have children.
    static func checkLeafSize(_ clustering: HierarchicalClustering, labelCount: Int) throws {
        let d = try clustering.binaryDepth(labelCount: labelCount)
        let largest = (labelCount + (1 << d) - 1) >> d
        guard largest > LevelWeights.maxChildrenPerNode else { return }
        let limit = "a model stores at most \(LevelWeights.maxChildrenPerNode) children per node"
        if let depth = clustering.depth {
            throw XRLinearError.invalidParameter(
                name: "depth", message: "\(depth) puts up to \(largest) of the \(labelCount) labels under one node; \(limit) (use a greater depth)")
        }
        throw XRLinearError.invalidParameter(
            name: "max-leaf-size", message: "\(clustering.maxLeafSize) puts up to \(largest) labels under one node; \(limit)")
    }
}
