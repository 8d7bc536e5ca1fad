/// Rows of vectors to index or to search with: sparse CSR rows or dense row-major rows.
public enum ANNVectors: Sendable {
    /// Sparse rows (one vector per row).
    case sparse(CSRMatrix)
    /// Dense rows: `values` holds `rows × dimension` floats, row after row.
    case dense(values: [Float], dimension: Int)

    /// Number of vectors.
    public var count: Int {
        switch self {
        case let .sparse(matrix): return matrix.rows
        case let .dense(values, dimension): return dimension > 0 ? values.count / dimension : 0
        }
    }

    /// The vectors' dimension.
    public var dimension: Int {
        switch self {
        case let .sparse(matrix): return matrix.cols
        case let .dense(_, dimension): return dimension
        }
    }

    /// Whether the rows are dense.
    public var isDense: Bool {
        if case .dense = self { return true }
        return false
    }
}
