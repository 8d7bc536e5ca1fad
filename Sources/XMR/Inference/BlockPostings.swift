/// A block of prepared queries transposed: every nonzero as a posting, sorted by feature and,
/// within a feature, by query, so that one sequential pass visits each feature's queries together.
///
/// Built once per block and shared read-only by the scoring threads for the chunks that most of
/// the block's queries want (the top levels, and every level of a small tree whose beam covers
/// most nodes). A posting's `output` holds its query's index in the block. The queries are cut
/// into segments of `segmentQueries`, each sorted on its own, so that one chunk's work splits
/// into several jobs for the threads.
struct BlockPostings: Sendable {
    /// Queries per segment.
    static let segmentQueries = 1024

    /// The postings, segment by segment; within a segment ascending by feature, then by query.
    let postings: [ChunkMergeScorer.Posting]
    /// `postings[segmentStarts[s] ..< segmentStarts[s + 1]]` are the postings of segment s.
    let segmentStarts: [Int]
    /// The number of queries in the block.
    let queryCount: Int

    /// The number of segments.
    var segmentCount: Int { segmentStarts.count - 1 }

    /// The queries of segment `s`.
    func queries(ofSegment s: Int) -> Range<Int> {
        (s * Self.segmentQueries)..<min(queryCount, (s + 1) * Self.segmentQueries)
    }

    /// The postings of `queries` (`queryCount` of them), with features below `dimension`.
    init(queries: PreparedBatch, queryCount: Int, dimension: Int) {
        var postings: [ChunkMergeScorer.Posting] = []
        var segmentStarts = [0]
        postings.reserveCapacity(queries.indices.count)
        for q in 0..<queryCount {
            for i in queries.pointers[q]..<queries.pointers[q + 1] {
                postings.append(ChunkMergeScorer.Posting(feature: queries.indices[i], value: queries.values[i], output: q))
            }
            if (q + 1) % Self.segmentQueries == 0 || q + 1 == queryCount { segmentStarts.append(postings.count) }
        }
        var scratch = postings
        postings.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                for s in 0..<(segmentStarts.count - 1) where segmentStarts[s + 1] > segmentStarts[s] {
                    let start = segmentStarts[s], count = segmentStarts[s + 1] - start
                    if ChunkMergeScorer.radixSort(a.baseAddress! + start, scratch: b.baseAddress! + start, count: count,
                                                  maxFeature: max(0, dimension - 1)) {
                        (a.baseAddress! + start).update(from: b.baseAddress! + start, count: count)
                    }
                }
            }
        }
        self.postings = postings
        self.segmentStarts = segmentStarts
        self.queryCount = queryCount
    }
}
