/// Read-only views of a CSR matrix's arrays, shared by the clustering workers.
///
/// `@unchecked Sendable` is safe: the pointers are only read, and they stay valid because every
/// use is inside the `withUnsafeBufferPointer` calls that created them.
struct SparseRowsView: @unchecked Sendable {
    let rowPointers: UnsafeBufferPointer<Int>
    let columnIndices: UnsafeBufferPointer<Int32>
    let values: UnsafeBufferPointer<Float>
    let cols: Int
}

/// One worker's scratch space for balanced 2-means splits; reused across the nodes it splits.
///
/// Centroids are dense vectors (one slot per label-vector column) whose touched entries are
/// tracked, so clearing and normalizing cost the centroid's nonzeros, not the dimension.
struct BalancedTwoMeans {
    private var right: DenseAccumulator
    private var left: DenseAccumulator
    /// c = rightScale · right − leftScale · left, so each label is scored with one dot product.
    private var direction: SplitDirection
    private var scored: [ScoredLabel] = []
    private var selection: [ScoredLabel] = []
    private var newLeft: [Int32] = []
    private var newRight: [Int32] = []
    let maxIterations: Int
    let spherical: Bool

    /// Scratch for label vectors of dimension `dimension`.
    init(dimension: Int, maxIterations: Int, spherical: Bool) {
        right = DenseAccumulator(dimension: dimension)
        left = DenseAccumulator(dimension: dimension)
        direction = SplitDirection(dimension: dimension)
        self.maxIterations = maxIterations
        self.spherical = spherical
    }

    /// Splits `elements` (labels, ascending) in place: the first ⌊n/2⌋ become the left child, the
    /// rest the right child, each half ascending. Needs n ≥ 2.
    ///
    /// As libpecos: seeds are two distinct random positions; the direction is
    /// c = centroid(right) − centroid(left) (spherical: normalized sums; otherwise means; the first
    /// iteration uses the two seed rows as they are); every label is scored by ⟨c, x⟩, sorted
    /// (ties by label id) and cut at the median; stop when the left half no longer changes.
    mutating func split(_ elements: UnsafeMutableBufferPointer<Int32>, rows: SparseRowsView,
                        rng: inout SplitMix64) {
        let n = elements.count
        precondition(n >= 2, "a split needs at least two labels")
        let half = n / 2
        let rightSeed = rng.nextInt(below: n)
        let leftSeed = (rightSeed + 1 + rng.nextInt(below: n - 1)) % n
        right.clear()
        left.clear()
        right.add(row: Int(elements[rightSeed]), of: rows)
        left.add(row: Int(elements[leftSeed]), of: rows)
        var rightScale: Float = 1
        var leftScale: Float = 1
        for iteration in 0..<maxIterations {
            if iteration > 0 {
                right.clear()
                left.clear()
                for p in half..<n { right.add(row: Int(elements[p]), of: rows) }
                for p in 0..<half { left.add(row: Int(elements[p]), of: rows) }
                if spherical {
                    rightScale = right.inverseNorm()
                    leftScale = left.inverseNorm()
                } else {
                    rightScale = 1 / Float(n - half)
                    leftScale = 1 / Float(half)
                }
            }
            direction.set(right: right, scaledBy: rightScale, minus: left, scaledBy: leftScale)
            scored.removeAll(keepingCapacity: true)
            for p in 0..<n {
                let label = elements[p]
                scored.append(ScoredLabel(score: direction.dot(row: Int(label), of: rows), label: label))
            }
            if moveLowerHalfLeft(elements, half: half) { break }
        }
    }
}

extension BalancedTwoMeans {
    /// Makes the ⌊n/2⌋ labels lowest in the (score, label) order the left half and the rest the
    /// right half, each ascending; returns whether the left half is unchanged.
    ///
    /// The same halves as sorting all scores and cutting at the median, in linear time: a
    /// quickselect finds the label of rank ⌊n/2⌋, and since both halves are ascending on entry,
    /// each new half is a merge of two ascending runs filtered by that cut.
    fileprivate mutating func moveLowerHalfLeft(_ elements: UnsafeMutableBufferPointer<Int32>, half: Int) -> Bool {
        let n = elements.count
        selection.removeAll(keepingCapacity: true)
        selection.append(contentsOf: scored)
        let cut = selection.withUnsafeMutableBufferPointer { items in
            ScoredLabel.select(rank: half, in: items)
            return items[half]
        }
        newLeft.removeAll(keepingCapacity: true)
        newRight.removeAll(keepingCapacity: true)
        // `scored[p]` belongs to `elements[p]`: runs [0, half) and [half, n) are each ascending.
        var a = 0, b = half
        while a < half || b < n {
            let p: Int
            if b == n || (a < half && elements[a] < elements[b]) {
                p = a
                a += 1
            } else {
                p = b
                b += 1
            }
            if ScoredLabel.precedes(scored[p], cut) { newLeft.append(elements[p]) } else { newRight.append(elements[p]) }
        }
        let unchanged = newLeft.withUnsafeBufferPointer { left in left.elementsEqual(elements[0..<half]) }
        for i in 0..<half { elements[i] = newLeft[i] }
        for i in 0..<(n - half) { elements[half + i] = newRight[i] }
        return unchanged
    }
}
