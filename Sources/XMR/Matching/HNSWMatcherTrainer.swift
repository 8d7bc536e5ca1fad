/// Builds the ANN matcher (`HNSWMatcher`): no training, an HNSW index over the PIFA vectors of
/// the last cluster level's nodes.
public struct HNSWMatcherTrainer: MatcherTrainer {
    /// The pipeline (its `ann` settings and post-processor).
    public var pipeline: Pipeline

    /// A trainer for `pipeline`.
    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    /// Indexes the clusters of level `tree.depth − 1` (nothing for a one-level tree); with
    /// `needsMatchedClusters`, searches every training point to find the clusters it reaches.
    public func train(_ input: TrainingInput, tree: LabelTree, needsMatchedClusters: Bool,
                      context: StageContext) throws -> MatcherTraining {
        let clusterLevel = tree.depth - 1
        var index: HNSWIndex?
        if clusterLevel >= 1 {
            let vectors = try Self.clusterVectors(input, tree: tree, level: clusterLevel, threads: context.threads)
            try context.checkCancellation()
            do {
                index = try HNSWIndex.build(.sparse(vectors), similarity: .cosine,
                                            parameters: pipeline.ann.parameters(seed: context.seed, threads: context.threads))
            } catch let error as ANNError {
                throw XRLinearError.invalidInput("the hnsw matcher: \(error.description)")
            }
        }
        let matcher = HNSWMatcher(index: index, tree: tree, postProcessor: pipeline.postProcessor,
                                  efSearch: pipeline.ann.efSearch)
        var matched: MatchedClusters?
        if needsMatchedClusters && clusterLevel >= 1 {
            try context.checkCancellation()
            let beams = matcher.matchBatch(QueryBatch(features: input.features), beamWidth: pipeline.matcher.beamWidth,
                                           threads: context.threads, recorded: nil)
            matched = MatchedClusters(beams, clusterCount: tree.nodeCount(atLevel: clusterLevel))
        }
        let empty = (1..<tree.depth).map { LevelWeights.empty(dimension: input.features.cols + 1,
                                                              parents: tree.nodeCount(atLevel: $0 - 1)) }
        return MatcherTraining(matcher: matcher, linearLevels: empty, matchedClusters: matched)
    }

    /// The normalized sum of the PIFA vectors of each node's labels at `level` (nodes × features).
    static func clusterVectors(_ input: TrainingInput, tree: LabelTree, level: Int, threads: Int) throws -> CSRMatrix {
        let pifa: CSRMatrix
        do {
            pifa = try LabelRepresentation.pifa.labelVectors(features: input.features, labels: input.labels, threads: threads)
        } catch let error as IndexingError {
            throw error.asTrainingError
        }
        let owner = tree.ancestors(atLevel: level)
        let membership = CSRMatrix(rows: tree.nodeCount(atLevel: level), cols: tree.labelCount,
                                   triplets: owner.enumerated().map { (row: Int($0.element), col: $0.offset, value: Float(1)) })
        return SparseProducts.multiply(membership, pifa, threads: threads).l2NormalizedRows()
    }
}
