import Foundation

/// A trained XR-Linear model: the label tree, one chunked weight matrix per level, and its settings.
public struct XRLinearModel: Sendable {
    /// The hyperparameters it was trained with (beam width and top-k are the prediction defaults).
    public var parameters: Pipeline
    /// Number of input features (without the bias).
    public let featureCount: Int
    /// Number of labels.
    public let labelCount: Int
    /// The label tree.
    public let tree: LabelTree
    /// `levels[t - 1]` holds the rankers of the nodes at level t.
    public let levels: [LevelWeights]
    /// Label names, when the training data had them.
    public var labelNames: [String]?
    /// Number of training points with each label, when known (for summaries of tree nodes).
    public var labelFrequencies: [Int]?

    /// Creates a model from its parts; checks that they fit together.
    public init(parameters: Pipeline, featureCount: Int, labelCount: Int, tree: LabelTree,
                levels: [LevelWeights], labelNames: [String]? = nil, labelFrequencies: [Int]? = nil) throws {
        guard tree.labelCount == labelCount else {
            throw XRLinearError.invalidInput("tree has \(tree.labelCount) labels, model has \(labelCount)")
        }
        guard levels.count == tree.depth else {
            throw XRLinearError.invalidInput("model has \(levels.count) weight levels, tree has depth \(tree.depth)")
        }
        for (i, level) in levels.enumerated() {
            guard level.dimension == featureCount + 1 else {
                throw XRLinearError.invalidInput("level \(i + 1) weights have dimension \(level.dimension), expected \(featureCount + 1)")
            }
            if let problem = level.validate(tree: tree, level: i + 1) {
                throw XRLinearError.invalidInput("level \(i + 1) weights: \(problem)")
            }
        }
        if let labelNames, labelNames.count != labelCount {
            throw XRLinearError.invalidInput("\(labelNames.count) label names for \(labelCount) labels")
        }
        if let labelFrequencies, labelFrequencies.count != labelCount {
            throw XRLinearError.invalidInput("\(labelFrequencies.count) label frequencies for \(labelCount) labels")
        }
        self.labelFrequencies = labelFrequencies
        self.parameters = parameters
        self.featureCount = featureCount
        self.labelCount = labelCount
        self.tree = tree
        self.levels = levels
        self.labelNames = labelNames
        self.maxChildren = BeamSearch.maxChildren(of: tree)
    }

    /// Number of levels below the root.
    public var depth: Int { tree.depth }

    /// The largest number of children of any tree node (sizes the per-query scratch space).
    let maxChildren: Int

    /// Number of stored weights over all levels.
    public var nonzeros: Int { levels.reduce(0) { $0 + $1.nonzeros } }

    /// The name of label `i`, or `#i`.
    public func labelName(_ i: Int) -> String {
        if let labelNames, i >= 0, i < labelNames.count { return labelNames[i] }
        return "#\(i)"
    }

    /// How this model's linear stages prepare a raw feature row.
    var preparation: QueryPreparation {
        QueryPreparation(featureCount: featureCount, normalize: parameters.features.normalizeRows,
                         bias: Float(parameters.ranker.bias))
    }

    func prepare(_ x: SparseVector) -> PreparedQuery { preparation.prepare(x) }

    /// The matcher stage of this model: beam search through its cluster levels.
    public var matcher: LinearMatcher { LinearMatcher(self) }

    /// The ranker stage of this model: its label level.
    public var ranker: LinearRanker { LinearRanker(self) }

    /// The top `topK` labels of `x` by beam search (defaults: the model's beam width and top-k).
    /// Throws when a chunk of a loaded model's files fails its first-use check.
    public func predict(_ x: SparseVector, beamWidth: Int? = nil, topK: Int? = nil) throws -> [LabelScore] {
        try TrainedModel(self, vectorizer: nil).predict(Query(features: x), beamWidth: beamWidth, topK: topK)
    }

    /// The beam search of `x` with every candidate of every level, for explaining a ranking.
    public func trace(_ x: SparseVector, beamWidth: Int? = nil, topK: Int? = nil) throws -> BeamTrace {
        try TrainedModel(self, vectorizer: nil).trace(Query(features: x), beamWidth: beamWidth, topK: topK)
    }

    /// Ranks every row of `features` on `threads` threads (level by level, see `BatchBeamSearch`).
    public func predictBatch(_ features: CSRMatrix, beamWidth: Int? = nil, topK: Int? = nil, threads: Int? = nil,
                             recordBeams: Bool = false) throws -> BatchPrediction {
        try TrainedModel(self, vectorizer: nil).predictBatch(QueryBatch(features: features), beamWidth: beamWidth, topK: topK,
                                                         threads: threads, recordBeams: recordBeams)
    }
}
