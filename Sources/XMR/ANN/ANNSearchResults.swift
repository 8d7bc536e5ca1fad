/// The neighbours of a batch of queries: `k` slots per query, best first.
public struct ANNSearchResults: Sendable, Equatable {
    /// Number of queries.
    public let queryCount: Int
    /// Slots per query.
    public let k: Int
    /// `queryCount × k` row ids, -1 in slots left empty (an index with fewer than `k` vectors).
    public let ids: [Int32]
    /// The scores beside `ids` (0 in empty slots).
    public let scores: [Float]

    /// Results from their flat arrays.
    public init(queryCount: Int, k: Int, ids: [Int32], scores: [Float]) {
        precondition(ids.count == queryCount * k && scores.count == ids.count, "result arrays must hold queryCount × k slots")
        self.queryCount = queryCount
        self.k = k
        self.ids = ids
        self.scores = scores
    }

    /// The neighbours found for query `query`, best first.
    public func neighbors(ofQuery query: Int) -> [ANNNeighbor] {
        (query * k..<(query + 1) * k).compactMap { ids[$0] >= 0 ? ANNNeighbor(id: Int(ids[$0]), score: scores[$0]) : nil }
    }
}
