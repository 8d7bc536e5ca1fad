/// The (query, beam node) pairs of one level of a batch search, and their order by node.
///
/// Pairs are numbered query-major (query 0's beam first); each owns a run of candidate slots, one
/// per child of its node, starting at `offsets[p]`. `order` lists the pairs grouped by node so
/// that a node's chunk is scored for all its queries together.
struct BeamPairs: Sendable {
    /// The beam node (the parent chunk) of every pair.
    let nodes: [Int32]
    /// The query (index in the block) of every pair.
    let queries: [Int]
    /// Where every pair's children's candidate slots start.
    let offsets: [Int]
    /// The first pair of every query; query q owns pairs `firstPair[q] ..< firstPair[q] + beam count`.
    let firstPair: [Int]
    /// Pair indices grouped by node, ascending node ids.
    let order: [Int]
    /// `order[nodeStarts[k] ..< nodeStarts[k + 1]]` are the pairs of node k.
    let nodeStarts: [Int]
    /// Total number of candidate slots.
    let candidateCount: Int

    /// The pairs of a beam stored with `stride` slots per query and `counts[q]` nodes in use.
    init(beamNodes: [Int32], counts: [Int], stride: Int, childPointers: [Int], parentCount: Int) {
        var nodes: [Int32] = [], queries: [Int] = [], offsets: [Int] = []
        var firstPair = [Int](repeating: 0, count: counts.count)
        let total = counts.reduce(0, +)
        nodes.reserveCapacity(total)
        queries.reserveCapacity(total)
        offsets.reserveCapacity(total)
        var nodeCounts = [Int](repeating: 0, count: parentCount + 1)
        var candidates = 0
        for q in counts.indices {
            firstPair[q] = nodes.count
            for j in 0..<counts[q] {
                let node = beamNodes[q * stride + j]
                nodes.append(node)
                queries.append(q)
                offsets.append(candidates)
                candidates += childPointers[Int(node) + 1] - childPointers[Int(node)]
                nodeCounts[Int(node) + 1] += 1
            }
        }
        for k in 0..<parentCount { nodeCounts[k + 1] += nodeCounts[k] }
        var fill = nodeCounts
        var order = [Int](repeating: 0, count: nodes.count)
        for p in nodes.indices {
            let k = Int(nodes[p])
            order[fill[k]] = p
            fill[k] += 1
        }
        self.nodes = nodes
        self.queries = queries
        self.offsets = offsets
        self.firstPair = firstPair
        self.order = order
        self.nodeStarts = nodeCounts
        self.candidateCount = candidates
    }

    /// Whether a chunk wanted by `pairCount` of a block's `queryCount` queries is scored from the
    /// block's shared sorted nonzeros (`BlockPostings`): when at least a quarter of the block
    /// wants it, one pass over the whole block costs less than sorting those queries' nonzeros.
    func isShared(pairCount: Int, queryCount: Int) -> Bool {
        pairCount > 1 && pairCount * 4 >= queryCount
    }

    /// The nodes of this level whose chunks are scored from the block's shared nonzeros.
    func sharedChunks(queryCount: Int) -> [Int] {
        (0..<(nodeStarts.count - 1)).filter { isShared(pairCount: nodeStarts[$0 + 1] - nodeStarts[$0], queryCount: queryCount) }
    }

    /// About `count` boundaries into `order` of equal numbers of pairs, each on a node boundary.
    ///
    /// Task i covers `order[tasks[i] ..< tasks[i + 1]]`; a node's pairs never straddle two tasks,
    /// so one thread reads each chunk.
    func chunkTasks(count: Int) -> [Int] {
        let target = max(1, (order.count + count - 1) / max(1, count))
        var bounds = [0]
        var k = 0
        let parentCount = nodeStarts.count - 1
        while k < parentCount {
            let start = nodeStarts[k]
            while k < parentCount && nodeStarts[k + 1] - start < target { k += 1 }
            k = min(parentCount, k + 1)
            if nodeStarts[k] > bounds.last! { bounds.append(nodeStarts[k]) }
        }
        return bounds
    }
}
