/// Linear one-vs-rest rankers: every label under a matched cluster scored by its own linear
/// model (the last level of an XR-Linear model).
public struct LinearRanker: LabelRanker {
    let levels: LinearLevels

    init(levels: LinearLevels) { self.levels = levels }

    /// The ranker of `model`'s label level.
    public init(_ model: XRLinearModel) {
        levels = LinearLevels(tree: model.tree, weights: [model.levels[model.depth - 1]], firstLevel: model.depth,
                              preparation: model.preparation, postProcessor: model.parameters.postProcessor,
                              maxChildren: model.maxChildren)
    }

    /// Scores the labels under `clusters` and keeps the best `topK`.
    public func rank(_ query: Query, clusters: [NodeScore], topK: Int,
                     onLevel: ((BeamTrace.Level) -> Void)?) throws -> [LabelScore] {
        try levels.walk(query.features, from: clusters, beamWidth: clusters.count, lastKeep: topK, onLevel: onLevel)
            .map { LabelScore(label: $0.node, score: $0.score) }
    }

    /// Scores the labels under every query's clusters, chunk by chunk.
    public func rankBatch(_ queries: QueryBatch, clusters: ClusterBeams, topK: Int, threads: Int,
                          recorded: BeamRecording?) throws -> [[LabelScore]] {
        let beams = try levels.walkBatch(queries.features, from: clusters, beamWidth: clusters.stride, lastKeep: topK,
                                     threads: threads, recorded: recorded)
        return (0..<beams.queryCount).map { q in
            beams.clusters(ofQuery: q).map { LabelScore(label: $0.node, score: $0.score) }
        }
    }
}
