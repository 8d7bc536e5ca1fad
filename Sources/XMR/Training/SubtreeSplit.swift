/// How a training is split between processes: the tree is cut below one level, every node of
/// that level roots an independent subtree, and the subtrees go to ranks by estimated cost.
///
/// The levels down to the split level train on every point (`XRLinearTrainer.trainTopLevels`);
/// each subtree trains only on the points with a label under its root
/// (`XRLinearTrainer.trainSubtrees`), so a rank needs only those points.
public struct SubtreeSplit: Sendable, Equatable {
    /// The level whose nodes root the subtrees (0 = one subtree, the whole tree).
    public let level: Int
    /// Estimated work of every subtree (index = its root's node id at `level`): for every node
    /// trained in it, the stored features of its training rows.
    public let costs: [Double]
    /// The subtree roots of every rank, ascending.
    public let roots: [[Int]]
    /// Width of the dense last block of the features; every rank packs its rows with it.
    public let denseColumns: Int

    /// Plans the split of `input` on `tree` over `ranks` ranks.
    ///
    /// The split level is the first with at least 4 × `ranks` nodes (at most depth − 1, so
    /// every subtree has levels to train). Subtrees are handed out biggest first, each to the
    /// rank with the least work so far (ties: the lower rank), so the plan is deterministic.
    public init(input: TrainingInput, tree: LabelTree, pipeline: Pipeline, ranks: Int) throws {
        guard ranks >= 1 else { throw XRLinearError.invalidInput("a split needs at least one rank, got \(ranks)") }
        let problem = try input.shared.linearProblem(input, tree: tree, parameters: pipeline)
        let depth = tree.depth
        level = (1..<max(1, depth)).first { tree.nodeCount(atLevel: $0) >= 4 * ranks } ?? max(0, depth - 1)
        denseColumns = problem.packed.denseWidth
        let costs = Self.subtreeCosts(problem: problem, features: input.features, splitLevel: level)
        self.costs = costs
        var loads = [Double](repeating: 0, count: ranks)
        var assigned = [[Int]](repeating: [], count: ranks)
        let order = costs.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
        for root in order {
            let rank = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 }!
            loads[rank] += costs[root]
            assigned[rank].append(root)
        }
        roots = assigned.map { $0.sorted() }
    }

    /// For every node of `splitLevel`, the stored features of the training rows of every node
    /// below it (a node's rows: the points with a label under its parent).
    static func subtreeCosts(problem: LinearTrainingProblem, features: CSRMatrix, splitLevel: Int) -> [Double] {
        let tree = problem.tree
        var owner = (0..<tree.nodeCount(atLevel: splitLevel)).map { $0 }
        var costs = [Double](repeating: 0, count: owner.count)
        for t in (splitLevel + 1)...tree.depth {
            let parents = problem.labelled[t - 1]
            for p in 0..<tree.nodeCount(atLevel: t - 1) {
                let rowFeatures = parents.points(of: p).reduce(0) { $0 + features.nonzeros(inRow: Int($1)) }
                costs[owner[p]] += Double(tree.children(ofNode: p, atLevel: t - 1).count * rowFeatures)
            }
            owner = tree.parents[t - 1].map { owner[Int($0)] }
        }
        return costs
    }

    /// The training points `rank` needs: those with a label under one of its roots, ascending.
    public func points(forRank rank: Int, labels: CSRMatrix, tree: LabelTree) -> [Int] {
        let ancestors = tree.ancestors(atLevel: level)
        var mine = [Bool](repeating: false, count: tree.nodeCount(atLevel: level))
        for root in roots[rank] { mine[root] = true }
        return (0..<labels.rows).filter { i in
            labels.range(ofRow: i).contains { mine[Int(ancestors[Int(labels.columnIndices[$0])])] }
        }
    }
}
