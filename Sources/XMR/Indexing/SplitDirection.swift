/// The direction c = a · right − b · left of a 2-means split, dense, for scoring labels by ⟨c, x⟩.
///
/// Its nonzeros lie where `right` or `left` were touched, so resetting it costs their supports,
/// and a label's score reads one plain float per nonzero of its row.
struct SplitDirection {
    private var values: [Float]
    /// Every entry written since the last reset (may repeat).
    private var support: [Int32] = []

    /// A zero direction of the given dimension.
    init(dimension: Int) {
        values = [Float](repeating: 0, count: dimension)
    }

    /// Sets c = rightScale · right − leftScale · left (right's terms added first, then left's).
    mutating func set(right: DenseAccumulator, scaledBy rightScale: Float, minus left: DenseAccumulator,
                      scaledBy leftScale: Float) {
        values.withUnsafeMutableBufferPointer { v in
            for j in support { v[Int(j)] = 0 }
            right.forEachTouched { j, x in v[j] += rightScale * x }
            left.forEachTouched { j, x in v[j] += -leftScale * x }
        }
        support.removeAll(keepingCapacity: true)
        support.append(contentsOf: right.touched)
        support.append(contentsOf: left.touched)
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
