/// Trains XR-Linear's recursive linear matcher: level by level, one linear ranker per cluster,
/// with the ranker settings' solver and negatives (as libpecos trains every level alike).
public struct LinearMatcherTrainer: MatcherTrainer {
    /// The pipeline (its ranker settings drive the solver and the negatives).
    public var pipeline: Pipeline

    /// A trainer for `pipeline`.
    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    /// Trains cluster levels 1...depth − 1 (none for a one-level tree).
    public func train(_ input: TrainingInput, tree: LabelTree, needsMatchedClusters: Bool,
                      context: StageContext) throws -> MatcherTraining {
        let problem = try input.shared.linearProblem(input, tree: tree, parameters: pipeline)
        let (levels, matched) = try XRLinearTrainer().trainLevels(
            1..<tree.depth, problem, matched: nil, keepMatched: needsMatchedClusters, context: context)
        var training = Self.training(levels: levels, featureCount: input.features.cols, tree: tree, pipeline: pipeline)
        training.matchedClusters = matched.map(MatchedClusters.init)
        return training
    }

    /// The linear matcher made of cluster levels trained elsewhere (`levels[t - 1]` for level t).
    public static func training(levels: [LevelWeights], featureCount: Int, tree: LabelTree,
                                pipeline: Pipeline) -> MatcherTraining {
        let matcher = LinearMatcher(levels: LinearLevels(
            tree: tree, weights: levels, firstLevel: 1,
            preparation: QueryPreparation(featureCount: featureCount, normalize: pipeline.features.normalizeRows,
                                          bias: Float(pipeline.ranker.bias)),
            postProcessor: pipeline.postProcessor, maxChildren: BeamSearch.maxChildren(of: tree)))
        return MatcherTraining(matcher: matcher, linearLevels: levels, matchedClusters: nil)
    }
}
