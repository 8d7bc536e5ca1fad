import CVectorKernels

/// Scores one chunk for many queries at once: the queries' nonzeros, sorted by feature, are
/// merged with the chunk's rows (also sorted by feature) in one sequential pass.
///
/// Looking each query's nonzeros up in the chunk's bucket index costs a random read into the
/// chunk per nonzero, which misses the caches once a chunk outgrows them. The merge reads the
/// chunk's buckets and rows in order instead (`ChunkCursor`). Every (query, child) score still sums its terms in ascending
/// feature order, as `ChunkScorer` does, so the scores are bit-identical.
struct ChunkMergeScorer {
    /// One query nonzero: its feature, its value and where its query's child scores start.
    struct Posting {
        var feature: Int32
        var value: Float
        var output: Int
    }

    private var postings: [Posting] = []
    private var sorted: [Posting] = []
    /// For the shared path: every block query's output offset for the chunk at hand, −1 when it does not want it.
    private var outputs: [Int] = []
    /// For the shared path: one row's weights spread over the chunk's children, zero elsewhere.
    private var denseRow: [Float] = []

    /// Adds wᵀx (features below `dimension`) for every child of `chunk` and every pair in `pairs` into `raw + pairOffsets[p]`.
    mutating func score(level: LevelWeights.Pointers, dimension: Int, chunk: Int, pairs: UnsafeBufferPointer<Int>,
                        pairQueries: UnsafePointer<Int>, pairOffsets: UnsafePointer<Int>,
                        queries: PreparedBatch.Pointers, into raw: UnsafeMutablePointer<Float>) {
        postings.removeAll(keepingCapacity: true)
        for p in pairs {
            let q = pairQueries[p], output = pairOffsets[p]
            let indices = queries.indices(of: q), values = queries.values(of: q)
            for i in 0..<indices.count {
                postings.append(Posting(feature: indices[i], value: values[i], output: output))
            }
        }
        if sorted.count < postings.count { sorted = postings }
        let inSorted = postings.withUnsafeMutableBufferPointer { a in
            sorted.withUnsafeMutableBufferPointer { b in
                Self.radixSort(a.baseAddress!, scratch: b.baseAddress!, count: a.count, maxFeature: dimension - 1)
            }
        }
        if inSorted {
            sorted.withUnsafeBufferPointer {
                merge(level: level, chunk: chunk, postings: UnsafeBufferPointer(rebasing: $0[0..<postings.count]), into: raw)
            }
        } else {
            postings.withUnsafeBufferPointer { merge(level: level, chunk: chunk, postings: $0, into: raw) }
        }
    }

    /// Adds wᵀx for every child of `chunk` and every pair in `pairs` (all of whose queries lie in
    /// segment `segment` of `block`), reading the segment's nonzeros already sorted by feature
    /// (`BlockPostings`) instead of sorting the pairs' own.
    ///
    /// Cheaper than `score` when most of the block's queries want the chunk: the block is sorted
    /// once, and a nonzero of a query that does not want the chunk costs one skipped table entry.
    /// `childCount` is the chunk's number of children.
    mutating func score(level: LevelWeights.Pointers, chunk: Int, pairs: UnsafeBufferPointer<Int>,
                        pairQueries: UnsafePointer<Int>, pairOffsets: UnsafePointer<Int>,
                        block: BlockPostings, segment: Int, childCount: Int, into raw: UnsafeMutablePointer<Float>) {
        if outputs.count < block.queryCount { outputs = [Int](repeating: -1, count: block.queryCount) }
        if denseRow.count < childCount { denseRow = [Float](repeating: 0, count: childCount) }
        denseRow.withUnsafeMutableBufferPointer { denseBuffer in
            let dense = denseBuffer.baseAddress!
            outputs.withUnsafeMutableBufferPointer { outputOf in
                for p in pairs { outputOf[pairQueries[p]] = pairOffsets[p] }
                block.postings.withUnsafeBufferPointer { all in
                    let postings = UnsafeBufferPointer(rebasing: all[block.segmentStarts[segment]..<block.segmentStarts[segment + 1]])
                    switch level.chunkShapes[chunk] & ChunkShape.widthBits {
                    case 0x00: Self.merge(ChunkCursor<UInt16, UInt16, UInt8>(level: level, chunk: chunk), postings, outputOf, dense, childCount, raw)
                    case 0x20: Self.merge(ChunkCursor<UInt16, UInt32, UInt8>(level: level, chunk: chunk), postings, outputOf, dense, childCount, raw)
                    case 0x40: Self.merge(ChunkCursor<UInt16, UInt16, UInt16>(level: level, chunk: chunk), postings, outputOf, dense, childCount, raw)
                    case 0x60: Self.merge(ChunkCursor<UInt16, UInt32, UInt16>(level: level, chunk: chunk), postings, outputOf, dense, childCount, raw)
                    case 0x80: Self.merge(ChunkCursor<UInt32, UInt16, UInt8>(level: level, chunk: chunk), postings, outputOf, dense, childCount, raw)
                    case 0xA0: Self.merge(ChunkCursor<UInt32, UInt32, UInt8>(level: level, chunk: chunk), postings, outputOf, dense, childCount, raw)
                    case 0xC0: Self.merge(ChunkCursor<UInt32, UInt16, UInt16>(level: level, chunk: chunk), postings, outputOf, dense, childCount, raw)
                    default: Self.merge(ChunkCursor<UInt32, UInt32, UInt16>(level: level, chunk: chunk), postings, outputOf, dense, childCount, raw)
                    }
                }
                for p in pairs { outputOf[pairQueries[p]] = -1 }
            }
        }
    }

    /// Sorts `count` postings by feature with byte-wise LSD radix passes over features up to
    /// `maxFeature` (stable: equal features keep their order); returns true when the result ended
    /// up in `scratch` rather than `a`.
    static func radixSort(_ a: UnsafeMutablePointer<Posting>, scratch b: UnsafeMutablePointer<Posting>,
                                  count: Int, maxFeature: Int) -> Bool {
        var source = a, target = b
        var inScratch = false
        var counts = (0..<256).map { _ in 0 }
        var shift = 0
        while shift == 0 || (maxFeature >> shift) > 0 {
            counts.withUnsafeMutableBufferPointer { c in
                c.update(repeating: 0)
                for i in 0..<count { c[Int((UInt32(bitPattern: source[i].feature) >> UInt32(shift)) & 0xFF)] &+= 1 }
                var total = 0
                for d in 0..<256 { let n = c[d]; c[d] = total; total &+= n }
                for i in 0..<count {
                    let d = Int((UInt32(bitPattern: source[i].feature) >> UInt32(shift)) & 0xFF)
                    target[c[d]] = source[i]
                    c[d] &+= 1
                }
            }
            swap(&source, &target)
            inScratch.toggle()
            shift += 8
        }
        return inScratch
    }

    /// The merge of sorted `postings` with the chunk's rows.
    private func merge(level: LevelWeights.Pointers, chunk: Int, postings: UnsafeBufferPointer<Posting>,
                       into raw: UnsafeMutablePointer<Float>) {
        switch level.chunkShapes[chunk] & ChunkShape.widthBits {
        case 0x00: Self.merge(ChunkCursor<UInt16, UInt16, UInt8>(level: level, chunk: chunk), postings, raw)
        case 0x20: Self.merge(ChunkCursor<UInt16, UInt32, UInt8>(level: level, chunk: chunk), postings, raw)
        case 0x40: Self.merge(ChunkCursor<UInt16, UInt16, UInt16>(level: level, chunk: chunk), postings, raw)
        case 0x60: Self.merge(ChunkCursor<UInt16, UInt32, UInt16>(level: level, chunk: chunk), postings, raw)
        case 0x80: Self.merge(ChunkCursor<UInt32, UInt16, UInt8>(level: level, chunk: chunk), postings, raw)
        case 0xA0: Self.merge(ChunkCursor<UInt32, UInt32, UInt8>(level: level, chunk: chunk), postings, raw)
        case 0xC0: Self.merge(ChunkCursor<UInt32, UInt16, UInt16>(level: level, chunk: chunk), postings, raw)
        default: Self.merge(ChunkCursor<UInt32, UInt32, UInt16>(level: level, chunk: chunk), postings, raw)
        }
    }

    private static func merge<Low, Slot, Entry>(_ start: ChunkCursor<Low, Slot, Entry>, _ postings: UnsafeBufferPointer<Posting>,
                                          _ raw: UnsafeMutablePointer<Float>) {
        var cursor = start
        var i = 0
        let count = postings.count
        while i < count {
            let f = postings[i].feature
            let weights = cursor.seek(UInt32(bitPattern: f))
            if weights < 0 { break }
            if weights > 0 {
                while i < count && postings[i].feature == f {
                    cursor.addRow(count: weights, value: postings[i].value, into: raw + postings[i].output)
                    i &+= 1
                }
            } else {
                while i < count && postings[i].feature == f { i &+= 1 }
            }
        }
    }

    /// A row is spread dense when it holds at least 1/`denseDivisor` of the chunk's children: a
    /// sixth with 16-lane adds (debtags and delicious 3% faster than a third, one thread, CPU
    /// time; a twelfth and a 24th no better), a third otherwise.
    static let denseDivisor = xmr_add_scaled_lanes() >= 16 ? 6 : 3

    /// The merge of the block's sorted `postings` (whose `output` is the query) with the chunk's
    /// rows, for the queries with an offset in `outputOf`.
    ///
    /// A row that holds at least 1/`denseDivisor` of the children and serves several postings is spread
    /// into `dense` once and added to each query's scores whole (`xmr_add_scaled_f32`, in vector lanes),
    /// instead of entry by entry. The added zeros leave every score as it was, and each score
    /// still sums its terms in ascending feature order.
    private static func merge<Low, Slot, Entry>(_ start: ChunkCursor<Low, Slot, Entry>, _ postings: UnsafeBufferPointer<Posting>,
                                          _ outputOf: UnsafeMutableBufferPointer<Int>, _ dense: UnsafeMutablePointer<Float>,
                                          _ childCount: Int, _ raw: UnsafeMutablePointer<Float>) {
        var cursor = start
        let divisor = Self.denseDivisor
        var i = 0
        let count = postings.count
        while i < count {
            let f = postings[i].feature
            let weights = cursor.seek(UInt32(bitPattern: f))
            if weights < 0 { break }
            if weights > 0 {
                if weights &* divisor >= childCount && i &+ 1 < count && postings[i &+ 1].feature == f {
                    cursor.expandRow(count: weights, into: dense)
                    while i < count && postings[i].feature == f {
                        let output = outputOf[postings[i].output]
                        if output >= 0 { addDense(dense, childCount, postings[i].value, raw + output) }
                        i &+= 1
                    }
                    cursor.clearRow(count: weights, in: dense)
                    continue
                }
                while i < count && postings[i].feature == f {
                    let output = outputOf[postings[i].output]
                    if output >= 0 { cursor.addRow(count: weights, value: postings[i].value, into: raw + output) }
                    i &+= 1
                }
            } else {
                while i < count && postings[i].feature == f { i &+= 1 }
            }
        }
    }

    /// scores[c] += value · dense[c] for every child c (`xmr_add_scaled_f32`: 16 lanes at a time
    /// on AVX-512, with the bits of the plain loop).
    @inline(__always)
    private static func addDense(_ dense: UnsafeMutablePointer<Float>, _ childCount: Int, _ value: Float,
                                 _ scores: UnsafeMutablePointer<Float>) {
        xmr_add_scaled_f32(scores, dense, value, childCount)
    }
}
