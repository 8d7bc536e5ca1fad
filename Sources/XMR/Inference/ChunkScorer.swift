/// The hot loop of prediction: raw scores wᵀx of all children of one parent chunk.
enum ChunkScorer {
    /// How many nonzeros ahead a nonzero's bucket slots are prefetched.
    static let far = 12
    /// How many nonzeros ahead a nonzero's first row and entry are prefetched (its slots, asked
    /// for `far - near` nonzeros earlier, are read for that).
    static let near = 6

    /// Adds wᵀx for every child of chunk `chunk` into `scores` (which must start at zero).
    ///
    /// Looks the query's nonzeros (ascending) up in the chunk's bucket index: a nonzero in a new
    /// bucket jumps to the bucket's first row, then a few 16-bit low bits are scanned.
    @inline(__always)
    static func score(level: LevelWeights.Pointers, chunk: Int,
                      queryIndices: UnsafeBufferPointer<Int32>, queryValues: UnsafeBufferPointer<Float>,
                      into scores: UnsafeMutablePointer<Float>) {
        guard queryIndices.count > 0 else { return }
        switch level.chunkShapes[chunk] & ChunkShape.widthBits {
        case 0x00: score(ChunkCursor<UInt16, UInt16, UInt8>(level: level, chunk: chunk), queryIndices, queryValues, scores)
        case 0x20: score(ChunkCursor<UInt16, UInt32, UInt8>(level: level, chunk: chunk), queryIndices, queryValues, scores)
        case 0x40: score(ChunkCursor<UInt16, UInt16, UInt16>(level: level, chunk: chunk), queryIndices, queryValues, scores)
        case 0x60: score(ChunkCursor<UInt16, UInt32, UInt16>(level: level, chunk: chunk), queryIndices, queryValues, scores)
        case 0x80: score(ChunkCursor<UInt32, UInt16, UInt8>(level: level, chunk: chunk), queryIndices, queryValues, scores)
        case 0xA0: score(ChunkCursor<UInt32, UInt32, UInt8>(level: level, chunk: chunk), queryIndices, queryValues, scores)
        case 0xC0: score(ChunkCursor<UInt32, UInt16, UInt16>(level: level, chunk: chunk), queryIndices, queryValues, scores)
        default: score(ChunkCursor<UInt32, UInt32, UInt16>(level: level, chunk: chunk), queryIndices, queryValues, scores)
        }
    }

    @inline(__always)
    private static func score<Low, Slot, Entry>(_ start: ChunkCursor<Low, Slot, Entry>, _ indices: UnsafeBufferPointer<Int32>,
                                          _ values: UnsafeBufferPointer<Float>, _ scores: UnsafeMutablePointer<Float>) {
        var cursor = start
        let n = indices.count
        // Two-stage prefetch: a nonzero's bucket slots `far` ahead, its rows `near` ahead, so that
        // the dependent misses of a large chunk overlap instead of queueing one by one.
        let far = Self.far, near = Self.near
        for q in 0..<min(n, far) { cursor.prefetchBucket(UInt32(bitPattern: indices[q])) }
        for q in 0..<n {
            if q &+ far < n { cursor.prefetchBucket(UInt32(bitPattern: indices[q &+ far])) }
            if q &+ near < n { cursor.prefetchRows(UInt32(bitPattern: indices[q &+ near])) }
            let count = cursor.seek(UInt32(bitPattern: indices[q]))
            if count < 0 { break }
            if count > 0 { cursor.addRow(count: count, value: values[q], into: scores) }
        }
    }
}
