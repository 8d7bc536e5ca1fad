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
    private let featureCount: Int

    /// Scratch space for a matrix with `featureCount` features.
    init(featureCount: Int) {
        self.featureCount = featureCount
        localFeature = [Int32](repeating: -1, count: featureCount)
    }

    /// Trains the children at positions `childPositions` among `parent`'s children (at level t) and
    /// hands each node's global weights to `store`.
    ///
    /// - Parameters:
    ///   - base: the parent's training points (tfn, man or both).
    ///   - addPositives: whether each child's positives join its rows even when not in `base`.
    ///   - parentPositives: every point with a label under the parent (a superset of the children's positives).
    mutating func train(parent: Int, t: Int, x: PackedRows, tree: LabelTree, base: NodePointSets,
                        positives: NodePointSets, parentPositives: NodePointSets, addPositives: Bool,
                        childPositions: Range<Int>, solver: LinearSolver, seed: Int, cancel: CancellationToken?,
                        store: (Int, SparseVector) -> Void) {
        // All rows any child of this parent trains on, ascending.
        var compact: [Int32] = []
        SortedMerge.rows(base.points(of: parent), adding: parentPositives.points(of: parent), when: addPositives,
                         into: &compact)
        // The parent's vocabulary, renumbered in ascending order.
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
        globalFeature.sort()
        // The dense block's columns follow every sparse one, all of them, so they stay one block.
        for f in x.denseStart..<x.cols { localFeature[f] = 0; globalFeature.append(Int32(f)) }
        for (local, f) in globalFeature.enumerated() { localFeature[Int(f)] = Int32(local) }
        let local = localFeature.withUnsafeBufferPointer { map in
            PackedRows(selecting: compact, of: x, cols: globalFeature.count, localFeature: map.baseAddress!)
        }
        let children = tree.children(ofNode: parent, atLevel: t - 1)
        for child in children[(children.startIndex + childPositions.lowerBound)..<(children.startIndex + childPositions.upperBound)] {
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
            let w = solution.weights
            let biasLocal = Int32(globalFeature.count)
            let indices = w.indices.map { $0 == biasLocal ? Int32(featureCount) : globalFeature[Int($0)] }
            store(node, SparseVector(dimension: featureCount + 1, indices: indices, values: w.values))
        }
        for f in globalFeature { localFeature[Int(f)] = -1 }
    }
}
