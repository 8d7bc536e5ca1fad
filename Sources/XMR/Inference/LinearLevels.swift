/// Consecutive levels of linear node rankers over a label tree, walked by beam search: the
/// shared core of `LinearMatcher` (cluster levels) and `LinearRanker` (the label level).
struct LinearLevels: Sendable {
    /// The tree.
    let tree: LabelTree
    /// `weights[t - firstLevel]` ranks the nodes of level t.
    let weights: [LevelWeights]
    /// The first level these weights rank.
    let firstLevel: Int
    /// How raw rows become scored queries.
    let preparation: QueryPreparation
    /// How scores combine along a path.
    let postProcessor: PostProcessor
    /// The most children of any node (sizes the per-query scratch space).
    let maxChildren: Int

    /// The last level ranked.
    var lastLevel: Int { firstLevel + weights.count - 1 }

    /// A beam width or top-k from a caller, between 1 and the number of labels: beam buffers are
    /// sized by it, and no level has more nodes than the tree has labels.
    func capped(_ requested: Int) -> Int { min(max(1, requested), tree.labelCount) }

    /// One query's walk from `start` (nil = the root) through every level, keeping `beamWidth`
    /// nodes per level and `lastKeep` at the last.
    /// Throws when a chunk it reaches fails its first-use check (a damaged model file).
    func walk(_ x: SparseVector, from start: [NodeScore]?, beamWidth: Int, lastKeep: Int,
              onLevel: ((BeamTrace.Level) -> Void)?) throws -> [NodeScore] {
        var search = BeamSearch(maxChildren: maxChildren)
        let report: ((Int, [BeamSearch.Candidate], Int) -> Void)? = onLevel.map { onLevel in
            { t, candidates, kept in
                onLevel(BeamTrace.Level(level: t, candidates: candidates.enumerated().map { i, c in
                    BeamTrace.Candidate(node: Int(c.node), parent: Int(c.parent), rawScore: c.raw, score: c.score,
                                        kept: i < kept)
                }))
            }
        }
        let kept = try search.search(levels: weights, firstLevel: firstLevel, tree: tree, postProcessor: postProcessor,
                                 query: preparation.prepare(x), start: start, beamWidth: capped(beamWidth),
                                 lastLevel: lastLevel, lastKeep: capped(lastKeep), allCandidates: onLevel != nil,
                                 checkChunk: { level, k, children in try level.checkChunk(k, childCount: children) },
                                 onLevel: report)
        return kept.map { NodeScore(node: Int($0.node), score: $0.score) }
    }

    /// Every row's walk, level by level and chunk by chunk (`BatchBeamSearch`); throws like `walk`.
    func walkBatch(_ features: CSRMatrix, from start: ClusterBeams?, beamWidth: Int, lastKeep: Int, threads: Int,
                   recorded: BeamRecording?) throws -> ClusterBeams {
        let width = capped(beamWidth)
        var search = BatchBeamSearch(levels: self, beamWidth: width, lastKeep: capped(lastKeep), threads: threads)
        search.blockSize = BatchBeamSearch.blockSize(parents: tree.nodeCount(atLevel: lastLevel - 1), beamWidth: width)
        return try search.search(features, rows: 0..<features.rows, from: start, recorded: recorded?.slots)
    }
}
