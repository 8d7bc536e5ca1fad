/// The label indexer stage: label vectors → the label tree (`LabelTree`).
///
/// Balanced spherical and Euclidean 2-means conform (`BalancedKMeansIndexer`), and so does a
/// given hierarchy (`GivenTreeIndexer`). A new indexer conforms here and gets a case in
/// `IndexerAlgorithm`'s registry; a user's own (see `Examples/CustomIndexer`) is passed to
/// `PipelineTrainer` directly.
public protocol LabelIndexer: Sendable {
    /// A short name recorded in `model.json` for a custom indexer ("facets").
    var name: String { get }

    /// The tree of `input`'s labels from their vectors (`labelVectors.rows` = labels). Report
    /// `.clustering(done:total:)` progress and honour cancellation through `context`.
    func index(labelVectors: CSRMatrix, input: TrainingInput, context: StageContext) throws -> LabelTree
}
