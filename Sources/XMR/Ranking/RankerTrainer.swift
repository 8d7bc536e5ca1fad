/// The ranker stage at training: learns to score the labels under each cluster.
///
/// `LinearRankerTrainer` conforms. A new ranker conforms here and gets a case in
/// `RankerAlgorithm`'s registry.
public protocol RankerTrainer: Sendable {
    /// Whether training needs the matcher's clusters per training point (`man` negatives).
    var needsMatchedClusters: Bool { get }

    /// Trains on `input` for `tree`'s label level, given the trained matcher.
    func train(_ input: TrainingInput, tree: LabelTree, matcher: MatcherTraining,
               context: StageContext) throws -> RankerTraining
}

/// A trained ranker.
public struct RankerTraining: Sendable {
    /// The trained ranker.
    public var ranker: any LabelRanker
    /// The linear weights of the label level, when the ranker is linear (`weights-<depth>.bin`).
    public var linearLevel: LevelWeights?

    /// Bundles a training's results.
    public init(ranker: any LabelRanker, linearLevel: LevelWeights?) {
        self.ranker = ranker
        self.linearLevel = linearLevel
    }
}
