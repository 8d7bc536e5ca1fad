/// The label indexers (see `LabelIndexer`); a new one adds a case and one line in `indexer(_:)`.
public enum IndexerAlgorithm: String, Codable, Sendable, CaseIterable {
    /// Hierarchical balanced spherical 2-means (libpecos's default): centroids are normalized sums.
    case sphericalKMeans = "spherical-kmeans"
    /// Hierarchical balanced (Euclidean) 2-means: centroids are means.
    case kmeans
    /// Groups of the labels' HNSW mutual-kNN graph, balanced by splitting and merging (`NeighborGraphIndexer`).
    case hnswGraph = "hnsw-graph"

    /// The indexer for these settings.
    public func indexer(_ settings: IndexerSettings, ann: ANNSettings = ANNSettings(), seed: Int,
                        threads: Int) -> any LabelIndexer {
        switch self {
        case .sphericalKMeans: BalancedKMeansIndexer(settings, spherical: true, seed: seed, threads: threads)
        case .kmeans: BalancedKMeansIndexer(settings, spherical: false, seed: seed, threads: threads)
        case .hnswGraph: NeighborGraphIndexer(settings, ann: ann, seed: seed, threads: threads)
        }
    }
}
