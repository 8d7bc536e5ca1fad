/// A block of queries prepared for scoring and stored back to back.
struct PreparedBatch: Sendable {
    /// `pointers[q] ..< pointers[q + 1]` are query q's entries.
    let pointers: [Int]
    /// Feature ids, ascending within a query (the bias id last when a bias is used).
    let indices: [Int32]
    /// Values.
    let values: [Float]

    /// Prepares rows `rows` of `features` the way `preparation` prepares a single query.
    init(preparation: QueryPreparation, features: CSRMatrix, rows: Range<Int>) {
        var pointers = [0]
        pointers.reserveCapacity(rows.count + 1)
        var indices: [Int32] = [], values: [Float] = []
        for i in rows {
            let query = preparation.prepare(row: i, of: features)
            indices.append(contentsOf: query.indices)
            values.append(contentsOf: query.values)
            pointers.append(indices.count)
        }
        self.pointers = pointers
        self.indices = indices
        self.values = values
    }

    /// Raw pointers to a batch's arrays, valid inside `withPointers`.
    struct Pointers: @unchecked Sendable {
        // Read-only and shared across scoring threads while `withPointers` keeps the arrays alive.
        let pointers: UnsafePointer<Int>
        let indices: UnsafePointer<Int32>
        let values: UnsafePointer<Float>

        /// Query q's feature ids.
        @inline(__always)
        func indices(of q: Int) -> UnsafeBufferPointer<Int32> {
            UnsafeBufferPointer(start: indices + pointers[q], count: pointers[q + 1] - pointers[q])
        }

        /// Query q's values.
        @inline(__always)
        func values(of q: Int) -> UnsafeBufferPointer<Float> {
            UnsafeBufferPointer(start: values + pointers[q], count: pointers[q + 1] - pointers[q])
        }
    }

    /// Calls `body` with raw pointers to this batch's arrays.
    func withPointers<R>(_ body: (Pointers) throws -> R) rethrows -> R {
        try pointers.withUnsafeBufferPointer { p in
            try indices.withUnsafeBufferPointer { i in
                try values.withUnsafeBufferPointer { v in
                    try body(Pointers(pointers: p.baseAddress!, indices: i.nonNullBaseAddress,
                                      values: v.nonNullBaseAddress))
                }
            }
        }
    }
}
