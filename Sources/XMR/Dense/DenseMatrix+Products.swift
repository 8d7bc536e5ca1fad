extension DenseMatrix {
    /// The product `self · otherᵀ` (rows × other.rows): every row of `self` dotted with every row of `other`, through `cblas_sgemm`.
    public func timesTransposed(_ other: DenseMatrix) throws -> DenseMatrix {
        guard columns == other.columns else {
            throw XRLinearError.invalidInput("cannot multiply a \(rows) × \(columns) matrix by the transpose of a \(other.rows) × \(other.columns) one")
        }
        var result = DenseMatrix(rows: rows, columns: other.rows)
        guard columns > 0 else { return result }
        let (m, n, k) = (rows, other.rows, columns)
        withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    guard let aBase = a.baseAddress, let bBase = b.baseAddress, let cBase = c.baseAddress else { return }
                    BLAS.multiply(m: m, n: n, k: k, a: aBase, lda: k, b: bBase, ldb: k, transposeB: true, c: cBase, ldc: n)
                }
            }
        }
        return result
    }
}
