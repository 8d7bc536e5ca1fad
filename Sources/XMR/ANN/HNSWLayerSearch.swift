import CVectorKernels

/// The graph walks of HNSW: greedy descent through the upper levels and the best-first
/// search with a bounded result list at one level (Malkov and Yashunin, algorithms 2 and 5).
enum HNSWLayerSearch {
    /// From `entry`, moves to a better neighbour at `level` until none is better.
    @inline(__always)
    static func greedy<S: NodeScorer>(_ scorer: S, _ graph: HNSWGraph, entry: UInt32, score: Float,
                                      level: Int) -> (node: UInt32, score: Float) {
        var node = entry, best = score
        var changed = true
        while changed {
            changed = false
            let list = graph.list(node, level: level)
            let n = Int(list[0])
            var j = 1
            while j <= n {
                let neighbour = list[j]
                j += 1
                let s = scorer.score(neighbour)
                if s > best || (s == best && neighbour < node) {
                    best = s
                    node = neighbour
                    changed = true
                }
            }
        }
        return (node, best)
    }

    /// Best-first search at `level` from `entry`, keeping the `ef` best nodes seen.
    ///
    /// On return `results` holds them with the worst on top. `visited` must have been reset;
    /// `candidates` is scratch.
    static func searchLayer<S: NodeScorer>(_ scorer: S, _ graph: HNSWGraph, entry: UInt32, entryScore: Float,
                                           level: Int, ef: Int, visited: inout VisitedMarks,
                                           candidates: inout ScoreHeap, results: inout ScoreHeap) {
        candidates.removeAll()
        results.removeAll()
        _ = visited.visit(entry)
        candidates.push(-entryScore, entry)
        results.push(entryScore, entry)
        let stride = level == 0 ? graph.maxM0 + 1 : graph.m + 1
        let base = level == 0 ? graph.level0 : graph.upper
        while !candidates.isEmpty {
            let current = candidates.topNode
            let currentScore = -candidates.topScore
            if results.count >= ef && currentScore < results.topScore { break }
            candidates.pop()
            let list = level == 0 ? base + Int(current) * stride
                : base + (Int(graph.upperStart[Int(current)]) + level - 1) * stride
            let n = Int(list[0])
            // While one neighbour is scored, the next one's stamp and vector are on their way
            // (hnswlib does the same): the search waits on memory, not on arithmetic.
            if n > 0 {
                visited.prefetch(list[1])
                scorer.prefetch(list[1])
            }
            var j = 1
            while j <= n {
                let neighbour = list[j]
                j += 1
                if j <= n {
                    visited.prefetch(list[j])
                    scorer.prefetch(list[j])
                }
                if visited.visit(neighbour) { continue }
                let s = scorer.score(neighbour)
                if results.count < ef || s > results.topScore {
                    candidates.push(-s, neighbour)
                    results.push(s, neighbour)
                    if results.count > ef { results.pop() }
                    // The best candidate's list is likely the next one read (hnswlib does the same).
                    if level == 0 { xmr_prefetch(base + Int(candidates.topNode) * stride) }
                }
            }
        }
    }

    /// The `k` nearest stored nodes to the scorer's query, best first, into `ids` and `scores`;
    /// returns how many were found (fewer than `k` only when the index is smaller).
    static func nearest<S: NodeScorer>(_ scorer: S, _ graph: HNSWGraph, entry: UInt32, maxLevel: Int,
                                       k: Int, ef: Int, visited: inout VisitedMarks, candidates: inout ScoreHeap,
                                       results: inout ScoreHeap, ids: UnsafeMutablePointer<Int32>,
                                       scores: UnsafeMutablePointer<Float>) -> Int {
        var node = entry
        var best = scorer.score(entry)
        var level = maxLevel
        while level > 0 {
            (node, best) = greedy(scorer, graph, entry: node, score: best, level: level)
            level -= 1
        }
        visited.reset()
        searchLayer(scorer, graph, entry: node, entryScore: best, level: 0, ef: max(ef, k),
                    visited: &visited, candidates: &candidates, results: &results)
        while results.count > k { results.pop() }
        let found = results.count
        var slot = found - 1
        while !results.isEmpty {
            ids[slot] = Int32(bitPattern: results.topNode)
            scores[slot] = results.topScore
            results.pop()
            slot -= 1
        }
        return found
    }
}
