/// Raw read-only pointers into a `CSRMatrix`, for hot loops that run inside `withUnsafeRows`.
///
/// Only valid inside the closure that produced it.
struct CSRRowsView: @unchecked Sendable {
    // Safe to share across threads: the pointers are only read, and the matrix they point into
    // is kept alive by the enclosing `withUnsafeRows` call for as long as the view is used.
    let rows: Int
    let cols: Int
    let rowPointers: UnsafeBufferPointer<Int>
    let columnIndices: UnsafeBufferPointer<Int32>
    let values: UnsafeBufferPointer<Float>
}

extension CSRMatrix {
    /// Calls `body` with raw pointers to this matrix's arrays.
    func withUnsafeRows<R>(_ body: (CSRRowsView) throws -> R) rethrows -> R {
        try rowPointers.withUnsafeBufferPointer { rp in
            try columnIndices.withUnsafeBufferPointer { ci in
                try values.withUnsafeBufferPointer { vv in
                    try body(CSRRowsView(rows: rows, cols: cols, rowPointers: rp, columnIndices: ci, values: vv))
                }
            }
        }
    }
}
