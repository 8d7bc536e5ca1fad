/// Training split between processes (see `SubtreeSplit`): the top levels on every point, the
/// subtrees below the split level on the points under them, and the model's levels assembled
/// from the pieces. Each node's ranker depends only on its own rows and seed, so the assembled
/// levels are bit-for-bit those `train` builds in one process.
extension XRLinearTrainer {
    /// Trains levels 1...`level` (none for level 0) on every point of `input`.
    public func trainTopLevels(through level: Int, input: TrainingInput, tree: LabelTree, pipeline: Pipeline,
                               context: StageContext) throws -> [LevelWeights] {
        try Self.checkSplittable(pipeline)
        let problem = try input.shared.linearProblem(input, tree: tree, parameters: pipeline)
        return try trainLevels(1..<(level + 1), problem, matched: nil, keepMatched: false, context: context).levels
    }

    /// Trains every node below `roots` (nodes of `splitLevel`) down to the labels.
    ///
    /// `input` may hold only the points with a label under `roots`, in their original order;
    /// `denseColumns` must be the whole training set's (`SubtreeSplit.denseColumns`).
    public func trainSubtrees(_ roots: [Int], splitLevel: Int, denseColumns: Int, input: TrainingInput, tree: LabelTree,
                              pipeline: Pipeline, context: StageContext) throws -> SubtreeWeights {
        try Self.checkSplittable(pipeline)
        guard splitLevel >= 0, splitLevel < tree.depth else {
            throw XRLinearError.invalidInput("split level \(splitLevel) is outside 0..<\(tree.depth)")
        }
        if let bad = roots.first(where: { $0 < 0 || $0 >= tree.nodeCount(atLevel: splitLevel) }) {
            throw XRLinearError.invalidInput("subtree root \(bad) is not a node of level \(splitLevel)")
        }
        let problem = try input.shared.linearProblem(input, tree: tree, parameters: pipeline, denseColumns: denseColumns)
        var pieces = SubtreeWeights(splitLevel: splitLevel, nodes: [], weights: [])
        var parents = roots
        for t in (splitLevel + 1)...tree.depth {
            try context.checkCancellation()
            context.progress?(.stageStarted(.level(t)))
            let weights = try trainLevel(t, x: problem.packed, tree: tree, base: problem.labelled[t - 1],
                                         positives: problem.labelled[t], parentPositives: problem.labelled[t - 1],
                                         addPositives: false, parameters: pipeline, progress: context.progress,
                                         cancel: context.cancel, onlyParents: parents)
            let nodes = parents.flatMap { tree.children(ofNode: $0, atLevel: t - 1) }
            pieces.nodes.append(nodes)
            pieces.weights.append(nodes.map { weights[Int($0)] })
            parents = nodes.map(Int.init)
        }
        return pieces
    }

    /// The model's levels: `top` (levels 1...split level) and, below, every node's weights from
    /// the one piece that trained it; throws when a node is missing or trained twice.
    public func assembleLevels(top: [LevelWeights], pieces: [SubtreeWeights], tree: LabelTree,
                               dimension: Int) throws -> [LevelWeights] {
        let splitLevel = top.count
        guard splitLevel < tree.depth else {
            throw XRLinearError.invalidInput("\(top.count) top levels leave no subtree levels in a tree of depth \(tree.depth)")
        }
        var levels = top
        for piece in pieces where piece.splitLevel != splitLevel || piece.nodes.count != tree.depth - splitLevel
            || piece.weights.count != piece.nodes.count {
            throw XRLinearError.invalidInput("a subtree piece below level \(piece.splitLevel) does not fit a split below level \(splitLevel)")
        }
        for t in (splitLevel + 1)...tree.depth {
            var weights = [SparseVector?](repeating: nil, count: tree.nodeCount(atLevel: t))
            for piece in pieces {
                let i = t - splitLevel - 1
                guard piece.nodes[i].count == piece.weights[i].count else {
                    throw XRLinearError.invalidInput("level \(t): \(piece.nodes[i].count) nodes but \(piece.weights[i].count) weight vectors")
                }
                for (node, w) in zip(piece.nodes[i], piece.weights[i]) {
                    guard node >= 0, Int(node) < weights.count, weights[Int(node)] == nil else {
                        throw XRLinearError.invalidInput("level \(t): node \(node) is out of range or trained twice")
                    }
                    guard w.dimension == dimension else {
                        throw XRLinearError.invalidInput("level \(t): node \(node) has dimension \(w.dimension), expected \(dimension)")
                    }
                    weights[Int(node)] = w
                }
            }
            if let missing = weights.firstIndex(where: { $0 == nil }) {
                throw XRLinearError.invalidInput("level \(t): node \(missing) was trained by no piece")
            }
            levels.append(try LevelWeights(childWeights: weights.map { $0! }, tree: tree, level: t, dimension: dimension))
        }
        return levels
    }

    /// Throws unless every node's problem is independent of the other subtrees: `man` and
    /// `tfn+man` negatives come from beams through the whole tree above a node.
    static func checkSplittable(_ pipeline: Pipeline) throws {
        guard pipeline.ranker.negatives == .tfn else {
            throw XRLinearError.invalidParameter(
                name: PipelineParameter.negatives.name,
                message: "must be tfn for split training (\(pipeline.ranker.negatives.rawValue) negatives come from the matcher's beams through every subtree), got \(pipeline.ranker.negatives.rawValue)")
        }
    }
}
