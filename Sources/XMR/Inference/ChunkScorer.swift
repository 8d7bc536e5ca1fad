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
        let features = level.rowFeatures + rowLo
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
                        addRow(level: level, row: rowLo &+ r, value: queryValues[q], into: scores)
                        break
                    }
                    h = (h &+ 1) & mask
                }
            }
        } else {
            var qLo = 0
            for r in 0..<(rowHi - rowLo) {
                let f = features[r]
                var lo = qLo, hi = nnz
                while lo < hi {
                    let mid = (lo &+ hi) >> 1
                    if queryIndices[mid] < f { lo = mid &+ 1 } else { hi = mid }
                }
                if lo == nnz { break }
                qLo = lo
                if queryIndices[lo] == f {
                    addRow(level: level, row: rowLo &+ r, value: queryValues[lo], into: scores)
                    qLo = lo &+ 1
                }
            }
        }
    }

    @inline(__always)
    static func addRow(level: LevelWeights.Pointers, row: Int, value: Float, into scores: UnsafeMutablePointer<Float>) {
        var e = Int(level.rowPointers[row])
        let end = Int(level.rowPointers[row &+ 1])
        while e < end {
            scores[Int(level.entryChildren[e])] += value * level.entryValues[e]
            e &+= 1
        }
    }
}
