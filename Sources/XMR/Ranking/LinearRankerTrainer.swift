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
        let ranker = LinearRanker(levels: LinearLevels(
            tree: tree, weights: levels, firstLevel: tree.depth,
            preparation: QueryPreparation(featureCount: input.features.cols, normalize: pipeline.features.normalizeRows,
                                          bias: Float(pipeline.ranker.bias)),
            postProcessor: pipeline.postProcessor, maxChildren: BeamSearch.maxChildren(of: tree)))
        return RankerTraining(ranker: ranker, linearLevel: levels[0])
    }
}
