/// Per-thread scratch space and the beam-search walk down a model's tree.
struct BeamSearch {
    private var scores: [Float]
    private var candidates: [Candidate] = []
    private var beam: [Candidate] = []
    private var top: [Candidate] = []

    struct Candidate {
        var node: Int32
        var parent: Int32
        var raw: Float
        var score: Float
    }

    /// Creates scratch space for a tree whose nodes have at most `maxChildren` children.
    init(maxChildren: Int) {
        scores = [Float](repeating: 0, count: max(1, maxChildren))
    }

    /// The largest number of children any node of `tree` has.
    static func maxChildren(of tree: LabelTree) -> Int {
        var best = 1
        for t in 0..<tree.depth {
            let p = tree.childPointers[t]
            for k in 0..<(p.count - 1) { best = max(best, p[k + 1] - p[k]) }
        }
        return best
    }

    /// Walks levels `firstLevel...lastLevel` from `start` (nodes at level `firstLevel - 1`; nil =
    /// the root); at level `lastLevel` keeps `lastKeep` nodes. `levels[t - firstLevel]` holds the
    /// weights of level t.
    ///
    /// `onLevel(t, candidates, keptCount)` sees the candidates of level t sorted best first: all of
    /// them when `allCandidates`, else only the kept ones. `checkChunk(level, chunk, childCount)`
    /// runs before a chunk is scored (loaded models check a chunk on its first use there; levels
    /// just trained need no check).
    mutating func search(levels: [LevelWeights], firstLevel: Int = 1, tree: LabelTree, postProcessor: PostProcessor,
                         query: PreparedQuery, start: [NodeScore]? = nil, beamWidth: Int, lastLevel: Int,
                         lastKeep: Int, allCandidates: Bool = false,
                         checkChunk: (LevelWeights, Int, Int) throws -> Void = { _, _, _ in },
                         onLevel: ((Int, [Candidate], Int) -> Void)? = nil) rethrows -> [Candidate] {
        beam.removeAll(keepingCapacity: true)
        if let start {
            beam.append(contentsOf: start.map { Candidate(node: Int32($0.node), parent: -1, raw: 0, score: $0.score) })
        } else {
            beam.append(Candidate(node: 0, parent: -1, raw: 0, score: postProcessor.rootScore))
        }
        guard lastLevel >= firstLevel else { return beam }
        for t in firstLevel...lastLevel {
            let level = levels[t - firstLevel], childPointers = tree.childPointers[t - 1]
            for b in beam {
                let k = Int(b.node)
                try checkChunk(level, k, childPointers[k + 1] - childPointers[k])
            }
            expand(level: level, tree: tree, t: t, postProcessor: postProcessor, query: query)
            let keep = t == lastLevel ? lastKeep : beamWidth
            selectBest(keep, all: allCandidates)
            let kept = min(keep, candidates.count)
            onLevel?(t, candidates, kept)
            beam.removeAll(keepingCapacity: true)
            beam.append(contentsOf: candidates[0..<kept])
        }
        return beam
    }

    /// Fills `candidates` with every child of every beam node, scored.
    private mutating func expand(level: LevelWeights, tree: LabelTree, t: Int, postProcessor: PostProcessor,
                                 query: PreparedQuery) {
        candidates.removeAll(keepingCapacity: true)
        let childPointers = tree.childPointers[t - 1]
        let childIndices = tree.childIndices[t - 1]
        level.withPointers { lp in
            query.indices.withUnsafeBufferPointer { qi in
                query.values.withUnsafeBufferPointer { qv in
                    scores.withUnsafeMutableBufferPointer { sp in
                        let s = sp.baseAddress!
                        for b in beam {
                            let k = Int(b.node)
                            let first = childPointers[k], count = childPointers[k + 1] - first
                            s.update(repeating: 0, count: count)
                            ChunkScorer.score(level: lp, chunk: k, queryIndices: qi, queryValues: qv, into: s)
                            for i in 0..<count {
                                let raw = s[i]
                                candidates.append(Candidate(node: childIndices[first + i], parent: b.node, raw: raw,
                                                            score: postProcessor.combine(parent: b.score, raw: raw)))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Puts the best `keep` candidates (higher score first, lower node id on ties) first, sorted;
    /// unless `all`, drops the rest.
    private mutating func selectBest(_ keep: Int, all: Bool) {
        if all || candidates.count <= 2 * keep {
            candidates.sort(by: Self.isBetter)
            return
        }
        // Insertion into a small sorted buffer: the beam is narrow and most candidates lose at
        // the first comparison with the current worst kept one.
        top.removeAll(keepingCapacity: true)
        for c in candidates { Self.insert(c, into: &top, keep: keep) }
        swap(&candidates, &top)
    }

    /// Inserts `c` into `top` (sorted best first, at most `keep` long) if it ranks among the best
    /// `keep`; returns whether it did.
    @inline(__always)
    @discardableResult
    static func insert(_ c: Candidate, into top: inout [Candidate], keep: Int) -> Bool {
        if top.count == keep {
            guard isBetter(c, top[keep - 1]) else { return false }
            top.removeLast()
        }
        var position = top.count
        while position > 0 && isBetter(c, top[position - 1]) { position -= 1 }
        top.insert(c, at: position)
        return true
    }

    @inline(__always)
    private static func isBetter(_ a: Candidate, _ b: Candidate) -> Bool {
        a.score != b.score ? a.score > b.score : a.node < b.node
    }
}
