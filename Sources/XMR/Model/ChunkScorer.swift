/// The hot loop of prediction: raw scores wᵀx of all children of one parent chunk.
enum ChunkScorer {
    /// Adds wᵀx for every child of chunk `chunk` into `scores` (which must start at zero).
    ///
    /// Walks whichever side is shorter (query nonzeros or chunk rows) and binary-searches the
    /// other, narrowing the search window as both are sorted.
    @inline(__always)
    static func score(level: LevelWeights.Pointers, chunk: Int,
                      queryIndices: UnsafeBufferPointer<Int32>, queryValues: UnsafeBufferPointer<Float>,
                      into scores: UnsafeMutablePointer<Float>) {
        var rowLo = level.chunkPointers[chunk]
        let rowHi = level.chunkPointers[chunk + 1]
        let nnz = queryIndices.count
        guard rowLo < rowHi, nnz > 0 else { return }
        let features = level.rowFeatures
        if rowHi - rowLo >= nnz {
            for q in 0..<nnz {
                let f = queryIndices[q]
                // lower bound of f in features[rowLo..<rowHi]
                var lo = rowLo, hi = rowHi
                while lo < hi {
                    let mid = (lo &+ hi) >> 1
                    if features[mid] < f { lo = mid &+ 1 } else { hi = mid }
                }
                if lo == rowHi { break }
                rowLo = lo
                if features[lo] == f {
                    addRow(level: level, row: lo, value: queryValues[q], into: scores)
                    rowLo = lo &+ 1
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
    }

    /// Calls `body` with raw pointers to this level's arrays.
    func withPointers<R>(_ body: (Pointers) throws -> R) rethrows -> R {
        try chunkPointers.withUnsafeBufferPointer { cp in
            try rowFeatures.withUnsafeBufferPointer { rf in
                try rowPointers.withUnsafeBufferPointer { rp in
                    try entryChildren.withUnsafeBufferPointer { ec in
                        try entryValues.withUnsafeBufferPointer { ev in
                            // Empty arrays may have a nil base address; no entry is ever read then.
                            let dummyI32 = UnsafePointer<Int32>(bitPattern: MemoryLayout<Int32>.alignment)!
                            let dummyF = UnsafePointer<Float>(bitPattern: MemoryLayout<Float>.alignment)!
                            return try body(Pointers(chunkPointers: cp.baseAddress!,
                                                     rowFeatures: rf.baseAddress ?? dummyI32,
                                                     rowPointers: rp.baseAddress!,
                                                     entryChildren: ec.baseAddress ?? dummyI32,
                                                     entryValues: ev.baseAddress ?? dummyF))
                        }
                    }
                }
            }
        }
    }
}
