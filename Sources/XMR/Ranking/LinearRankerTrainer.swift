/// Trains the linear one-vs-rest rankers of the label level: for every label, its positives
/// against the negatives of `RankerSettings.negatives` (tfn, man or tfn+man).
public struct LinearRankerTrainer: RankerTrainer {
    /// The pipeline.
    public var pipeline: Pipeline

    /// A trainer for `pipeline`.
    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    /// `man` and `tfn+man` need the matcher's clusters.
    public var needsMatchedClusters: Bool { pipeline.ranker.negatives.usesMatcher }

    /// Trains level `depth`.
    public func train(_ input: TrainingInput, tree: LabelTree, matcher: MatcherTraining,
                      context: StageContext) throws -> RankerTraining {
        let problem = try input.shared.linearProblem(input, tree: tree, parameters: pipeline)
        if needsMatchedClusters && tree.depth > 1 && matcher.matchedClusters == nil {
            throw XRLinearError.invalidInput("the \(pipeline.ranker.negatives.rawValue) negatives need the matcher's clusters")
        }
        let (levels, _) = try XRLinearTrainer().trainLevels(
            tree.depth..<(tree.depth + 1), problem, matched: matcher.matchedClusters?.sets, keepMatched: false, context: context)
        return Self.training(level: levels[0], featureCount: input.features.cols, tree: tree, pipeline: pipeline)
    }

    /// The linear ranker made of a label level trained elsewhere.
    public static func training(level: LevelWeights, featureCount: Int, tree: LabelTree,
                                pipeline: Pipeline) -> RankerTraining {
        let ranker = LinearRanker(levels: LinearLevels(
            tree: tree, weights: [level], firstLevel: tree.depth,
            preparation: QueryPreparation(featureCount: featureCount, normalize: pipeline.features.normalizeRows,
                                          bias: Float(pipeline.ranker.bias)),
            postProcessor: pipeline.postProcessor, maxChildren: BeamSearch.maxChildren(of: tree)))
        return RankerTraining(ranker: ranker, linearLevel: level)
    }
}
