/// The levels an `HNSWMatcher` shows for one query: the retrieved clusters at the last cluster
/// level and, above it, their ancestors (each scored by its best retrieved cluster, kept when a
/// kept cluster lies under it).
enum HNSWMatcherTrace {
    /// Trace levels 1...clusterLevel for the retrieved `candidates` (best first), of which the
    /// first `kept` stay.
    static func levels(_ candidates: [(node: Int, raw: Float, score: Float)], kept: Int, tree: LabelTree,
                       clusterLevel: Int) -> [BeamTrace.Level] {
        var current = candidates.enumerated().map { i, c in
            BeamTrace.Candidate(node: c.node, parent: Int(tree.parents[clusterLevel - 1][c.node]), rawScore: c.raw,
                                score: c.score, kept: i < kept)
        }
        var levels = [BeamTrace.Level(level: clusterLevel, candidates: current)]
        var t = clusterLevel - 1
        while t >= 1 {
            var best: [Int: BeamTrace.Candidate] = [:]
            for c in current {
                let up = BeamTrace.Candidate(node: c.parent, parent: Int(tree.parents[t - 1][c.parent]),
                                             rawScore: c.rawScore, score: c.score, kept: c.kept)
                if let seen = best[c.parent] {
                    best[c.parent] = BeamTrace.Candidate(
                        node: seen.node, parent: seen.parent, rawScore: max(seen.rawScore, up.rawScore),
                        score: max(seen.score, up.score), kept: seen.kept || up.kept)
                } else {
                    best[c.parent] = up
                }
            }
            current = best.values.sorted { $0.score != $1.score ? $0.score > $1.score : $0.node < $1.node }
            levels.insert(BeamTrace.Level(level: t, candidates: current), at: 0)
            t -= 1
        }
        return levels
    }

    /// The kept nodes of levels 1...clusterLevel for the kept `clusters` (best first): their
    /// ancestors in order of first appearance, then the clusters.
    static func keptNodes(_ clusters: [Int], tree: LabelTree, clusterLevel: Int) -> [[Int32]] {
        var levels = [clusters.map { Int32($0) }]
        var t = clusterLevel - 1
        while t >= 1 {
            var seen = Set<Int32>()
            var up: [Int32] = []
            for node in levels[0] {
                let parent = tree.parents[t][Int(node)]
                if seen.insert(parent).inserted { up.append(parent) }
            }
            levels.insert(up, at: 0)
            t -= 1
        }
        return levels
    }
}
