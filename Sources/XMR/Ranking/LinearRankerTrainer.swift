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
        if needsMatchedClusters && tree.depth > 1 && matcher.matchedClusters == nil {
            throw XRLinearError.invalidInput("the \(pipeline.ranker.negatives.rawValue) negatives need the matcher's clusters")
        }
        let weights: [SparseVector]
        do {
            let problem = try input.shared.linearProblem(input, tree: tree, parameters: pipeline)
            weights = try XRLinearTrainer().levelWeights(tree.depth, problem, matched: matcher.matchedClusters?.sets, context: context)
        }
        // The label level is the last to train on the packed rows: they go before its weights
        // become a level image, which at 1M labels is when training's memory peaks.
        input.shared.release()
        let level = try LevelWeights(childWeights: weights, tree: tree, level: tree.depth, dimension: input.features.cols + 1)
        return Self.training(level: level, featureCount: input.features.cols, tree: tree, pipeline: pipeline)
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
