/// The neighbour-selection heuristic of HNSW (Malkov and Yashunin, algorithm 4).
///
/// Candidates are taken from the nearest on; one is kept only if it is nearer to the base node
/// than to every neighbour kept so far, so the kept links point in diverse directions and the
/// graph stays navigable across clusters.
enum NeighborSelection {
    /// A candidate: its similarity to the base node and its id.
    struct Candidate {
        var score: Float
        var node: UInt32
    }

    /// Sorts `candidates` nearest first (ties: smaller id first).
    static func sortNearestFirst(_ candidates: inout [Candidate]) {
        candidates.sort { $0.score > $1.score || ($0.score == $1.score && $0.node < $1.node) }
    }

    /// Writes at most `limit` of `candidates` (sorted nearest first) to `output` and returns how
    /// many; `scorer` is scratch (its query is overwritten).
    static func select<S: NodeScorer>(_ candidates: [Candidate], limit: Int, scorer: inout S,
                                      into output: UnsafeMutablePointer<UInt32>) -> Int {
        if candidates.count <= limit {
            for (i, c) in candidates.enumerated() { output[i] = c.node }
            return candidates.count
        }
        var kept = 0
        for candidate in candidates {
            if kept == limit { break }
            scorer.setQuery(node: candidate.node)
            var diverse = true
            for r in 0..<kept where scorer.score(output[r]) > candidate.score {
                diverse = false
                break
            }
            if diverse {
                output[kept] = candidate.node
                kept += 1
            }
        }
        return kept
    }
}
