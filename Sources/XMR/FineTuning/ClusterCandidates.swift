/// The clusters one training point is scored on at one level: its positive clusters and its
/// hard negatives (children of the clusters its positives and its beam reached one level up), as
/// XR-Transformer scores them instead of all clusters.
struct ClusterCandidates: Sendable, Equatable {
    /// Ascending cluster ids.
    var clusters: [Int32]
    /// Whether `clusters[i]` holds one of the point's labels.
    var positive: [Bool]

    /// The positive clusters at `level` of every point: the level's ancestors of its labels, ascending.
    static func positives(labels: CSRMatrix, tree: LabelTree, level: Int) -> [[Int32]] {
        let owner = tree.ancestors(atLevel: level)
        return (0..<labels.rows).map { i in
            Array(Set((labels.rowPointers[i]..<labels.rowPointers[i + 1]).map { owner[Int(labels.columnIndices[$0])] })).sorted()
        }
    }

    /// Every cluster of `level`, marked by `positives` (the top level, which is small).
    static func all(clusters: Int, positives: [Int32]) -> ClusterCandidates {
        let set = Set(positives)
        return ClusterCandidates(clusters: (0..<Int32(clusters)).map { $0 }, positive: (0..<Int32(clusters)).map { set.contains($0) })
    }

    /// The children of `parents` (level `level − 1` nodes) plus `positives`, marked.
    static func children(of parents: [Int32], tree: LabelTree, level: Int, positives: [Int32]) -> ClusterCandidates {
        var set = Set(positives)
        for p in parents { for c in tree.children(ofNode: Int(p), atLevel: level - 1) { set.insert(c) } }
        let sorted = set.sorted(), positiveSet = Set(positives)
        return ClusterCandidates(clusters: sorted, positive: sorted.map { positiveSet.contains($0) })
    }
}
