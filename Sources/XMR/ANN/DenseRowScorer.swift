import CVectorKernels

/// Scores dense stored rows against one query: inner product or negated squared distance.
struct DenseRowScorer: NodeScorer {
    let rows: DenseRows
    private let copy: UnsafeMutablePointer<Float>
    private var query: UnsafePointer<Float>

    /// A scorer whose query starts as row 0.
    init(rows: DenseRows) {
        self.rows = rows
        copy = .allocate(capacity: max(1, rows.dimension))
        copy.initialize(repeating: 0, count: max(1, rows.dimension))
        query = UnsafePointer(copy)
    }

    func deallocate() { copy.deallocate() }

    /// One row ahead, as the one-pass walk (and hnswlib) did: a row is 24 lines at d = 384,
    /// which the hardware prefetcher follows once the first two are asked for.
    static var lookahead: Int { 1 }

    @inline(__always)
    func score(_ node: UInt32) -> Float {
        let row = rows.values + Int(node) * rows.dimension
        if rows.usesL2 { return -VectorKernels.squaredDistance(query, row, rows.dimension) }
        return VectorKernels.dot(query, row, rows.dimension)
    }

    /// The row's first two cache lines; the hardware prefetcher follows the rest.
    @inline(__always)
    func prefetch(_ node: UInt32) {
        let row = rows.values + Int(node) * rows.dimension
        xmr_prefetch(row)
        xmr_prefetch(row + 16)
    }

    /// Nothing: a dense row's address is computed, not read.
    @inline(__always)
    func prefetchLocation(_ node: UInt32) {}

    mutating func setQuery(node: UInt32) {
        query = rows.values + Int(node) * rows.dimension
    }

    /// Copies `dimension` floats times `scale` as the query.
    mutating func setQuery(values: UnsafePointer<Float>, scale: Float) {
        for i in 0..<rows.dimension { copy[i] = values[i] * scale }
        query = UnsafePointer(copy)
    }
}
