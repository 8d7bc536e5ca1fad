import Foundation

/// Adds labels to a trained model without retraining it (`xmr add-labels`).
///
/// For the new labels of a `NewLabels` input:
/// 1. each gets its PIFA vector over the given points (as in training), and its nearest leaf
///    cluster is the one the model's matcher ranks first for that vector;
/// 2. `LabelPlacement` puts it there, or in a new leaf when that one is full;
/// 3. its one-vs-rest ranker is trained, with the model's solver, on its positive points
///    against the hard negatives of its cluster: the given points with a label in the cluster
///    or whose beam (the model's matcher) reaches it; when the given points without a new label
///    are a sample (`sampleFraction` < 1), the bias of what is trained from scratch is fitted
///    again with each of them counted 1/fraction times (`SampledNegativesBias`); the solver
///    stops at `tolerance` (looser than training's) since the biases are fitted afterwards;
/// 4. on its path, a new node is trained the same way, and an existing node is retrained only
///    when some of the points become positive for it through a new label: its training is
///    resumed from its weights on the given points in its parent's scope, each starting from
///    the dual variable its old class implies, with the new positives switched
///    (`NodeProblem.continueTraining`);
/// 5. a retrained existing node is not changed in place but copied (`NodeCopies`): the copy
///    gets the retrained weights and the new labels below it, the original keeps its weights and
///    children, so the old labels' scores stay as they were.
/// Every weight of the model is kept bit for bit. With the hnsw matcher (no weights at the
/// cluster levels) nothing is trained above the labels: every leaf cluster that takes a new
/// label is copied, and the index is rebuilt with one vector more for each copy and new cluster
/// (`HNSWMatcher.addingClusters`).
public struct LabelAdder: Sendable {
    /// Worker threads (default: the model's pipeline's).
    public var threads: Int?
    /// The fraction of the model's training points without a new label that the input's points
    /// without one are (a uniform sample): each stands for 1/fraction points, and the bias of
    /// every ranker and node trained from scratch is fitted again with that weight
    /// (`SampledNegativesBias`). 1: the input holds all of them, or none.
    public var sampleFraction: Double
    /// The solver's stopping tolerance (its `eps`) for what is trained here, when looser than
    /// the model's own. The new labels' rankers have their biases fitted again afterwards and
    /// the copies start at their originals' optimum, so they can stop much sooner than a
    /// training from scratch: with the default 3 a ranker stops after one or two passes over
    /// its rows instead of 13 at training's 0.1 (on debtags at a 40% sample: the new labels'
    /// R@5 0.857 of a full retrain's against 0.874 at 0.1, the old labels' precision no worse;
    /// see README, *New labels without retraining*).
    public var tolerance: Double

    /// Creates an adder.
    public init(threads: Int? = nil, sampleFraction: Double = 1, tolerance: Double = 3) {
        self.threads = threads
        self.sampleFraction = sampleFraction
        self.tolerance = tolerance
    }

    /// The model with `input`'s new labels, and what was done.
    public func add(_ input: NewLabels, to trained: TrainedModel) throws -> (model: TrainedModel, report: LabelAdditionReport) {
        let start = Date()
        let model = trained.model, pipeline = model.parameters, tree = model.tree
        guard input.firstNewLabel == model.labelCount, input.features.cols == model.featureCount else {
            throw XRLinearError.invalidInput("the new labels' input has \(input.features.cols) features and \(input.firstNewLabel) old labels; the model has \(model.featureCount) and \(model.labelCount)")
        }
        guard sampleFraction > 0, sampleFraction <= 1 else {
            throw XRLinearError.invalidParameter(name: "sample-fraction", message: "must be in (0, 1], got \(sampleFraction)")
        }
        guard tolerance > 0, tolerance.isFinite else {
            throw XRLinearError.invalidParameter(name: "tolerance", message: "must be a positive number, got \(tolerance)")
        }
        let hnsw = trained.matcher as? HNSWMatcher
        guard pipeline.matcher.algorithm == .linear || hnsw != nil else {
            throw XRLinearError.invalidParameter(name: "matcher", message: "adding labels needs the linear or the hnsw matcher; this model's is \(pipeline.matcher.algorithm.rawValue), whose cluster heads are trained with its encoder (retrain it with the new labels)")
        }
        if let index = hnsw?.index, index.isDense || index.similarity != .cosine {
            throw XRLinearError.invalidParameter(name: "matcher", message: "the hnsw matcher's index holds \(index.isDense ? "dense" : "sparse") \(index.similarity.rawValue) vectors; adding labels needs the sparse cosine index training builds")
        }
        let workers = max(1, threads ?? pipeline.threads)
        let depth = tree.depth
        let x = pipeline.features.normalizeRows ? input.features.l2NormalizedRows() : input.features
        let n = x.rows

        // 1. Representations and nearest clusters.
        let vectors = try input.newLabelVectors(features: x, threads: workers)
        let beamWidth = trained.effectiveBeamWidth()
        let nearest = try (input.firstNewLabel..<input.labels.cols).map { label in
            try trained.matcher.match(Query(features: vectors.row(label)), beamWidth: beamWidth, onLevel: nil).first?.node ?? 0
        }

        // 2. Placement.
        let capacity = Self.leafCapacity(of: tree, maxLeafSize: pipeline.indexer.maxLeafSize)
        let branching = pipeline.indexer.branching
        let placement = LabelPlacement(tree, nearest: nearest, capacity: capacity, branching: branching)
        let placed = placement.tree

        // 3–4. The problems: which rows, which positives, which prior.
        let beams = try Self.matcherBeams(trained, features: input.features, beamWidth: beamWidth, threads: workers)
        let scopes = NodeScopes(labels: input.labels, oldLabelCount: model.labelCount, tree: placed,
                                beams: beams, newNodes: placement.newNodes,
                                negatives: pipeline.ranker.negatives)
        var problems: [NodeProblem] = []
        var unchanged = 0
        let newNodeSet = Set(placement.newNodes.map { [$0.level, $0.node] })
        let newLabelAncestors = Self.ancestorsOfNewLabels(placed, from: model.labelCount)
        // The hnsw matcher has no weights at the cluster levels: nothing to train there.
        for t in stride(from: 1, to: hnsw == nil ? depth : 1, by: 1) {
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
        for label in model.labelCount..<placed.labelCount {
            problems.append(scopes.problem(level: depth, node: label, newPositives: scopes.positives(level: depth, node: label)))
        }
        var solverParameters = pipeline.ranker.solverParameters
        solverParameters.eps = max(solverParameters.eps, tolerance)
        var solutions = NodeProblem.solve(problems, x: x, parameters: solverParameters,
                                          seed: pipeline.seed, threads: workers)
        // 3b. Sampled negatives: refit the bias of what was trained from scratch.
        if sampleFraction < 1 {
            let hasNewLabel = (0..<n).map { i in input.labels.range(ofRow: i).contains { Int(input.labels.columnIndices[$0]) >= model.labelCount } }
            let weight = 1 / sampleFraction
            let fromScratch = problems.indices.filter { problems[$0].prior == nil && problems[$0].rows.contains { !hasNewLabel[Int($0)] } }
            let refitted = ResultSlots<SparseVector>(count: fromScratch.count, initial: SparseVector(dimension: x.cols + 1, indices: [], values: []))
            let queue = JobQueue(count: fromScratch.count)
            let solved = solutions, posed = problems
            DispatchQueue.concurrentPerform(iterations: max(1, min(workers, fromScratch.count))) { _ in
                while let j = queue.next() {
                    let problem = posed[fromScratch[j]]
                    let costs = problem.rows.map { hasNewLabel[Int($0)] ? 1 : weight }
                    refitted.pointer[j] = SampledNegativesBias.refitted(solved[fromScratch[j]], problem: problem, costs: costs, x: x,
                                                                        parameters: pipeline.ranker.solverParameters)
                }
            }
            for (j, v) in zip(fromScratch, refitted.array()) { solutions[j] = v }
        }

        // 5. The retrained existing nodes become copies; the originals keep their weights. With
        // the hnsw matcher, every existing leaf cluster a new label went into is copied, so that
        // each cluster's vector is that of its own labels.
        var retrained = [Set<Int>](repeating: [], count: depth + 1)
        for problem in problems where problem.level < depth && !newNodeSet.contains([problem.level, problem.node]) {
            retrained[problem.level].insert(problem.node)
        }
        if hnsw != nil && depth > 1 {
            retrained[depth - 1] = Set(placement.clusters.filter { $0 < tree.nodeCount(atLevel: depth - 1) })
        }
        let copies = NodeCopies(placed: placed, original: tree, retrained: retrained)
        let newTree = copies.tree

        // Assemble every level: unchanged levels as they were, the others rebuilt from node weights.
        var levels: [LevelWeights] = []
        for t in 1...depth {
            if hnsw != nil && t < depth {
                levels.append(.empty(dimension: model.featureCount + 1, parents: newTree.nodeCount(atLevel: t - 1)))
                continue
            }
            let solved = problems.indices.filter { problems[$0].level == t }
            let grows = newTree.nodeCount(atLevel: t) != tree.nodeCount(atLevel: t)
            guard grows || !solved.isEmpty else {
                levels.append(model.levels[t - 1])
                continue
            }
            var weights = try model.levels[t - 1].nodeWeights(tree: tree, level: t)
            weights += Array(repeating: SparseVector(dimension: model.featureCount + 1, indices: [], values: []),
                             count: newTree.nodeCount(atLevel: t) - tree.nodeCount(atLevel: t))
            for i in solved { weights[copies.home(of: problems[i].node, level: t)] = solutions[i] }
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
        let matcher: any ClusterMatcher = try hnsw?.addingClusters(of: newTree, labelVectors: vectors, threads: workers) ?? updated.matcher
        var result = TrainedModel(updated, vectorizer: trained.vectorizer, matcher: matcher)
        result.encoder = trained.encoder
        result.embeddingCache = trained.embeddingCache
        result.vectorizeSeconds = 0
        let added = (model.labelCount..<newTree.labelCount).map { label -> LabelAdditionReport.AddedLabel in
            let i = label - model.labelCount
            let problem = problems[problems.count - input.count + i]
            let cluster = copies.home(of: placement.clusters[i], level: depth - 1)
            return .init(label: label, name: names?[label], positives: problem.positiveCount,
                         negatives: problem.rows.count - problem.positiveCount, cluster: cluster,
                         newCluster: placement.inNewCluster[i], inCopy: cluster != placement.clusters[i])
        }
        let nodes = problems.filter { $0.level < depth }.map {
            let copied = retrained[$0.level].contains($0.node)
            return LabelAdditionReport.TrainedNode(level: $0.level, node: copies.home(of: $0.node, level: $0.level),
                                                   newPositives: $0.newPositives, rows: $0.rows.count,
                                                   isNew: !copied, copyOf: copied ? $0.node : nil)
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
        if trained.matcher is LinearMatcher, let every = everyNodeBeam(trained.tree, beamWidth: beamWidth) {
            return Array(repeating: every, count: features.rows)
        }
        let recording = BeamRecording(count: features.rows)
        _ = try trained.matcher.matchBatch(QueryBatch(features: features), beamWidth: beamWidth, threads: threads, recorded: recording)
        return recording.beams()
    }

    /// When every cluster level of `tree` has at most `beamWidth` nodes, the linear matcher's
    /// beam keeps every node for every point (it ranks the children of what it kept and keeps
    /// the best `beamWidth`, with no score cut): `[t - 1]` lists level t's nodes. Nil otherwise.
    static func everyNodeBeam(_ tree: LabelTree, beamWidth: Int) -> [[Int32]]? {
        guard tree.depth > 1, (1..<tree.depth).allSatisfy({ tree.nodeCount(atLevel: $0) <= beamWidth }) else { return nil }
        return (1..<tree.depth).map { t in (0..<tree.nodeCount(atLevel: t)).map { Int32($0) } }
    }
}
