import Foundation

/// Trains XR-Linear models: per tree level, one binary ranker per node, in parallel.
public struct XRLinearTrainer: Sendable {
    /// Creates a trainer.
    public init() {}

    /// Trains the per-level rankers on a given label tree (the linear matcher and the linear ranker).
    ///
    /// - Parameters:
    ///   - features: points × features; rows are l2-normalized first when `parameters.features.normalizeRows`.
    ///   - labels: points × labels (stored values are treated as 1).
    ///   - tree: the label tree; its label count must equal `labels.cols`.
    ///   - progress: receives `.level` events (throttled, one at a time, in order) and `.finished`;
    ///     called on worker threads, so it should only record the event or hand it on.
    ///   - cancel: checked between binary problems; training then throws `XRLinearError.cancelled`.
    public func train(features: CSRMatrix, labels: CSRMatrix, tree: LabelTree, parameters: Pipeline,
                      labelNames: [String]? = nil, progress: (@Sendable (TrainingProgress) -> Void)? = nil,
                      cancel: CancellationToken? = nil) throws -> XRLinearModel {
        let start = Date()
        let x = parameters.features.normalizeRows ? features.l2NormalizedRows() : features
        let problem = try LinearTrainingProblem(x: x, labels: labels, tree: tree, parameters: parameters)
        let context = StageContext(seed: parameters.seed, threads: parameters.threads, progress: progress, cancel: cancel)
        let (matcherLevels, matched) = try trainLevels(1..<tree.depth, problem, matched: nil,
                                                       keepMatched: parameters.ranker.negatives.usesMatcher,
                                                       context: context)
        let (rankerLevels, _) = try trainLevels(tree.depth..<(tree.depth + 1), problem, matched: matched, keepMatched: false,
                                                context: context)
        let model = try XRLinearModel(parameters: parameters, featureCount: features.cols, labelCount: labels.cols,
                                      tree: tree, levels: matcherLevels + rankerLevels, labelNames: labelNames,
                                      labelFrequencies: Self.labelFrequencies(labels))
        progress?(.finished(seconds: Date().timeIntervalSince(start), nonzeros: model.nonzeros))
        return model
    }

    /// Trains the rankers of levels `range` (none when it is empty) on `problem`.
    ///
    /// `matched` holds, for the level above `range`, the training points the matcher's beams
    /// reached (needed for `man` negatives below level 1). With `keepMatched`, returns the same
    /// for the last level of `range` (else nil).
    func trainLevels(_ range: Range<Int>, _ problem: LinearTrainingProblem, matched start: NodePointSets?,
                     keepMatched: Bool, context: StageContext) throws -> (levels: [LevelWeights], matched: NodePointSets?) {
        guard range.lowerBound >= 1, !range.isEmpty else { return ([], start) }
        let tree = problem.tree, parameters = problem.parameters
        var levels: [LevelWeights] = []
        var matched = start
        for t in range {
            let weights = try levelWeights(t, problem, matched: matched, context: context)
            levels.append(try LevelWeights(childWeights: weights, tree: tree, level: t, dimension: problem.x.cols + 1))
            if parameters.ranker.negatives.usesMatcher && t < tree.depth && (t < range.upperBound - 1 || keepMatched) {
                context.progress?(.stageStarted(.matcherNegatives(level: t + 1)))
                matched = matcherBeams(levels: levels, tree: tree, x: problem.x,
                                       parameters: parameters)
            }
        }
        return (levels, keepMatched ? matched : nil)
    }

    /// Trains every node of level `t` of `problem` (`matched`: as for `trainLevels`); element k
    /// is node k's sparse weights.
    func levelWeights(_ t: Int, _ problem: LinearTrainingProblem, matched: NodePointSets?,
                      context: StageContext) throws -> [SparseVector] {
        if context.cancel?.isCancelled == true { throw XRLinearError.cancelled }
        context.progress?(.stageStarted(.level(t)))
        let parameters = problem.parameters
        let base: NodePointSets
        switch (t, parameters.ranker.negatives) {
        case (1, _), (_, .tfn): base = problem.labelled[t - 1]
        case (_, .man): base = matched!
        case (_, .tfnMan): base = problem.labelled[t - 1].union(matched!)
        }
        return try trainLevel(t, x: problem.packed, tree: problem.tree, base: base, positives: problem.labelled[t],
                              parentPositives: problem.labelled[t - 1],
                              addPositives: parameters.ranker.negatives.usesMatcher && t > 1,
                              parameters: parameters, progress: context.progress, cancel: context.cancel)
    }

    /// Number of points with each label.
    static func labelFrequencies(_ labels: CSRMatrix) -> [Int] {
        var counts = [Int](repeating: 0, count: labels.cols)
        for j in labels.columnIndices { counts[Int(j)] += 1 }
        return counts
    }

    /// Trains every node of level `t`, or with `onlyParents` only the children of those nodes of
    /// level t − 1; returns each node's sparse weights (index = node id; untrained nodes empty).
    func trainLevel(_ t: Int, x: PackedRows, tree: LabelTree, base: NodePointSets, positives: NodePointSets,
                    parentPositives: NodePointSets, addPositives: Bool, parameters: Pipeline,
                    progress: (@Sendable (TrainingProgress) -> Void)?,
                    cancel: CancellationToken?, onlyParents: [Int]? = nil) throws -> [SparseVector] {
        let levelStart = Date()
        let nodeCount = tree.nodeCount(atLevel: t)
        let parentList = onlyParents ?? Array(0..<tree.nodeCount(atLevel: t - 1))
        let parentCount = parentList.count
        let parentOf = tree.parents[t - 1]
        let trainedNodes = onlyParents.map { $0.flatMap { tree.children(ofNode: $0, atLevel: t - 1).map(Int.init) } }
            ?? Array(0..<nodeCount)
        let workers = max(1, min(parameters.threads, trainedNodes.count))
        // With enough parents to keep every thread busy, a job is a whole parent or a group of its
        // children (they share one compact copy of the parent's rows); otherwise a job is one node.
        let byParent = parentCount >= 2 * workers
        // Few parents (say 4 on 2 threads) balance badly when the biggest is much bigger than the
        // rest, so each parent's children are then split into groups: about 8 jobs per thread.
        let groups = byParent ? max(1, (8 * workers + parentCount - 1) / parentCount) : 1
        let solverParameters = parameters.ranker.solverParameters
        // Below the root, SVM children of a parent whose rows hold a vocabulary where it pays
        // (`SiblingSVMSolver.pays`) are solved `SiblingSVMSolver.width` at a time. Every split
        // below keeps those groups whole (they start at multiples of the width), and the choice
        // depends only on the data, so the weights do not depend on the thread count.
        let together = solverParameters.kind == .svm && t >= 2
        let unit = SiblingSVMSolver.width
        let groupedParents = together && !byParent
            ? Self.parentsSolvedTogether(parentList, x: x, base: base, parentPositives: parentPositives,
                                         addPositives: addPositives)
            : []
        // Biggest parents first, so the long problems start early.
        let sortedParents = parentList.sorted { a, b in
            let ca = base.count(of: a), cb = base.count(of: b)
            return ca != cb ? ca > cb : a < b
        }
        let jobs: [(node: Int, positions: Range<Int>)] = sortedParents.flatMap { parent -> [(node: Int, positions: Range<Int>)] in
            let count = tree.children(ofNode: parent, atLevel: t - 1).count
            let size = byParent ? ((count + groups - 1) / groups + unit - 1) / unit * unit
                : groupedParents.contains(parent) ? unit : 1
            return stride(from: 0, to: count, by: max(1, size)).map { (parent, $0..<min(count, $0 + size)) }
        }
        let results = ResultSlots<SparseVector>(count: nodeCount, initial: SparseVector(dimension: x.cols + 1, indices: [], values: []))
        let queue = JobQueue(count: jobs.count)
        // A node's work is about its rows: the candidate points under its parent.
        let rowsTotal = trainedNodes.reduce(0) { $0 + base.count(of: Int(parentOf[$1])) }
        let tracker = LevelProgressTracker(level: t, depth: tree.depth, total: trainedNodes.count, rowsTotal: rowsTotal,
                                           start: levelStart, callback: progress)
        let seed = parameters.seed
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let solver = LinearSolver(featureCount: x.cols, parameters: solverParameters)
            solver.cancellation = cancel
            let siblings = together ? SiblingSVMSolver(parameters: solverParameters) : nil
            siblings?.cancellation = cancel
            var parentProblems = byParent ? ParentProblems(featureCount: x.cols) : nil
            var problem = SiblingProblem()
            while cancel?.isCancelled != true, let j = queue.next() {
                let parent = jobs[j].node
                let store = { (node: Int, weights: SparseVector) in
                    results.pointer[node] = weights
                    tracker.jobDone(nonzeros: weights.nonzeros, rows: base.count(of: parent))
                }
                if parentProblems != nil {
                    parentProblems!.train(parent: parent, t: t, x: x, tree: tree, base: base, positives: positives,
                                          parentPositives: parentPositives, addPositives: addPositives,
                                          childPositions: jobs[j].positions, solver: solver, siblings: siblings,
                                          seed: seed, cancel: cancel, store: store)
                    continue
                }
                // One node, or one group of siblings, on the full matrix.
                let children = tree.children(ofNode: parent, atLevel: t - 1)
                let members = children[(children.startIndex + jobs[j].positions.lowerBound)..<(children.startIndex + jobs[j].positions.upperBound)]
                let grouped = groupedParents.contains(parent)
                problem.gather(members: members, base: base.points(of: parent), positives: positives,
                               addPositives: addPositives, width: grouped ? unit : 1)
                let solutions = problem.rows.withUnsafeBufferPointer { rp in
                    problem.signs.withUnsafeBufferPointer { sp in
                        let firstSeed = ShuffleGenerator.seed(seed, t, Int(members.first!))
                        if let siblings, grouped {
                            return siblings.solve(x, rows: rp, problems: members.count, sign: { sp[$0 * unit + $1] },
                                                  seed: firstSeed)
                        }
                        return [solver.solve(x, rows: rp, isPositive: { sp[$0] > 0 }, seed: firstSeed)]
                    }
                }
                for (child, solution) in zip(members, solutions) { store(Int(child), solution.weights) }
            }
        }
        if cancel?.isCancelled == true { throw XRLinearError.cancelled }
        tracker.finish()
        return results.array()
    }

    /// Those of `parents` whose compact copy has enough columns for `SiblingSVMSolver.pays`.
    static func parentsSolvedTogether(_ parents: [Int], x: PackedRows, base: NodePointSets, parentPositives: NodePointSets,
                                      addPositives: Bool) -> Set<Int> {
        var scratch = ParentProblems(featureCount: x.cols)
        return Set(parents.filter { parent in
            SiblingSVMSolver.pays(features: scratch.vocabularySize(parent: parent, x: x, base: base,
                                                                   parentPositives: parentPositives, addPositives: addPositives))
        })
    }

    /// For every node of the deepest trained level, the training points whose beam reached it.
    private func matcherBeams(levels: [LevelWeights], tree: LabelTree, x: CSRMatrix,
                              parameters: Pipeline) -> NodePointSets {
        let t = levels.count
        let n = x.rows
        let beams = ResultSlots<[Int32]>(count: n, initial: [])
        let blockSize = 64
        let queue = JobQueue(count: (n + blockSize - 1) / blockSize)
        let featureCount = x.cols
        DispatchQueue.concurrentPerform(iterations: max(1, min(parameters.threads, queue.count))) { _ in
            var search = BeamSearch(maxChildren: BeamSearch.maxChildren(of: tree))
            while let block = queue.next() {
                let lo = block * blockSize
                for i in lo..<min(n, lo + blockSize) {
                    let query = PreparedQuery(row: i, of: x, featureCount: featureCount, normalize: false,
                                              bias: Float(parameters.ranker.bias))
                    let kept = search.search(levels: levels, tree: tree, postProcessor: parameters.postProcessor,
                                             query: query, beamWidth: parameters.matcher.beamWidth, lastLevel: t,
                                             lastKeep: parameters.matcher.beamWidth, checkChunk: { _, _, _ in })
                    beams.pointer[i] = kept.map(\.node).sorted()
                }
            }
        }
        let lists = beams.array()
        return NodePointSets(nodeCount: tree.nodeCount(atLevel: t), pointCount: n) { lists[$0] }
    }
}
