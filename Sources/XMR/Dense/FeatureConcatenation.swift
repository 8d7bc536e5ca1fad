/// [sparse ⊕ dense] feature rows as XR-Transformer's final ranker reads them: each part
/// l2-normalized, the two side by side, then the row renormalized (each part weighs 1/√2).
public enum FeatureConcatenation {
    /// The rows of `sparse` (columns 0..<sparse.cols) followed by those of `dense`
    /// (columns sparse.cols..<sparse.cols + dense.columns), as one CSR matrix.
    ///
    /// A part whose row is all zeros stays zero and the other part then has norm 1.
    public static func concatenate(_ sparse: CSRMatrix, _ dense: DenseMatrix) throws -> CSRMatrix {
        guard sparse.rows == dense.rows else {
            throw XRLinearError.invalidInput("cannot concatenate \(sparse.rows) sparse rows with \(dense.rows) dense rows")
        }
        let width = dense.columns
        var rowPointers = [0]
        rowPointers.reserveCapacity(sparse.rows + 1)
        var columns: [Int32] = [], values: [Float] = []
        columns.reserveCapacity(sparse.values.count + dense.rows * width)
        values.reserveCapacity(columns.capacity)
        for r in 0..<sparse.rows {
            let range = sparse.rowPointers[r]..<sparse.rowPointers[r + 1]
            var sparseNorm: Float = 0
            for k in range { sparseNorm += sparse.values[k] * sparse.values[k] }
            var denseNorm: Float = 0
            for v in dense.row(r) { denseNorm += v * v }
            sparseNorm = sparseNorm.squareRoot()
            denseNorm = denseNorm.squareRoot()
            let parts = Float((sparseNorm > 0 ? 1 : 0) + (denseNorm > 0 ? 1 : 0))
            let rowScale = parts > 0 ? 1 / parts.squareRoot() : 0
            if sparseNorm > 0 {
                let scale = rowScale / sparseNorm
                for k in range where sparse.values[k] != 0 {
                    columns.append(sparse.columnIndices[k])
                    values.append(sparse.values[k] * scale)
                }
            }
            if denseNorm > 0 {
                let scale = rowScale / denseNorm
                for (c, v) in dense.row(r).enumerated() where v != 0 {
                    columns.append(Int32(sparse.cols + c))
                    values.append(v * scale)
                }
            }
            rowPointers.append(values.count)
        }
        return CSRMatrix(rows: sparse.rows, cols: sparse.cols + width, rowPointers: rowPointers,
                         columnIndices: columns, values: values)
    }

    /// The rows of `dense` as a CSR matrix, each scaled to unit l2 norm (all-zero rows stay empty).
    public static func rows(of dense: DenseMatrix) throws -> CSRMatrix {
        try concatenate(CSRMatrix(rows: dense.rows, cols: 0), dense)
    }
}
