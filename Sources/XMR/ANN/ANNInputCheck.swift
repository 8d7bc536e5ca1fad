/// The checks on vectors, queries and search parameters that keep bad input from the hot loops.
enum ANNInputCheck {
    /// Throws unless `vectors` can be indexed with `similarity`.
    static func indexable(_ vectors: ANNVectors, similarity: ANNSimilarity) throws {
        guard vectors.dimension >= 1 else { throw ANNError.invalidInput("the vectors have dimension 0") }
        guard vectors.count >= 1 else { throw ANNError.invalidInput("there are no vectors to index") }
        guard vectors.count < Int(Int32.max) else { throw ANNError.invalidInput("an index holds fewer than 2^31 vectors") }
        if similarity == .l2 && !vectors.isDense {
            throw ANNError.invalidParameter(name: "similarity", message: "l2 needs dense vectors; use ip or cosine for sparse ones")
        }
        try finite(vectors, what: "vector")
    }

    /// The largest `k` a search returns (result buffers are sized by it).
    static let maximumK = 10_000
    /// The largest `ef` a search takes (its candidate heaps are sized by it).
    static let maximumEf = 100_000

    /// Throws unless `k` is 1–`maximumK` and `ef` is 1–`maximumEf`.
    static func searchParameters(k: Int, ef: Int) throws {
        guard k >= 1 else { throw ANNError.invalidParameter(name: "k", message: "must be at least 1, got \(k)") }
        guard ef >= 1 else { throw ANNError.invalidParameter(name: "ef", message: "must be at least 1, got \(ef)") }
        guard k <= maximumK else { throw ANNError.invalidParameter(name: "k", message: "must be at most \(maximumK), got \(k)") }
        guard ef <= maximumEf else { throw ANNError.invalidParameter(name: "ef", message: "must be at most \(maximumEf), got \(ef)") }
    }

    /// Throws unless `queries` are of the index's kind and dimension, with finite values.
    static func queries(_ queries: ANNVectors, for index: HNSWIndex) throws {
        switch queries {
        case let .dense(matrix):
            guard index.isDense else { throw ANNError.invalidInput("the index holds sparse vectors but the queries are dense") }
            guard matrix.columns == index.dimension else {
                throw ANNError.invalidInput("the queries have dimension \(matrix.columns) but the index has \(index.dimension)")
            }
        case let .sparse(matrix):
            guard !index.isDense else { throw ANNError.invalidInput("the index holds dense vectors but the queries are sparse") }
            if let largest = matrix.columnIndices.max(), Int(largest) >= index.dimension {
                throw ANNError.invalidInput("a query has feature \(largest) but the index has dimension \(index.dimension)")
            }
        }
        try finite(queries, what: "query")
    }

    /// Throws naming the first row with a NaN or infinite value.
    private static func finite(_ vectors: ANNVectors, what: String) throws {
        switch vectors {
        case let .dense(matrix):
            if let bad = matrix.values.firstIndex(where: { !$0.isFinite }) {
                throw ANNError.invalidInput("\(what) \(bad / matrix.columns) has a value that is not finite")
            }
        case let .sparse(matrix):
            if let bad = matrix.values.firstIndex(where: { !$0.isFinite }) {
                let row = matrix.rowPointers.lastIndex { $0 <= bad } ?? 0
                throw ANNError.invalidInput("\(what) \(row) has a value that is not finite")
            }
        }
    }
}
