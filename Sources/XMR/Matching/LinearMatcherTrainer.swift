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
        let matcher = LinearMatcher(levels: LinearLevels(
            tree: tree, weights: levels, firstLevel: 1,
            preparation: QueryPreparation(featureCount: input.features.cols, normalize: pipeline.features.normalizeRows,
                                          bias: Float(pipeline.ranker.bias)),
            postProcessor: pipeline.postProcessor, maxChildren: BeamSearch.maxChildren(of: tree)))
        return MatcherTraining(matcher: matcher, linearLevels: levels, matchedClusters: matched.map(MatchedClusters.init))
    }
}
