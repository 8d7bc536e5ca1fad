import CVectorKernels

/// The graph walks of HNSW: greedy descent through the upper levels and the best-first
/// search with a bounded result list at one level (Malkov and Yashunin, algorithms 2 and 5).
enum HNSWLayerSearch {
    /// A query searches level 1 with this many candidates (at most its ef), not greedily as the
    /// levels above, and starts level 0 from all of them: on the PIFA set that gave more recall
    /// than a larger ef for the same number of distances (README, "Nearest-neighbour search").
    /// Building keeps the greedy descent, so index files do not change.
    static let levelOneCandidates = 10

    /// From `entry`, moves to a better neighbour at `level` until none is better.
    ///
    /// Nodes marked in `visited` are not scored again: a node scored before, at this level or
    /// one above, was no better than the node the walk then stood on, so skipping it changes
    /// nothing. The caller resets `visited` once per descent and marks `entry`.
    @inline(__always)
    static func greedy<S: NodeScorer>(_ scorer: S, _ graph: HNSWGraph, entry: UInt32, score: Float,
                                      level: Int, visited: inout VisitedMarks) -> (node: UInt32, score: Float) {
        var node = entry, best = score
        var changed = true
        while changed {
            changed = false
            let list = graph.list(node, level: level)
            let n = Int(list[0])
            if n > 0 { scorer.prefetch(list[1]) }
            var j = 1
            while j <= n {
                let neighbour = list[j]
                j += 1
                if j <= n { scorer.prefetch(list[j]) }
                if visited.visit(neighbour) { continue }
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
        expand(scorer, graph, level: level, ef: ef, visited: &visited, candidates: &candidates, results: &results)
    }

    /// The best-first loop of `searchLayer` from the candidates and results already there
    /// (each also marked in `visited`).
    static func expand<S: NodeScorer>(_ scorer: S, _ graph: HNSWGraph, level: Int, ef: Int,
                                      visited: inout VisitedMarks, candidates: inout ScoreHeap,
                                      results: inout ScoreHeap) {
        let stride = level == 0 ? graph.maxM0 + 1 : graph.m + 1
        let base = level == 0 ? graph.level0 : graph.upper
        let ahead = S.lookahead
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: stride) { buffer in
            let fresh = buffer.baseAddress!
            while !candidates.isEmpty {
                let current = candidates.topNode
                let currentScore = -candidates.topScore
                if results.count >= ef && currentScore < results.topScore { break }
                candidates.pop()
                let list = level == 0 ? base + Int(current) * stride
                    : base + (Int(graph.upperStart[Int(current)]) + level - 1) * stride
                // The unvisited neighbours first (marked as they are found, as a one-pass walk
                // would), then their scores: only rows that will be scored are fetched, and the
                // next `ahead` rows are on their way from memory while one is scored. The search
                // waits on memory, not on arithmetic.
                let n = Int(list[0])
                var count = 0
                var j = 1
                while j <= n {
                    let neighbour = list[j]
                    j += 1
                    if !visited.visit(neighbour) {
                        fresh[count] = neighbour
                        count += 1
                        scorer.prefetchLocation(neighbour)
                    }
                }
                var i = 0
                while i < min(ahead, count) {
                    scorer.prefetch(fresh[i])
                    i += 1
                }
                i = 0
                while i < count {
                    if i + ahead < count { scorer.prefetch(fresh[i + ahead]) }
                    let neighbour = fresh[i]
                    i += 1
                    let s = scorer.score(neighbour)
                    if results.count < ef || s > results.topScore {
                        candidates.push(-s, neighbour)
                        results.push(s, neighbour)
                        if results.count > ef { results.pop() }
                        // The best candidate's list is likely the next one read: all of it, as
                        // a level-0 list (4 · (2M + 1) bytes, 132 at M 16) spans up to three lines.
                        if level == 0 {
                            let next = base + Int(candidates.topNode) * stride
                            xmr_prefetch(next)
                            xmr_prefetch(next + 16)
                            xmr_prefetch(next + stride - 1)
                        }
                    }
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
        visited.reset()
        _ = visited.visit(entry)
        while level > 1 {
            (node, best) = greedy(scorer, graph, entry: node, score: best, level: level, visited: &visited)
            level -= 1
        }
        visited.reset()
        let seeds = min(levelOneCandidates, max(ef, k))
        if maxLevel == 0 || seeds == 1 {
            if maxLevel > 0 {
                _ = visited.visit(node)
                (node, best) = greedy(scorer, graph, entry: node, score: best, level: 1, visited: &visited)
                visited.reset()
            }
            searchLayer(scorer, graph, entry: node, entryScore: best, level: 0, ef: max(ef, k),
                        visited: &visited, candidates: &candidates, results: &results)
        } else {
            // Level 1 by best-first search, and its best `seeds` nodes all start level 0.
            searchLayer(scorer, graph, entry: node, entryScore: best, level: 1, ef: seeds,
                        visited: &visited, candidates: &candidates, results: &results)
            visited.reset()
            candidates.removeAll()
            for i in 0..<results.count {
                candidates.push(-results.scores[i], results.nodes[i])
                _ = visited.visit(results.nodes[i])
            }
            expand(scorer, graph, level: 0, ef: max(ef, k), visited: &visited, candidates: &candidates,
                   results: &results)
        }
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
