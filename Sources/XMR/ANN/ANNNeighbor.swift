/// One neighbour found by an index search: the stored row's 0-based id and its similarity score.
public struct ANNNeighbor: Sendable, Equatable {
    /// The 0-based row id in the indexed vectors.
    public var id: Int
    /// The similarity to the query (higher is nearer; for `.l2` the negated squared distance).
    public var score: Float

    /// A neighbour with `id` and `score`.
    public init(id: Int, score: Float) {
        self.id = id
        self.score = score
    }
}
