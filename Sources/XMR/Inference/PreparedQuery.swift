/// A query ready for scoring: normalized if the model wants it, bias appended, unknown features dropped.
struct PreparedQuery: Sendable {
    /// Feature ids, ascending (the bias id `featureCount` last when a bias is used).
    var indices: [Int32]
    /// Values.
    var values: [Float]

    /// Prepares `x` for a model with `featureCount` features.
    init(_ x: SparseVector, featureCount: Int, normalize: Bool, bias: Float) {
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(x.nonzeros + 1)
        values.reserveCapacity(x.nonzeros + 1)
        var norm: Float = 0
        for (j, v) in zip(x.indices, x.values) where j >= 0 && Int(j) < featureCount && v != 0 {
            indices.append(j)
            values.append(v)
            norm += v * v
        }
        if normalize && norm > 0 {
            let scale = 1 / norm.squareRoot()
            for i in values.indices { values[i] *= scale }
        }
        if bias > 0 {
            indices.append(Int32(featureCount))
            values.append(bias)
        }
        self.indices = indices
        self.values = values
    }

    /// Prepares row `i` of `matrix`.
    init(row i: Int, of matrix: CSRMatrix, featureCount: Int, normalize: Bool, bias: Float) {
        let r = matrix.range(ofRow: i)
        self.init(SparseVector(dimension: matrix.cols, indices: Array(matrix.columnIndices[r]), values: Array(matrix.values[r])),
                  featureCount: featureCount, normalize: normalize, bias: bias)
    }
}
