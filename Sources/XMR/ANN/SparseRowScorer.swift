import CVectorKernels

/// Scores sparse stored rows against a query scattered into a dense scratch array.
///
/// Setting a query writes its nonzeros into the scratch array; the next query first zeroes
/// them again, so each costs its own nonzeros and a score costs the stored row's nonzeros.
struct SparseRowScorer: NodeScorer {
    let rows: SparseRows
    private let dense: UnsafeMutablePointer<Float>
    private var touched: UnsafeMutablePointer<Int32>
    private var touchedCount = 0
    private var touchedCapacity: Int

    /// A scorer with a zeroed scratch array of `rows.dimension` floats.
    init(rows: SparseRows) {
        self.rows = rows
        dense = .allocate(capacity: max(1, rows.dimension))
        dense.initialize(repeating: 0, count: max(1, rows.dimension))
        touchedCapacity = 256
        touched = .allocate(capacity: touchedCapacity)
    }

    func deallocate() {
        dense.deallocate()
        touched.deallocate()
    }

    @inline(__always)
    func score(_ node: UInt32) -> Float {
        let i = Int(node)
        return VectorKernels.gatherDot(rows.indices, rows.values, Int(rows.rowPointers[i]),
                                       Int(rows.rowPointers[i + 1]), dense)
    }

    /// Three rows ahead: a row is read from memory, not from a cache, and scoring one takes
    /// less time than fetching it.
    static var lookahead: Int { 3 }

    /// Every cache line of the row's indices and values (its pointers should have been
    /// fetched by `prefetchLocation`): a row of 105 entries spans about 14 lines in two arrays,
    /// too few for the hardware prefetcher to follow.
    @inline(__always)
    func prefetch(_ node: UInt32) {
        let start = Int(rows.rowPointers[Int(node)]), end = Int(rows.rowPointers[Int(node) + 1])
        guard start < end else { return }
        var p = start
        while p < end {
            xmr_prefetch(rows.indices + p)
            xmr_prefetch(rows.values + p)
            p += 16
        }
        xmr_prefetch(rows.indices + end - 1)
        xmr_prefetch(rows.values + end - 1)
    }

    /// The row's two row pointers.
    @inline(__always)
    func prefetchLocation(_ node: UInt32) { xmr_prefetch(rows.rowPointers + Int(node)) }

    mutating func setQuery(node: UInt32) {
        let i = Int(node)
        let start = Int(rows.rowPointers[i]), end = Int(rows.rowPointers[i + 1])
        setQuery(indices: rows.indices + start, values: rows.values + start, count: end - start, scale: 1)
    }

    /// Makes `count` entries (indices below `rows.dimension`, unique) times `scale` the query.
    mutating func setQuery(indices: UnsafePointer<Int32>, values: UnsafePointer<Float>, count: Int, scale: Float) {
        for p in 0..<touchedCount { dense[Int(touched[p])] = 0 }
        if count > touchedCapacity {
            touched.deallocate()
            touchedCapacity = max(count, touchedCapacity * 2)
            touched = .allocate(capacity: touchedCapacity)
        }
        for p in 0..<count {
            dense[Int(indices[p])] = values[p] * scale
            touched[p] = indices[p]
        }
        touchedCount = count
    }
}
