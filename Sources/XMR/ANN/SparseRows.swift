/// Sparse stored vectors in an index image: 64-bit row pointers, 32-bit indices and float values.
struct SparseRows: NodeScoring, @unchecked Sendable {
    /// Number of rows.
    let rows: Int
    /// The vectors' dimension.
    let dimension: Int
    /// Start of each row; `rows + 1` entries.
    let rowPointers: UnsafePointer<UInt64>
    /// The column index of each stored entry.
    let indices: UnsafePointer<Int32>
    /// The value of each stored entry.
    let values: UnsafePointer<Float>

    /// A scorer that scatters its query into a dense scratch array of `dimension` floats.
    func makeScorer() -> SparseRowScorer { SparseRowScorer(rows: self) }
}
