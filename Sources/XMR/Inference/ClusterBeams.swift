/// The matched clusters of many queries: what a matcher hands the ranker in batch prediction.
///
/// Stored flat, `stride` slots per query, best first: query q's clusters are
/// `nodes[q * stride ..< q * stride + counts[q]]` with their path `scores`.
public struct ClusterBeams: Sendable {
    /// Node ids at the matched level.
    var nodes: [Int32]
    /// Path scores.
    var scores: [Float]
    /// Clusters per query.
    var counts: [Int]
    /// Slots per query.
    let stride: Int
    /// The tree level the clusters are at (0: the root alone).
    public let level: Int

    /// `count` queries, each with the root (level 0) alone, scored `rootScore`.
    init(rootsFor count: Int, stride: Int, rootScore: Float) {
        nodes = [Int32](repeating: 0, count: count * stride)
        scores = [Float](repeating: rootScore, count: count * stride)
        counts = [Int](repeating: 1, count: count)
        self.stride = stride
        level = 0
    }

    /// Stored beams.
    init(nodes: [Int32], scores: [Float], counts: [Int], stride: Int, level: Int) {
        self.nodes = nodes
        self.scores = scores
        self.counts = counts
        self.stride = stride
        self.level = level
    }

    /// Beams from one list of scored clusters per query.
    public init(_ clusters: [[NodeScore]], level: Int) {
        let stride = max(1, clusters.map(\.count).max() ?? 1)
        var nodes = [Int32](repeating: 0, count: clusters.count * stride)
        var scores = [Float](repeating: 0, count: clusters.count * stride)
        for (q, list) in clusters.enumerated() {
            for (i, c) in list.enumerated() {
                nodes[q * stride + i] = Int32(c.node)
                scores[q * stride + i] = c.score
            }
        }
        self.init(nodes: nodes, scores: scores, counts: clusters.map(\.count), stride: stride, level: level)
    }

    /// Number of queries.
    public var queryCount: Int { counts.count }

    /// Query q's matched clusters, best first.
    public func clusters(ofQuery q: Int) -> [NodeScore] {
        (0..<counts[q]).map { NodeScore(node: Int(nodes[q * stride + $0]), score: scores[q * stride + $0]) }
    }

    /// The beams of queries `rows`, re-laid with `stride` slots per query.
    func slice(_ rows: Range<Int>, stride newStride: Int) -> ClusterBeams {
        var nodes = [Int32](repeating: 0, count: rows.count * newStride)
        var scores = [Float](repeating: 0, count: rows.count * newStride)
        var counts = [Int](repeating: 0, count: rows.count)
        for (q, row) in rows.enumerated() {
            let n = min(self.counts[row], newStride)
            counts[q] = n
            for i in 0..<n {
                nodes[q * newStride + i] = self.nodes[row * stride + i]
                scores[q * newStride + i] = self.scores[row * stride + i]
            }
        }
        return ClusterBeams(nodes: nodes, scores: scores, counts: counts, stride: newStride, level: level)
    }
}
