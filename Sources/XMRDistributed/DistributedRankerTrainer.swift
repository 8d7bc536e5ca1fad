import XMR

/// Rank 0's ranker stage of a distributed training: the label level that
/// `DistributedMatcherTrainer` gathered from the ranks (nothing is trained here).
public struct DistributedRankerTrainer: RankerTrainer {
    /// The pipeline.
    public let pipeline: Pipeline
    /// Where the matcher stage left the label level.
    public let gathered: GatheredTraining

    /// A ranker stage reading `gathered`.
    public init(pipeline: Pipeline, gathered: GatheredTraining) {
        self.pipeline = pipeline
        self.gathered = gathered
    }

    /// Split training uses tfn negatives only.
    public var needsMatchedClusters: Bool { false }

    /// The gathered label level as the linear ranker.
    public func train(_ input: TrainingInput, tree: LabelTree, matcher: MatcherTraining,
                      context: StageContext) throws -> RankerTraining {
        guard let level = gathered.labelLevel else {
            throw DistributedError.mpi("the label level was not gathered before the ranker stage")
        }
        return LinearRankerTrainer.training(level: level, featureCount: input.features.cols, tree: tree, pipeline: pipeline)
    }
}
