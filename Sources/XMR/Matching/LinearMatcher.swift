/// XR-Linear's recursive linear matcher: beam search through every cluster level (all levels
/// but the last), one linear ranker per node.
public struct LinearMatcher: ClusterMatcher {
    let levels: LinearLevels

    init(levels: LinearLevels) { self.levels = levels }

    /// The matcher of `model`'s cluster levels.
    public init(_ model: XRLinearModel) {
        levels = LinearLevels(tree: model.tree, weights: Array(model.levels.dropLast()), firstLevel: 1,
                              preparation: model.preparation, postProcessor: model.parameters.postProcessor,
                              maxChildren: model.maxChildren)
    }

    /// Walks the cluster levels; with a one-level tree, the root is the only cluster.
    public func match(_ query: Query, beamWidth: Int, onLevel: ((BeamTrace.Level) -> Void)?) throws -> [NodeScore] {
        guard !levels.weights.isEmpty else { return [NodeScore(node: 0, score: levels.postProcessor.rootScore)] }
        return try levels.walk(query.features, from: nil, beamWidth: beamWidth, lastKeep: beamWidth, onLevel: onLevel)
    }

    /// Walks the cluster levels for every query, level by level.
    public func matchBatch(_ queries: QueryBatch, beamWidth: Int, threads: Int, recorded: BeamRecording?) throws -> ClusterBeams {
        guard !levels.weights.isEmpty else {
            return ClusterBeams(rootsFor: queries.count, stride: 1, rootScore: levels.postProcessor.rootScore)
        }
        return try levels.walkBatch(queries.features, from: nil, beamWidth: beamWidth, lastKeep: beamWidth,
                                threads: threads, recorded: recorded)
    }
}
