/// Scores stored nodes against one current query: the distance side of the graph search.
///
/// Conforming types hold raw pointers into the index image and per-worker scratch memory.
protocol NodeScorer {
    /// How many rows ahead of the one being scored the level search prefetches.
    static var lookahead: Int { get }
    /// The similarity of stored node `node` to the current query (higher is nearer).
    func score(_ node: UInt32) -> Float
    /// Starts fetching the memory that scoring `node` will read (a hint; no effect on results).
    func prefetch(_ node: UInt32)
    /// Starts fetching what finding `node`'s row reads, so that `prefetch(node)` does not wait
    /// for it (a hint).
    func prefetchLocation(_ node: UInt32)
    /// Makes stored node `node` the current query (while building).
    mutating func setQuery(node: UInt32)
    /// Frees the scratch memory.
    func deallocate()
}

/// Stored vectors that hand out scorers, one per worker.
protocol NodeScoring: Sendable {
    /// The scorer type.
    associatedtype Scorer: NodeScorer
    /// A new scorer with its own scratch memory.
    func makeScorer() -> Scorer
}
