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
    private var direction: DenseAccumulator
    private var scored: [ScoredElement] = []
    private var previousLeft: [Int32] = []
    let maxIterations: Int
    let spherical: Bool

    /// A label and its score ⟨c, x⟩ on the current split direction.
    private struct ScoredElement {
        var score: Float
        var label: Int32
    }

    /// Scratch for label vectors of dimension `dimension`.
    init(dimension: Int, maxIterations: Int, spherical: Bool) {
        right = DenseAccumulator(dimension: dimension)
        left = DenseAccumulator(dimension: dimension)
        direction = DenseAccumulator(dimension: dimension)
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
            direction.clear()
            direction.add(right, scaledBy: rightScale)
            direction.add(left, scaledBy: -leftScale)
            scored.removeAll(keepingCapacity: true)
            for p in 0..<n {
                let label = elements[p]
                scored.append(ScoredElement(score: direction.dot(row: Int(label), of: rows), label: label))
            }
            previousLeft.removeAll(keepingCapacity: true)
            previousLeft.append(contentsOf: elements[0..<half])
            scored.sort { $0.score < $1.score || ($0.score == $1.score && $0.label < $1.label) }
            for p in 0..<n { elements[p] = scored[p].label }
            elements[0..<half].sort()
            elements[half..<n].sort()
            if elements[0..<half].elementsEqual(previousLeft) { break }
        }
    }
}

/// A dense vector that remembers which entries it touched, so it can be cleared cheaply.
struct DenseAccumulator {
    private var values: [Float]
    private var isTouched: [Bool]
    private var touched: [Int32] = []

    /// A zero vector of the given dimension.
    init(dimension: Int) {
        values = [Float](repeating: 0, count: dimension)
        isTouched = [Bool](repeating: false, count: dimension)
    }

    /// Resets every touched entry to zero.
    mutating func clear() {
        values.withUnsafeMutableBufferPointer { v in
            isTouched.withUnsafeMutableBufferPointer { t in
                for j in touched {
                    v[Int(j)] = 0
                    t[Int(j)] = false
                }
            }
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// Adds sparse row `i` of `rows`.
    mutating func add(row i: Int, of rows: SparseRowsView) {
        let start = rows.rowPointers[i], end = rows.rowPointers[i + 1]
        values.withUnsafeMutableBufferPointer { v in
            isTouched.withUnsafeMutableBufferPointer { t in
                for p in start..<end {
                    let j = rows.columnIndices[p]
                    if !t[Int(j)] {
                        t[Int(j)] = true
                        touched.append(j)
                    }
                    v[Int(j)] += rows.values[p]
                }
            }
        }
    }

    /// Adds `scale · other`.
    mutating func add(_ other: DenseAccumulator, scaledBy scale: Float) {
        values.withUnsafeMutableBufferPointer { v in
            isTouched.withUnsafeMutableBufferPointer { t in
                other.values.withUnsafeBufferPointer { o in
                    for j in other.touched {
                        if !t[Int(j)] {
                            t[Int(j)] = true
                            touched.append(j)
                        }
                        v[Int(j)] += scale * o[Int(j)]
                    }
                }
            }
        }
    }

    /// 1 / ‖self‖₂, or 0 for the zero vector.
    func inverseNorm() -> Float {
        var sum: Float = 0
        values.withUnsafeBufferPointer { v in
            for j in touched { sum += v[Int(j)] * v[Int(j)] }
        }
        return sum > 0 ? 1 / sum.squareRoot() : 0
    }

    /// The dot product with sparse row `i` of `rows`.
    func dot(row i: Int, of rows: SparseRowsView) -> Float {
        let start = rows.rowPointers[i], end = rows.rowPointers[i + 1]
        var sum: Float = 0
        values.withUnsafeBufferPointer { v in
            for p in start..<end { sum += rows.values[p] * v[Int(rows.columnIndices[p])] }
        }
        return sum
    }
}
