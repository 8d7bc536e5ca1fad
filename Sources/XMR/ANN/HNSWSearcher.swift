/// Searches one `HNSWIndex` from one thread, reusing its scratch memory from query to query.
///
/// Not thread-safe: make one per thread with `HNSWIndex.makeSearcher()`.
public final class HNSWSearcher {
    /// The index searched.
    public let index: HNSWIndex
    private let graph: HNSWGraph
    private var visited: VisitedMarks
    private var candidates: ScoreHeap
    private var results: ScoreHeap
    private var sparse: SparseRowScorer?
    private var dense: DenseRowScorer?

    init(index: HNSWIndex) {
        self.index = index
        graph = index.graph
        visited = VisitedMarks(count: index.count)
        candidates = ScoreHeap(capacity: 1024)
        results = ScoreHeap(capacity: 512)
        if index.isDense { dense = index.denseRows.makeScorer() } else { sparse = index.sparseRows.makeScorer() }
    }

    deinit {
        visited.deallocate()
        candidates.deallocate()
        results.deallocate()
        sparse?.deallocate()
        dense?.deallocate()
    }

    /// The `k` nearest indexed vectors to a sparse query, best first (candidate list `max(ef, k)`).
    public func search(_ query: SparseVector, k: Int, ef: Int) throws -> [ANNNeighbor] {
        let matrix = CSRMatrix(rows: [query], cols: query.dimension)
        return try search(.sparse(matrix), k: k, ef: ef)
    }

    /// The `k` nearest indexed vectors to a dense query, best first (candidate list `max(ef, k)`).
    public func search(dense query: [Float], k: Int, ef: Int) throws -> [ANNNeighbor] {
        guard !query.isEmpty else { throw ANNError.invalidInput("the query is empty") }
        return try search(.dense(DenseMatrix(rows: 1, columns: query.count, values: query)), k: k, ef: ef)
    }

    private func search(_ query: ANNVectors, k: Int, ef: Int) throws -> [ANNNeighbor] {
        try ANNInputCheck.searchParameters(k: k, ef: ef)
        try ANNInputCheck.queries(query, for: index)
        var ids = [Int32](repeating: -1, count: k)
        var scores = [Float](repeating: 0, count: k)
        let found = ids.withUnsafeMutableBufferPointer { i in
            scores.withUnsafeMutableBufferPointer { s in
                searchRow(0, of: query, k: k, ef: ef, ids: i.baseAddress!, scores: s.baseAddress!)
            }
        }
        return (0..<found).map { ANNNeighbor(id: Int(ids[$0]), score: scores[$0]) }
    }

    /// Searches with row `row` of already checked `queries`; writes best first, returns how many.
    @discardableResult
    func searchRow(_ row: Int, of queries: ANNVectors, k: Int, ef: Int,
                   ids: UnsafeMutablePointer<Int32>, scores: UnsafeMutablePointer<Float>) -> Int {
        let cosine = index.similarity == .cosine
        switch queries {
        case let .sparse(matrix):
            let r = matrix.range(ofRow: row)
            matrix.columnIndices.withUnsafeBufferPointer { c in
                matrix.values.withUnsafeBufferPointer { v in
                    let indices = c.nonNullBaseAddress + r.lowerBound, values = v.nonNullBaseAddress + r.lowerBound
                    let scale = cosine && !r.isEmpty ? ANNVectorCopy.inverseNorm(values, r.count) : 1
                    sparse!.setQuery(indices: indices, values: values, count: r.count, scale: scale)
                }
            }
            return run(sparse!, k: k, ef: ef, ids: ids, scores: scores)
        case let .dense(matrix):
            let dimension = matrix.columns
            matrix.withUnsafeBufferPointer { v in
                let start = v.baseAddress! + row * dimension
                dense!.setQuery(values: start, scale: cosine ? ANNVectorCopy.inverseNorm(start, dimension) : 1)
            }
            return run(dense!, k: k, ef: ef, ids: ids, scores: scores)
        }
    }

    private func run<S: NodeScorer>(_ scorer: S, k: Int, ef: Int, ids: UnsafeMutablePointer<Int32>,
                                    scores: UnsafeMutablePointer<Float>) -> Int {
        HNSWLayerSearch.nearest(scorer, graph, entry: UInt32(index.header.entryPoint), maxLevel: index.header.maxLevel,
                                k: k, ef: ef, visited: &visited, candidates: &candidates, results: &results,
                                ids: ids, scores: scores)
    }
}
