import Foundation

/// The ANN matcher: an HNSW index over the vectors of the last cluster level's nodes (each the
/// normalized sum of its labels' PIFA vectors; with clusters of one label, the labels' own
/// vectors), searched by cosine with the query's feature row.
///
/// A query's clusters are its `beamWidth` nearest ones, from a candidate list of
/// `max(efSearch, beamWidth)`; a cluster's path score is the post-processed cosine combined with
/// the root's. Nothing is learned, so it is a zero-training baseline for the linear matcher, and
/// labels can change without retraining the cluster levels. The trace and the recorded beams
/// show the levels above as the ancestors of the retrieved clusters (kept when a kept cluster
/// lies under them, scored by their best cluster).
public struct HNSWMatcher: StoredMatcher {
    /// The index over the clusters of level `tree.depth − 1`; nil for a one-level tree (the root
    /// is then the only cluster).
    public let index: HNSWIndex?
    /// The label tree.
    public let tree: LabelTree
    /// How a cluster's cosine becomes its path score.
    public let postProcessor: PostProcessor
    /// Candidate list of a search.
    public let efSearch: Int

    /// The file name in a model folder.
    public static let fileName = "matcher-hnsw.bin"

    /// A matcher over `index` (vectors of the nodes of level `tree.depth − 1`).
    public init(index: HNSWIndex?, tree: LabelTree, postProcessor: PostProcessor, efSearch: Int) {
        self.index = index
        self.tree = tree
        self.postProcessor = postProcessor
        self.efSearch = efSearch
    }

    /// "matcher-hnsw.bin".
    public var fileName: String { Self.fileName }

    /// The index file's bytes.
    public func fileBytes() -> Data? { index?.imageData() }

    /// The level the clusters are at.
    var level: Int { tree.depth - 1 }

    /// The nearest `beamWidth` clusters; the trace lists every candidate of the search.
    public func match(_ query: Query, beamWidth: Int, onLevel: ((BeamTrace.Level) -> Void)?) -> [NodeScore] {
        let root = postProcessor.rootScore
        guard let index, level >= 1 else { return [NodeScore(node: 0, score: root)] }
        let width = max(1, min(beamWidth, index.count))
        let listed = max(width, efSearch)
        let found = (try? index.makeSearcher().search(query.features, k: listed, ef: listed)) ?? []
        let candidates = found.map { (node: $0.id, raw: $0.score, score: postProcessor.combine(parent: root, raw: $0.score)) }
        if let onLevel {
            for level in HNSWMatcherTrace.levels(candidates, kept: width, tree: tree, clusterLevel: level) { onLevel(level) }
        }
        return candidates.prefix(width).map { NodeScore(node: $0.node, score: $0.score) }
    }

    /// The nearest `beamWidth` clusters of every query, searched on `threads` threads.
    public func matchBatch(_ queries: QueryBatch, beamWidth: Int, threads: Int, recorded: BeamRecording?) -> ClusterBeams {
        let root = postProcessor.rootScore
        guard let index, level >= 1 else { return ClusterBeams(rootsFor: queries.count, stride: 1, rootScore: root) }
        let width = max(1, min(beamWidth, index.count))
        guard let found = try? index.search(.sparse(queries.features), k: width, ef: max(width, efSearch), threads: threads) else {
            return ClusterBeams(nodes: [], scores: [], counts: [Int](repeating: 0, count: queries.count), stride: width, level: level)
        }
        var counts = [Int](repeating: 0, count: queries.count)
        var scores = found.scores
        for q in 0..<queries.count {
            var n = 0
            for slot in (q * width)..<((q + 1) * width) where found.ids[slot] >= 0 {
                scores[slot] = postProcessor.combine(parent: root, raw: found.scores[slot])
                n += 1
            }
            counts[q] = n
        }
        let beams = ClusterBeams(nodes: found.ids, scores: scores, counts: counts, stride: width, level: level)
        if let recorded {
            for q in 0..<queries.count {
                recorded.slots.pointer[q] = HNSWMatcherTrace.keptNodes(beams.clusters(ofQuery: q).map(\.node),
                                                                       tree: tree, clusterLevel: level)
            }
        }
        return beams
    }
}
