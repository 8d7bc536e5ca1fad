import Foundation

/// Adds labels to a trained model without retraining it (`xmr add-labels`).
///
/// For the new labels of a `NewLabels` input:
/// 1. each gets its PIFA vector over the given points (as in training), and its nearest leaf
///    cluster is the one the model's matcher ranks first for that vector;
/// 2. `LabelPlacement` puts it there, or in a new leaf when that one is full;
/// 3. its one-vs-rest ranker is trained, with the model's solver, on its positive points
///    against the hard negatives of its cluster: the given points with a label in the cluster
///    or whose beam (the model's matcher) reaches it;
/// 4. on its path, a new node is trained the same way, and an existing node is retrained only
///    when some of the points become positive for it through a new label: its training is
///    resumed from its weights on the given points in its parent's scope, each starting from
///    the dual variable its old class implies, with the new positives switched
///    (`NodeProblem.continueTraining`).
/// Every other weight is kept bit for bit.
public struct LabelAdder: Sendable {
    /// Worker threads (default: the model's pipeline's).
    public var threads: Int?

    /// Creates an adder.
    public init(threads: Int? = nil) { self.threads = threads }

    /// The model with `input`'s new labels, and what was done.
    public func add(_ input: NewLabels, to trained: TrainedModel) throws -> (model: TrainedModel, report: LabelAdditionReport) {
        let start = Date()
        let model = trained.model, pipeline = model.parameters, tree = model.tree
        guard input.firstNewLabel == model.labelCount, input.features.cols == model.featureCount else {
            throw XRLinearError.invalidInput("the new labels' input has \(input.features.cols) features and \(input.firstNewLabel) old labels; the model has \(model.featureCount) and \(model.labelCount)")
        }
        guard pipeline.matcher.algorithm == .linear else {
            throw XRLinearError.invalidParameter(name: "matcher", message: "adding labels needs the linear matcher; this model's is \(pipeline.matcher.algorithm.rawValue) (retrain it with the new labels)")
        }
        let workers = max(1, threads ?? pipeline.threads)
        let depth = tree.depth
        let x = pipeline.features.normalizeRows ? input.features.l2NormalizedRows() : input.features
        let n = x.rows

        // 1. Representations and nearest clusters.
        let vectors = try LabelRepresentation.pifa.labelVectors(features: x, labels: input.labels, threads: workers)
        let beamWidth = trained.effectiveBeamWidth()
        let nearest = try (input.firstNewLabel..<input.labels.cols).map { label in
            try trained.matcher.match(Query(features: vectors.row(label)), beamWidth: beamWidth, onLevel: nil).first?.node ?? 0
        }

        // 2. Placement.
        let capacity = Self.leafCapacity(of: tree, maxLeafSize: pipeline.indexer.maxLeafSize)
        let branching = pipeline.indexer.branching
        let placement = LabelPlacement(tree, nearest: nearest, capacity: capacity, branching: branching)
        let newTree = placement.tree

        // 3–4. The problems: which rows, which positives, which prior.
        let beams = try Self.matcherBeams(trained, features: input.features, beamWidth: beamWidth, threads: workers)
        let scopes = NodeScopes(labels: input.labels, oldLabelCount: model.labelCount, tree: newTree,
                                beams: beams, newNodes: placement.newNodes,
                                negatives: pipeline.ranker.negatives)
        var problems: [NodeProblem] = []
        var unchanged = 0
        let newNodeSet = Set(placement.newNodes.map { [$0.level, $0.node] })
        let newLabelAncestors = Self.ancestorsOfNewLabels(newTree, from: model.labelCount)
        for t in stride(from: 1, to: depth, by: 1) {
            let oldWeights = newLabelAncestors[t].contains { !newNodeSet.contains([t, $0]) }
                ? try model.levels[t - 1].nodeWeights(tree: tree, level: t) : []
            for node in newLabelAncestors[t] {
                let isNew = newNodeSet.contains([t, node])
                let gained = scopes.newPositives(level: t, node: node)
                if !isNew && gained == 0 { unchanged += 1; continue }
                var problem = scopes.problem(level: t, node: node, newPositives: gained)
                if !isNew {
                    problem.continueTraining(from: oldWeights[node],
                                             originalClasses: scopes.originalClasses(level: t, node: node, rows: problem.rows),
                                             x: x, parameters: pipeline.ranker.solverParameters)
                }
                problems.append(problem)
            }
        }
        for label in model.labelCount..<newTree.labelCount {
            problems.append(scopes.problem(level: depth, node: label, newPositives: scopes.positives(level: depth, node: label)))
        }
        let solutions = NodeProblem.solve(problems, x: x, parameters: pipeline.ranker.solverParameters,
                                          seed: pipeline.seed, threads: workers)

        // Assemble every level: unchanged levels as they were, the others rebuilt from node weights.
        var levels: [LevelWeights] = []
        for t in 1...depth {
            let solved = problems.indices.filter { problems[$0].level == t }
            let grows = newTree.nodeCount(atLevel: t) != tree.nodeCount(atLevel: t)
            guard grows || !solved.isEmpty else {
                levels.append(model.levels[t - 1])
                continue
            }
            var weights = try model.levels[t - 1].nodeWeights(tree: tree, level: t)
            weights += Array(repeating: SparseVector(dimension: model.featureCount + 1, indices: [], values: []),
                             count: newTree.nodeCount(atLevel: t) - tree.nodeCount(atLevel: t))
            for i in solved { weights[problems[i].node] = solutions[i] }
            levels.append(try LevelWeights(childWeights: weights, tree: newTree, level: t, dimension: model.featureCount + 1))
        }
        var frequencies = model.labelFrequencies
        if frequencies != nil {
            frequencies! += (model.labelCount..<newTree.labelCount).map { scopes.positives(level: depth, node: $0) }
        }
        var names = model.labelNames
        if let given = input.labelNames {
            names = (names ?? Array(given[0..<model.labelCount])) + given[model.labelCount...]
        }
        let updated = try XRLinearModel(parameters: pipeline, featureCount: model.featureCount, labelCount: newTree.labelCount,
                                        tree: newTree, levels: levels, labelNames: names, labelFrequencies: frequencies)
        var result = TrainedModel(updated, vectorizer: trained.vectorizer)
        result.vectorizeSeconds = 0
        let added = (model.labelCount..<newTree.labelCount).map { label -> LabelAdditionReport.AddedLabel in
            let i = label - model.labelCount
            let problem = problems[problems.count - input.count + i]
            return .init(label: label, name: names?[label], positives: problem.positiveCount,
                         negatives: problem.rows.count - problem.positiveCount, cluster: placement.clusters[i],
                         newCluster: placement.inNewCluster[i])
        }
        let nodes = problems.filter { $0.level < depth }.map {
            LabelAdditionReport.TrainedNode(level: $0.level, node: $0.node, newPositives: $0.newPositives,
                                            rows: $0.rows.count, isNew: $0.prior == nil)
        }
        let report = LabelAdditionReport(labels: added, nodes: nodes, unchangedPathNodes: unchanged,
                                         overCapacity: placement.overCapacity, leafCapacity: capacity, branching: branching,
                                         points: n, seconds: Date().timeIntervalSince(start))
        return (result, report)
    }

    /// The most labels a leaf cluster may hold: the pipeline's max leaf size, or the largest
    /// leaf of the tree when that is larger (a tree of a set depth or a given hierarchy).
    static func leafCapacity(of tree: LabelTree, maxLeafSize: Int) -> Int {
        guard tree.depth > 1 else { return max(maxLeafSize, tree.labelCount) }
        let clusters = tree.nodeCount(atLevel: tree.depth - 1)
        return max(maxLeafSize, (0..<clusters).map { tree.children(ofNode: $0, atLevel: tree.depth - 1).count }.max() ?? 0)
    }

    /// For every level t (0...depth), the nodes that are ancestors of a new label, ascending.
    static func ancestorsOfNewLabels(_ tree: LabelTree, from firstNew: Int) -> [[Int]] {
        (0...tree.depth).map { t in
            let up = tree.ancestors(atLevel: t)
            return Set(up[firstNew...].map(Int.init)).sorted()
        }
    }

    /// `beams[i][t - 1]`: the nodes of cluster level t the model's matcher kept for point i.
    static func matcherBeams(_ trained: TrainedModel, features: CSRMatrix, beamWidth: Int, threads: Int) throws -> [[[Int32]]] {
        guard trained.tree.depth > 1 else { return Array(repeating: [], count: features.rows) }
        let recording = BeamRecording(count: features.rows)
        _ = try trained.matcher.matchBatch(QueryBatch(features: features), beamWidth: beamWidth, threads: threads, recorded: recording)
        return recording.beams()
    }
}
