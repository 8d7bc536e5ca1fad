/// Inserts every node of an index image into its HNSW graph.
///
/// Nodes go in the order `order` (a seeded shuffle, `HNSWInsertionOrder`), in batches: the
/// nodes of a batch search their neighbours in parallel on the graph as it stood before the
/// batch (which nobody writes meanwhile), then the reverse links are added, one target list per
/// worker at a time. A batch holds at most 1/50 of the nodes already inserted (so the first 50
/// go one by one), which costs little recall as long as a batch's members are not each other's
/// neighbours, and makes the graph the same for every thread count.
enum HNSWBuilder {
    /// A batch holds at most this fraction (1/n) of the nodes already inserted.
    static let batchDivisor = 50

    /// One worker's scratch memory.
    final class Scratch<S: NodeScorer>: @unchecked Sendable {
        // Safe: each instance is used by one worker at a time.
        var query: S
        var other: S
        var visited: VisitedMarks
        var candidates: ScoreHeap
        var results: ScoreHeap
        var pool: [NeighborSelection.Candidate] = []

        init(query: S, other: S, count: Int, ef: Int) {
            self.query = query
            self.other = other
            visited = VisitedMarks(count: count)
            candidates = ScoreHeap(capacity: 4 * ef)
            results = ScoreHeap(capacity: ef + 1)
        }

        deinit {
            query.deallocate()
            other.deallocate()
            visited.deallocate()
            candidates.deallocate()
            results.deallocate()
        }
    }

    /// A reverse link to add: `source` (a new node) into the list of `target` at `level`.
    private struct ReverseLink {
        var key: UInt64
        var source: UInt32
    }

    /// Builds the graph's lists; returns the entry node and the top level.
    static func build<Rows: NodeScoring>(rows: Rows, graph: HNSWGraph, order: [UInt32], efConstruction: Int,
                                         threads: Int, progress: ((Int) -> Void)?) -> (entry: Int, maxLevel: Int) {
        let count = graph.count
        let workers = max(1, resolvedThreadCount(threads))
        let scratches = (0..<workers).map { _ in
            Scratch(query: rows.makeScorer(), other: rows.makeScorer(), count: count, ef: efConstruction)
        }
        var entry = Int(order[0])
        var maxLevel = Int(graph.levels[entry])
        var inserted = 1
        while inserted < count {
            let batch = inserted..<min(count, inserted + max(1, inserted / batchDivisor))
            let (batchEntry, batchTop) = (entry, maxLevel)
            let active = min(workers, batch.count)
            runParallel(workers: active) { w in
                var i = batch.lowerBound + w
                while i < batch.upperBound {
                    findNeighbours(of: order[i], scratches[w], graph, entry: batchEntry, maxLevel: batchTop,
                                   ef: efConstruction)
                    i += active
                }
            }
            let links = reverseLinks(order[batch], graph, maxLevel: batchTop)
            let groups = runs(of: links)
            let linkWorkers = min(workers, groups.count)
            runParallel(workers: linkWorkers) { w in
                var g = w
                while g < groups.count {
                    let group = links[groups[g]]
                    let key = group.first!.key
                    linkBack(UInt32(truncatingIfNeeded: key), level: Int(key >> 32), sources: group.map(\.source),
                             scratches[w], graph)
                    g += linkWorkers
                }
            }
            for node in order[batch] where Int(graph.levels[Int(node)]) > maxLevel {
                maxLevel = Int(graph.levels[Int(node)])
                entry = Int(node)
            }
            inserted = batch.upperBound
            progress?(inserted)
        }
        return (entry, maxLevel)
    }

    /// Searches the neighbours of `node` from the top down and writes its own lists.
    private static func findNeighbours<S>(of node: UInt32, _ scratch: Scratch<S>, _ graph: HNSWGraph, entry: Int,
                                          maxLevel: Int, ef: Int) {
        scratch.query.setQuery(node: node)
        let top = Int(graph.levels[Int(node)])
        var current = UInt32(entry)
        var best = scratch.query.score(current)
        var level = maxLevel
        scratch.visited.reset()
        _ = scratch.visited.visit(current)
        while level > top {
            (current, best) = HNSWLayerSearch.greedy(scratch.query, graph, entry: current, score: best, level: level,
                                                     visited: &scratch.visited)
            level -= 1
        }
        level = min(top, maxLevel)
        while level >= 0 {
            scratch.visited.reset()
            HNSWLayerSearch.searchLayer(scratch.query, graph, entry: current, entryScore: best, level: level, ef: ef,
                                        visited: &scratch.visited, candidates: &scratch.candidates,
                                        results: &scratch.results)
            scratch.pool.removeAll(keepingCapacity: true)
            while !scratch.results.isEmpty {
                scratch.pool.append(.init(score: scratch.results.topScore, node: scratch.results.topNode))
                scratch.results.pop()
            }
            NeighborSelection.sortNearestFirst(&scratch.pool)
            current = scratch.pool[0].node
            best = scratch.pool[0].score
            let list = graph.list(node, level: level)
            list[0] = UInt32(NeighborSelection.select(scratch.pool, limit: graph.m, scorer: &scratch.other, into: list + 1))
            level -= 1
        }
    }

    /// The reverse links of a batch's new lists, sorted by level, target and source.
    private static func reverseLinks(_ batch: ArraySlice<UInt32>, _ graph: HNSWGraph, maxLevel: Int) -> [ReverseLink] {
        var links: [ReverseLink] = []
        for node in batch {
            for level in 0...min(Int(graph.levels[Int(node)]), maxLevel) {
                let list = graph.list(node, level: level)
                for j in 0..<Int(list[0]) {
                    links.append(ReverseLink(key: UInt64(level) << 32 | UInt64(list[1 + j]), source: node))
                }
            }
        }
        links.sort { $0.key < $1.key || ($0.key == $1.key && $0.source < $1.source) }
        return links
    }

    /// The ranges of `links` that share a level and target.
    private static func runs(of links: [ReverseLink]) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = 0
        for p in links.indices where p + 1 == links.count || links[p + 1].key != links[p].key {
            groups.append(start..<(p + 1))
            start = p + 1
        }
        return groups
    }

    /// Adds `sources` to the list of `target` at `level`, re-selecting by the heuristic when full.
    private static func linkBack<S>(_ target: UInt32, level: Int, sources: [UInt32], _ scratch: Scratch<S>,
                                    _ graph: HNSWGraph) {
        let list = graph.list(target, level: level)
        let capacity = graph.capacity(level: level)
        let existing = Int(list[0])
        if existing + sources.count <= capacity {
            for (j, source) in sources.enumerated() { list[1 + existing + j] = source }
            list[0] = UInt32(existing + sources.count)
            return
        }
        scratch.query.setQuery(node: target)
        scratch.pool.removeAll(keepingCapacity: true)
        for j in 0..<existing {
            scratch.pool.append(.init(score: scratch.query.score(list[1 + j]), node: list[1 + j]))
        }
        for source in sources { scratch.pool.append(.init(score: scratch.query.score(source), node: source)) }
        NeighborSelection.sortNearestFirst(&scratch.pool)
        list[0] = UInt32(NeighborSelection.select(scratch.pool, limit: capacity, scorer: &scratch.other, into: list + 1))
    }
}
