/// The training data every stage reads: features, labels, and what is known about them.
public struct TrainingInput: Sendable {
    /// Points × features, rows already scaled as the pipeline asks (l2-normalized by default).
    public var features: CSRMatrix
    /// Points × labels (stored values are treated as 1).
    public var labels: CSRMatrix
    /// The raw training texts, one per point, when the dataset has them.
    public var texts: [String]?
    /// The label names, when the dataset has them.
    public var labelNames: [String]?
    /// A given label graph (`label_graph.txt`), for the spectral representations.
    public var labelGraph: LabelGraph?
    /// The encoder's l2-normalized embeddings of the training texts, one row per point, when the
    /// pipeline has an encoder (for the dense label representations).
    public var embeddings: DenseMatrix?
    /// Work shared by the stages that train on this input (packed rows, node point sets).
    let shared = TrainingInputCache()

    /// Creates the input; features and labels must have one row per point.
    public init(features: CSRMatrix, labels: CSRMatrix, texts: [String]? = nil, labelNames: [String]? = nil) throws {
        guard features.rows == labels.rows else {
            throw XRLinearError.invalidInput("features have \(features.rows) rows but labels have \(labels.rows)")
        }
        guard labels.cols >= 1 else { throw XRLinearError.invalidInput("the dataset has no labels") }
        if let labelNames, labelNames.count != labels.cols {
            throw XRLinearError.invalidInput("\(labelNames.count) label names for \(labels.cols) labels")
        }
        self.features = features
        self.labels = labels
        self.texts = texts
        self.labelNames = labelNames
    }
}
