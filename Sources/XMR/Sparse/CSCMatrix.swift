/// A sparse matrix of `Float` in compressed sparse column form, with 32-bit row indices.
public struct CSCMatrix: Sendable, Equatable {
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var cols: Int
    /// Start offset of each column in `rowIndices` / `values`; `cols + 1` entries.
    public var colPointers: [Int]
    /// Row index of each stored entry, sorted ascending within a column.
    public var rowIndices: [Int32]
    /// Value of each stored entry.
    public var values: [Float]

    /// Creates a matrix from raw CSC arrays.
    public init(rows: Int, cols: Int, colPointers: [Int], rowIndices: [Int32], values: [Float]) {
        precondition(colPointers.count == cols + 1, "colPointers must have cols + 1 entries")
        precondition(rowIndices.count == values.count, "indices and values must match")
        self.rows = rows
        self.cols = cols
        self.colPointers = colPointers
        self.rowIndices = rowIndices
        self.values = values
    }

    /// Number of stored entries.
    public var nonzeros: Int { colPointers[cols] }

    /// The range of storage offsets belonging to column `j`.
    @inlinable public func range(ofColumn j: Int) -> Range<Int> { colPointers[j]..<colPointers[j + 1] }

    /// The same entries in compressed sparse row form.
    public func toCSR() -> CSRMatrix {
        // A CSC matrix is the CSR form of its transpose; transposing that back gives CSR.
        CSRMatrix(rows: cols, cols: rows, rowPointers: colPointers, columnIndices: rowIndices, values: values)
            .transposed()
    }

    /// The transpose, as CSC (the same arrays read as CSR of the transpose, converted).
    public func transposed() -> CSCMatrix {
        CSRMatrix(rows: cols, cols: rows, rowPointers: colPointers, columnIndices: rowIndices, values: values)
            .toCSC()
    }

    /// The entry at (row, col), or 0 when it is not stored.
    public subscript(row: Int, col: Int) -> Float {
        var lo = colPointers[col], hi = colPointers[col + 1]
        let r = Int32(row)
        while lo < hi {
            let mid = (lo + hi) / 2
            if rowIndices[mid] < r { lo = mid + 1 } else { hi = mid }
        }
        return lo < colPointers[col + 1] && rowIndices[lo] == r ? values[lo] : 0
    }
}
