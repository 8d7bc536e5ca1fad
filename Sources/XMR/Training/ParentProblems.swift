/// Per-thread helper that trains all children of one parent node on a compact copy of its rows.
///
/// The parent's rows are copied contiguously and their features renumbered 0..<m in ascending
/// order, so the dense weight buffer shrinks to the parent's own vocabulary and the data of its
/// many child problems stays in cache. Renumbering keeps order, rows keep their order and the
/// arithmetic is unchanged, so the weights are bit-for-bit those of solving on the full matrix.
struct ParentProblems {
    private var localFeature: [Int32]
    private var globalFeature: [Int32] = []
    private var rows: [Int32] = []
    private var localRows: [Int32] = []
    private var flags: [Bool] = []
    private var group = SiblingProblem()
    private let featureCount: Int

    /// Scratch space for a matrix with `featureCount` features.
    init(featureCount: Int) {
        self.featureCount = featureCount
        localFeature = [Int32](repeating: -1, count: featureCount)
    }

    /// How many columns `parent`'s compact copy has: the distinct sparse features of the rows its
    /// children train on, plus the dense block.
    mutating func vocabularySize(parent: Int, x: PackedRows, base: NodePointSets, parentPositives: NodePointSets,
                                 addPositives: Bool) -> Int {
        _ = gatherRows(parent: parent, x: x, base: base, parentPositives: parentPositives, addPositives: addPositives)
        for f in globalFeature { localFeature[Int(f)] = -1 }
        return globalFeature.count + x.denseWidth
    }

    /// All rows any child of `parent` trains on, ascending; their distinct sparse features go into
    /// `globalFeature` (in order of appearance) and are marked 0 in `localFeature`.
    private mutating func gatherRows(parent: Int, x: PackedRows, base: NodePointSets, parentPositives: NodePointSets,
                                     addPositives: Bool) -> [Int32] {
        var compact: [Int32] = []
        SortedMerge.rows(base.points(of: parent), adding: parentPositives.points(of: parent), when: addPositives,
                         into: &compact)
        globalFeature.removeAll(keepingCapacity: true)
        let padding = x.padding
        for r in compact {
            for p in x.rowPointers[Int(r)]..<x.rowPointers[Int(r) + 1] where x.entries[p].feature != padding {
                let f = Int(x.entries[p].feature)
                if localFeature[f] < 0 {
                    localFeature[f] = 0
                    globalFeature.append(Int32(f))
                }
            }
        }
        return compact
    }

    /// Trains the children at positions `childPositions` among `parent`'s children (at level t) and
    /// hands each node's global weights to `store`.
    ///
    /// - Parameters:
    ///   - base: the parent's training points (tfn, man or both).
    ///   - addPositives: whether each child's positives join its rows even when not in `base`.
    ///   - parentPositives: every point with a label under the parent (a superset of the children's positives).
    ///   - siblings: when given, the children are solved `SiblingSVMSolver.width` at a time, in groups
    ///     that start at multiples of the width among the parent's children (so `childPositions`
    ///     should start at one too: the groups, and so the weights, then do not depend on the split
    ///     into jobs); otherwise one by one with `solver`.
    mutating func train(parent: Int, t: Int, x: PackedRows, tree: LabelTree, base: NodePointSets,
                        positives: NodePointSets, parentPositives: NodePointSets, addPositives: Bool,
                        childPositions: Range<Int>, solver: LinearSolver, siblings: SiblingSVMSolver?, seed: Int, cancel: CancellationToken?,
                        store: (Int, SparseVector) -> Void) {
        let compact = gatherRows(parent: parent, x: x, base: base, parentPositives: parentPositives,
                                 addPositives: addPositives)
        // The parent's vocabulary, renumbered in ascending order.
        globalFeature.sort()
        // The dense block's columns follow every sparse one, all of them, so they stay one block.
        for f in x.denseStart..<x.cols { localFeature[f] = 0; globalFeature.append(Int32(f)) }
        for (local, f) in globalFeature.enumerated() { localFeature[Int(f)] = Int32(local) }
        let local = localFeature.withUnsafeBufferPointer { map in
            PackedRows(selecting: compact, of: x, cols: globalFeature.count, localFeature: map.baseAddress!)
        }
        let children = tree.children(ofNode: parent, atLevel: t - 1)
        let chosen = children[(children.startIndex + childPositions.lowerBound)..<(children.startIndex + childPositions.upperBound)]
        let biasLocal = Int32(globalFeature.count)
        let toGlobal = { [globalFeature, featureCount] (w: SparseVector) -> SparseVector in
            let indices = w.indices.map { $0 == biasLocal ? Int32(featureCount) : globalFeature[Int($0)] }
            return SparseVector(dimension: featureCount + 1, indices: indices, values: w.values)
        }
        if let siblings, SiblingSVMSolver.pays(features: globalFeature.count) {
            // Every row of `compact` (by its local position), each child's signs over them.
            let identity = (0..<Int32(compact.count)).map { $0 }
            let width = SiblingSVMSolver.width
            for groupStart in stride(from: chosen.startIndex, to: chosen.endIndex, by: width) {
                if cancel?.isCancelled == true { break }
                let members = chosen[groupStart..<min(groupStart + width, chosen.endIndex)]
                group.gather(members: members, base: base.points(of: parent), positives: positives,
                             addPositives: addPositives, width: width, within: compact)
                let solutions = identity.withUnsafeBufferPointer { rp in
                    group.signs.withUnsafeBufferPointer { sp in
                        siblings.solve(local, rows: rp, problems: members.count, sign: { sp[$0 * width + $1] },
                                       seed: ShuffleGenerator.seed(seed, t, Int(members.first!)))
                    }
                }
                for (child, solution) in zip(members, solutions) { store(Int(child), toGlobal(solution.weights)) }
            }
        } else {
            for child in chosen {
                if cancel?.isCancelled == true { break }
                let node = Int(child)
                SortedMerge.childProblem(base: base.points(of: parent), positives: positives.points(of: node),
                                         addPositives: addPositives, rows: &rows, isPositive: &flags)
                // Positions of the child's rows in `compact` (both ascending).
                localRows.removeAll(keepingCapacity: true)
                var position = 0
                for r in rows {
                    while compact[position] < r { position += 1 }
                    localRows.append(Int32(position))
                }
                let solution = localRows.withUnsafeBufferPointer { rp in
                    flags.withUnsafeBufferPointer { fp in
                        solver.solve(local, rows: rp, isPositive: { fp[$0] }, seed: ShuffleGenerator.seed(seed, t, node))
                    }
                }
                store(node, toGlobal(solution.weights))
            }
        }
        for f in globalFeature { localFeature[Int(f)] = -1 }
    }
}
