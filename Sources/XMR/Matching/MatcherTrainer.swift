/// The matcher stage at training: learns to reach the clusters of the last cluster level.
///
/// `LinearMatcherTrainer` conforms. A new matcher conforms here and gets a case in
/// `MatcherAlgorithm`'s registry.
public protocol MatcherTrainer: Sendable {
    /// Trains on `input` for `tree`'s cluster levels (1...depth − 1). With `needsMatchedClusters`
    /// (the ranker's `man` negatives), also returns which clusters each training point reaches.
    func train(_ input: TrainingInput, tree: LabelTree, needsMatchedClusters: Bool,
               context: StageContext) throws -> MatcherTraining
}

/// A trained matcher and what the ranker's training may need from it.
public struct MatcherTraining: Sendable {
    /// The trained matcher.
    public var matcher: any ClusterMatcher
    /// The linear weights of the cluster levels, when the matcher is linear (stored as
    /// `weights-1.bin` … of the model folder).
    public var linearLevels: [LevelWeights]
    /// For every cluster of the last cluster level, the training points the matcher reaches it with.
    public var matchedClusters: MatchedClusters?
    /// The features the ranker trains on, when the matcher changed them (the neural matcher's
    /// [TF-IDF ⊕ fine-tuned embedding]); nil: the input's.
    public var rankerFeatures: CSRMatrix?
    /// The encoder that embeds queries, when the matcher fine-tuned one; nil: the pipeline's.
    public var encoder: TextEncoder?
    /// The cost and losses of fine-tuning, when the matcher fine-tuned an encoder.
    public var fineTuning: FineTuningReport?

    /// Bundles a training's results.
    public init(matcher: any ClusterMatcher, linearLevels: [LevelWeights], matchedClusters: MatchedClusters?) {
        self.matcher = matcher
        self.linearLevels = linearLevels
        self.matchedClusters = matchedClusters
    }
}

/// For every cluster of one level, the ascending training points a matcher reaches it with.
public struct MatchedClusters: Sendable {
    let sets: NodePointSets

    init(_ sets: NodePointSets) { self.sets = sets }

    /// From a matcher's batch result over the training points (`clusterCount` nodes at its level).
    public init(_ beams: ClusterBeams, clusterCount: Int) {
        sets = NodePointSets(nodeCount: clusterCount, pointCount: beams.queryCount) { q in
            beams.clusters(ofQuery: q).map { Int32($0.node) }.sorted()
        }
    }
}
