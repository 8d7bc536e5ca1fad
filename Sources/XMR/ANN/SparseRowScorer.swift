import CVectorKernels

/// Scores sparse stored rows against a query scattered into a dense scratch array, behind a
/// small bit filter of the query's nonzero columns when that array is large.
///
/// Setting a query writes its nonzeros into the scratch array (and their bits into the
/// filter); the next query first clears them again, so each costs its own nonzeros. A score
/// costs the stored row's nonzeros. Above `filterDimension` each is a filter test that stays in
/// the L1 cache, and only the entries the filter lets through read the scratch array
/// (`VectorKernels.filteredGatherDot`, the same bits as the plain gather): on the PIFA set (1M
/// features, 105 stored and 33 query nonzeros) most stored entries miss the query, and reading
/// the 4 MB scratch array for them was a cache miss each. Below it the array stays in the L2
/// cache and the filter's extra work made the debtags searches (23,377 features) 0.8× as fast.
struct SparseRowScorer: NodeScorer {
    let rows: SparseRows
    private let dense: UnsafeMutablePointer<Float>
    private var touched: UnsafeMutablePointer<Int32>
    private var touchedCount = 0
    private var touchedCapacity: Int
    private var filter: UnsafeMutablePointer<UInt64>
    private var filterMask: UInt32
    private let usesFilter: Bool

    /// The smallest dimension that gets a filter: a scratch array of 1 MB, half this Xeon's
    /// per-core L2 cache (debtags' 93 KB is far below, PIFA's 4 MB above).
    static let filterDimension = 1 << 18
    /// Filter bits per query nonzero, at least: about one stored entry in 32 that misses the
    /// query then reads the scratch array (a zero).
    static let filterBitsPerNonzero = 32
    /// The filter's smallest size in bits: 4 KB, room for 1,024 query nonzeros.
    static let minimumFilterBits = 1 << 15

    /// A scorer with a zeroed scratch array of `rows.dimension + 1` floats (the last one stays
    /// zero: where the filter sends the entries that miss the query) and an empty filter.
    init(rows: SparseRows) {
        self.rows = rows
        dense = .allocate(capacity: rows.dimension + 1)
        dense.initialize(repeating: 0, count: rows.dimension + 1)
        touchedCapacity = 256
        touched = .allocate(capacity: touchedCapacity)
        usesFilter = rows.dimension >= Self.filterDimension
        let bits = usesFilter ? Self.filterBits(nonzeros: 0, dimension: rows.dimension) : 64
        filter = .allocate(capacity: bits / 64)
        filter.initialize(repeating: 0, count: bits / 64)
        filterMask = UInt32(bits - 1)
    }

    /// The filter size for a query of `nonzeros` entries: a power of two of at least
    /// `filterBitsPerNonzero` bits an entry, and no more than the dimension needs (at that size
    /// the filter is exact).
    static func filterBits(nonzeros: Int, dimension: Int) -> Int {
        var bits = minimumFilterBits
        while bits < filterBitsPerNonzero * nonzeros && bits < dimension { bits <<= 1 }
        var exact = 64
        while exact < dimension { exact <<= 1 }
        return min(bits, exact)
    }

    func deallocate() {
        dense.deallocate()
        touched.deallocate()
        filter.deallocate()
    }

    @inline(__always)
    func score(_ node: UInt32) -> Float {
        let i = Int(node)
        let start = Int(rows.rowPointers[i]), end = Int(rows.rowPointers[i + 1])
        if usesFilter {
            return VectorKernels.filteredGatherDot(rows.indices, rows.values, start, end, dense, filter, filterMask,
                                                   rows.dimension)
        }
        return VectorKernels.gatherDot(rows.indices, rows.values, start, end, dense)
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
        for p in 0..<touchedCount {
            let column = Int(touched[p])
            dense[column] = 0
            if usesFilter { filter[(column & Int(filterMask)) >> 6] = 0 }
        }
        if count > touchedCapacity {
            touched.deallocate()
            touchedCapacity = max(count, touchedCapacity * 2)
            touched = .allocate(capacity: touchedCapacity)
        }
        let bits = usesFilter ? Self.filterBits(nonzeros: count, dimension: rows.dimension) : 64
        if bits > Int(filterMask) + 1 {
            filter.deallocate()
            filter = .allocate(capacity: bits / 64)
            filter.initialize(repeating: 0, count: bits / 64)
            filterMask = UInt32(bits - 1)
        }
        for p in 0..<count {
            let column = Int(indices[p])
            dense[column] = values[p] * scale
            touched[p] = indices[p]
            if usesFilter {
                let bit = column & Int(filterMask)
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        touchedCount = count
    }
}
