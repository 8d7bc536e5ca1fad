/// The hot loop of prediction: raw scores wᵀx of all children of one parent chunk.
enum ChunkScorer {
    /// Adds wᵀx for every child of chunk `chunk` into `scores` (which must start at zero).
    ///
    /// For a chunk with at least as many rows as the query has nonzeros, looks every query
    /// nonzero up in the chunk's hash table; otherwise walks the chunk's rows and binary-searches
    /// the (sorted) query.
    @inline(__always)
    static func score(level: LevelWeights.Pointers, chunk: Int,
                      queryIndices: UnsafeBufferPointer<Int32>, queryValues: UnsafeBufferPointer<Float>,
                      into scores: UnsafeMutablePointer<Float>) {
        let rowLo = level.chunkPointers[chunk]
        let rowHi = level.chunkPointers[chunk + 1]
        let nnz = queryIndices.count
        guard rowLo < rowHi, nnz > 0 else { return }
        let features = level.rowFeatures
        if rowHi - rowLo >= nnz {
            let table = level.rowHash + level.hashPointers[chunk]
            let mask = level.hashPointers[chunk &+ 1] - level.hashPointers[chunk] - 1
            for q in 0..<nnz {
                let f = queryIndices[q]
                var h = LevelWeights.slot(f, mask: mask)
                while true {
                    let r = Int(table[h])
                    if r < 0 { break }
                    if features[r] == f {
                        addRow(level: level, row: r, value: queryValues[q], into: scores)
                        break
                    }
                    h = (h &+ 1) & mask
                }
            }
        } else {
            var qLo = 0
            for r in rowLo..<rowHi {
                let f = features[r]
                var lo = qLo, hi = nnz
                while lo < hi {
                    let mid = (lo &+ hi) >> 1
                    if queryIndices[mid] < f { lo = mid &+ 1 } else { hi = mid }
                }
                if lo == nnz { break }
                qLo = lo
                if queryIndices[lo] == f {
                    addRow(level: level, row: r, value: queryValues[lo], into: scores)
                    qLo = lo &+ 1
                }
            }
        }
    }

    @inline(__always)
    private static func addRow(level: LevelWeights.Pointers, row: Int, value: Float, into scores: UnsafeMutablePointer<Float>) {
        var e = level.rowPointers[row]
        let end = level.rowPointers[row &+ 1]
        while e < end {
            scores[Int(level.entryChildren[e])] += value * level.entryValues[e]
            e &+= 1
        }
    }
}

extension LevelWeights {
    /// Raw pointers into a level's arrays, valid inside `withPointers`.
    struct Pointers: @unchecked Sendable {
        // Shared read-only across prediction threads while the owning arrays are kept alive by
        // the enclosing `withPointers` call.
        let chunkPointers: UnsafePointer<Int>
        let rowFeatures: UnsafePointer<Int32>
        let rowPointers: UnsafePointer<Int>
        let entryChildren: UnsafePointer<Int32>
        let entryValues: UnsafePointer<Float>
        let hashPointers: UnsafePointer<Int>
        let rowHash: UnsafePointer<Int32>
    }

    /// Calls `body` with raw pointers to this level's arrays.
    func withPointers<R>(_ body: (Pointers) throws -> R) rethrows -> R {
        try chunkPointers.withUnsafeBufferPointer { cp in
            try rowFeatures.withUnsafeBufferPointer { rf in
                try rowPointers.withUnsafeBufferPointer { rp in
                    try entryChildren.withUnsafeBufferPointer { ec in
                        try entryValues.withUnsafeBufferPointer { ev in
                          try hashPointers.withUnsafeBufferPointer { hp in
                            try rowHash.withUnsafeBufferPointer { rh in
                            // Empty arrays may have a nil base address; no entry is ever read then.
                            let dummyI32 = UnsafePointer<Int32>(bitPattern: MemoryLayout<Int32>.alignment)!
                            let dummyF = UnsafePointer<Float>(bitPattern: MemoryLayout<Float>.alignment)!
                            return try body(Pointers(chunkPointers: cp.baseAddress!,
                                                     rowFeatures: rf.baseAddress ?? dummyI32,
                                                     rowPointers: rp.baseAddress!,
                                                     entryChildren: ec.baseAddress ?? dummyI32,
                                                     entryValues: ev.baseAddress ?? dummyF,
                                                     hashPointers: hp.baseAddress!,
                                                     rowHash: rh.baseAddress ?? dummyI32))
                            }
                          }
                        }
                    }
                }
            }
        }
    }
}
