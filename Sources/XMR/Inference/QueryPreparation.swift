/// How a linear stage turns a raw feature row into a scored query: drop unknown features,
/// l2-normalize when the model does, append the bias.
struct QueryPreparation: Sendable {
    /// Input features (without the bias).
    let featureCount: Int
    /// Whether rows are scaled to unit l2 norm.
    let normalize: Bool
    /// The bias feature's value (0 = none).
    let bias: Float

    /// The prepared form of `x`.
    func prepare(_ x: SparseVector) -> PreparedQuery {
        PreparedQuery(x, featureCount: featureCount, normalize: normalize, bias: bias)
    }

    /// The prepared form of row `i` of `matrix`.
    func prepare(row i: Int, of matrix: CSRMatrix) -> PreparedQuery {
        PreparedQuery(row: i, of: matrix, featureCount: featureCount, normalize: normalize, bias: bias)
    }
}
