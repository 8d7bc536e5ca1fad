/// The hot loop of prediction: raw scores wᵀx of all children of one parent chunk.
enum ChunkScorer {
    /// Adds wᵀx for every child of chunk `chunk` into `scores` (which must start at zero).
    ///
    /// For a chunk with at least as many rows as the query has nonzeros, looks every query
    /// nonzero up in the chunk's bucket index (a few rows to scan); otherwise walks the chunk's rows and binary-searches
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
            let first = level.bucketPointers[chunk]
            let buckets = level.bucketPointers[chunk &+ 1] &- first &- 1
            let starts = level.bucketStarts + first
            let shift = WeightImage.shift(buckets: buckets, dimensionBits: level.dimensionBits)
            for q in 0..<nnz {
                let f = queryIndices[q]
                let b = WeightImage.bucket(of: f, shift: shift)
                guard b < buckets else { break }
                var r = Int(starts[b])
                let end = Int(starts[b &+ 1])
                while r < end && features[r] < f { r &+= 1 }
                if r < end && features[r] == f {
                    addRow(level: level, row: rowLo &+ r, value: queryValues[q], into: scores)
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
