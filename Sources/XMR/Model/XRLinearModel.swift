import Foundation

/// A trained XR-Linear model: the label tree, one chunked weight matrix per level, and its settings.
public struct XRLinearModel: Sendable {
    /// The hyperparameters it was trained with (beam width and top-k are the prediction defaults).
    public var parameters: XRLinearParameters
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
    public init(parameters: XRLinearParameters, featureCount: Int, labelCount: Int, tree: LabelTree,
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

    func prepare(_ x: SparseVector) -> PreparedQuery {
        PreparedQuery(x, featureCount: featureCount, normalize: parameters.normalizeRows, bias: Float(parameters.bias))
    }

    func prepare(row i: Int, of matrix: CSRMatrix) -> PreparedQuery {
        PreparedQuery(row: i, of: matrix, featureCount: featureCount, normalize: parameters.normalizeRows,
                      bias: Float(parameters.bias))
    }

    /// The beam width a search uses for `requested` (default: the model's): at least 1 and at
    /// most the number of labels, so no request, flag or `model.json` value sizes a buffer beyond that.
    public func effectiveBeamWidth(_ requested: Int? = nil) -> Int {
        min(max(1, requested ?? parameters.beamWidth), labelCount)
    }

    /// The labels a search returns for `requested` (default: the model's), capped like the beam width.
    public func effectiveTopK(_ requested: Int? = nil) -> Int {
        min(max(1, requested ?? parameters.topK), labelCount)
    }

    func makeSearch() -> BeamSearch { BeamSearch(maxChildren: maxChildren) }

    /// The top `topK` labels of `x` by beam search (defaults: the model's beam width and top-k).
    public func predict(_ x: SparseVector, beamWidth: Int? = nil, topK: Int? = nil) -> [LabelScore] {
        var search = makeSearch()
        let result = search.search(levels: levels, tree: tree, postProcessor: parameters.postProcessor, query: prepare(x),
                                   beamWidth: effectiveBeamWidth(beamWidth), lastLevel: depth,
                                   lastKeep: effectiveTopK(topK))
        return result.map { LabelScore(label: Int($0.node), score: $0.score) }
    }

    /// The beam search of `x` with every candidate of every level, for explaining a ranking.
    public func trace(_ x: SparseVector, beamWidth: Int? = nil, topK: Int? = nil) -> BeamTrace {
        var search = makeSearch()
        var levels: [BeamTrace.Level] = []
        let result = search.search(levels: self.levels, tree: tree, postProcessor: parameters.postProcessor,
                                   query: prepare(x), beamWidth: effectiveBeamWidth(beamWidth),
                                   lastLevel: depth, lastKeep: effectiveTopK(topK),
                                   allCandidates: true) { t, candidates, kept in
            levels.append(BeamTrace.Level(level: t, candidates: candidates.enumerated().map { i, c in
                BeamTrace.Candidate(node: Int(c.node), parent: Int(c.parent), rawScore: c.raw, score: c.score, kept: i < kept)
            }))
        }
        return BeamTrace(levels: levels, results: result.map { LabelScore(label: Int($0.node), score: $0.score) })
    }

    /// Ranks every row of `features` on `threads` threads (level by level, see `BatchBeamSearch`).
    public func predictBatch(_ features: CSRMatrix, beamWidth: Int? = nil, topK: Int? = nil, threads: Int? = nil,
                             recordBeams: Bool = false) -> BatchPrediction {
        let start = Date()
        let n = features.rows
        let rankings = ResultSlots<[LabelScore]>(count: n, initial: [])
        let beams = ResultSlots<[[Int32]]>(count: recordBeams ? n : 0, initial: [])
        BatchBeamSearch(model: self, beamWidth: effectiveBeamWidth(beamWidth), topK: effectiveTopK(topK),
                        threads: max(1, threads ?? parameters.threads))
            .rank(features, rows: 0..<n, rankings: rankings, beams: recordBeams ? beams : nil)
        return BatchPrediction(rankings: rankings.array(), beams: recordBeams ? beams.array() : nil,
                               seconds: Date().timeIntervalSince(start))
    }
}
