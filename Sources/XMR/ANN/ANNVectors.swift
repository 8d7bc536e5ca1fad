/// Rows of vectors to index or to search with: sparse CSR rows or dense row-major rows.
public enum ANNVectors: Sendable {
    /// Sparse rows (one vector per row).
    case sparse(CSRMatrix)
    /// Dense rows (one vector per row).
    case dense(DenseMatrix)

    /// Number of vectors.
    public var count: Int {
        switch self {
        case let .sparse(matrix): return matrix.rows
        case let .dense(matrix): return matrix.rows
        }
    }

    /// The vectors' dimension.
    public var dimension: Int {
        switch self {
        case let .sparse(matrix): return matrix.cols
        case let .dense(matrix): return matrix.columns
        }
    }

    /// Whether the rows are dense.
    public var isDense: Bool {
        if case .dense = self { return true }
        return false
    }
}
